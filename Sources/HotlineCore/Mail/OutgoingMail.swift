import Foundation

/// One message hotline sends (a reply, an acknowledgement), as the bytes `sendmail -t` reads:
/// UTF-8 text in base64, non-ASCII headers as RFC 2047 encoded words.
public struct OutgoingMail: Sendable, Equatable {
    public let messageId: String
    public let from: String
    public let to: String
    public let subject: String
    public let text: String
    /// The Message-ID answered, for In-Reply-To and References.
    public let inReplyTo: String?
    /// RFC 3834: `auto-replied` on an acknowledgement, absent on an operator's reply.
    public let autoSubmitted: Bool

    /// A new Message-ID in the hotline's own domain.
    static func makeMessageId(from address: String) -> String {
        let domain = address.split(separator: "@").last.map(String.init) ?? "hotline.invalid"
        return "<hl-\(UUID().uuidString.lowercased())@\(domain)>"
    }

    /// The message, lines ending in LF as a local `sendmail` reads them.
    public var bytes: Data {
        var lines = [
            "From: \(from)", "To: \(to)", "Subject: \(Self.encodedWord(subject))", "Message-ID: \(messageId)",
            "Date: \(Self.date(Date()))", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        if let inReplyTo { lines += ["In-Reply-To: \(inReplyTo)", "References: \(inReplyTo)"] }
        if autoSubmitted { lines.append("Auto-Submitted: auto-replied") }
        let body = Data(text.utf8).base64EncodedString(options: .lineLength76Characters)
            .replacing("\r\n", with: "\n")
        return Data((lines.joined(separator: "\n") + "\n\n" + body + "\n").utf8)
    }

    /// `text` as it may stand in a header: itself when ASCII, else RFC 2047 encoded words of
    /// at most 75 characters (whole characters per word), folded.
    static func encodedWord(_ text: String) -> String {
        guard !text.allSatisfy({ $0.isASCII && !$0.isNewline }) else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text where !character.isNewline {
            // 45 bytes of UTF-8 are 60 characters of base64: the word stays under 75.
            if chunk.utf8.count + String(character).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\n ")
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// Hands a message to the configured `sendmail -t -i` (`mail.sendmail`).
public struct Sendmail: Sendable {
    public let command: [String]

    public init(command: String) {
        self.command = command.split(separator: " ").map(String.init)
    }

    /// Pipes `mail` to the command; its failure (it cannot run, or exits non-zero) is an error
    /// saying what the command said.
    public func send(_ mail: OutgoingMail) throws(HotlineError) {
        guard let program = command.first else {
            throw .configuration("mail.sendmail is empty: set it to a command like /usr/sbin/sendmail -t -i")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .configuration("mail.sendmail (\(program)) cannot be run: \(error.localizedDescription)")
        }
        try? input.fileHandleForWriting.write(contentsOf: mail.bytes)
        try? input.fileHandleForWriting.close()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile().prefix(500), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .invalidField(
                field: "mail.sendmail", value: program,
                problem: "it exited with \(process.terminationStatus)\(said.isEmpty ? "" : ": \(said)")",
                accepted: "a sendmail that takes the message (check the mail server); nothing was recorded")
        }
    }
}
