import Foundation
import GRDB

/// A status change one operator asked for and a second must approve (a move to deceased by
/// hand): a row of `status_request`.
struct StatusRequestRow: Sendable {
    let id: Int64
    let caseId: Int64
    let status: String
    let note: String?
    let source: String
    let asOf: String?
    let requestedAt: Date
    let requestedBy: String
}

/// The `status_request` table, on one SQLite transaction.
struct SQLiteStatusRequestStore {
    let db: Database

    /// The request waiting on this case, if any (at most one, by a unique index).
    func waiting(caseId: Int64) throws -> StatusRequestRow? {
        // Cached: every case shown (a server's GET of a case) asks, and preparing the statement
        // anew was a tenth of that request's CPU.
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id, case_id, status, note, source, as_of, requested_at, requested_by FROM status_request
                    WHERE case_id = ? AND state = 'waiting'
                    """), arguments: [caseId])
        return try row.map { row in
            StatusRequestRow(
                id: row[0], caseId: row[1], status: row[2], note: row[3], source: row[4], asOf: row[5],
                requestedAt: try DatabaseTime.date(row, 6), requestedBy: row[7])
        }
    }

    func insert(
        caseId: Int64, status: String, note: String?, source: String, asOf: String?, at: Date, by: String
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO status_request (case_id, status, note, source, as_of, requested_at, requested_by, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting')
                """, arguments: [caseId, status, note, source, asOf, DatabaseTime.text(at), by])
    }

    /// Closes a waiting request as approved or rejected.
    func decide(id: Int64, approved: Bool, at: Date, by: String, note: String?) throws {
        try db.execute(
            sql: """
                UPDATE status_request SET state = ?, decided_at = ?, decided_by = ?, decision_note = ?
                WHERE id = ? AND state = 'waiting'
                """, arguments: [approved ? "approved" : "rejected", DatabaseTime.text(at), by, note, id])
    }
}

extension Database {
    /// The status request store on this transaction.
    var statusRequests: SQLiteStatusRequestStore { SQLiteStatusRequestStore(db: self) }
}
