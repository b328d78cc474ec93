import ArgumentParser
import Foundation
import HotlineCore

/// What Tab completes in the shell, by position: a command's name, then, for the command
/// named, its own options after `-`, an option's values after the option (`--channel`: the
/// channels), and at each positional argument what that argument is (`case status REF`: the
/// statuses). Commands, options and arguments come from the ArgumentParser command tree, and
/// what a value is from its value name (`region`, `status`, `ref`), so a new command or option
/// is completed without a list to keep.
struct ShellCompletion {
    let context: CommandContext

    func complete(lineBeforeWord: String, word: String) -> [String] {
        let previous = (try? ShellWords.split(lineBeforeWord)) ?? []
        let (command, depth) = CommandTree.hotline.command(namedBy: previous)
        let given = Array(previous[depth...])
        var candidates: [String]
        if !command.subcommands.isEmpty && given.isEmpty {
            candidates = command.subcommands.map(\.name)
            if previous.isEmpty { candidates += ShellSession.builtins.map { String($0.name.prefix { $0 != " " }) } }
        } else if let last = given.last, let option = command.option(last), option.takesValue {
            candidates =
                option.values ?? values(of: option.valueName, isFile: option.isFile, word: word, path: previous)
        } else if word.hasPrefix("-") {
            candidates = unusedOptions(of: command, given: given)
        } else {
            let index = Self.positionalCount(in: given, of: command)
            candidates =
                index < command.positionals.count
                ? values(of: command.positionals[index], isFile: false, word: word, path: previous)
                : []
        }
        let typed = word.lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(typed) }.sorted()
    }

    /// The command's options not given yet (a repeatable one stays offered).
    private func unusedOptions(of command: CommandTree, given: [String]) -> [String] {
        let used = Set(given.map { String($0.prefix { $0 != "=" }) })
        return command.options.filter { $0.repeats || !used.contains($0.name) }.map(\.name)
    }

    /// How many positional arguments `words` (after the command's name) hold: the words that
    /// are neither an option nor an option's value.
    static func positionalCount(in words: [String], of command: CommandTree) -> Int {
        var count = 0
        var skipNext = false
        for word in words {
            if skipNext {
                skipNext = false
            } else if word.hasPrefix("-") {
                skipNext = !word.contains("=") && command.option(word)?.takesValue == true
            } else {
                count += 1
            }
        }
        return count
    }

    /// What a value called `valueName` may be, as the database and configuration know it.
    /// A value completion knows nothing of (a name, a note) offers nothing.
    private func values(of valueName: String, isFile: Bool, word: String, path: [String]) -> [String] {
        let rules = context.hotline.rules
        switch valueName {
        case "status":
            return rules.lifecycle.statuses.map(\.name)
        case "region":
            // Region names as operators say them (Курская область, Київ) and their aliases
            // (Kiev, Нижегородская обл.), once a letter is typed: a space in a name is escaped so
            // the name stays one word. The alias itself is inserted: the region lookup takes it.
            let names =
                word.first?.isLetter == true
                ? rules.regions.regions.flatMap(\.spokenNames).map {
                    $0.replacing(" ", with: "\\ ").replacing("'", with: "\\'")
                } : []
            return rules.regions.regions.map(\.code) + names
        case "channel":
            return rules.channels.terms.map(\.name)
        case "relationship":
            return rules.relationships.terms.map(\.name)
        case "role":
            return Role.allCases.map(\.rawValue)
        case "ref", "case", "duplicate", "survivor", "first", "second":
            return (try? context.hotline.caseReferences(startingWith: word, limit: 50)) ?? []
        case "into":
            return ["into"]
        case "id":
            // `match show 1<Tab>`, `registry show <Tab>`: the ids of matches and records.
            guard let group = path.first, group == "match" || group == "registry", word.allSatisfy(\.isNumber)
            else { return [] }
            return (try? context.hotline.registryIds(startingWith: word, matches: group == "match")) ?? []
        case "path", "file", "rejects", "output":
            return Self.files(startingWith: word)
        default:
            return isFile ? Self.files(startingWith: word) : []
        }
    }

    /// The files and folders (with a `/`) whose path starts with `word`; `~/` is the home.
    static func files(startingWith word: String) -> [String] {
        let slash = word.lastIndex(of: "/")
        let folder = slash.map { String(word[...$0]) } ?? ""
        var directory = folder.isEmpty ? "." : folder
        if directory.hasPrefix("~/"), let home = ShellWords.home { directory = home + directory.dropFirst() }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { !$0.hasPrefix(".") || word.hasPrefix(folder + ".") }.map { name in
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(
                atPath: (directory as NSString).appendingPathComponent(name), isDirectory: &isFolder)
            return folder + name + (isFolder.boolValue ? "/" : "")
        }
    }
}
