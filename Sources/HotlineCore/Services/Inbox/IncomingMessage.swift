import Foundation

/// The channels the inbox receives from.
public enum InboxChannel: String, CaseIterable, Sendable, Codable {
    case email, telegram
}

/// One message as a channel hands it to the inbox (`mail ingest` after parsing the MIME, the
/// Telegram webhook after decoding the update): not validated yet.
public struct IncomingMessage: Sendable {
    public var channel: InboxChannel
    /// The channel's identity of the message: the Message-ID (a message without one: the
    /// SHA-256 of its bytes) or the Telegram update_id. The same identity is stored once.
    public var externalId: String
    /// The sender's display name, if they gave one.
    public var senderName: String?
    /// How to reach the sender: their e-mail address, or their Telegram handle or chat.
    public var senderContact: Contact
    public var subject: String?
    /// The text, already decoded (HTML reduced to text).
    public var text: String
    public var attachments: [IncomingAttachment]
    /// Message-IDs this one answers (In-Reply-To, then References): threads onto a case when
    /// hotline sent one of them.
    public var inReplyTo: [String]

    public init(
        channel: InboxChannel, externalId: String, senderName: String?, senderContact: Contact, subject: String?,
        text: String, attachments: [IncomingAttachment] = [], inReplyTo: [String] = []
    ) {
        self.channel = channel
        self.externalId = externalId
        self.senderName = senderName
        self.senderContact = senderContact
        self.subject = subject
        self.text = text
        self.attachments = attachments
        self.inReplyTo = inReplyTo
    }
}

/// A file that came with a message: a photo, a scan.
public struct IncomingAttachment: Sendable {
    public var name: String?
    /// Its MIME type, `application/octet-stream` when unknown.
    public var type: String
    public var content: Data

    public init(name: String?, type: String, content: Data) {
        self.name = name
        self.type = type
        self.content = content
    }
}

extension Hotline {
    /// The largest attachment the inbox keeps: a phone's photo is 2-8 MB, a scanned page less.
    public static let maxAttachmentBytes = 16 * 1024 * 1024
    /// The most a message's attachments may add up to.
    public static let maxAttachmentsBytes = 32 * 1024 * 1024
    /// The most text a message may carry (UTF-8 bytes); a family's letter is a few kilobytes.
    public static let maxMessageTextBytes = 1024 * 1024
    /// The most attachments one message may carry.
    public static let maxAttachments = 50
}

/// A message whose every part passed its rule, ready to store.
struct ValidIncomingMessage {
    let channel: InboxChannel
    let externalId: String
    let senderName: String?
    let senderContact: Contact
    let subject: String?
    let text: String
    let attachments: [(name: String?, type: String, sha256: String, content: Data)]
    let inReplyTo: [String]

    init(_ message: IncomingMessage) throws(HotlineError) {
        channel = message.channel
        externalId = String(Self.printable(message.externalId, keepingNewlines: false).prefix(998))
        guard !externalId.isEmpty else {
            throw .invalidField(
                field: "message id", value: message.externalId, problem: "it is empty",
                accepted: "the channel's identity of the message (Message-ID, update_id)")
        }
        senderName = message.senderName.map { String(Self.printable($0, keepingNewlines: false).prefix(200)) }
            .flatMap { $0.isEmpty ? nil : $0 }
        senderContact = message.senderContact
        subject = message.subject.map { String(Self.printable($0, keepingNewlines: false).prefix(500)) }
        let text = Self.printable(message.text, keepingNewlines: true)
        guard text.utf8.count <= Hotline.maxMessageTextBytes else {
            throw .invalidField(
                field: "text", value: "\(text.utf8.count) bytes", problem: "the message's text is too long",
                accepted: "at most \(Hotline.maxMessageTextBytes) bytes of text")
        }
        self.text = text
        guard message.attachments.count <= Hotline.maxAttachments else {
            throw .invalidField(
                field: "attachments", value: "\(message.attachments.count) attachments",
                problem: "too many attachments", accepted: "at most \(Hotline.maxAttachments) a message")
        }
        var total = 0
        var attachments: [(name: String?, type: String, sha256: String, content: Data)] = []
        for attachment in message.attachments {
            let name = attachment.name.map { String(Self.printable($0, keepingNewlines: false).prefix(255)) }
            guard attachment.content.count <= Hotline.maxAttachmentBytes else {
                throw .invalidField(
                    field: "attachment", value: "\(name ?? "unnamed"), \(attachment.content.count) bytes",
                    problem: "the attachment is too large",
                    accepted: "attachments of at most \(Hotline.maxAttachmentBytes / 1024 / 1024) MB each")
            }
            total += attachment.content.count
            guard total <= Hotline.maxAttachmentsBytes else {
                throw .invalidField(
                    field: "attachments", value: "\(total) bytes or more", problem: "the attachments are too large",
                    accepted: "at most \(Hotline.maxAttachmentsBytes / 1024 / 1024) MB of attachments a message")
            }
            let type = String(Self.printable(attachment.type, keepingNewlines: false).lowercased().prefix(100))
            attachments.append(
                (
                    name, type.isEmpty ? "application/octet-stream" : type,
                    SHA256.hex(of: [UInt8](attachment.content)), attachment.content
                ))
        }
        self.attachments = attachments
        inReplyTo = message.inReplyTo.prefix(50).map { String($0.prefix(998)) }
    }

    /// `text` without control and invisible format characters (an escape sequence in a subject
    /// must not reach an operator's terminal), line breaks and tabs kept where asked.
    static func printable(_ text: String, keepingNewlines: Bool) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where keepingNewlines, "\t" where keepingNewlines: kept.append(scalar)
            case "\r": continue
            case "\n", "\t": kept.append(" ")
            default:
                let category = scalar.properties.generalCategory
                if category == .control || scalar.properties.isBidiControl { continue }
                kept.append(scalar)
            }
        }
        return String(kept).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
