import Foundation
import GRDB

/// What `case duplicates`, `case distinct` and `case merge` need from storage: the open cases,
/// their names in the name index (`name_entry`, `name_search`), the pairs marked distinct,
/// and the rows a merge moves. The finding and scoring are `DuplicateFinder`'s.
protocol DuplicateStore {
    /// Calls `body` with every person name of an open, unmerged case, by index entry.
    func forEachOpenPersonName(openStatuses: [String], _ body: (OpenName) throws -> Void) throws
    /// Calls `body` with the open, unmerged cases (of `regionCode` when given), by id, until
    /// it returns false. The read stays open meanwhile, so a Ctrl-C stops the next step.
    func forEachOpenCase(regionCode: String?, openStatuses: [String], _ body: (PersonCaseRecord) throws -> Bool)
        throws
    /// The index entries (of any name, open case or not) matching an FTS5 query.
    func entryIds(matching query: String) throws -> [Int64]
    /// The index entries (of any name) matching an FTS5 query on the pair terms (`NamePairs`).
    func entryIds(matchingPairs query: String) throws -> [Int64]
    /// Those of these index entries that are person names of open, unmerged cases.
    func openPersonNames(entries ids: [Int64], openStatuses: [String]) throws -> [OpenName]
    /// Every skeleton the name index holds (of any name, open case or not).
    func skeletons() throws -> [String]
    /// The case stored under this id.
    func record(id: Int64) throws -> PersonCaseRecord?
    /// Every name of a case (the person's and the inquirers'), by index entry.
    func names(ofCase caseId: Int64) throws -> [NameEntry]
    /// The pairs of cases marked as different people.
    func distinctPairs() throws -> Set<CasePair>
    func markDistinct(_ pair: CasePair, at: Date, by: String) throws
    /// Moves every inquiry, history entry and indexed name of case `from` to case `to`.
    func moveRecords(from: Int64, to: Int64) throws
}

/// One indexed person name of an open case.
struct OpenName {
    let entryId: Int64
    let caseId: Int64
    let name: String
    /// The case's birth date as stored, so a lookup can rule out a namesake before reading it.
    let born: String?
}

/// Two cases, the lower id first, as `distinct_pair` keeps them.
struct CasePair: Hashable {
    let low: Int64
    let high: Int64

    init(_ a: Int64, _ b: Int64) {
        (low, high) = (min(a, b), max(a, b))
    }
}

/// The duplicate store on one SQLite transaction.
struct SQLiteDuplicateStore: DuplicateStore {
    let db: Database

    func forEachOpenPersonName(openStatuses: [String], _ body: (OpenName) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT name_entry.id, name_entry.case_id, name_entry.name, person_case.born FROM name_entry
                JOIN person_case ON person_case.id = name_entry.case_id
                WHERE name_entry.kind = 'person' AND person_case.merged_into IS NULL
                AND person_case.status IN (SELECT value FROM json_each(?))
                ORDER BY name_entry.id
                """, arguments: [try SQLList.json(openStatuses)])
        while let row = try rows.next() {
            try body(OpenName(entryId: row[0], caseId: row[1], name: row[2], born: row[3]))
        }
    }

    func forEachOpenCase(
        regionCode: String?, openStatuses: [String], _ body: (PersonCaseRecord) throws -> Bool
    ) throws {
        // Two statements, not `(? IS NULL OR region = ?)`: with the OR the planner reads every
        // open case through the status index and sorts them all before the first row (3.4 s on
        // a million cases); with a region, the region's index gives its few cases; without,
        // the table in id order (NOT INDEXED) streams, most cases being open.
        let statuses = try SQLList.json(openStatuses)
        let cases =
            if let regionCode {
                try PersonCaseRecord.fetchCursor(
                    db,
                    sql: """
                        SELECT * FROM person_case WHERE region = ?
                        AND merged_into IS NULL AND status IN (SELECT value FROM json_each(?)) ORDER BY id
                        """, arguments: [regionCode, statuses])
            } else {
                try PersonCaseRecord.fetchCursor(
                    db,
                    sql: """
                        SELECT * FROM person_case NOT INDEXED WHERE merged_into IS NULL
                        AND status IN (SELECT value FROM json_each(?)) ORDER BY id
                        """, arguments: [statuses])
            }
        while let record = try cases.next(), try body(record) {}
    }

    func entryIds(matching query: String) throws -> [Int64] {
        try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT rowid FROM name_search WHERE name_search MATCH ?"), arguments: [query])
    }

    func entryIds(matchingPairs query: String) throws -> [Int64] {
        try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT rowid FROM name_pairs WHERE name_pairs MATCH ?"), arguments: [query])
    }

    func openPersonNames(entries ids: [Int64], openStatuses: [String]) throws -> [OpenName] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT name_entry.id, name_entry.case_id, name_entry.name, person_case.born FROM name_entry
                    JOIN person_case ON person_case.id = name_entry.case_id
                    WHERE name_entry.id IN (SELECT value FROM json_each(?)) AND name_entry.kind = 'person'
                    AND person_case.merged_into IS NULL AND person_case.status IN (SELECT value FROM json_each(?))
                    """), arguments: [SQLList.json(ids), try SQLList.json(openStatuses)])
        var names: [OpenName] = []
        while let row = try rows.next() {
            names.append(OpenName(entryId: row[0], caseId: row[1], name: row[2], born: row[3]))
        }
        return names
    }

    func skeletons() throws -> [String] { try terms(ofColumn: "skeletons") }

    /// Every term the name index holds in one of its columns (`words`, `skeletons`), from its
    /// vocabulary table (v015): fts5vocab would walk every posting list to list them.
    func terms(ofColumn column: String) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(sql: "SELECT term FROM name_term WHERE col = ? ORDER BY term"), arguments: [column])
    }

    func record(id: Int64) throws -> PersonCaseRecord? { try db.cases.record(id: id) }

    func names(ofCase caseId: Int64) throws -> [NameEntry] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT kind, name, folded FROM name_entry WHERE case_id = ? ORDER BY id"),
            arguments: [caseId]
        ).map { NameEntry(caseId: caseId, kind: $0[0], name: $0[1], folded: $0[2]) }
    }

    func distinctPairs() throws -> Set<CasePair> {
        Set(try Row.fetchAll(db, sql: "SELECT case_a, case_b FROM distinct_pair").map { CasePair($0[0], $0[1]) })
    }

    func markDistinct(_ pair: CasePair, at: Date, by: String) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO distinct_pair (case_a, case_b, at, by) VALUES (?, ?, ?, ?)",
            arguments: [pair.low, pair.high, at, by])
    }

    func moveRecords(from: Int64, to: Int64) throws {
        try db.execute(sql: "UPDATE inquiry SET case_id = ? WHERE case_id = ?", arguments: [to, from])
        try db.execute(
            sql: "UPDATE case_history SET case_id = ?, moved_from = coalesce(moved_from, ?) WHERE case_id = ?",
            arguments: [to, from, from])
        try db.execute(sql: "UPDATE name_entry SET case_id = ? WHERE case_id = ?", arguments: [to, from])
    }
}

extension Database {
    /// The duplicate store on this transaction.
    var duplicates: SQLiteDuplicateStore { SQLiteDuplicateStore(db: self) }
}
