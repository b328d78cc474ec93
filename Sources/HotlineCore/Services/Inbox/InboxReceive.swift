import Foundation
import GRDB

/// What the inbox did with a message a channel delivered.
public struct ReceivedMessage: Encodable, Sendable, Equatable {
    /// The inbox item's id.
    public let id: Int64
    /// The channel delivered this message before; nothing was written now.
    public let duplicate: Bool
    /// `new`, or `converted` when it threaded onto a case from a known sender.
    public let state: String
    /// The case it threads onto (by `[HL REF]` in the subject or a reply to our mail).
    public let ref: String?
    /// The inquiry it was logged as (a known sender on its thread).
    public let inquiry: Int64?

    enum CodingKeys: String, CodingKey {
        case id, duplicate, state
        case ref = "case"
        case inquiry
    }
}

extension Hotline {
    /// Who the history names for what a channel did on its own (a threaded reply logged as an
    /// inquiry): the mail server or the bot, not an operator. Channels are not operators: the
    /// database file's permissions decide who may deliver.
    public static let channelOperator = "inbox"

    /// Stores one message in the inbox, in one transaction with its attachments: a second
    /// delivery of the same message (its Message-ID or update_id) writes nothing and answers
    /// with the first. A message on a case's thread is filed under that case; from a sender who
    /// is already an inquirer of that case it is logged at once as their inquiry.
    public func receive(_ message: IncomingMessage) throws -> ReceivedMessage {
        try database.run(receiveWork(message))
    }

    /// Stores several messages in one transaction, each in a savepoint of its own, and answers
    /// for each in order: a message refused for what it holds (`invalidField` and the like) is
    /// left out alone and the others are stored. One commit, so one fsync, for them all: a
    /// Maildir run spent most of each message's 2 ms waiting for its own. Any other failure (a
    /// busy or full database) throws and stores none of them; the caller may retry them alone.
    public func receive(batch messages: [IncomingMessage]) throws -> [Result<ReceivedMessage, HotlineError>] {
        let works = messages.map { message in Result { () throws(HotlineError) in try receiveWork(message) } }
        return try database.write { db in
            try works.map { work in
                switch work {
                case .failure(let refused): return .failure(refused)
                case .success(let work):
                    do {
                        return .success(try db.inSavepoint(returning: work.body))
                    } catch let error as HotlineError where error.isRefusal {
                        return .failure(error)
                    }
                }
            }
        }
    }

    /// Whether the channel already delivered a message under this identity: the webhook
    /// skips downloading the photo of an update it has stored.
    public func hasReceived(channel: InboxChannel, externalId: String) async throws -> Bool {
        try await database.run(
            .reading { db in try db.inbox.messageId(channel: channel.rawValue, externalId: externalId) != nil })
    }

    /// `receive` for asynchronous callers (the Telegram webhook).
    public func receive(_ message: IncomingMessage) async throws -> ReceivedMessage {
        try await database.run(receiveWork(message))
    }

    func receiveWork(_ message: IncomingMessage) throws(HotlineError) -> DatabaseWork<ReceivedMessage> {
        let valid = try ValidIncomingMessage(message)
        let at = now()
        let by = try OperatorName(Self.channelOperator)
        return .writing { db in
            let inbox = db.inbox
            if let id = try inbox.messageId(channel: valid.channel.rawValue, externalId: valid.externalId),
                let first = try inbox.message(id: id)
            {
                return ReceivedMessage(
                    id: id, duplicate: true, state: first.state, ref: first.ref, inquiry: first.inquiryId)
            }
            let thread = try threadCase(of: valid, in: db)
            let id = try inbox.insertMessage(
                channel: valid.channel.rawValue, externalId: valid.externalId, senderName: valid.senderName,
                senderContact: valid.senderContact.description, subject: valid.subject, body: valid.text,
                receivedAt: at, state: "new", caseId: thread?.id, inquiryId: nil)
            for (position, attachment) in valid.attachments.enumerated() {
                try inbox.addAttachment(
                    messageId: id, position: position, name: attachment.name, type: attachment.type,
                    sha256: attachment.sha256, content: attachment.content)
            }
            try inbox.appendEvent(
                messageId: id, at: at, by: by.name, action: "received", caseId: thread?.id,
                note: "\(valid.channel.rawValue) from \(valid.senderContact)")
            guard let thread,
                let known = try inbox.inquirerOnCase(
                    caseId: thread.id!, contactKind: valid.senderContact.kind.rawValue,
                    value: valid.senderContact.value)
            else {
                return ReceivedMessage(id: id, duplicate: false, state: "new", ref: thread?.ref, inquiry: nil)
            }
            var draft = InquiryDraft(
                inquirer: "", relationship: known.relationship, channel: valid.channel.rawValue,
                note: Self.inquiryNote(inboxId: id, subject: valid.subject), caseRef: thread.ref)
            draft.inquirerId = known.id
            let logged = try writeInquiry(ValidInquiry(draft, rules: rules, today: at), by: by, at: at, in: db)
            try inbox.setOutcome(
                id: id, state: "converted", caseId: thread.id, inquiryId: logged.inquiry, discardReason: nil)
            try inbox.appendEvent(
                messageId: id, at: at, by: by.name, action: "converted", caseId: thread.id,
                note: "logged as inquiry \(logged.inquiry) of inquirer \(known.id), a known sender on the thread")
            return ReceivedMessage(
                id: id, duplicate: false, state: "converted", ref: logged.ref, inquiry: logged.inquiry)
        }
    }

    /// The case a message continues: `[HL 1234-5678]` in its subject (the form hotline writes),
    /// else a reply to mail hotline sent, else (Telegram, which has neither) the newest case
    /// of an inquirer who left this chat as their contact. A reference that names no case
    /// threads nowhere.
    func threadCase(of message: ValidIncomingMessage, in db: Database) throws -> PersonCaseRecord? {
        if let subject = message.subject, let ref = Self.subjectReference(subject),
            let record = try db.cases.record(ref: ref.description)
        {
            return try PersonCaseRecord.survivor(of: record, in: db)
        }
        if let caseId = try db.inbox.caseOfSentMail(messageIds: message.inReplyTo),
            let record = try db.cases.record(id: caseId)
        {
            return try PersonCaseRecord.survivor(of: record, in: db)
        }
        if message.channel == .telegram,
            let caseId = try db.inbox.casesOfContact(
                kind: message.senderContact.kind.rawValue, value: message.senderContact.value, limit: 1
            ).first,
            let record = try db.cases.record(id: caseId)
        {
            return try PersonCaseRecord.survivor(of: record, in: db)
        }
        return nil
    }

    /// The case reference in a subject's `[HL 1234-5678]` tag (as hotline writes it in every
    /// reply), if it is one with a valid check digit.
    public static func subjectReference(_ subject: String) -> CaseReference? {
        var rest = subject[...]
        while let open = rest.range(of: "[HL ", options: .caseInsensitive) {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: "]") else { return nil }
            if let ref = try? CaseReference(parsing: String(rest[..<close])) { return ref }
        }
        return nil
    }

    /// The subject with the case's tag, as replies carry it.
    public static func taggedSubject(_ subject: String?, ref: String) -> String {
        let base = subject.map { $0.isEmpty ? "Your inquiry" : $0 } ?? "Your inquiry"
        if subjectReference(base)?.description == ref { return base }
        let reply = base.lowercased().hasPrefix("re:") ? base : "Re: \(base)"
        return "\(reply) [HL \(ref)]"
    }

    /// The note an inquiry made from an inbox message carries: where it came from.
    static func inquiryNote(inboxId: Int64, subject: String?) -> String {
        let subject = subject.map { String($0.prefix(300)) }.flatMap { $0.isEmpty ? nil : $0 }
        let note = "inbox \(inboxId)" + (subject.map { ": \($0)" } ?? "")
        return (try? TextRule.note("note").validate(note)) ?? "inbox \(inboxId)"
    }
}
