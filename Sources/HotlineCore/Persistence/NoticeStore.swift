import Foundation
import GRDB

/// What telling the families needs from storage: notices and their events, the inquirers'
/// consent and last contact, case owners. The rules live in Services/Notices*.swift; this holds
/// only the reads and writes. The statements a status change runs per inquirer are cached: a
/// case with 20 inquirers runs them 20 times inside the change's transaction.
struct SQLiteNoticeStore {
    let db: Database

    // MARK: - Writing notices

    /// The inquirers of a case (each once, oldest first) and whether they left any contact.
    func inquirers(ofCase caseId: Int64) throws -> [(id: Int64, reachable: Bool)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT inquirer_id, EXISTS (SELECT 1 FROM contact WHERE contact.inquirer_id = q.inquirer_id)
                    FROM inquiry q WHERE case_id = ? GROUP BY inquirer_id ORDER BY min(id)
                    """), arguments: [caseId]
        ).map { ($0[0], $0[1]) }
    }

    /// The notice of this case the inquirer has not been given yet, if any.
    func undelivered(caseId: Int64, inquirerId: Int64) throws -> NoticeRow? {
        try NoticeRow.fetchOne(
            db.cachedStatement(
                sql: "SELECT * FROM notice WHERE case_id = ? AND inquirer_id = ? AND state <> 'delivered'"),
            arguments: [caseId, inquirerId])
    }

    /// Whether the inquirer has had a notice of this case with news dated `newsAt`.
    func hasNotice(caseId: Int64, inquirerId: Int64, newsAt: Date) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: "SELECT EXISTS (SELECT 1 FROM notice WHERE case_id = ? AND inquirer_id = ? AND news_at = ?)"),
            arguments: [caseId, inquirerId, DatabaseTime.text(newsAt)]) == true
    }

    func insert(_ notice: inout NoticeRow) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO notice (case_id, inquirer_id, region, status, source, as_of, news_at, state, attempts,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                """
        ).execute(arguments: [
            notice.caseId, notice.inquirerId, notice.region, notice.status, notice.source, notice.asOf,
            DatabaseTime.text(notice.newsAt), notice.state.rawValue, DatabaseTime.text(notice.createdAt),
        ])
        notice.id = db.lastInsertedRowID
    }

    /// Gives an undelivered notice newer news.
    func setNews(noticeId: Int64, status: String, source: String?, asOf: String?, newsAt: Date) throws {
        try db.cachedStatement(
            sql: "UPDATE notice SET status = ?, source = ?, as_of = ?, news_at = ?, retry_after = NULL WHERE id = ?"
        ).execute(arguments: [status, source, asOf, DatabaseTime.text(newsAt), noticeId])
    }

    func setAttempted(noticeId: Int64, attempts: Int, retryAfter: Date?) throws {
        try db.execute(
            sql: "UPDATE notice SET attempts = ?, retry_after = ? WHERE id = ?",
            arguments: [attempts, retryAfter.map(DatabaseTime.text), noticeId])
    }

    func setDelivered(noticeId: Int64, attempts: Int, at: Date, by: String, channel: String) throws {
        try db.execute(
            sql: """
                UPDATE notice SET state = 'delivered', attempts = ?, retry_after = NULL, delivered_at = ?,
                    delivered_by = ?, delivered_channel = ? WHERE id = ?
                """, arguments: [attempts, DatabaseTime.text(at), by, channel, noticeId])
    }

    /// The notices waiting for an inquirer who had no contact become deliverable once they leave one.
    func markReachable(inquirerId: Int64) throws {
        try db.cachedStatement(
            sql: "UPDATE notice SET state = 'pending' WHERE inquirer_id = ? AND state = 'unreachable'"
        ).execute(arguments: [inquirerId])
    }

    /// Moves the notices of a merged case to the case it was merged into. A family with news
    /// waiting on both keeps the survivor's (OR IGNORE: the unique index of undelivered notices);
    /// the other stays on the merged case, still listed.
    /// Moves every notice of a merged case to its survivor. The caller first makes one of each
    /// family's two undelivered notices (`undeliveredOfTheSameFamily`), so none is left behind.
    func moveNotices(fromCase from: Int64, toCase to: Int64, region: String) throws {
        try db.execute(
            sql: "UPDATE notice SET case_id = ?, region = ? WHERE case_id = ?", arguments: [to, region, from])
    }

    /// The undelivered notices of case `from` whose inquirer also has one on case `to`, each
    /// with that one.
    func undeliveredOfTheSameFamily(fromCase from: Int64, toCase to: Int64) throws -> [(NoticeRow, NoticeRow)] {
        let moving = try NoticeRow.fetchAll(
            db, sql: "SELECT * FROM notice WHERE case_id = ? AND state <> 'delivered' ORDER BY id", arguments: [from])
        return try moving.compactMap { notice in
            try undelivered(caseId: to, inquirerId: notice.inquirerId).map { (notice, $0) }
        }
    }

    /// Whether anything was done with a notice: an attempt, a delivery, newer news.
    func hasEvents(noticeId: Int64) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM notice_event WHERE notice_id = ?)", arguments: [noticeId]) == true
    }

    /// Removes a notice nothing was done with (no event refers to it).
    func delete(noticeId: Int64) throws {
        try db.execute(sql: "DELETE FROM notice WHERE id = ?", arguments: [noticeId])
    }

    /// Follows a corrected region (`case edit --region`): a notice lists under its case's region.
    func setRegion(_ region: String, caseId: Int64) throws {
        try db.execute(sql: "UPDATE notice SET region = ? WHERE case_id = ?", arguments: [region, caseId])
    }

    func appendEvent(
        noticeId: Int64, at: Date, by: String, kind: String, channel: String? = nil, result: String? = nil,
        note: String? = nil
    ) throws {
        try db.cachedStatement(
            sql:
                "INSERT INTO notice_event (notice_id, at, by, kind, channel, result, note) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [noticeId, DatabaseTime.text(at), by, kind, channel, result, note])
    }

    // MARK: - Reading notices

    func notice(id: Int64) throws -> NoticeRow? {
        try NoticeRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM notice WHERE id = ?"), arguments: [id])
    }

    /// The columns of a notice line, from `notice n`, its case `c` and inquirer `i`.
    private static let summaryColumns = """
        n.id, c.ref, n.inquirer_id, i.name, c.person_name, n.region, n.status, n.source, n.as_of, n.news_at,
        n.state, n.attempts, n.retry_after, i.consent_channels, n.delivered_at, n.delivered_by, n.delivered_channel
        """

    private static func summary(_ row: Row) throws -> NoticeSummary {
        NoticeSummary(
            id: row[0], case: row[1], inquirer: row[2], inquirerName: row[3], person: row[4], region: row[5],
            status: row[6], source: row[7], asOf: row[8], newsAt: try DatabaseTime.date(row, 9),
            state: try StoredState.value(row, 10), attempts: row[11],
            retryAfter: try DatabaseTime.optionalDate(row, 12), channels: ConsentColumns.channels(row[13]),
            deliveredAt: try DatabaseTime.optionalDate(row, 14), deliveredBy: row[15], deliveredChannel: row[16])
    }

    /// Notices oldest news first. `states` nil: every notice not delivered yet (the partial
    /// indexes' condition is written out so SQLite uses them). Conditions are fixed fragments;
    /// every value is a bound argument.
    func summaries(
        states: [NoticeState]?, region: String?, status: String?, newsBefore: Date?, readyAt: Date?, owner: String?,
        limit: Int
    ) throws -> [NoticeSummary] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let states {
            conditions.append("n.state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(states.map(\.rawValue))
        } else {
            conditions.append("n.state <> 'delivered'")
        }
        if let region {
            conditions.append("n.region = ?")
            arguments += [region]
        }
        if let status {
            conditions.append("n.status = ?")
            arguments += [status]
        }
        if let newsBefore {
            conditions.append("n.news_at <= ?")
            arguments += [DatabaseTime.text(newsBefore)]
        }
        if let readyAt {
            conditions.append("(n.retry_after IS NULL OR n.retry_after <= ?)")
            arguments += [DatabaseTime.text(readyAt)]
        }
        if let owner {
            conditions.append("n.case_id IN (SELECT case_id FROM case_owner WHERE operator = ?)")
            arguments += [owner]
        }
        arguments += [limit]
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(Self.summaryColumns)
                FROM notice n JOIN person_case c ON c.id = n.case_id JOIN inquirer i ON i.id = n.inquirer_id
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY n.news_at, n.id LIMIT ?
                """)
        return try Row.fetchAll(statement, arguments: arguments).map(Self.summary)
    }

    func summary(id: Int64) throws -> NoticeSummary? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT \(Self.summaryColumns)
                    FROM notice n JOIN person_case c ON c.id = n.case_id JOIN inquirer i ON i.id = n.inquirer_id
                    WHERE n.id = ?
                    """), arguments: [id]
        ).map(Self.summary)
    }

    /// The notices not delivered yet to one inquirer, or on some cases, oldest first.
    func undeliveredSummaries(inquirerId: Int64? = nil, caseIds: [Int64]? = nil) throws -> [NoticeSummary] {
        var condition = "n.inquirer_id = ?"
        var arguments: StatementArguments = [inquirerId]
        if let caseIds {
            condition = "n.case_id IN (SELECT value FROM json_each(?))"
            arguments = [SQLList.json(caseIds)]
        }
        // Cached (two texts in all): every inquiry logged asks, and preparing this join anew was
        // a tenth of the server's CPU on POST /v1/inquiries.
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(Self.summaryColumns)
                    FROM notice n JOIN person_case c ON c.id = n.case_id JOIN inquirer i ON i.id = n.inquirer_id
                    WHERE \(condition) AND n.state <> 'delivered' ORDER BY n.news_at, n.id
                    """), arguments: arguments
        ).map(Self.summary)
    }

    /// Every notice of a case, newest first.
    func summaries(caseId: Int64) throws -> [NoticeSummary] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(Self.summaryColumns)
                FROM notice n JOIN person_case c ON c.id = n.case_id JOIN inquirer i ON i.id = n.inquirer_id
                WHERE n.case_id = ? ORDER BY n.id DESC
                """, arguments: [caseId]
        ).map(Self.summary)
    }

    /// Every notice of an inquirer, newest first.
    func summaries(inquirerId: Int64) throws -> [NoticeSummary] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(Self.summaryColumns)
                FROM notice n JOIN person_case c ON c.id = n.case_id JOIN inquirer i ON i.id = n.inquirer_id
                WHERE n.inquirer_id = ? ORDER BY n.id DESC
                """, arguments: [inquirerId]
        ).map(Self.summary)
    }

    func events(noticeId: Int64) throws -> [NoticeAttempt] {
        try Row.fetchAll(
            db, sql: "SELECT at, by, kind, channel, result, note FROM notice_event WHERE notice_id = ? ORDER BY id",
            arguments: [noticeId]
        ).map { row in
            NoticeAttempt(
                at: try DatabaseTime.date(row, 0), by: row[1], kind: row[2], channel: row[3], result: row[4],
                note: row[5])
        }
    }

    // MARK: - Inquirers: consent, contacts, last contact

    func inquirer(id: Int64) throws -> (name: String, created: Date, consent: InquirerConsent, lastContact: Date?)? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT name, created_at, consent_callback, consent_channels, consent_share, consent_at, consent_by,
                        last_contact_at FROM inquirer WHERE id = ?
                    """, arguments: [id])
        else { return nil }
        return (
            row[0], try DatabaseTime.date(row, 1),
            InquirerConsent(
                callback: row[2], channels: ConsentColumns.channels(row[3]), share: row[4],
                recorded: try DatabaseTime.optionalDate(row, 5), recordedBy: row[6]),
            try DatabaseTime.optionalDate(row, 7)
        )
    }

    func contacts(ofInquirer id: Int64) throws -> [ContactDetail] {
        try Row.fetchAll(db, sql: "SELECT kind, value FROM contact WHERE inquirer_id = ? ORDER BY id", arguments: [id])
            .map { ContactDetail(kind: $0[0], value: $0[1]) }
    }

    /// Sets the answers given (a `nil` answer stays as it was) and who recorded them, when.
    func setConsent(inquirerId: Int64, callback: Bool?, channels: [String]?, share: Bool?, at: Date, by: String)
        throws
    {
        try db.execute(
            sql: """
                UPDATE inquirer SET consent_callback = coalesce(?, consent_callback),
                    consent_channels = coalesce(?, consent_channels), consent_share = coalesce(?, consent_share),
                    consent_at = ?, consent_by = ? WHERE id = ?
                """,
            arguments: [callback, ConsentColumns.text(channels), share, DatabaseTime.text(at), by, inquirerId])
    }

    func setLastContact(inquirerId: Int64, at: Date) throws {
        try db.cachedStatement(sql: "UPDATE inquirer SET last_contact_at = ? WHERE id = ?")
            .execute(arguments: [DatabaseTime.text(at), inquirerId])
    }

    /// The cases an inquirer asked about (the surviving case of a merged one), oldest first.
    func cases(ofInquirer id: Int64) throws -> [InquirerCase] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT c.ref, c.person_name, c.status, c.region, min(q.received_at), q.relationship
                FROM inquiry q JOIN person_case c ON c.id = q.case_id
                WHERE q.inquirer_id = ? GROUP BY c.id ORDER BY min(q.received_at)
                """, arguments: [id]
        ).map { InquirerCase(ref: $0[0], person: $0[1], status: $0[2], region: $0[3], relationship: $0[5]) }
    }

    /// The ids of the cases an inquirer asked about.
    func caseIds(ofInquirer id: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT DISTINCT case_id FROM inquiry WHERE inquirer_id = ?", arguments: [id])
    }

    // MARK: - Call-backs

    /// Inquirers whose last contact is at or before `cutoff`, who did not refuse call-backs, with
    /// a case in one of `waitingJSON` statuses (in `region`, owned by `owner` when given) and no
    /// news waiting for them; the longest waiting first.
    func callbacksDue(
        cutoff: Date, waitingJSON: String, region: String?, owner: String?, limit: Int?
    ) throws -> [(id: Int64, name: String, lastContact: Date, consent: InquirerConsent)] {
        var caseConditions = "c.merged_into IS NULL AND c.status IN (SELECT value FROM json_each(?2))"
        if region != nil { caseConditions += " AND c.region = ?3" }
        if owner != nil { caseConditions += " AND c.id IN (SELECT case_id FROM case_owner WHERE operator = ?4)" }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT i.id, i.name, i.last_contact_at, i.consent_callback, i.consent_channels, i.consent_share,
                    i.consent_at, i.consent_by
                FROM inquirer i
                WHERE i.last_contact_at <= ?1 AND (i.consent_callback IS NULL OR i.consent_callback = 1)
                    AND EXISTS (SELECT 1 FROM inquiry q JOIN person_case c ON c.id = q.case_id
                        WHERE q.inquirer_id = i.id AND \(caseConditions))
                    AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.inquirer_id = i.id AND n.state <> 'delivered')
                ORDER BY i.last_contact_at, i.id LIMIT ?5
                """,
            arguments: [DatabaseTime.text(cutoff), waitingJSON, region, owner, limit ?? -1]
        ).map { row in
            (
                row[0], row[1], try DatabaseTime.date(row, 2),
                InquirerConsent(
                    callback: row[3], channels: ConsentColumns.channels(row[4]), share: row[5],
                    recorded: try DatabaseTime.optionalDate(row, 6), recordedBy: row[7])
            )
        }
    }

    // MARK: - Case owners

    func owner(caseId: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT operator FROM case_owner WHERE case_id = ?", arguments: [caseId])
    }

    func setOwner(caseId: Int64, operator name: String, at: Date, by: String) throws {
        try db.execute(
            sql: """
                INSERT INTO case_owner (case_id, operator, assigned_at, assigned_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (case_id) DO UPDATE SET operator = excluded.operator, assigned_at = excluded.assigned_at,
                    assigned_by = excluded.assigned_by
                """, arguments: [caseId, name, DatabaseTime.text(at), by])
    }

    // MARK: - Operators marked for news of a death

    func deliversDeathNotices(_ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT death_notices FROM operator WHERE name = ?", arguments: [name]) == true
    }
}

extension SQLiteNoticeStore {
    // MARK: - The news of a case

    /// The case's latest status change: the news a family asking now has not heard.
    func latestStatusChange(caseId: Int64) throws -> (to: String, at: Date, source: String?, asOf: String?)? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT to_value, at, source, as_of FROM case_history WHERE case_id = ? AND kind = 'status'
                    ORDER BY id DESC LIMIT 1
                    """), arguments: [caseId]
        ).map { ($0[0], try DatabaseTime.date($0, 1), $0[2], $0[3]) }
    }
}

extension SQLiteNoticeStore {
    // MARK: - Figures (stats)

    /// Families told at least one piece of news.
    func informedFamilies() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT inquirer_id) FROM notice WHERE state = 'delivered'") ?? 0
    }

    /// For each family with news not delivered yet, when its oldest such news came.
    func oldestUndeliveredNewsPerInquirer() throws -> [Date] {
        try Row.fetchAll(
            db, sql: "SELECT min(news_at) FROM notice WHERE state <> 'delivered' GROUP BY inquirer_id"
        ).map { try DatabaseTime.date($0, 0) }
    }

    /// Every delivered notice: hours from news to delivery, attempts, region, who delivered it.
    func deliveries() throws -> [(hours: Double, attempts: Int, region: String, by: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT (julianday(delivered_at) - julianday(news_at)) * 24, attempts, region, delivered_by
                FROM notice WHERE state = 'delivered'
                """
        ).map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    func informedFamiliesByRegion() throws -> [String: Int] {
        try keyedCounts(
            "SELECT region, count(DISTINCT inquirer_id) FROM notice WHERE state = 'delivered' GROUP BY region")
    }

    func waitingFamiliesByRegion() throws -> [String: Int] {
        try keyedCounts(
            "SELECT region, count(DISTINCT inquirer_id) FROM notice WHERE state <> 'delivered' GROUP BY region")
    }

    /// Attempts (deliveries included) by operator.
    func attemptsByOperator() throws -> [String: Int] {
        try keyedCounts("SELECT by, count(*) FROM notice_event WHERE kind IN ('attempt', 'delivered') GROUP BY by")
    }

    private func keyedCounts(_ sql: String) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql).map { ($0[0] as String, $0[1] as Int) })
    }
}

extension Database {
    /// The notice store on this transaction.
    var notices: SQLiteNoticeStore { SQLiteNoticeStore(db: self) }
}

/// A row of `notice`.
struct NoticeRow: FetchableRecord {
    var id: Int64?
    var caseId: Int64
    var inquirerId: Int64
    var region: String
    var status: String
    var source: String?
    var asOf: String?
    var newsAt: Date
    var state: NoticeState
    var attempts: Int
    var retryAfter: Date?
    var createdAt: Date

    init(
        caseId: Int64, inquirerId: Int64, region: String, status: String, source: String?, asOf: String?, newsAt: Date,
        state: NoticeState, createdAt: Date
    ) {
        self.caseId = caseId
        self.inquirerId = inquirerId
        self.region = region
        self.status = status
        self.source = source
        self.asOf = asOf
        self.newsAt = newsAt
        self.state = state
        attempts = 0
        self.createdAt = createdAt
    }

    /// `SELECT *` of notice, columns by position (schema order).
    init(row: Row) throws {
        id = row[0]
        caseId = row[1]
        inquirerId = row[2]
        region = row[3]
        status = row[4]
        source = row[5]
        asOf = row[6]
        newsAt = try DatabaseTime.date(row, 7)
        state = try StoredState.value(row, 8)
        attempts = row[9]
        retryAfter = try DatabaseTime.optionalDate(row, 10)
        createdAt = try DatabaseTime.date(row, 14)
    }
}

extension DatabaseTime {
    /// The timestamp in column `index` of `row`, or `nil` when it is NULL.
    static func optionalDate(_ row: Row, _ index: Int) throws -> Date? {
        row.hasNull(atIndex: index) ? nil : try date(row, index)
    }
}

/// The consent columns' text: channels as a JSON array.
enum ConsentColumns {
    static func channels(_ text: String?) -> [String]? {
        text.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    }

    static func text(_ channels: [String]?) -> String? {
        channels.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
    }
}
