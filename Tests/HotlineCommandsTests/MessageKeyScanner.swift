import Foundation

/// Finds the message keys in hotline's sources, the way `Message` makes them at run time: each
/// string literal where a `Message` is expected (after `problem:`, `accepted:`, `Console.print(`,
/// `: Message =`, a `return` in a function returning `Message`, ... see `markers`), its
/// interpolations numbered `{1}`, `{2}`, literals joined by `+` as one key. A message written
/// some other way is missed: keep to these forms (README, Layout, "Adding a message"). A literal
/// joined by `+` to anything else is reported: its key exists only at run time.
enum MessageKeyScanner {
    /// Words after which an expression of message literals follows.
    static let markers = [
        "problem:", "reason:", "remedy:", "accepted:", "because:", "problem =", "why =",
        "Message(", "Console.print(", "Console.printError(", "Console.writeError(", "TextTable(",
        ".configuration(", ".notSignedIn(", "invalid(", "refuse(",
        ": Message =", ": Message? =", ": [Message] =",
    ]
    /// The key reported for a message joined to something the scanner cannot read.
    static func unscannable(line: Int) -> String {
        "(line \(line): a message joined by + to something other than a literal; write it as one literal, or one per branch)"
    }

    /// Declarations whose body's `return` literals are messages.
    static let bodyMarkers = ["-> Message {", ": Message {", "-> Message? {"]

    /// The keys in every Swift file under `folders`, with the file each was first seen in.
    static func keys(in folders: [URL]) throws -> [String: String] {
        var found: [String: String] = [:]
        for folder in folders {
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
            for case let file as URL in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                for key in keys(inSource: text) + columnHeaders(inSource: text) where found[key] == nil {
                    found[key] = file.lastPathComponent
                }
            }
        }
        return found
    }

    /// `Render.list`'s table headers: each column's CSV name in capitals (`("at", ...)` gives
    /// `AT`), a key made at run time from the literal.
    static func columnHeaders(inSource source: String) -> [String] {
        source.matches(of: /\(\s*"([A-Za-z ]+)",\s*[\{\\]/).map { String($0.1).uppercased() }
    }

    static func keys(inSource source: String) -> [String] {
        let text = Array(source.unicodeScalars)
        var keys: [String] = []
        var index = 0
        while index < text.count {
            if text[index] == "/" && index + 1 < text.count && text[index + 1] == "/" {
                index = skipLine(text, from: index)  // a comment quoting a marker is no call
                continue
            }
            if text[index] == "\"" {
                index = skipLiteral(text, from: index)
                continue
            }
            if let marker = bodyMarkers.first(where: { matches($0, text, at: index) }) {
                index = scanBody(text, from: index + marker.unicodeScalars.count, into: &keys)
                continue
            }
            if let marker = markers.first(where: { matches($0, text, at: index) }),
                index == 0 || !isWordCharacter(text[index - 1]) || marker.first == "." || marker.first == ":"
            {
                index = scanExpression(
                    text, from: index + marker.unicodeScalars.count, acrossCommas: marker.hasSuffix("("), into: &keys)
                continue
            }
            index += 1
        }
        return keys
    }

    // MARK: - Expressions

    /// Collects the literals of one expression (or argument list) starting at `start`: those
    /// outside any parentheses it opens, joined by `+`. Stops at a `,` or closing bracket of
    /// the enclosing call, or at a line end that does not continue the expression.
    private static func scanExpression(
        _ text: [Unicode.Scalar], from start: Int, acrossCommas: Bool = false, into keys: inout [String]
    ) -> Int {
        var index = start
        var depth = 0
        var chain: (key: String, count: Int)? = nil
        var joining = false
        func flush() {
            if let chain { keys.append(chain.key) }
            chain = nil
        }
        // `return` or `=` may end its line, the expression starting on the next.
        while index < text.count, text[index] == " " || text[index] == "\n" { index += 1 }
        while index < text.count {
            let scalar = text[index]
            if scalar == "\"" {
                if isTripleQuote(text, at: index) {
                    index = skipLiteral(text, from: index)
                    continue
                }
                let (literal, end) = readLiteral(text, from: index, numberingFrom: joining ? (chain?.count ?? 0) : 0)
                if depth == 0 {
                    if joining, let current = chain {
                        chain = (current.key + literal.key, current.count + literal.count)
                    } else {
                        flush()
                        chain = literal
                    }
                }
                joining = false
                index = end
                continue
            }
            // A literal joined by `+` to anything but a literal (`+ (ok ? "a" : "b")`, `+ more`)
            // makes a key at run time that no catalog can hold: the catalog has the literal's
            // own key, and the joined message falls back to English. Reported as a key no
            // catalog has, so `everyMessageHasAWording` names the file.
            if joining, depth == 0, !" \t\n".unicodeScalars.contains(scalar) {
                keys.append(unscannable(line: text[..<index].filter { $0 == "\n" }.count + 1))
                joining = false
            }
            switch scalar {
            case "(", "{":
                depth += 1
            case ")", "}":
                if depth == 0 {
                    flush()
                    return index
                }
                depth -= 1
            case "]" where depth == 0:
                flush()
                return index
            case "," where depth == 0:
                flush()
                if !acrossCommas { return index }
            case "+" where depth == 0:
                if chain == nil { keys.append(unscannable(line: text[..<index].filter { $0 == "\n" }.count + 1)) }
                joining = chain != nil
            case "\n" where depth == 0:
                if !continues(text, at: index) {
                    flush()
                    return index
                }
            case " ", "\t", "\n", "[":
                break
            default:
                if depth == 0 { joining = false }
            }
            index += 1
        }
        flush()
        return index
    }

    /// Whether the expression goes on past the line end at `index`: the line ends in an
    /// operator, or the next one starts with one.
    private static func continues(_ text: [Unicode.Scalar], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0, text[before] == " " { before -= 1 }
        if before >= 0, "=+?:([,".unicodeScalars.contains(text[before]) { return true }
        var after = index + 1
        while after < text.count, text[after] == " " || text[after] == "\n" { after += 1 }
        return after < text.count && "+?:.".unicodeScalars.contains(text[after])
    }

    /// Collects the literals after each `return` in the braces that start at or after `start`.
    private static func scanBody(_ text: [Unicode.Scalar], from start: Int, into keys: inout [String]) -> Int {
        var index = start
        var depth = 1
        while index < text.count, depth > 0 {
            if text[index] == "\"" {
                index = skipLiteral(text, from: index)
                continue
            }
            if text[index] == "/" && index + 1 < text.count && text[index + 1] == "/" {
                index = skipLine(text, from: index)
                continue
            }
            if matches("return", text, at: index) && !isWordCharacter(text[index - 1]) {
                index = scanExpression(text, from: index + 6, into: &keys)
                continue
            }
            if let marker = markers.first(where: { matches($0, text, at: index) }),
                !isWordCharacter(text[index - 1]) || marker.first == "." || marker.first == ":"
            {
                index = scanExpression(
                    text, from: index + marker.unicodeScalars.count, acrossCommas: marker.hasSuffix("("), into: &keys)
                continue
            }
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" { depth -= 1 }
            index += 1
        }
        return index
    }

    // MARK: - Literals

    /// The key of the literal starting at `start` (its escapes decoded, its interpolations
    /// numbered from `first + 1`) and the index after it.
    private static func readLiteral(_ text: [Unicode.Scalar], from start: Int, numberingFrom first: Int)
        -> (literal: (key: String, count: Int), end: Int)
    {
        var key = ""
        var count = first
        var index = start + 1
        while index < text.count, text[index] != "\"" {
            if text[index] == "\\", index + 1 < text.count {
                let next = text[index + 1]
                switch next {
                case "(":
                    count += 1
                    key += "{\(count)}"
                    index = skipParentheses(text, from: index + 1)
                    continue
                case "n": key += "\n"
                case "t": key += "\t"
                case "r": key += "\r"
                case "0": key += "\0"
                case "u":
                    var end = index + 3
                    while end < text.count, text[end] != "}" { end += 1 }
                    let hex = String(String.UnicodeScalarView(text[(index + 3)..<end]))
                    if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                        key.unicodeScalars.append(scalar)
                    }
                    index = end + 1
                    continue
                default: key.unicodeScalars.append(next)
                }
                index += 2
                continue
            }
            key.unicodeScalars.append(text[index])
            index += 1
        }
        return ((key, count - first), index + 1)
    }

    /// The index after the parentheses opening at `start`, string literals inside them skipped.
    private static func skipParentheses(_ text: [Unicode.Scalar], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < text.count {
            switch text[index] {
            case "\"":
                index = skipLiteral(text, from: index)
                continue
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return index
    }

    /// The index after the literal (single-line or `"""`) starting at `start`.
    private static func skipLiteral(_ text: [Unicode.Scalar], from start: Int) -> Int {
        if isTripleQuote(text, at: start) {
            var index = start + 3
            while index + 2 < text.count, !isTripleQuote(text, at: index) { index += 1 }
            return index + 3
        }
        var index = start + 1
        while index < text.count, text[index] != "\"", text[index] != "\n" {
            if text[index] == "\\", index + 1 < text.count {
                if text[index + 1] == "(" {
                    index = skipParentheses(text, from: index + 1)
                    continue
                }
                index += 2
                continue
            }
            index += 1
        }
        return index + 1
    }

    private static func skipLine(_ text: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < text.count, text[index] != "\n" { index += 1 }
        return index
    }

    private static func isTripleQuote(_ text: [Unicode.Scalar], at index: Int) -> Bool {
        index + 2 < text.count && text[index] == "\"" && text[index + 1] == "\"" && text[index + 2] == "\""
    }

    private static func matches(_ word: String, _ text: [Unicode.Scalar], at index: Int) -> Bool {
        // Cheap refusal first: the scan asks this for every marker at every character.
        guard index < text.count, word.unicodeScalars.first == text[index] else { return false }
        let scalars = word.unicodeScalars
        guard index + scalars.count <= text.count else { return false }
        return text[index..<(index + scalars.count)].elementsEqual(scalars)
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
    }
}
