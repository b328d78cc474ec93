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
        let store = db.checks
        var problems: [CheckProblem] = []
        /// What one check found, in words, up to the limit of all of them together.
        func add<Found>(_ check: String, _ find: (Int) throws -> [Found], _ describe: (Found) -> String) throws {
            guard problems.count < limit else { return }
            problems += try find(limit - problems.count).map { CheckProblem(check: check, detail: describe($0)) }
        }
        try add("integrity", store.integrityMessages) { $0 }
        guard problems.isEmpty else { return problems }  // the rest would read a damaged file
        try add("foreign keys", store.foreignKeyViolations) { row in
            "a row of \(row.table ?? "?") (rowid \(row.rowid ?? 0)) points at a missing \(row.parent ?? "?")"
        }
        guard try store.hasCaseTable() else {
            return problems + [
                CheckProblem(check: "schema", detail: "this is not a hotline database (no person_case table)")
            ]
        }
        try add("inquiries", store.casesWithoutInquiry) { ref in "case \(ref) has no inquiry" }
        try add("inquiry count", store.inquiryCountMismatches) { row in
            "case \(row.ref) records \(row.recorded) inquiries but has \(row.actual)"
        }
        let statuses = lifecycle.statuses.map(\.name)
        try add("status", { try store.cases(withStatusNotIn: statuses, limit: $0) }) { row in
            "case \(row.ref) has status '\(row.status)', which the lifecycle does not list"
        }
        try add("history", store.historyEndMismatches) { row in
            "case \(row.ref) is '\(row.status)' but its history ends at '\(row.recorded ?? "nothing")'"
        }
        try add("history", store.brokenStatusTrails) { row in
            "case \(row.ref): a status change from '\(row.from ?? "?")' follows '\(row.previous ?? "nothing")'"
        }
        problems += try damageProblems(in: db, limit: limit - problems.count)
        return problems
    }
}
