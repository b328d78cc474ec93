import Foundation

/// Splits a shell line into words the way a POSIX shell does for plain words: whitespace
/// separates; single quotes keep everything literally; double quotes keep everything but
/// `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes keeps the next character;
/// a `#` starting a word begins a comment. A `~` starting a word (`~/x`, `~maria/x`) and
/// `$HOME` or `${HOME}` outside single quotes become the home directory, as a POSIX shell
/// expands them: `db backup ~/x.sqlite` writes in the home, not in a folder named `~`. No
/// other variables, globs or pipes: a `$` in a family's note stays a `$`.
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

    struct Redirection: Error, CustomStringConvertible {
        var description: String {
            "the shell does not redirect output with >: list commands take --output FILE "
                + "(.csv, .json or .xlsx). Quote the > ('>') to mean the character"
        }
    }

    /// The home directory `~` and `$HOME` stand for: `HOME`, else the account's.
    static var home: String? {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
        return getpwuid(getuid()).flatMap { $0.pointee.pw_dir }.map { String(cString: $0) }
    }

    static func split(_ line: String, home: String? = ShellWords.home) throws -> [String] {
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
            case ">" where !inWord:
                throw Redirection()
            case "~" where !inWord:
                inWord = true
                current.append(contentsOf: tildePrefix(&iterator, home: home).unicodeScalars)
            case "$":
                inWord = true
                current.append(contentsOf: dollar(&iterator, home: home).unicodeScalars)
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
                    } else if next == "$" {
                        current.append(contentsOf: dollar(&iterator, home: home).unicodeScalars)
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

    /// What a `~` starting a word stands for, having read the rest of its prefix (up to the
    /// first `/`): the home directory, or the named account's. A prefix with a quote or a
    /// backslash in it, or naming no account, stays as typed (as in a POSIX shell).
    private static func tildePrefix(
        _ iterator: inout String.UnicodeScalarView.Iterator, home: String?
    ) -> String {
        var name = String.UnicodeScalarView()
        var lookahead = iterator
        while let next = lookahead.next(), next != "/", next != " ", next != "\t", next != "\n", next != "\r" {
            guard next != "'", next != "\"", next != "\\", next != "$" else { return "~" }
            name.append(next)
        }
        for _ in name { _ = iterator.next() }
        guard !name.isEmpty else { return home ?? "~" }
        let account = String(name)
        guard let directory = getpwnam(account).flatMap({ $0.pointee.pw_dir }) else { return "~" + account }
        return String(cString: directory)
    }

    /// What a `$` stands for, having read what follows it: the home for `$HOME` and `${HOME}`;
    /// anything else is kept as typed.
    private static func dollar(_ iterator: inout String.UnicodeScalarView.Iterator, home: String?) -> String {
        var lookahead = iterator
        if lookahead.next() == "{" {
            for expected in "HOME}".unicodeScalars {
                guard lookahead.next() == expected else { return "$" }
            }
            guard let home else { return "$" }
            iterator = lookahead
            return home
        }
        lookahead = iterator
        var name = String.UnicodeScalarView()
        for expected in "HOME".unicodeScalars {
            guard let next = lookahead.next(), next == expected else { return "$" }
            name.append(next)
        }
        // `$HOMEDIR` is another variable: only a name ending here is HOME.
        var after = lookahead
        if let next = after.next(), next == "_" || next.properties.isAlphabetic || ("0"..."9").contains(next) {
            return "$"
        }
        guard let home else { return "$" }
        iterator = lookahead
        return home
    }
}
