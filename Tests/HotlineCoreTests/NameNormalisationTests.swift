import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// Names typed with combining marks fold as their precomposed forms (issue 14, item 3), and
/// a database indexed before v007 gets the index rebuilt (initial tokens) when opened.
@Suite struct NameNormalisationTests {
    /// Every Cyrillic letter of Russian and Ukrainian, and the Latin letters with marks the
    /// romanisations use (ISO 9, scholarly, ALA-LC, Ukrainian national, German, Polish, French).
    static let letters =
        "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя"
        + "šžčŝâûêëèéìíïĭîôöüùúñńśźżćǵĕěřůýÿàáäãåçőű"

    @Test func everyLetterDecomposedFoldsAsItsComposedForm() {
        for letter in Self.letters {
            for name in ["\(letter)ова", "Ко\(letter)ал", "Ив\(letter)", String(letter).uppercased() + "ен"] {
                let decomposed = name.decomposedStringWithCanonicalMapping
                #expect(NameFolding.words(decomposed) == NameFolding.words(name), "\(name)")
                #expect(NameFolding.readings(decomposed) == NameFolding.readings(name), "\(name)")
                #expect(NameFolding.key(decomposed) == NameFolding.key(name), "\(name)")
            }
        }
    }

    @Test func aMarkWithoutAComposedLetterIsLeftOut() {
        // ALA-LC's tie bar (U+0361) joins t and s: `Kot͡siubynsʹkyĭ` is Коцюбинський.
        #expect(NameFolding.key("Kot\u{0361}siubyns\u{02B9}kyi\u{0306}") == NameFolding.key("Kotsiubynskyi"))
        #expect(NameFolding.key("Z\u{030C}ukov") == NameFolding.key("Žukov"))
    }

    @Test func decomposedInputFindsTheCase() throws {
        let fixture = try Fixture()
        try fixture.log(draft(person: "Ковалёв Никита Йосипович"))
        let query = "Ковалёв Никита Йосипович".decomposedStringWithCanonicalMapping
        #expect(query.unicodeScalars.count > "Ковалёв Никита Йосипович".unicodeScalars.count)
        let hits = try fixture.hotline().search(SearchQuery(text: query), as: try OperatorName("anna"))
        #expect(hits.first?.person == "Ковалёв Никита Йосипович")
    }

    @Test func migrationV007RebuildsAnOldIndex() throws {
        let fixture = try Fixture()
        try fixture.log(draft(person: "Петров Иван Сергеевич", born: "1990-05-01"))
        // The index as before v007: words without initial tokens, and v007 not yet applied.
        try fixture.database.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, folded FROM name_entry")
            try db.execute(sql: "INSERT INTO name_search(name_search) VALUES ('delete-all')")
            for row in rows {
                let folded: String = row["folded"]
                try db.execute(
                    sql: "INSERT INTO name_search (rowid, words, skeletons) VALUES (?, ?, ?)",
                    arguments: [
                        row["id"], folded,
                        folded.split(separator: " ").map { NameFolding.skeleton(String($0)) }
                            .joined(separator: " "),
                    ])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v007_names'")
        }
        let anna = try OperatorName("anna")
        let before = try fixture.hotline().search(SearchQuery(text: "Петров И.С."), as: anna)
        #expect(before.isEmpty)
        let reopened = Hotline(database: try HotlineDatabase.open(path: fixture.path), rules: .shipped, now: { t0 })
        let after = try reopened.search(SearchQuery(text: "Петров И.С."), as: anna)
        #expect(after.first?.person == "Петров Иван Сергеевич")
    }
}
