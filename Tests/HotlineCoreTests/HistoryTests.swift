import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// A case's history is the record of who did what: it can be added to, never rewritten.
@Suite struct HistoryTests {
    @Test func historyEntryCannotBeUpdated() throws {
        // Given a case with history
        let fixture = try Fixture()
        try fixture.log(draft())
        let before = try fixture.snapshot()
        // When anyone rewrites what a history entry says, even with raw SQL
        for sql in [
            "UPDATE case_history SET operator = 'someone else'",
            "UPDATE case_history SET note = NULL WHERE kind = 'inquiry'",
            "UPDATE case_history SET to_value = 'closed' WHERE kind = 'opened'",
            "UPDATE case_history SET at = '2000-01-01 00:00:00.000'",
            "UPDATE case_history SET kind = 'note'",
        ] {
            let error = #expect(throws: HotlineError.self) {
                try fixture.database.write { db in try db.execute(sql: sql) }
            }
            // Then the database refuses
            #expect(error?.databaseMessage == "case history is append-only", "\(sql)")
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func historyEntryCannotBeDeleted() throws {
        let fixture = try Fixture()
        try fixture.log(draft())
        let before = try fixture.snapshot()
        for sql in ["DELETE FROM case_history", "DELETE FROM case_history WHERE kind = 'opened'"] {
            let error = #expect(throws: HotlineError.self) {
                try fixture.database.write { db in try db.execute(sql: sql) }
            }
            #expect(error?.databaseMessage == "case history is append-only", "\(sql)")
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func historyOnlyGrowsAsACaseIsWorkedOn() throws {
        // Given a case worked on over an afternoon
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        var seen = try fixture.snapshot().lines.filter { $0.hasPrefix("case_history:") }
        for (step, status) in ["searching", "located", "reunited", "searching"].enumerated() {
            try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: status), at: minutes(step + 1))
            // Then each step keeps every earlier entry as it was and adds one
            let now = try fixture.snapshot().lines.filter { $0.hasPrefix("case_history:") }
            #expect(now.count == seen.count + 1)
            #expect(Set(seen).isSubset(of: Set(now)))
            seen = now
        }
    }

    @Test func historyKindIsOneOfTheKnownKinds() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        let caseId = try #require(try fixture.rows("SELECT id FROM person_case").first?["id"] as Int64?)
        let refused = #expect(throws: HotlineError.self) {
            try fixture.database.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO case_history (case_id, at, operator, kind) VALUES (?, '2024-01-01 00:00:00.000', 'x', 'deleted')",
                    arguments: [caseId])
            }
        }
        #expect(refused?.databaseMessage != nil, "SQLite refused it: \(String(describing: refused))")
        #expect(try fixture.detail(logged.ref).history.count == 2)
    }
}
