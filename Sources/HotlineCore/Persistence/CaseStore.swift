import Foundation
import GRDB

/// What the case rules (logging, status changes, merges, completion) need from storage: the
/// `person_case` table. Only the columns a change touches are written: an UPDATE rewrites
/// every index on the columns it sets. The hot statements are cached (the benchmark's
/// `inquiry log` and `case status` rows depend on it).
protocol CaseStore {
    /// The case stored under this reference (merged or not).
    func record(ref: String) throws -> PersonCaseRecord?
    /// The case stored under this id.
    func record(id: Int64) throws -> PersonCaseRecord?
    /// Whether a case has this reference.
    func isTaken(ref: String) throws -> Bool
    func setStatus(_ status: String, lastActivity at: Date, caseId: Int64) throws
    func setBorn(_ born: String?, caseId: Int64) throws
    func setUnit(_ unit: String, caseId: Int64) throws
    /// Corrections (`case edit`) and notes.
    func setPerson(_ name: String, caseId: Int64) throws
    func setRegion(_ code: String, caseId: Int64) throws
    func setLastActivity(_ at: Date, caseId: Int64) throws
    /// Another inquiry on the case: its count and times.
    func setInquiries(count: Int, last at: Date, caseId: Int64) throws
    /// Up to `limit` references starting with `prefix`, in order.
    func references(startingWith prefix: String, limit: Int) throws -> [String]
}

/// The case store on one SQLite transaction.
struct SQLiteCaseStore: CaseStore {
    let db: Database

    func record(ref: String) throws -> PersonCaseRecord? {
        try PersonCaseRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM person_case WHERE ref = ?"), arguments: [ref])
    }

    func record(id: Int64) throws -> PersonCaseRecord? {
        try PersonCaseRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM person_case WHERE id = ?"), arguments: [id])
    }

    func isTaken(ref: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM person_case WHERE ref = ?)"), arguments: [ref])
            == true
    }

    func setStatus(_ status: String, lastActivity at: Date, caseId: Int64) throws {
        try db.cachedStatement(sql: "UPDATE person_case SET status = ?, last_activity_at = ? WHERE id = ?")
            .execute(arguments: [status, DatabaseTime.text(at), caseId])
    }

    func setBorn(_ born: String?, caseId: Int64) throws {
        try db.cachedStatement(sql: "UPDATE person_case SET born = ? WHERE id = ?").execute(arguments: [born, caseId])
    }

    func setUnit(_ unit: String, caseId: Int64) throws {
        try db.cachedStatement(sql: "UPDATE person_case SET unit = ? WHERE id = ?").execute(arguments: [unit, caseId])
    }

    func setPerson(_ name: String, caseId: Int64) throws {
        try db.execute(sql: "UPDATE person_case SET person_name = ? WHERE id = ?", arguments: [name, caseId])
    }

    func setRegion(_ code: String, caseId: Int64) throws {
        try db.execute(sql: "UPDATE person_case SET region = ? WHERE id = ?", arguments: [code, caseId])
    }

    func setLastActivity(_ at: Date, caseId: Int64) throws {
        try db.execute(
            sql: "UPDATE person_case SET last_activity_at = ? WHERE id = ?", arguments: [DatabaseTime.text(at), caseId])
    }

    func setInquiries(count: Int, last at: Date, caseId: Int64) throws {
        try db.cachedStatement(
            sql: "UPDATE person_case SET inquiry_count = ?, last_inquiry_at = ?, last_activity_at = ? WHERE id = ?"
        ).execute(arguments: [count, DatabaseTime.text(at), DatabaseTime.text(at), caseId])
    }

    func references(startingWith prefix: String, limit: Int) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT ref FROM person_case WHERE ref >= ? AND ref < ? || '~' ORDER BY ref LIMIT ?",
            arguments: [prefix, prefix, limit])
    }
}

/// What finding a returning inquirer needs from storage: the `inquirer` and `contact` tables.
protocol InquirerStore {
    /// The inquirers (id and name, oldest first, at most 100) who left this contact.
    func inquirers(withContact value: String, kind: String) throws -> [(id: Int64, name: String)]
    /// The inquirer's name, `nil` when no inquirer has this id.
    func name(id: Int64) throws -> String?
}

/// The inquirer store on one SQLite transaction.
struct SQLiteInquirerStore: InquirerStore {
    let db: Database

    func inquirers(withContact value: String, kind: String) throws -> [(id: Int64, name: String)] {
        let sql = """
            SELECT inquirer.id, inquirer.name FROM contact
            JOIN inquirer ON inquirer.id = contact.inquirer_id
            WHERE contact.value = ? AND contact.kind = ?
            ORDER BY inquirer.id LIMIT 100
            """
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [value, kind]).map { ($0[0], $0[1]) }
    }

    func name(id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM inquirer WHERE id = ?", arguments: [id])
    }
}

// MARK: - Lists and details (the hot reads)

extension SQLiteCaseStore {
    /// Streams the unmerged cases in `region`, with `status`, or open (one of `openNames`), newest
    /// activity first, at most `limit`, to `body`. `after`: only the cases that come after
    /// this one in that order (a keyset page: the index is entered where the last page ended,
    /// whatever changed since). A cached statement per shape of filter, columns read by
    /// position: this is the command coordinators run all day, on lists of any length.
    func summaries(
        region: String?, status: String?, openOnly: Bool, openNames: [String], limit: Int?,
        after: CaseCursor? = nil, owner: String? = nil, _ body: (CaseSummary) throws -> Void
    ) throws {
        var conditions = ["merged_into IS NULL"]
        var arguments: StatementArguments = []
        if let owner {
            conditions.append("id IN (SELECT case_id FROM case_owner WHERE operator = ?)")
            arguments += [owner]
        }
        if let after {
            // Ties in activity fall back to the id, as the ORDER BY does; a ref that names no
            // case was refused when the cursor was read.
            conditions.append("(last_activity_at, id) < (?, (SELECT id FROM person_case WHERE ref = ?))")
            arguments += [DatabaseTime.text(after.lastActivity), after.ref]
        }
        if let region {
            conditions.append("region = ?")
            arguments += [region]
        }
        if let status {
            conditions.append("status = ?")
            arguments += [status]
        }
        if openOnly {
            conditions.append("status IN (\(openNames.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(openNames)
        }
        let statement = try db.cachedStatement(
            sql: """
                SELECT ref, person_name, born, region, unit, status, opened_at, last_inquiry_at, last_activity_at,
                    inquiry_count FROM person_case WHERE \(conditions.joined(separator: " AND "))
                ORDER BY last_activity_at DESC, id DESC LIMIT ?
                """)
        arguments += [limit ?? -1]
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            let status: String = row[5]
            try body(
                CaseSummary(
                    ref: row[0], person: row[1], born: row[2], region: row[3], unit: row[4], status: status,
                    open: openNames.contains(status), opened: try DatabaseTime.date(row, 6),
                    lastInquiry: try DatabaseTime.date(row, 7), lastActivity: try DatabaseTime.date(row, 8),
                    inquiries: row[9]))
        }
    }

    /// The case's inquiries (with their inquirers and contacts) and its history, oldest first.
    /// Three cached statements whatever the number of inquirers, rows read by position from
    /// the statement (no copies): the screen an operator opens on every call.
    func inquiriesAndHistory(caseId: Int64) throws -> (inquiries: [InquiryDetail], history: [HistoryItem]) {
        var contacts: [Int64: [ContactDetail]] = [:]
        let contactRows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT inquirer_id, kind, value FROM contact
                    WHERE inquirer_id IN (SELECT inquirer_id FROM inquiry WHERE case_id = ?) ORDER BY id
                    """), arguments: [caseId])
        while let row = try contactRows.next() {
            contacts[row[0], default: []].append(ContactDetail(kind: row[1], value: row[2]))
        }
        var inquiries: [InquiryDetail] = []
        let inquiryRows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT inquiry.id, inquiry.inquirer_id, inquiry.person_name, inquiry.born, inquiry.region,
                        inquiry.unit, inquiry.relationship, inquiry.channel, inquiry.note, inquiry.received_at,
                        inquiry.operator, inquirer.name
                    FROM inquiry JOIN inquirer ON inquirer.id = inquiry.inquirer_id
                    WHERE inquiry.case_id = ? ORDER BY inquiry.received_at, inquiry.id
                    """), arguments: [caseId])
        while let row = try inquiryRows.next() {
            let inquirerId: Int64 = row[1]
            inquiries.append(
                InquiryDetail(
                    id: row[0], at: try DatabaseTime.date(row, 9), by: row[10], channel: row[7],
                    relationship: row[6], note: row[8], person: row[2], born: row[3], region: row[4], unit: row[5],
                    inquirer: InquirerDetail(id: inquirerId, name: row[11], contacts: contacts[inquirerId] ?? [])))
        }
        var history: [HistoryItem] = []
        let historyRows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT id, kind, at, operator, field, from_value, to_value, note, source, as_of, inquiry_id
                    FROM case_history WHERE case_id = ? ORDER BY id
                    """), arguments: [caseId])
        while let row = try historyRows.next() {
            history.append(
                HistoryItem(
                    id: row[0], kind: row[1], at: try DatabaseTime.date(row, 2), by: row[3], field: row[4],
                    from: row[5], to: row[6], note: row[7], source: row[8], asOf: row[9], inquiry: row[10]))
        }
        return (inquiries, history)
    }
}

extension Database {
    /// The case store on this transaction.
    var cases: SQLiteCaseStore { SQLiteCaseStore(db: self) }
    /// The inquirer store on this transaction.
    var inquirers: SQLiteInquirerStore { SQLiteInquirerStore(db: self) }
}
