import Foundation
import GRDB

/// What the reports (`audit`, `stats`) read: the case history and operator log together, and
/// counts over cases and inquiries. Read-only.
protocol ReportStore {
    /// The newest `limit` entries of the case history, the operator, registry, sign-in and API key logs together, newest
    /// first; `by` (a JSON array of operator spellings), `since` and `until` (dates or times as
    /// stored) narrow them when given.
    func auditEntries(byJSON: String?, since: String?, until: String?, limit: Int) throws -> [AuditEntry]
    /// Whether any change was recorded under one of these operator spellings (a JSON array).
    func hasEntries(byJSON: String) throws -> Bool
    /// Cases whose status is one of `statusesJSON` (a JSON array), by region, most first. A
    /// merged case lives on in its survivor, so it is never counted (here or below).
    func caseCountsByRegion(statusesJSON: String) throws -> [HotlineStats.Count]
    /// Cases by status, most first.
    func caseCountsByStatus() throws -> [HotlineStats.Count]
    /// Inquiries received per day since `since`, by day.
    func inquiryCountsPerDay(since: Date) throws -> [HotlineStats.Count]
}

/// The report store on one SQLite transaction.
struct SQLiteReportStore: ReportStore {
    let db: Database

    func auditEntries(byJSON: String?, since: String?, until: String?, limit: Int) throws -> [AuditEntry] {
        // Stored times are text 'YYYY-MM-DD HH:MM:SS.SSS': a date is a prefix of them, and
        // "~" sorts after every digit, so `at <= until + "~"` includes the whole last period.
        let sql = """
            SELECT * FROM (
                SELECT h.at, h.operator AS by, h.kind, c.ref AS subject, c.person_name AS person, h.field,
                    h.from_value AS "from", h.to_value AS "to", h.note
                FROM case_history h JOIN person_case c ON c.id = h.case_id
                UNION ALL
                SELECT at, by, 'operator', subject, NULL, action, from_value, to_value, NULL FROM operator_event
                UNION ALL
                SELECT at, by, 'registry', subject, NULL, action, NULL, NULL, detail FROM registry_event
                UNION ALL
                SELECT at, by, 'export', coalesce(file, '(standard output)'), NULL, 'contacts', NULL,
                    CAST(cases AS TEXT), filter FROM contact_export
                UNION ALL
                -- A sign-in, failure or lock is the name's own; a password set or tokens revoked
                -- by an admin are the admin's, done to the name.
                SELECT at, coalesce(by, operator), 'sign-in', operator, NULL, action, NULL, NULL, NULL
                FROM sign_in_event
                UNION ALL
                SELECT at, by, 'inbox', 'inbox ' || message_id, NULL, action, NULL, NULL, note FROM inbox_event
                UNION ALL
                -- An API key's creation and revocation are the admin's; its first use is the key's own.
                SELECT created_at, created_by, 'apikey', 'apikey:' || name, NULL, 'added', NULL, role, note FROM api_key
                UNION ALL
                SELECT first_used_at, 'apikey:' || name, 'apikey', 'apikey:' || name, NULL, 'first-used', NULL, NULL, NULL
                FROM api_key WHERE first_used_at IS NOT NULL
                UNION ALL
                SELECT revoked_at, revoked_by, 'apikey', 'apikey:' || name, NULL, 'revoked', NULL, role, NULL
                FROM api_key WHERE revoked_at IS NOT NULL)
            WHERE (?1 IS NULL OR by IN (SELECT value FROM json_each(?1))) AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at <= ?3 || '~')
            ORDER BY at DESC LIMIT ?4
            """
        return try AuditEntry.fetchAll(db, sql: sql, arguments: [byJSON, since, until, limit])
    }

    func hasEntries(byJSON: String) throws -> Bool {
        // Lookups in the operator-and-time indexes, not a scan of the history.
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM case_history WHERE operator IN (SELECT value FROM json_each(?1)))
                    OR EXISTS (SELECT 1 FROM operator_event WHERE by IN (SELECT value FROM json_each(?1)))
                    OR EXISTS (SELECT 1 FROM registry_event WHERE by IN (SELECT value FROM json_each(?1)))
                    OR EXISTS (SELECT 1 FROM contact_export WHERE by IN (SELECT value FROM json_each(?1)))
                    OR EXISTS (SELECT 1 FROM sign_in_event WHERE operator IN (SELECT value FROM json_each(?1)))
                    OR EXISTS (SELECT 1 FROM inbox_event WHERE by IN (SELECT value FROM json_each(?1)))
                    OR EXISTS (SELECT 1 FROM api_key WHERE created_by IN (SELECT value FROM json_each(?1))
                        OR revoked_by IN (SELECT value FROM json_each(?1))
                        OR 'apikey:' || name IN (SELECT value FROM json_each(?1)))
                """, arguments: [byJSON]) == true
    }

    func caseCountsByRegion(statusesJSON: String) throws -> [HotlineStats.Count] {
        try counts(
            """
            SELECT region AS key, count(*) AS count FROM person_case
            WHERE status IN (SELECT value FROM json_each(?)) AND merged_into IS NULL GROUP BY region ORDER BY count DESC, region
            """, [statusesJSON])
    }

    func caseCountsByStatus() throws -> [HotlineStats.Count] {
        try counts(
            """
            SELECT status AS key, count(*) AS count FROM person_case WHERE merged_into IS NULL
            GROUP BY status ORDER BY count DESC
            """)
    }

    func inquiryCountsPerDay(since: Date) throws -> [HotlineStats.Count] {
        try counts(
            """
            SELECT substr(received_at, 1, 10) AS key, count(*) AS count FROM inquiry WHERE received_at >= ?
            GROUP BY key ORDER BY key
            """,
            [since])
    }

    private func counts(_ sql: String, _ arguments: StatementArguments = []) throws -> [HotlineStats.Count] {
        try HotlineStats.Count.fetchAll(db, sql: sql, arguments: arguments)
    }
}

// The report rows are Codable records decoded by column name (the SQL names its columns as
// the properties), GRDB's recommended record style, as OperatorRecord is; only the hot paths'
// records (Records.swift) read columns by position, where Codable's measured cost matters.
extension AuditEntry: FetchableRecord {}
extension HotlineStats.Count: FetchableRecord {}

extension Database {
    /// The report store on this transaction.
    var reports: SQLiteReportStore { SQLiteReportStore(db: self) }
}
