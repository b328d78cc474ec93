import Foundation
import GRDB

/// A row of `inbox_message`, as the inbox reads it.
struct InboxMessageRow: FetchableRecord, Decodable {
    var id: Int64
    var channel: String
    var externalId: String
    var senderName: String?
    var senderContact: String
    var subject: String?
    var body: String
    var receivedAt: Date
    var state: String
    var caseId: Int64?
    var inquiryId: Int64?
    var discardReason: String?
    /// The reference of `caseId`'s case (joined).
    var ref: String?

    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}

/// What the inbox needs from storage: `inbox_message`, `inbox_attachment`, `inbox_blob`,
/// `inbox_event` and `mail_sent` (Schema/v011_inbox.sql).
struct SQLiteInboxStore {
    let db: Database

    private static let selectMessage = """
        SELECT m.*, c.ref FROM inbox_message m LEFT JOIN person_case c ON c.id = m.case_id
        """

    /// The message the channel already delivered under this identity, if any.
    func messageId(channel: String, externalId: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM inbox_message WHERE channel = ? AND external_id = ?"),
            arguments: [channel, externalId])
    }

    /// Inserts a message; its id.
    func insertMessage(
        channel: String, externalId: String, senderName: String?, senderContact: String, subject: String?,
        body: String, receivedAt: Date, state: String, caseId: Int64?, inquiryId: Int64?
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO inbox_message (channel, external_id, sender_name, sender_contact, subject, body,
                    received_at, state, case_id, inquiry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            channel, externalId, senderName, senderContact, subject, body, receivedAt, state, caseId, inquiryId,
        ])
        return db.lastInsertedRowID
    }

    /// Stores an attachment's content once per SHA-256, and the message's reference to it.
    func addAttachment(messageId: Int64, position: Int, name: String?, type: String, sha256: String, content: Data)
        throws
    {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO inbox_blob (sha256, size, content) VALUES (?, ?, ?)")
            .execute(arguments: [sha256, content.count, content])
        try db.cachedStatement(
            sql: "INSERT INTO inbox_attachment (message_id, position, name, type, sha256) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [messageId, position, name, type, sha256])
    }

    func message(id: Int64) throws -> InboxMessageRow? {
        try InboxMessageRow.fetchOne(db, sql: Self.selectMessage + " WHERE m.id = ?", arguments: [id])
    }

    /// Messages newest first, narrowed by channel and state when given.
    func messages(channel: String?, state: String?, limit: Int) throws -> [InboxMessageRow] {
        try InboxMessageRow.fetchAll(
            db,
            sql: Self.selectMessage
                + " WHERE (?1 IS NULL OR m.channel = ?1) AND (?2 IS NULL OR m.state = ?2) ORDER BY m.id DESC LIMIT ?3",
            arguments: [channel, state, limit])
    }

    /// A message's attachments in order: name, type, size, SHA-256.
    func attachments(messageId: Int64) throws -> [(name: String?, type: String, size: Int, sha256: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.name, a.type, b.size, a.sha256 FROM inbox_attachment a JOIN inbox_blob b ON b.sha256 = a.sha256
                WHERE a.message_id = ? ORDER BY a.position
                """, arguments: [messageId]
        ).map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    /// Records what became of a message.
    func setOutcome(id: Int64, state: String, caseId: Int64?, inquiryId: Int64?, discardReason: String?) throws {
        try db.execute(
            sql: "UPDATE inbox_message SET state = ?, case_id = ?, inquiry_id = ?, discard_reason = ? WHERE id = ?",
            arguments: [state, caseId, inquiryId, discardReason, id])
    }

    func appendEvent(messageId: Int64, at: Date, by: String, action: String, caseId: Int64?, note: String?) throws {
        try db.cachedStatement(
            sql: "INSERT INTO inbox_event (message_id, at, by, action, case_id, note) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [messageId, at, by, action, caseId, note])
    }

    /// The case of a message hotline sent, by its Message-ID; `nil` when we sent none such.
    func caseOfSentMail(messageIds: [String]) throws -> Int64? {
        guard !messageIds.isEmpty else { return nil }
        let json = String(decoding: try JSONEncoder().encode(messageIds), as: UTF8.self)
        return try Int64.fetchOne(
            db,
            sql: """
                SELECT case_id FROM mail_sent WHERE message_id IN (SELECT value FROM json_each(?)) AND case_id IS NOT NULL
                ORDER BY at DESC LIMIT 1
                """, arguments: [json])
    }

    func recordSentMail(
        messageId: String, caseId: Int64?, inquirerId: Int64?, to: String, subject: String, at: Date, by: String,
        auto: Bool
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO mail_sent (message_id, case_id, inquirer_id, to_address, subject, at, by, auto)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [messageId, caseId, inquirerId, to, subject, at, by, auto])
    }

    /// Whether an acknowledgement went to this address at or after `since` (RFC 3834: at most
    /// one a day).
    func acknowledged(to address: String, since: Date) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM mail_sent WHERE auto = 1 AND to_address = ? AND at >= ?)",
            arguments: [address, since]) == true
    }

    /// The inquirer of case `caseId` who left this contact, with the relationship of their
    /// latest inquiry on it: a known sender on a thread.
    func inquirerOnCase(caseId: Int64, contactKind: String, value: String) throws -> (
        id: Int64, relationship: String
    )? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT i.inquirer_id, i.relationship FROM inquiry i
                JOIN contact k ON k.inquirer_id = i.inquirer_id AND k.kind = ? AND k.value = ?
                WHERE i.case_id = ? ORDER BY i.id DESC LIMIT 1
                """, arguments: [contactKind, value, caseId]
        ).map { ($0[0], $0[1]) }
    }

    /// The cases of inquirers who left this contact, newest inquiry first.
    func casesOfContact(kind: String, value: String, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT i.case_id FROM contact k JOIN inquiry i ON i.inquirer_id = k.inquirer_id
                WHERE k.value = ? AND k.kind = ? GROUP BY i.case_id ORDER BY max(i.id) DESC LIMIT ?
                """, arguments: [value, kind, limit])
    }

    /// The email address and name of an inquirer, for a reply.
    func emailOf(inquirerId: Int64) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT value FROM contact WHERE inquirer_id = ? AND kind = 'email' ORDER BY id LIMIT 1",
            arguments: [inquirerId])
    }

    /// The Bot API chat of an inquirer (`telegram:chat:ID`, recorded from the webhook), for a
    /// reply.
    func telegramChatOf(inquirerId: Int64) throws -> Int64? {
        try String.fetchOne(
            db,
            sql: """
                SELECT value FROM contact WHERE inquirer_id = ? AND kind = 'telegram' AND value LIKE 'chat:%'
                ORDER BY id DESC LIMIT 1
                """, arguments: [inquirerId]
        ).flatMap(Contact.telegramChatId)
    }

    /// The channel of the newest inbox message from any of the inquirer's contacts on the case:
    /// the one a reply goes back through.
    func latestChannel(inquirerId: Int64, caseId: Int64) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT m.channel FROM contact k JOIN inbox_message m ON m.sender_contact = k.kind || ':' || k.value
                WHERE k.inquirer_id = ? AND m.case_id = ? ORDER BY m.id DESC LIMIT 1
                """, arguments: [inquirerId, caseId])
    }

    /// The Message-ID and subject of the newest e-mail this contact sent on the case, for a
    /// reply's In-Reply-To and subject.
    func latestMail(contact: String, caseId: Int64) throws -> (externalId: String, subject: String?)? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT external_id, subject FROM inbox_message WHERE sender_contact = ? AND case_id = ? AND channel = 'email'
                ORDER BY id DESC LIMIT 1
                """, arguments: [contact, caseId]
        ).map { ($0[0], $0[1]) }
    }

    /// Whether the inquirer asked about the case.
    func isInquirer(_ inquirerId: Int64, ofCase caseId: Int64) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM inquiry WHERE case_id = ? AND inquirer_id = ?)",
            arguments: [caseId, inquirerId]) == true
    }
}

extension Database {
    /// The inbox store on this transaction.
    var inbox: SQLiteInboxStore { SQLiteInboxStore(db: self) }
}
