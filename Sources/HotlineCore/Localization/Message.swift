/// Words for an operator: a key (the English wording, each interpolated value a numbered
/// placeholder `{1}`, `{2}`, ...) plus the values, rendered at the output boundary in the
/// language of the task (`Language.current`) through the catalogs in Config/.
///
/// A string literal where a `Message` is expected is one: `problem: "it is longer than \(limit)
/// characters"` has the key `it is longer than {1} characters`. Interpolated values are data
/// (references, names, region codes) shown as they are; an interpolated `Message` is rendered
/// in the same language. `MessageCatalogTests` finds every key in the code.
public struct Message: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A value put into a placeholder.
    public enum Argument: Sendable, Hashable {
        /// Data, shown as it is in every language.
        case text(String)
        /// Words, rendered in the message's language.
        indirect case message(Message)
    }

    /// The English wording with placeholders: the catalogs' key.
    public let key: String
    public let arguments: [Argument]

    public init(stringLiteral value: String) {
        key = value
        arguments = []
    }

    public init(stringInterpolation: StringInterpolation) {
        key = stringInterpolation.key
        arguments = stringInterpolation.arguments
    }

    /// Data shown as it is, in no language (a list of values, a path, SQLite's own words).
    public static func verbatim(_ text: String) -> Message { "\(text)" }

    public struct StringInterpolation: StringInterpolationProtocol {
        var key = ""
        var arguments: [Argument] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { key += literal }

        public mutating func appendInterpolation(_ message: Message) { append(.message(message)) }

        public mutating func appendInterpolation(_ value: some Any) { append(.text(String(describing: value))) }

        private mutating func append(_ argument: Argument) {
            arguments.append(argument)
            key += "{\(arguments.count)}"
        }
    }

    /// The message in the task's language.
    public var description: String { rendered(in: Language.current) }

    /// The message in `language`: its catalog's wording of the key (the English key when the
    /// catalog lacks it), each `{n}` replaced by the n-th value.
    public func rendered(in language: Language) -> String {
        let template = MessageCatalog.template(for: key, in: language)
        guard !arguments.isEmpty else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let number = Int(rest[afterOpen..<close]),
                arguments.indices.contains(number - 1)
            {
                switch arguments[number - 1] {
                case .text(let text): result += text
                case .message(let message): result += message.rendered(in: language)
                }
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }
}

extension Message {
    /// Two messages are equal when they say the same in English, however they were made: an
    /// error a test spells out as one literal equals the one the code interpolated.
    public static func == (lhs: Message, rhs: Message) -> Bool { lhs.rendered(in: .en) == rhs.rendered(in: .en) }

    public func hash(into hasher: inout Hasher) { hasher.combine(rendered(in: .en)) }
}

extension Message {
    /// A message named explicitly where the type is not otherwise a `Message` (a variable, a
    /// helper's result): `Message("score \(score)")`. The catalog test finds these too.
    public init(_ message: Message) { self = message }
}

extension Message {
    /// Two messages as one, as literals are joined to keep lines short: `"a \(x). " + "b \(y)"`
    /// has the key `a {1}. b {2}`.
    public static func + (lhs: Message, rhs: Message) -> Message {
        var interpolation = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        interpolation.key = lhs.key + renumbered(rhs.key, by: lhs.arguments.count)
        interpolation.arguments = lhs.arguments + rhs.arguments
        return Message(stringInterpolation: interpolation)
    }

    /// `key` with each placeholder `{n}` made `{n + offset}`.
    /// By hand, not with a regex: a regex literal is compiled at each call, and a shell's list
    /// of waiting notices joins many messages (a tenth of a shell search's CPU went there).
    private static func renumbered(_ key: String, by offset: Int) -> String {
        guard offset > 0, key.contains("{") else { return key }
        var result = ""
        var rest = key[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let digits = rest[rest.index(after: open)...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.endIndex < rest.endIndex, rest[digits.endIndex] == "}", let number = Int(digits)
            {
                result += "{\(number + offset)}"
                rest = rest[rest.index(after: digits.endIndex)...]
            } else {
                result += "{"
                rest = rest[rest.index(after: open)...]
            }
        }
        return result + rest
    }
}
