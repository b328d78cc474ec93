/// Splits a shell line into words the way a POSIX shell does for plain words: whitespace
/// separates; single quotes keep everything literally; double quotes keep everything but
/// `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes keeps the next character;
/// a `#` starting a word begins a comment. No variables, globs or pipes: a name is a name.
enum ShellWords {
    struct UnterminatedQuote: Error, CustomStringConvertible {
        let quote: Unicode.Scalar
        var description: String {
            "the line ends inside a \(quote == "'" ? "single" : "double")-quoted string; close it with \(quote)"
        }
    }

    struct TrailingBackslash: Error, CustomStringConvertible {
        var description: String {
            "the line ends with a backslash, which escapes nothing: a command is one line. "
                + "Remove the \\, or quote it ('\\') to mean the character"
        }
    }

    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        // Unicode scalars, not characters: a quote followed by a combining mark or a joiner is
        // still a quote, and the mark belongs to the quoted word.
        var iterator = line.unicodeScalars.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(String(current)) }
                current = String.UnicodeScalarView()
                inWord = false
            case "#" where !inWord:
                return words
            case "\\":
                // A trailing \ would make an empty word ("Unexpected argument ''"): say what it is.
                guard let next = iterator.next() else { throw TrailingBackslash() }
                inWord = true
                current.append(next)
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" {
                        closed = true
                        break
                    }
                    current.append(next)
                }
                if !closed { throw UnterminatedQuote(quote: "'") }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { break }
                        if !"\"\\$`".unicodeScalars.contains(escaped) { current.append("\\") }
                        current.append(escaped)
                    } else {
                        current.append(next)
                    }
                }
                if !closed { throw UnterminatedQuote(quote: "\"") }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(String(current)) }
        return words
    }
}
