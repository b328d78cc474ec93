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
        let accepted =
            "up to \(maxLength) characters of text"
            + (allowsNewlines ? ", line breaks allowed" : " on one line")
            + ", no control characters"
        guard !text.allSatisfy(\.isWhitespace) else {
            throw .invalidField(field: field, value: text, problem: "it is empty", accepted: accepted)
        }
        guard text.count <= maxLength else {
            throw .invalidField(
                field: field, value: text, problem: "it is \(text.count) characters long",
                accepted: accepted)
        }
        for scalar in text.unicodeScalars {
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
