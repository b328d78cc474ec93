import Foundation

extension Hotline {
    /// Whether RFC 3834 lets hotline answer `mail` automatically: never a message that is itself
    /// automatic (Auto-Submitted other than `no`), bulk, junk or from a list (Precedence,
    /// List-Id), never one with an empty Return-Path (a bounce), never our own address.
    public static func mayAcknowledge(_ mail: MailMessage, ourAddress: String) -> Bool {
        let headers = mail.headers
        if let auto = headers["auto-submitted"], auto.trimmingCharacters(in: .whitespaces).lowercased() != "no" {
            return false
        }
        if let precedence = headers["precedence"]?.trimmingCharacters(in: .whitespaces).lowercased(),
            ["bulk", "junk", "list"].contains(precedence)
        {
            return false
        }
        if headers["list-id"] != nil || headers["list-unsubscribe"] != nil { return false }
        if headers["x-autoreply"] != nil || headers["x-autorespond"] != nil { return false }
        if let returnPath = headers["return-path"], returnPath.trimmingCharacters(in: .whitespaces) == "<>" {
            return false
        }
        guard let sender = mail.fromAddress?.lowercased(), !sender.isEmpty else { return false }
        return sender != ourAddress.lowercased()
    }

    /// Acknowledges a newly stored message with its inbox number (`mail ingest --acknowledge`):
    /// at most one acknowledgement per sender a day, `Auto-Submitted: auto-replied`, recorded
    /// with the message. Runs after the message's own commit, so a failed acknowledgement never
    /// loses a message. `nil` when the rules say not to answer.
    public func acknowledge(
        _ received: ReceivedMessage, mail: MailMessage, from address: String,
        send: @escaping @Sendable (OutgoingMail) throws -> Void
    ) throws -> OutgoingMail? {
        guard !received.duplicate, received.inquiry == nil, Self.mayAcknowledge(mail, ourAddress: address),
            let to = mail.fromAddress?.lowercased()
        else { return nil }
        let from = try Contact(kind: .email, value: address, defaultCountry: rules.defaultCountry).value
        let at = now()
        let by = try OperatorName(Self.channelOperator)
        return try database.run(
            .writing { db in
                guard try !db.inbox.acknowledged(to: to, since: at.addingTimeInterval(-86_400)) else { return nil }
                let subject =
                    received.ref.map { Self.taggedSubject(mail.subject, ref: $0) }
                    ?? "Re: \(mail.subject ?? "") (inbox \(received.id))"
                let outgoing = OutgoingMail(
                    messageId: OutgoingMail.makeMessageId(from: from), from: from, to: to, subject: subject,
                    text: Self.acknowledgementText(inboxId: received.id), inReplyTo: mail.messageId.map { "<\($0)>" },
                    autoSubmitted: true)
                let caseId = try received.ref.flatMap { try db.cases.record(ref: $0)?.id }
                try db.inbox.recordSentMail(
                    messageId: outgoing.messageId, caseId: caseId, inquirerId: nil, to: to, subject: subject, at: at,
                    by: by.name, auto: true)
                try db.inbox.appendEvent(
                    messageId: received.id, at: at, by: by.name, action: "acknowledged", caseId: caseId, note: to)
                try send(outgoing)
                return outgoing
            })
    }

    static func acknowledgementText(inboxId: Int64) -> String {
        """
        Здравствуйте. Мы получили ваше письмо; его номер у нас: \(inboxId). Оператор ответит вам.
        Вітаємо. Ми отримали ваш лист; його номер у нас: \(inboxId). Оператор відповість вам.
        We have received your message; its number with us is \(inboxId). An operator will answer.

        (Это автоматический ответ. Це автоматична відповідь. This is an automatic reply.)
        """
    }
}
