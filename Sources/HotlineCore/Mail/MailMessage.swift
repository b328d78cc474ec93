import CGMime
import Foundation

/// One RFC 5322 message as GMime parsed it (Sources/CGMime): everything decoded to UTF-8.
public struct MailMessage: Sendable {
    /// The Message-ID, without angle brackets.
    public let messageId: String?
    public let fromAddress: String?
    public let fromName: String?
    public let subject: String?
    /// The text/plain part, or the HTML reduced to text.
    public let text: String
    public let textWasHTML: Bool
    public let attachments: [IncomingAttachment]
    /// In-Reply-To's Message-IDs, then References'.
    public let replyIds: [String]
    /// The headers RFC 3834's rules read, by lower-case name.
    public let headers: [String: String]
    /// The SHA-256 of the raw message: the identity of a message without a Message-ID.
    public let sha256: String

    /// The largest message `mail ingest` reads: above the attachment caps with base64's third.
    public static let maxBytes = 64 * 1024 * 1024

    static let headerNames = [
        "Auto-Submitted", "Precedence", "List-Id", "List-Unsubscribe", "Return-Path", "X-Auto-Response-Suppress",
        "X-Autoreply", "X-Autorespond",
    ]

    /// Parses `bytes`; a message GMime cannot read as one is refused, naming why.
    public init(parsing bytes: Data) throws(HotlineError) {
        guard bytes.count <= Self.maxBytes else {
            throw .invalidField(
                field: "message", value: "\(bytes.count) bytes", problem: "the message is too large",
                accepted: "messages of at most \(Self.maxBytes / 1024 / 1024) MB")
        }
        var problem = [CChar](repeating: 0, count: 256)
        let parsed = bytes.withUnsafeBytes { raw in
            hotline_mail_parse(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, &problem, 256)
        }
        guard let mail = parsed else {
            throw .invalidField(
                field: "message", value: "\(bytes.count) bytes",
                problem: .verbatim(String(decoding: problem.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)),
                accepted: "one RFC 5322 e-mail message")
        }
        defer { hotline_mail_free(mail) }
        func string(_ pointer: UnsafePointer<CChar>?) -> String? {
            // String(cString:) repairs invalid UTF-8 (an undeclared 8-bit part) with U+FFFD.
            pointer.map { String(cString: $0) }
        }
        messageId = string(hotline_mail_message_id(mail)).flatMap { $0.isEmpty ? nil : $0 }
        fromAddress = string(hotline_mail_from_address(mail))
        fromName = string(hotline_mail_from_name(mail))
        subject = string(hotline_mail_subject(mail))
        text = string(hotline_mail_text(mail)) ?? ""
        textWasHTML = hotline_mail_text_was_html(mail) != 0
        attachments = (0..<hotline_mail_attachment_count(mail)).map { index in
            var length = 0
            let pointer = hotline_mail_attachment_bytes(mail, index, &length)
            return IncomingAttachment(
                name: string(hotline_mail_attachment_name(mail, index)),
                type: string(hotline_mail_attachment_type(mail, index)) ?? "application/octet-stream",
                content: pointer.map { Data(bytes: $0, count: length) } ?? Data())
        }
        replyIds = (0..<hotline_mail_reply_count(mail)).compactMap { string(hotline_mail_reply_id(mail, $0)) }
        var headers: [String: String] = [:]
        for name in Self.headerNames {
            if let value = string(hotline_mail_header(mail, name)) { headers[name.lowercased()] = value }
        }
        self.headers = headers
        sha256 = SHA256.hex(of: [UInt8](bytes))
    }

    /// The message as the inbox takes it; a message without a sender's address is refused.
    public func incoming(defaultCountry: String) throws(HotlineError) -> IncomingMessage {
        guard let address = fromAddress, !address.isEmpty else {
            throw .invalidField(
                field: "From", value: "", problem: "the message names no sender's address",
                accepted: "a message with a From: address to answer")
        }
        let contact = try Contact(kind: .email, value: address, defaultCountry: defaultCountry)
        return IncomingMessage(
            channel: .email, externalId: messageId.map { "<\($0)>" } ?? "sha256:\(sha256)", senderName: fromName,
            senderContact: contact, subject: subject, text: text, attachments: attachments,
            // As hotline stores Message-IDs (its own and others'): in angle brackets.
            inReplyTo: replyIds.map { "<\($0)>" })
    }
}
