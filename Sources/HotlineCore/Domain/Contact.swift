/// How an inquirer can be reached back.
public enum ContactKind: String, CaseIterable, Sendable, Codable {
    case phone, email, telegram, whatsapp, signal, viber
    /// A postal address, for families who write letters.
    case address
    /// Anything else: a neighbour's number, a social-network page.
    case other
}

/// One validated, normalised contact: phone numbers in E.164, e-mail lower-cased, Telegram
/// handles as `@name`.
public struct Contact: Hashable, Sendable, CustomStringConvertible {
    public let kind: ContactKind
    public let value: String

    public var description: String { "\(kind.rawValue):\(value)" }

    /// What `--contact` takes.
    public static let accepted: Message =
        "KIND:VALUE with KIND one of \(ContactKind.allCases.map(\.rawValue).joined(separator: ", ")) "
        + "(phone:+79161234567, email:name@example.org, telegram:@handle); "
        + "a bare phone number, e-mail address or @handle is also understood"

    /// Parses `KIND:VALUE`, or a bare phone number, e-mail address or `@handle`.
    public init(parsing raw: String, defaultCountry: String) throws(HotlineError) {
        let text = raw.trimmingWhitespace()
        let field = "contact"
        if let colon = text.firstIndex(of: ":"),
            let kind = ContactKind(
                rawValue: text[..<colon].trimmingWhitespace().lowercased())
        {
            try self.init(
                kind: kind, value: String(text[text.index(after: colon)...]), defaultCountry: defaultCountry
            )
        } else if let kind = Self.guessedKind(ofBare: text) {
            try self.init(kind: kind, value: text, defaultCountry: defaultCountry)
        } else {
            throw .invalidField(
                field: field, value: text, problem: "the kind of contact is not given",
                accepted: Self.accepted)
        }
    }

    /// What a contact typed without `KIND:` reads as: an e-mail address (an @ inside), a
    /// Telegram handle (`@name`), a phone number (digits and no letters); `nil` when none.
    /// The one guess, for intake and for search.
    public static func guessedKind(ofBare text: String) -> ContactKind? {
        if text.hasPrefix("@") { return .telegram }
        if text.contains("@") { return .email }
        if text.contains(where: { $0.isASCII && $0.isNumber }) && !text.contains(where: \.isLetter) { return .phone }
        return nil
    }

    /// Validates and normalises `value` as a contact of `kind`.
    public init(kind: ContactKind, value raw: String, defaultCountry: String) throws(HotlineError) {
        let field = "\(kind.rawValue) contact"
        // Every kind obeys the one-line text rule first: length in characters and bytes,
        // combining marks, control characters (an e-mail label of one letter and 4,000,000
        // accents was 1 "character").
        let value = try TextRule.line(field).validate(raw.trimmingWhitespace())
        self.kind = kind
        switch kind {
        case .phone, .whatsapp, .viber:
            self.value = try PhoneNumber(parsing: value, defaultCountry: defaultCountry, field: field)
                .e164
        case .email:
            self.value = try Self.email(value, field: field)
        case .telegram:
            self.value = try Self.telegram(value, field: field, defaultCountry: defaultCountry)
        case .signal:
            self.value = try Self.signal(value, field: field, defaultCountry: defaultCountry)
        case .address, .other:
            self.value = value
        }
    }

    private static func email(_ value: String, field: String) throws(HotlineError) -> String {
        let accepted: Message = "an e-mail address such as name@example.org"
        func invalid(_ problem: Message) -> HotlineError {
            .invalidField(field: field, value: value, problem: problem, accepted: accepted)
        }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw invalid("an address has exactly one @") }
        let (local, domain) = (parts[0], parts[1])
        let localCharacters = Set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard (1...64).contains(local.count), local.allSatisfy(localCharacters.contains),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { throw invalid("the part before @ is not a valid mailbox name") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, value.count <= 254,
            labels.allSatisfy({ label in
                (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            }),
            labels.last!.count >= 2, labels.last!.allSatisfy(\.isLetter)
        else { throw invalid("the part after @ is not a valid domain") }
        return value.lowercased()
    }

    private static func telegram(_ value: String, field: String, defaultCountry: String)
        throws(HotlineError) -> String
    {
        // A Telegram account is found by its @username or by its phone number; a bot reaches a
        // family only in the chat they opened with it, `chat:ID` (what the webhook records).
        if let chat = Self.telegramChatId(value) { return "chat:\(chat)" }
        if !value.contains(where: \.isLetter), value.contains(where: \.isNumber) {
            return try PhoneNumber(parsing: value, defaultCountry: defaultCountry, field: field).e164
        }
        var name = Substring(value)
        for prefix in ["https://t.me/", "http://t.me/", "t.me/", "@"]
        where name.lowercased().hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        guard (5...32).contains(name.count), name.allSatisfy(allowed.contains), name.first!.isLetter,
            !name.hasSuffix("_")
        else {
            throw .invalidField(
                field: field, value: value, problem: "not a Telegram username",
                accepted: "@username (5 to 32 Latin letters, digits or _, starting with a letter), "
                    + "a t.me/ link, or the account's phone number")
        }
        return "@" + name.lowercased()
    }

    /// The Bot API chat id in `chat:ID` (a private chat's is the user's id; a group's is
    /// negative), `nil` when `value` is not of that form.
    public static func telegramChatId(_ value: String) -> Int64? {
        guard value.lowercased().hasPrefix("chat:") else { return nil }
        let digits = value.dropFirst("chat:".count)
        guard digits.count <= 20, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        return Int64(digits)
    }

    private static func signal(_ value: String, field: String, defaultCountry: String)
        throws(HotlineError) -> String
    {
        if !value.contains(where: \.isLetter) {
            return try PhoneNumber(parsing: value, defaultCountry: defaultCountry, field: field).e164
        }
        // A Signal username: a nickname, a dot, and at least two digits (alice.01).
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        let nickname = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        guard parts.count == 2, (3...32).contains(parts[0].count),
            parts[0].allSatisfy(nickname.contains),
            parts[0].first!.isLetter, parts[1].count >= 2,
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw .invalidField(
                field: field, value: value, problem: "not a Signal username or phone number",
                accepted:
                    "a username such as alice.01 (3 to 32 letters, digits or _, a dot, 2 or more digits), "
                    + "or a phone number")
        }
        return value.lowercased()
    }
}
