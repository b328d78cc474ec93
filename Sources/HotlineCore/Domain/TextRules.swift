/// The rules every free-text field obeys at the service-layer boundary, whatever the front end.
/// Text is stored exactly as entered (names must round-trip byte for byte); these rules only
/// refuse what no operator means to type.
public struct TextRule: Sendable {
    /// The field's name in error messages.
    public let field: String
    /// The most characters (extended grapheme clusters) the field takes.
    public let maxLength: Int
    /// Whether line breaks are allowed (notes), or not (names, units).
    public let allowsNewlines: Bool
    /// The most bytes (UTF-8) the field takes: a character with combining marks stacked on it
    /// counts once in `maxLength`, so without this `Petr` and 4,000,000 U+0301 passed as
    /// "4 characters" (8 MB stored).
    public let maxBytes: Int

    /// The most combining marks on one base character. Real text needs up to 3 (Vietnamese
    /// 2, pointed Hebrew 3); more is "Zalgo" text or an attempt to blow up a field.
    public static let maxMarksPerCharacter = 4

    /// A rule taking up to `maxLength` characters and `maxBytes` bytes (by default 4 bytes a
    /// character: Cyrillic takes 2, a letter with two accents 5).
    public init(field: String, maxLength: Int, maxBytes: Int? = nil, allowsNewlines: Bool) {
        self.field = field
        self.maxLength = maxLength
        self.maxBytes = maxBytes ?? maxLength * 4
        self.allowsNewlines = allowsNewlines
    }

    public static func name(_ field: String) -> TextRule {
        TextRule(field: field, maxLength: 200, allowsNewlines: false)
    }
    public static func line(_ field: String) -> TextRule {
        TextRule(field: field, maxLength: 500, allowsNewlines: false)
    }
    public static func note(_ field: String) -> TextRule {
        TextRule(field: field, maxLength: 4000, allowsNewlines: true)
    }

    /// Returns the text unchanged if it obeys the rule; throws naming the field otherwise.
    public func validate(_ text: String) throws(HotlineError) -> String {
        // Computed: made only for an error (every field of every request passes through here).
        var accepted: Message {
            "up to \(maxLength) characters (\(maxBytes) bytes in UTF-8) of text"
                + (allowsNewlines ? ", line breaks allowed" : " on one line")
                + ", at most \(Self.maxMarksPerCharacter) combining marks on a character, no control characters"
        }
        // Bytes first: counting characters in 8 MB of combining marks takes long.
        let bytes = text.utf8.count
        guard bytes <= maxBytes else {
            throw .invalidField(
                field: field, value: text, problem: "it is \(bytes) bytes long", accepted: accepted)
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw .invalidField(field: field, value: text, problem: "it is empty", accepted: accepted)
        }
        guard text.count <= maxLength else {
            throw .invalidField(
                field: field, value: text, problem: "it is \(text.count) characters long",
                accepted: accepted)
        }
        var marks = 0
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                marks += 1
                if marks > Self.maxMarksPerCharacter {
                    throw .invalidField(
                        field: field, value: text,
                        problem: "it stacks more than \(Self.maxMarksPerCharacter) combining marks on one character",
                        accepted: accepted)
                }
            default: marks = 0
            }
            if scalar == "\u{FFFD}" {
                throw .invalidField(
                    field: field, value: text,
                    problem: "it is not valid UTF-8 (it holds a replacement character U+FFFD)",
                    accepted: accepted)
            }
            let isNewline = scalar == "\n" || scalar == "\r" || scalar == "\t"
            // U+2028 and U+2029 break lines too: one-line fields refuse them like "\n".
            if !allowsNewlines && (scalar == "\u{2028}" || scalar == "\u{2029}") {
                throw .invalidField(
                    field: field, value: text,
                    problem: "it contains the line break U+\(String(scalar.value, radix: 16, uppercase: true))",
                    accepted: accepted)
            }
            if scalar.properties.generalCategory == .control && !(allowsNewlines && isNewline) {
                throw .invalidField(
                    field: field, value: text,
                    problem:
                        "it contains the control character U+\(String(scalar.value, radix: 16, uppercase: true))",
                    accepted: accepted)
            }
        }
        return text
    }

    /// Validates an optional field: `nil` stays `nil`.
    public func validate(_ text: String?) throws(HotlineError) -> String? {
        guard let text else { return nil }
        return try validate(text)
    }
}
