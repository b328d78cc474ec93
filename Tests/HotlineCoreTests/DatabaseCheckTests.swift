import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// `db check`'s every invariant check at once, on one file broken behind hotline's back in one
/// way per check: each problem is found, in words, in the order the checks run.
@Suite struct DatabaseCheckTests {
    @Test func everyInvariantCheckFindsItsProblem() throws {
        let fixture = try Fixture()
        let counted = try fixture.log(draft(person: "A")).ref
        let lost = try fixture.log(draft(person: "B")).ref
        let trail = try fixture.log(draft(person: "C")).ref
        let born = try fixture.log(draft(person: "D")).ref
        try fixture.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO contact (inquirer_id, kind, value) VALUES (9999, 'other', 'x')")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "UPDATE person_case SET inquiry_count = 5 WHERE ref = ?", arguments: [counted])
            try db.execute(sql: "UPDATE person_case SET status = 'lost' WHERE ref = ?", arguments: [lost])
            try db.execute(
                sql: """
                    INSERT INTO case_history (case_id, at, operator, kind, from_value, to_value)
                    SELECT id, '2024-05-30 00:00:00.000', 'anna', 'status', 'located', 'searching'
                    FROM person_case WHERE ref = ?
                    """, arguments: [trail])
            try db.execute(sql: "UPDATE person_case SET status = 'searching' WHERE ref = ?", arguments: [trail])
            try db.execute(sql: "UPDATE person_case SET born = '2024-02-30' WHERE ref = ?", arguments: [born])
            try db.execute(
                sql: """
                    INSERT INTO person_case (ref, person_name, region, status, opened_at, opened_by, last_activity_at,
                        last_inquiry_at, inquiry_count)
                    VALUES ('1234-5678', 'Ghost', 'RU-KRS', 'new', '2026-01-01', 'x', '2026-01-01', '2026-01-01', 0)
                    """)
        }

        let problems = try fixture.hotline().checkDatabase(by: OperatorName("anna")).map(\.description)

        #expect(
            problems == [
                "foreign keys: a row of contact (rowid 2) points at a missing inquirer",
                "inquiries: case 1234-5678 has no inquiry",
                "inquiry count: case \(counted) records 5 inquiries but has 1",
                "status: case \(lost) has status 'lost', which the lifecycle does not list",
                "history: case \(lost) is 'lost' but its history ends at 'new'",
                "history: case 1234-5678 is 'new' but its history ends at 'nothing'",
                "history: case \(trail): a status change from 'located' follows 'new'",
                "reference: case reference '1234-5678': the check digit does not match",
                "born: case \(born): born '2024-02-30' is impossible (there is no such day in the calendar)",
                "name index: case 1234-5678: the person name 'Ghost' has no name entry: search cannot find the case by it",
            ])
    }

    @Test func theChecksStopAtTheirLimit() throws {
        let fixture = try Fixture()
        for index in 0..<60 { try fixture.log(draft(person: "P\(index)")) }
        try fixture.database.write { db in try db.execute(sql: "UPDATE person_case SET inquiry_count = 7") }
        let problems = try fixture.hotline().checkDatabase(by: OperatorName("anna"))
        #expect(problems.count == 50)
        #expect(problems.allSatisfy { $0.check == "inquiry count" })
    }
}
