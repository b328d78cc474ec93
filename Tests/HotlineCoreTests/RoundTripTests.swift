import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// Names are stored exactly as entered: a family must find the spelling they gave, byte for byte.
@Suite struct RoundTripTests {
    static let names = [
        "Иванов Пётр Сергеевич",
        "Шевченко Тарас Григорович",
        "Ёлкин Й. Й.",
        "Е\u{0308}лкин И\u{0306}",  // the same letters decomposed, which must not be recomposed
        "O'Brien \"Jack\" D’Artagnan",
        "Jean-Luc O\u{2019}Neil «Джек»",
        "\"; DROP TABLE person_case; --",
        "Мама 👩‍👧‍👦 🇺🇦",
        "שלום\u{200F} Коган",
        "Zoë Ünal Øster",
    ]

    @Test(arguments: names)
    func nameRoundTripsExactly(name: String) throws {
        // Given a name in any script, with apostrophes, quotes or emoji
        let fixture = try Fixture()
        // When it is logged as the person sought, the inquirer, the unit and the note
        let logged = try fixture.log(
            draft(person: name, unit: name, inquirer: name, contacts: ["address:\(name)"], note: name))

        // Then SQLite holds exactly its UTF-8 bytes, in every column
        let hex = Array(name.utf8).map { String(format: "%02X", $0) }.joined()
        let stored = try fixture.strings(
            """
            SELECT hex(person_name) FROM person_case UNION ALL SELECT hex(unit) FROM person_case
            UNION ALL SELECT hex(name) FROM inquirer UNION ALL SELECT hex(value) FROM contact
            UNION ALL SELECT hex(person_name) FROM inquiry UNION ALL SELECT hex(unit) FROM inquiry
            UNION ALL SELECT hex(note) FROM inquiry
            """)
        #expect(stored == Array(repeating: hex, count: 7))

        // And it comes back byte for byte through the service
        let detail = try fixture.detail(logged.ref)
        #expect(Array(detail.person.utf8) == Array(name.utf8))
        #expect(Array((detail.unit ?? "").utf8) == Array(name.utf8))
        let inquiry = try #require(detail.inquiries.first)
        #expect(Array(inquiry.person.utf8) == Array(name.utf8))
        #expect(Array(inquiry.inquirer.name.utf8) == Array(name.utf8))
        #expect(Array((inquiry.note ?? "").utf8) == Array(name.utf8))
        #expect(Array((inquiry.inquirer.contacts.first?.value ?? "").utf8) == Array(name.utf8))
        let summary = try #require(try fixture.cases().first)
        #expect(Array(summary.person.utf8) == Array(name.utf8))
    }

    @Test func composedAndDecomposedSpellingsStayDistinct() throws {
        // Given the same name typed composed (NFC) and decomposed (NFD)
        let composed = "Йовович"
        let decomposed = "И\u{0306}овович"
        #expect(composed.utf8.count != decomposed.utf8.count)
        let fixture = try Fixture()
        let a = try fixture.log(draft(person: composed))
        let b = try fixture.log(draft(person: decomposed), at: minutes(1))
        // Then each is stored as typed
        #expect(Array(try fixture.detail(a.ref).person.utf8) == Array(composed.utf8))
        #expect(Array(try fixture.detail(b.ref).person.utf8) == Array(decomposed.utf8))
    }

    /// Recorded in the canonical form (lower case, NFKC) since issue 10: the same bytes
    /// wherever the name appears. (An emoji joined with U+200D is now refused: invisible.)
    @Test func operatorNameRoundTripsInItsCanonicalForm() throws {
        let fixture = try Fixture()
        let name = "ольга о'нил 👩"
        let logged = try fixture.log(draft(), by: "Ольга О'Нил 👩")
        let detail = try fixture.detail(logged.ref)
        #expect(Array(detail.openedBy.utf8) == Array(name.utf8))
        #expect(detail.history.allSatisfy { Array($0.by.utf8) == Array(name.utf8) })
        #expect(
            try fixture.strings("SELECT operator FROM inquiry").map { $0.map { Array($0.utf8) } } == [Array(name.utf8)])
    }
}
