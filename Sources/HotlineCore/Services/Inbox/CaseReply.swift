import Foundation
import GRDB

/// What `case reply` sent.
public struct SentReply: Encodable, Sendable, Equatable {
    public let ref: String
    public let inquirer: Int64
    /// `email` or `telegram`.
    public let channel: String
    /// The address, or `telegram:chat:ID`.
    public let to: String
    /// The e-mail's subject and Message-ID; a Telegram message has neither.
    public let subject: String?
    public let messageId: String?
    public let inReplyTo: String?

    enum CodingKeys: String, CodingKey {
        case ref = "case"
        case inquirer, channel, to, subject, messageId, inReplyTo
    }
}

/// A message the bot sends into a family's chat (Bot API `sendMessage`).
public struct TelegramReply: Sendable, Equatable {
    public let chatId: Int64
    public let text: String

    public init(chatId: Int64, text: String) {
        self.chatId = chatId
        self.text = text
    }
}

/// How `case reply` hands a reply on: e-mail to `mail.sendmail`, Telegram to the Bot API.
/// Each throws when it could not send; nothing is then recorded.
public struct ReplySenders: Sendable {
    public var mail: @Sendable (OutgoingMail) throws -> Void
    public var telegram: @Sendable (TelegramReply) throws -> Void

    public init(
        mail: @escaping @Sendable (OutgoingMail) throws -> Void,
        telegram: @escaping @Sendable (TelegramReply) throws -> Void
    ) {
        self.mail = mail
        self.telegram = telegram
    }
}

extension Hotline {
    /// The longest reply an operator may send.
    public static let replyRule = TextRule(field: "text", maxLength: 20_000, allowsNewlines: true)

    /// Sends an e-mail reply to an inquirer of a case, from the hotline's address `from`, with
    /// `[HL REF]` in the subject and In-Reply-To their latest message on the case; the case's
    /// history records it. `send` runs last, inside the transaction: if it fails nothing is
    /// recorded. (If it succeeds and the commit then fails, the family has the reply and the
    /// history lacks it: the one order that never records a reply that was not sent.)
    public func reply(
        toCase ref: String, inquirer inquirerId: Int64, text: String, from address: String,
        by operatorName: OperatorName,
        send: @escaping @Sendable (OutgoingMail) throws -> Void
    ) throws -> SentReply {
        try reply(
            toCase: ref, inquirer: inquirerId, text: text, from: address, by: operatorName,
            senders: ReplySenders(
                mail: send,
                telegram: { _ in
                    throw HotlineError.configuration("telegram.token is not set: replies cannot go through Telegram")
                }))
    }

    /// Sends a reply to an inquirer of a case by the channel they wrote on: Telegram (their chat
    /// with the bot) when their latest message on the case came that way or they left no e-mail
    /// address, else e-mail as above. The history records either; sending is last, as above.
    public func reply(
        toCase ref: String, inquirer inquirerId: Int64, text: String, from address: String,
        by operatorName: OperatorName, senders: ReplySenders
    ) throws -> SentReply {
        let reference = try CaseReference(parsing: ref)
        let text = try Self.replyRule.validate(text)
        guard !text.isEmpty else {
            throw HotlineError.invalidField(
                field: "text", value: "", problem: "the reply is empty", accepted: "--text TEXT or --file FILE")
        }
        let at = now()
        let defaultCountry = rules.defaultCountry
        return try database.run(
            .writing { db in
                try authorize(operatorName, as: .operator, in: db)
                let personCase = try PersonCaseRecord.fetch(ref: reference, in: db)
                let caseId = personCase.id!  // read from the database
                guard try db.inbox.isInquirer(inquirerId, ofCase: caseId) else {
                    throw HotlineError.invalidField(
                        field: "inquirer", value: String(inquirerId),
                        problem: "no inquiry of this inquirer is on case \(personCase.ref)",
                        accepted: "the id of one of the case's inquirers (`case show` lists them)")
                }
                let email = try db.inbox.emailOf(inquirerId: inquirerId)
                let chat = try db.inbox.telegramChatOf(inquirerId: inquirerId)
                let wroteByTelegram = try db.inbox.latestChannel(inquirerId: inquirerId, caseId: caseId) == "telegram"
                if let chat, email == nil || wroteByTelegram {
                    var history = HistoryWriter(caseId: caseId, at: at, by: operatorName, db: db)
                    try history.append(
                        kind: "note",
                        note: "Telegram reply to inquirer \(inquirerId) (chat \(chat)): \(String(text.prefix(300)))",
                        source: "telegram")
                    try db.cases.setLastActivity(at, caseId: caseId)
                    try senders.telegram(TelegramReply(chatId: chat, text: text))
                    return SentReply(
                        ref: personCase.ref, inquirer: inquirerId, channel: "telegram", to: "telegram:chat:\(chat)",
                        subject: nil, messageId: nil, inReplyTo: nil)
                }
                guard let to = email else {
                    throw HotlineError.invalidField(
                        field: "inquirer", value: String(inquirerId),
                        problem: "the inquirer left no e-mail address or Telegram chat",
                        accepted: "an inquirer with an email contact (add one with `inquiry edit ID --contact email:…`)"
                    )
                }
                guard !address.isEmpty else {
                    throw HotlineError.configuration(
                        "mail.address is not set: give the hotline's own address (env HOTLINE_MAIL_ADDRESS or the "
                            + "configuration file's mail.address) to send replies from")
                }
                let from = try Contact(kind: .email, value: address, defaultCountry: defaultCountry).value
                let latest = try db.inbox.latestMail(contact: "email:\(to)", caseId: caseId)
                let inReplyTo = latest.map(\.externalId).flatMap { $0.hasPrefix("<") ? $0 : nil }
                let mail = OutgoingMail(
                    messageId: OutgoingMail.makeMessageId(from: from), from: from, to: to,
                    subject: Self.taggedSubject(latest?.subject, ref: personCase.ref), text: text,
                    inReplyTo: inReplyTo, autoSubmitted: false)
                var history = HistoryWriter(caseId: caseId, at: at, by: operatorName, db: db)
                try history.append(
                    kind: "note", note: "e-mail reply to inquirer \(inquirerId) <\(to)>: \(String(text.prefix(300)))",
                    source: "email")
                try db.cases.setLastActivity(at, caseId: caseId)
                try db.inbox.recordSentMail(
                    messageId: mail.messageId, caseId: caseId, inquirerId: inquirerId, to: to, subject: mail.subject,
                    at: at, by: operatorName.name, auto: false)
                try senders.mail(mail)
                return SentReply(
                    ref: personCase.ref, inquirer: inquirerId, channel: "email", to: to, subject: mail.subject,
                    messageId: mail.messageId, inReplyTo: inReplyTo)
            })
    }
}
