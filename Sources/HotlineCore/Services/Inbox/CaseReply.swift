import Foundation
import GRDB

/// What `case reply` sent.
public struct SentReply: Encodable, Sendable, Equatable {
    public let ref: String
    public let inquirer: Int64
    public let to: String
    public let subject: String
    public let messageId: String
    public let inReplyTo: String?

    enum CodingKeys: String, CodingKey {
        case ref = "case"
        case inquirer, to, subject, messageId, inReplyTo
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
        let reference = try CaseReference(parsing: ref)
        let text = try Self.replyRule.validate(text)
        guard !text.isEmpty else {
            throw HotlineError.invalidField(
                field: "text", value: "", problem: "the reply is empty", accepted: "--text TEXT or --file FILE")
        }
        let from = try Contact(kind: .email, value: address, defaultCountry: rules.defaultCountry).value
        let at = now()
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
                guard let to = try db.inbox.emailOf(inquirerId: inquirerId) else {
                    throw HotlineError.invalidField(
                        field: "inquirer", value: String(inquirerId), problem: "the inquirer left no e-mail address",
                        accepted: "an inquirer with an email contact (add one with `inquiry edit ID --contact email:…`)"
                    )
                }
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
                try send(mail)
                return SentReply(
                    ref: personCase.ref, inquirer: inquirerId, to: to, subject: mail.subject,
                    messageId: mail.messageId, inReplyTo: inReplyTo)
            })
    }
}
