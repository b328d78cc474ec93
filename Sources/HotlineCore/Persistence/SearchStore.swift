import Foundation
import GRDB

/// What `search` and the intake's duplicate check read: contacts and the name index (the
/// `name_entry` rows and their FTS5 table `name_search`). Read-only; the scoring is the
/// service's.
protocol SearchStore {
    /// The cases (with the inquirer's name and the contact's kind) of inquirers who left
    /// this contact, at most 200.
    func cases(withContact value: String) throws -> [(caseId: Int64, inquirer: String, kind: String)]
    /// The ids of at most `limit` index entries matching an FTS5 query, unranked; only the
    /// entries of cases in `regionCode` when it is given.
    func entryIds(matching query: String, regionCode: String?, limit: Int) throws -> [Int64]
    /// The same for a query on the pair terms (`name_pairs`, see `NamePairs`).
    func entryIds(matchingPairs query: String, regionCode: String?, limit: Int) throws -> [Int64]
    /// These index entries.
    func entries(ids: [Int64]) throws -> [NameEntry]
    /// The cases of these index entries, with their units.
    func units(ofEntries ids: [Int64]) throws -> [(caseId: Int64, unit: String?)]
}

/// One row of the name index: a spelling of a person's or inquirer's name on a case.
struct NameEntry {
    let caseId: Int64
    let kind: String
    let name: String
    let folded: String
}

/// The search store on one SQLite transaction.
struct SQLiteSearchStore: SearchStore {
    let db: Database

    func cases(withContact value: String) throws -> [(caseId: Int64, inquirer: String, kind: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT inquiry.case_id, inquirer.name, contact.kind FROM contact
                JOIN inquirer ON inquirer.id = contact.inquirer_id
                JOIN inquiry ON inquiry.inquirer_id = inquirer.id
                WHERE contact.value = ? LIMIT 200
                """, arguments: [value]
        ).map { ($0[0], $0[1], $0[2]) }
    }

    func entryIds(matching query: String, regionCode: String?, limit: Int) throws -> [Int64] {
        try entryIds(in: "name_search", matching: query, regionCode: regionCode, limit: limit)
    }

    func entryIds(matchingPairs query: String, regionCode: String?, limit: Int) throws -> [Int64] {
        try entryIds(in: "name_pairs", matching: query, regionCode: regionCode, limit: limit)
    }

    /// `table` is one of the two literals above, never input: the query itself is bound.
    private func entryIds(in table: StaticString, matching query: String, regionCode: String?, limit: Int) throws
        -> [Int64]
    {
        guard let regionCode else {
            return try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT rowid FROM \(table) WHERE \(table) MATCH ? LIMIT ?"),
                arguments: [query, limit])
        }
        return try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(table).rowid FROM \(table)
                    JOIN name_entry ON name_entry.id = \(table).rowid
                    JOIN person_case ON person_case.id = name_entry.case_id
                    WHERE \(table) MATCH ? AND person_case.region = ? LIMIT ?
                    """), arguments: [query, regionCode, limit])
    }

    func entries(ids: [Int64]) throws -> [NameEntry] {
        // A cached statement read through a cursor: a search reads 500 entries, and preparing
        // the statement and copying each row before decoding it were a fifth of that.
        let statement = try db.cachedStatement(
            sql: "SELECT case_id, kind, name, folded FROM name_entry WHERE id IN (SELECT value FROM json_each(?))")
        return try Array(
            Row.fetchCursor(statement, arguments: [SQLList.json(ids)]).map {
                NameEntry(caseId: $0[0], kind: $0[1], name: $0[2], folded: $0[3])
            })
    }

    func units(ofEntries ids: [Int64]) throws -> [(caseId: Int64, unit: String?)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT name_entry.case_id, person_case.unit FROM name_entry
                JOIN person_case ON person_case.id = name_entry.case_id
                WHERE name_entry.id IN (SELECT value FROM json_each(?))
                """, arguments: [SQLList.json(ids)]
        ).map { ($0[0], $0[1]) }
    }
}

/// A list of values bound as one argument: a JSON array that the SQL opens with
/// `IN (SELECT value FROM json_each(?))`, so a statement's text (and its cached plan) does not
/// depend on the list's length, and no list meets SQLite's limit on arguments.
enum SQLList {
    static func json(_ values: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }

    /// Ids need no escaping: joined by hand (the encoder was a twelfth of a likely-case lookup).
    static func json(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}

extension Database {
    /// The search store on this transaction.
    var search: SQLiteSearchStore { SQLiteSearchStore(db: self) }
}
