import Foundation
import GRDB

/// What `db check` reads: SQLite's own checks, and the rows that break one of hotline's
/// invariants, each list at most `limit` long. Read-only; every statement can be interrupted.
protocol CheckStore {
    /// SQLite's integrity check, without its "ok".
    func integrityMessages(limit: Int) throws -> [String]
    /// Rows whose foreign key points at no row: the table, the rowid, the table pointed at.
    func foreignKeyViolations(limit: Int) throws -> [(table: String?, rowid: Int64?, parent: String?)]
    /// Whether the file has hotline's case table at all.
    func hasCaseTable() throws -> Bool
    /// References of cases (not merged) without an inquiry.
    func casesWithoutInquiry(limit: Int) throws -> [String]
    /// Cases whose recorded inquiry count is not the number of their inquiries.
    func inquiryCountMismatches(limit: Int) throws -> [(ref: String, recorded: Int, actual: Int)]
    /// Cases whose status is none of `statuses`.
    func cases(withStatusNotIn statuses: [String], limit: Int) throws -> [(ref: String, status: String)]
    /// Cases (not merged) whose own last status entry is not their status.
    func historyEndMismatches(limit: Int) throws -> [(ref: String, status: String, recorded: String?)]
    /// Status changes whose `from` is not the status the case's own trail reached before them.
    func brokenStatusTrails(limit: Int) throws -> [(ref: String, from: String?, previous: String?)]
    /// Every merge link: the merged case's id and reference, and the id it points at.
    func mergeLinks() throws -> [(id: Int64, ref: String, mergedInto: Int64)]
    /// The references of those of `ids` that are cases.
    func references(ofCaseIds ids: [Int64]) throws -> [Int64: String]
    /// Every stored case reference, to `body` until it returns false.
    func eachReference(_ body: (String) throws -> Bool) throws
    /// Every stored birth date (a case's, then an inquiry's that differs from its case's) with
    /// its case's reference, to `body` until it returns false.
    func eachBirthDate(_ body: (_ ref: String, _ born: String, _ ofInquiry: Bool) throws -> Bool) throws
    /// Whether the name index exists (from v003 on).
    func hasNameIndex() throws -> Bool
    /// Name entries missing from an FTS table (`name_search`, or `name_pairs` where migration
    /// v012 made it: search reads a whole name there): the case, the kind, the name.
    func unindexedNames(limit: Int) throws -> [(ref: String, kind: String, name: String)]
    /// Every case (not merged), in id order, with its name entries and the names its record and
    /// inquiries say it should have (`person`: the person sought, else an inquirer), to `body`
    /// until it returns false. Three statements in case order, merged: ~0.3 s for 100,000 cases.
    func eachCaseWithNames(
        _ body: (
            _ ref: String, _ indexed: [(person: Bool, name: String, folded: String)],
            _ expected: [(person: Bool, name: String)]
        ) throws -> Bool
    ) throws
}

/// The check store on one SQLite read.
struct SQLiteCheckStore: CheckStore {
    let db: Database

    /// At most `limit` rows of `sql`, each made into a value by `make`.
    private func rows<T>(_ sql: String, arguments: StatementArguments = [], limit: Int, _ make: (Row) -> T) throws
        -> [T]
    {
        var found: [T] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while found.count < limit, let row = try cursor.next() { found.append(make(row)) }
        return found
    }

    func integrityMessages(limit: Int) throws -> [String] {
        try rows("PRAGMA integrity_check", limit: limit) { $0[0] as String }.filter { $0 != "ok" }
    }

    func foreignKeyViolations(limit: Int) throws -> [(table: String?, rowid: Int64?, parent: String?)] {
        try rows("PRAGMA foreign_key_check", limit: limit) { ($0[0], $0[1], $0[2]) }
    }

    func hasCaseTable() throws -> Bool { try db.tableExists("person_case") }

    func casesWithoutInquiry(limit: Int) throws -> [String] {
        try rows(
            """
            SELECT ref FROM person_case WHERE merged_into IS NULL
            AND NOT EXISTS (SELECT 1 FROM inquiry WHERE inquiry.case_id = person_case.id)
            """, limit: limit
        ) { $0[0] }
    }

    func inquiryCountMismatches(limit: Int) throws -> [(ref: String, recorded: Int, actual: Int)] {
        try rows(
            """
            SELECT ref, inquiry_count, (SELECT count(*) FROM inquiry WHERE case_id = person_case.id) AS actual
            FROM person_case WHERE inquiry_count <> actual
            """, limit: limit
        ) { ($0[0], $0[1], $0[2]) }
    }

    func cases(withStatusNotIn statuses: [String], limit: Int) throws -> [(ref: String, status: String)] {
        try rows(
            "SELECT ref, status FROM person_case WHERE status NOT IN (SELECT value FROM json_each(?))",
            arguments: [try SQLList.json(statuses)], limit: limit
        ) { ($0[0], $0[1]) }
    }

    func historyEndMismatches(limit: Int) throws -> [(ref: String, status: String, recorded: String?)] {
        try rows(
            """
            SELECT ref, status,
                (SELECT to_value FROM case_history h WHERE h.case_id = person_case.id AND h.moved_from IS NULL
                 AND h.kind IN ('opened', 'status') ORDER BY h.id DESC LIMIT 1) AS recorded
            FROM person_case WHERE merged_into IS NULL AND recorded IS NOT status
            """, limit: limit
        ) { ($0[0], $0[1], $0[2]) }
    }

    func brokenStatusTrails(limit: Int) throws -> [(ref: String, from: String?, previous: String?)] {
        try rows(
            """
            SELECT person_case.ref, trail.from_value, trail.previous FROM (
                SELECT case_id, kind, from_value,
                    LAG(to_value) OVER (PARTITION BY case_id, moved_from ORDER BY id) AS previous
                FROM case_history WHERE kind IN ('opened', 'status')) AS trail
            JOIN person_case ON person_case.id = trail.case_id
            WHERE trail.kind = 'status' AND trail.from_value IS NOT trail.previous
            """, limit: limit
        ) { ($0[0], $0[1], $0[2]) }
    }

    func mergeLinks() throws -> [(id: Int64, ref: String, mergedInto: Int64)] {
        try rows(
            "SELECT id, ref, merged_into FROM person_case WHERE merged_into IS NOT NULL ORDER BY id", limit: .max
        ) { ($0[0], $0[1], $0[2]) }
    }

    func references(ofCaseIds ids: [Int64]) throws -> [Int64: String] {
        let found = try rows(
            "SELECT id, ref FROM person_case WHERE id IN (SELECT value FROM json_each(?))",
            arguments: [SQLList.json(ids)], limit: .max
        ) { ($0[0] as Int64, $0[1] as String) }
        return Dictionary(found, uniquingKeysWith: { first, _ in first })
    }

    func eachReference(_ body: (String) throws -> Bool) throws {
        let refs = try String.fetchCursor(db, sql: "SELECT ref FROM person_case")
        while let ref = try refs.next(), try body(ref) {}
    }

    func eachBirthDate(_ body: (_ ref: String, _ born: String, _ ofInquiry: Bool) throws -> Bool) throws {
        for (ofInquiry, sql) in [
            (false, "SELECT ref, born FROM person_case WHERE born IS NOT NULL"),
            (
                true,
                """
                SELECT person_case.ref, inquiry.born FROM inquiry JOIN person_case ON person_case.id = inquiry.case_id
                WHERE inquiry.born IS NOT NULL AND inquiry.born IS NOT person_case.born
                """
            ),
        ] {
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                guard try body(row[0], row[1], ofInquiry) else { return }
            }
        }
    }

    func hasNameIndex() throws -> Bool { try db.tableExists("name_entry") }

    func unindexedNames(limit: Int) throws -> [(ref: String, kind: String, name: String)] {
        let orNoPairs =
            try db.tableExists("name_pairs") ? "OR name_entry.id NOT IN (SELECT rowid FROM name_pairs)" : ""
        return try rows(
            """
            SELECT person_case.ref, name_entry.kind, name_entry.name FROM name_entry
            JOIN person_case ON person_case.id = name_entry.case_id
            WHERE name_entry.id NOT IN (SELECT rowid FROM name_search) \(orNoPairs) ORDER BY name_entry.id
            """, limit: limit
        ) { ($0[0], $0[1], $0[2]) }
    }

    func eachCaseWithNames(
        _ body: (
            _ ref: String, _ indexed: [(person: Bool, name: String, folded: String)],
            _ expected: [(person: Bool, name: String)]
        ) throws -> Bool
    ) throws {
        let entries = try Row.fetchCursor(
            db, sql: "SELECT case_id, kind = 'person', name, folded FROM name_entry ORDER BY case_id")
        let cases = try Row.fetchCursor(
            db, sql: "SELECT id, ref, person_name FROM person_case WHERE merged_into IS NULL ORDER BY id")
        let asked = try Row.fetchCursor(
            db,
            sql: """
                SELECT inquiry.case_id, inquiry.person_name, inquirer.name FROM inquiry
                JOIN inquirer ON inquirer.id = inquiry.inquirer_id ORDER BY inquiry.case_id
                """)
        var entry = try entries.next()
        var inquiry = try asked.next()
        var indexed: [(person: Bool, name: String, folded: String)] = []
        var expected: [(person: Bool, name: String)] = []
        while let row = try cases.next() {
            let caseId: Int64 = row[0]
            indexed.removeAll(keepingCapacity: true)
            while let current = entry, (current[0] as Int64) <= caseId {
                if (current[0] as Int64) == caseId { indexed.append((current[1], current[2], current[3])) }
                entry = try entries.next()
            }
            expected.removeAll(keepingCapacity: true)
            expected.append((true, row[2]))
            while let current = inquiry, (current[0] as Int64) <= caseId {
                if (current[0] as Int64) == caseId {
                    expected.append((true, current[1]))
                    expected.append((false, current[2]))
                }
                inquiry = try asked.next()
            }
            guard try body(row[1], indexed, expected) else { return }
        }
    }
}

extension Database {
    /// The check store on this read.
    var checks: SQLiteCheckStore { SQLiteCheckStore(db: self) }
}
