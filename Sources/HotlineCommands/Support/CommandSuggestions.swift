import Foundation

/// A line whose leading words do not name a command, with the nearest commands. Found before
/// ArgumentParser parses the line: it would take the mistyped word for an argument of the
/// group and answer "Unknown option '--open'" or "2 unexpected arguments".
struct UnknownCommand: Error, CustomStringConvertible {
    let description: String
}

/// Finds the first word of a line that is not a command, and the commands it was probably
/// meant to be, from the command tree (so a command added to the tree is suggested too).
enum CommandSuggestions {
    /// The refusal for `words`, or nil when they name a command (or start with an option,
    /// which ArgumentParser explains). `statuses` are the lifecycle's (`case close REF` is
    /// `case status REF closed`); `prefix` is how a command is typed where the message is
    /// shown: "hotline " on the command line, "" in the shell.
    static func unknownCommand(
        in words: [String], statuses: [String], prefix: String, tree: CommandTree = .hotline
    ) -> UnknownCommand? {
        var node = tree
        var path: [String] = []
        for (index, word) in words.enumerated() {
            guard !node.subcommands.isEmpty, node.positionals.isEmpty, !word.hasPrefix("-") else { return nil }
            if let sub = node.subcommand(word) {
                node = sub
                path.append(word)
                continue
            }
            let rest = Array(words[(index + 1)...])
            var suggestions: [String] = []
            // A status where a command of the group takes one: `case close REF` -> `case status REF closed`.
            if let status = statuses.first(where: { word.count >= 3 && $0.hasPrefix(word.lowercased()) })
                ?? statuses.first(where: { isNear(word, $0) })
            {
                for child in node.subcommands where child.positionals.contains("status") {
                    suggestions.append(filling(path + [child.name], child.positionals, rest: rest, status: status))
                }
            }
            for child in node.subcommands where isNear(word, child.name) {
                suggestions.append(shown(path + [child.name] + rest))
            }
            // The same or a near name elsewhere in the tree: `list` -> `case list`, `registry list`.
            if path.isEmpty {
                for (otherPath, _) in tree.descendants()
                where otherPath.count > 1 && otherPath.last.map({ isNear(word, $0) }) == true {
                    suggestions.append(shown(otherPath + rest))
                }
            }
            let group = path.isEmpty ? "" : " of `\(prefix)\(path.joined(separator: " "))`"
            let helpLine = "`\(prefix)help\(path.isEmpty ? "" : " " + path.joined(separator: " "))`"
            guard !suggestions.isEmpty else {
                return UnknownCommand(
                    description: "`\(word)` is not a command\(group); the commands are: "
                        + node.subcommands.map(\.name).joined(separator: ", ") + ". \(helpLine) shows what each does.")
            }
            return UnknownCommand(
                description: "`\(word)` is not a command\(group). Did you mean:\n"
                    + suggestions.prefix(6).map { "  \(prefix)\($0)" }.joined(separator: "\n")
                    + "\n\(helpLine) lists the commands.")
        }
        return nil
    }

    /// `path` with its positional arguments filled from `rest` (placeholders where `rest`
    /// has none), the status put in its place, then the rest of the words.
    private static func filling(_ path: [String], _ positionals: [String], rest: [String], status: String) -> String {
        var remaining = rest
        var words = path
        for positional in positionals {
            if positional == "status" {
                words.append(status)
            } else if let given = remaining.first, !given.hasPrefix("-") {
                words.append(remaining.removeFirst())
            } else {
                words.append(positional.uppercased())
            }
        }
        return shown(words + remaining)
    }

    /// Words as they would be typed: quoted where they hold a space or a quote.
    private static func shown(_ words: [String]) -> String {
        words.map { word in
            guard word.isEmpty || word.contains(where: { " \t'\"\\$#~".contains($0) }) else { return word }
            return "'" + word.replacing("'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// Whether `typed` is probably a slip for `name`: one edit in a short name, two in a
    /// longer one (a swap of neighbours counts as one), or the start of it.
    static func isNear(_ typed: String, _ name: String) -> Bool {
        let typed = typed.lowercased()
        if typed.count >= 3 && name.hasPrefix(typed) { return true }
        return editDistance(typed, name) <= (name.count <= 4 ? 1 : 2)
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbouring characters, one each.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
