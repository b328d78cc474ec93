import Foundation
import GRDB

/// One thing `db check` found wrong.
public struct CheckProblem: Encodable, Sendable, Equatable, CustomStringConvertible {
    /// Which check found it.
    public let check: String
    public let detail: String
    public var description: String { "\(check): \(detail)" }
}

extension Hotline {
    /// SQLite's integrity and foreign-key checks, then hotline's own invariants: every case
    /// (but a merged duplicate) has an inquiry and the right count of them, every status is in
    /// the lifecycle, and each case's own trail of status changes is unbroken and ends at its
    /// status (entries a merge moved in keep their own trail). An empty list means all is well.
    public func checkDatabase(by actor: OperatorName) throws -> [CheckProblem] {
        try Self.reportingDamage {
            try database.read { db in
                try authorize(actor, as: .admin, in: db)
                return try Self.allProblems(in: db, lifecycle: rules.lifecycle)
            }
        }
    }

    /// The checks themselves, also run on a file before `restore` takes it.
    static func problems(in db: Database, lifecycle: Lifecycle, limit: Int = 50) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
        func add(_ check: String, _ sql: String, arguments: StatementArguments = [], _ describe: (Row) -> String)
            throws
        {
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next(), problems.count < limit {
                problems.append(.init(check: check, detail: describe(row)))
            }
        }
        try add("integrity", "PRAGMA integrity_check") { row in row[0] }
        problems.removeAll { $0.check == "integrity" && $0.detail == "ok" }
        guard problems.isEmpty else { return problems }  // the rest would read a damaged file
        try add("foreign keys", "PRAGMA foreign_key_check") { row in
            "a row of \(row[0] as String? ?? "?") (rowid \(row[1] as Int64? ?? 0)) points at a missing \(row[2] as String? ?? "?")"
        }
        guard try db.tableExists("person_case") else {
            return problems + [
                CheckProblem(check: "schema", detail: "this is not a hotline database (no person_case table)")
            ]
        }
        try add(
            "inquiries",
            """
            SELECT ref FROM person_case WHERE merged_into IS NULL
            AND NOT EXISTS (SELECT 1 FROM inquiry WHERE inquiry.case_id = person_case.id)
            """
        ) { row in "case \(row[0] as String) has no inquiry" }
        try add(
            "inquiry count",
            """
            SELECT ref, inquiry_count, (SELECT count(*) FROM inquiry WHERE case_id = person_case.id) AS actual
            FROM person_case WHERE inquiry_count <> actual
            """
        ) { row in "case \(row[0] as String) records \(row[1] as Int) inquiries but has \(row[2] as Int)" }
        let statuses = lifecycle.statuses.map(\.name)
        try add(
            "status",
            "SELECT ref, status FROM person_case WHERE status NOT IN (SELECT value FROM json_each(?))",
            arguments: [String(decoding: try JSONEncoder().encode(statuses), as: UTF8.self)]
        ) { row in "case \(row[0] as String) has status '\(row[1] as String)', which the lifecycle does not list" }
        try add(
            "history",
            """
            SELECT ref, status,
                (SELECT to_value FROM case_history h WHERE h.case_id = person_case.id AND h.moved_from IS NULL
                 AND h.kind IN ('opened', 'status') ORDER BY h.id DESC LIMIT 1) AS recorded
            FROM person_case WHERE merged_into IS NULL AND recorded IS NOT status
            """
        ) { row in
            "case \(row[0] as String) is '\(row[1] as String)' but its history ends at '\(row[2] as String? ?? "nothing")'"
        }
        try add(
            "history",
            """
            SELECT person_case.ref, trail.from_value, trail.previous FROM (
                SELECT case_id, kind, from_value,
                    LAG(to_value) OVER (PARTITION BY case_id, moved_from ORDER BY id) AS previous
                FROM case_history WHERE kind IN ('opened', 'status')) AS trail
            JOIN person_case ON person_case.id = trail.case_id
            WHERE trail.kind = 'status' AND trail.from_value IS NOT trail.previous
            """
        ) { row in
            "case \(row[0] as String): a status change from '\(row[1] as String? ?? "?")' follows '\(row[2] as String? ?? "nothing")'"
        }
        problems += try damageProblems(in: db, limit: limit - problems.count)
        return problems
    }
}
