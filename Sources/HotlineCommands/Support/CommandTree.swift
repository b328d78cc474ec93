import ArgumentParser
import Foundation

/// The command tree as ArgumentParser describes it (`--experimental-dump-help`): the names,
/// options and positional arguments of every command. Completion and the suggestions for a
/// mistyped command read it, so a command added to the tree is known to both without a list
/// to keep.
struct CommandTree: Sendable {
    /// One option or flag of a command.
    struct Option: Sendable {
        /// `--region`, as typed.
        var name: String
        /// An option takes a value; a flag does not.
        var takesValue: Bool
        /// May be given more than once (`--contact`).
        var repeats: Bool
        /// What the value is (`region`, `status`, `path`): what completion offers for it.
        var valueName: String
        /// The values the option lists in its `completion:` (`--format`: table, json, csv).
        var values: [String]?
        /// Its completion is a file name.
        var isFile: Bool
    }

    var name: String
    var aliases: [String]
    var subcommands: [CommandTree]
    /// Every long option and flag the shell accepts (`--db` and `--config` are the session's).
    var options: [Option]
    /// What each positional argument is, in order (`case status`: ref, status).
    var positionals: [String]

    /// Options the shell refuses on a line: the session's database and configuration are fixed.
    static let sessionOnlyOptions: Set<String> = ["--db", "--config"]

    /// The tree of `HotlineCommand`, read once.
    static let hotline: CommandTree = {
        // ArgumentParser's JSON of HotlineCommand always decodes (a test walks the whole tree).
        guard let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(HotlineCommand._dumpHelp().utf8))
        else { return CommandTree(name: "hotline", aliases: [], subcommands: [], options: [], positionals: []) }
        return CommandTree(info.command)
    }()

    /// The subcommand called `word` (by name or alias).
    func subcommand(_ word: String) -> CommandTree? {
        subcommands.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// The option called `word` (`--region`).
    func option(_ word: String) -> Option? { options.first { $0.name == word } }

    /// The command the leading words of `words` name, and how many words named it.
    func command(namedBy words: [String]) -> (command: CommandTree, depth: Int) {
        var command = self
        var depth = 0
        for word in words {
            guard let sub = command.subcommand(word) else { break }
            command = sub
            depth += 1
        }
        return (command, depth)
    }

    /// Every command below this one with its path of names (`["case", "status"]`).
    func descendants(path: [String] = []) -> [(path: [String], command: CommandTree)] {
        subcommands.flatMap { sub in [(path + [sub.name], sub)] + sub.descendants(path: path + [sub.name]) }
    }

    private init(name: String, aliases: [String], subcommands: [CommandTree], options: [Option], positionals: [String])
    {
        self.name = name
        self.aliases = aliases
        self.subcommands = subcommands
        self.options = options
        self.positionals = positionals
    }

    private init(_ info: ToolInfo.Command) {
        var options: [Option] = []
        var positionals: [String] = []
        for argument in info.arguments ?? [] {
            let valueName = argument.valueName ?? ""
            guard argument.kind != "positional" else {
                positionals.append(valueName)
                continue
            }
            let names = (argument.names ?? []).filter { $0.kind == "long" }.map { "--" + $0.name }
            for name in names where !Self.sessionOnlyOptions.contains(name) {
                options.append(
                    Option(
                        name: name, takesValue: argument.kind == "option", repeats: argument.isRepeating ?? false,
                        valueName: valueName, values: argument.completionKind?.list?.values,
                        isFile: argument.completionKind?.file != nil))
            }
        }
        self.init(
            name: info.commandName, aliases: info.aliases ?? [], subcommands: (info.subcommands ?? []).map(Self.init),
            options: options, positionals: positionals)
    }

    /// The part of ArgumentParser's ToolInfoV0 (its `ArgumentParserToolInfo` module is not a
    /// product a package can depend on) that the shell reads.
    private struct ToolInfo: Decodable {
        struct Command: Decodable {
            var commandName: String
            var aliases: [String]?
            var subcommands: [Command]?
            var arguments: [Argument]?
        }
        struct Argument: Decodable {
            struct Name: Decodable {
                var kind: String
                var name: String
            }
            struct Completion: Decodable {
                struct List: Decodable { var values: [String] }
                struct File: Decodable {}
                var list: List?
                var file: File?
            }
            var kind: String
            var names: [Name]?
            var valueName: String?
            var isRepeating: Bool?
            var completionKind: Completion?
        }
        var command: Command
    }
}
