import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// The name index's vocabulary table of migration v015 (`name_term`): it holds exactly the terms
/// fts5vocab lists for the words and skeletons columns, after intake and after the migration
/// fills it for an older index.
@Suite struct NameTermTests {
    /// The (column, term) pairs of the table and of fts5vocab, sorted.
    static func bothVocabularies(_ database: HotlineDatabase) throws -> (table: [String], fts: [String]) {
        try database.write { db in
            let table = try String.fetchAll(db, sql: "SELECT col || ':' || term FROM name_term ORDER BY 1")
            try db.execute(
                sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, name_search, col)")
            let fts = try String.fetchAll(
                db,
                sql: """
                    SELECT col || ':' || term FROM temp.vocabulary WHERE col IN ('words', 'skeletons') ORDER BY 1
                    """)
            try db.execute(sql: "DROP TABLE temp.vocabulary")
            return (table, fts)
        }
    }

    @Test func intakeKeepsTheVocabularyInStepWithTheIndex() throws {
        let f = try Fixture()
        _ = try NamePairsTests.loggedNames(f)
        // Initials, diacritics, decomposed letters, Ukrainian, a unit.
        for name in ["Петров И. С.", "Žukauskas Jonas", "Ĭvanov Ĭ", "Ґава Їжак Євгенович", "O'Neil Sean"] {
            try f.log(draft(person: name, region: "RU-MOW", contacts: []), at: Date())
        }
        let (table, fts) = try Self.bothVocabularies(f.database)
        #expect(table.count > 500)
        #expect(table == fts, "in one only: \(Set(table).symmetricDifference(fts).sorted().prefix(20))")
    }

    @Test func migrationV016FillsTheVocabularyOfAnOlderIndex() throws {
        let f = try Fixture()
        _ = try NamePairsTests.loggedNames(f)
        try f.database.write { db in
            try db.execute(sql: "DROP TABLE name_term")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v015_vocabulary'")
        }
        let reopened = try HotlineDatabase.open(path: f.path)
        let (table, fts) = try Self.bothVocabularies(reopened)
        #expect(table.count > 500)
        #expect(table == fts)
    }
}
