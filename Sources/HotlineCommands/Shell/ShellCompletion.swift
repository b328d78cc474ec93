import ArgumentParser
import Foundation
import HotlineCore

/// What tab completes in the shell: command names, then the command's options and an
/// option's values, then statuses, region codes and names, channels, relationships and case
/// references. Commands and options come from the ArgumentParser command tree, so a new
/// option is offered without a list to keep.
struct ShellCompletion {
    let context: CommandContext

    func complete(lineBeforeWord: String, word: String) -> [String] {
        let previous = (try? ShellWords.split(lineBeforeWord)) ?? []
        var command = Self.tree
        for name in previous {
            guard let sub = command.subcommands.first(where: { $0.name == name }) else { break }
            command = sub
        }
        var candidates: [String]
        if !command.subcommands.isEmpty {
            candidates = command.subcommands.map(\.name)
            if previous.isEmpty { candidates += ShellSession.builtins.map { String($0.name.prefix { $0 != " " }) } }
        } else if word.hasPrefix("-") {
            candidates = command.options
        } else if let option = previous.last, let values = command.values[option] {
            candidates = values
        } else {
            candidates =
                context.hotline.rules.lifecycle.statuses.map(\.name)
                + context.hotline.rules.regions.regions.map(\.code)
                + context.hotline.rules.channels.terms.map(\.name)
                + context.hotline.rules.relationships.terms.map(\.name)
            if let first = word.first, first.isNumber { candidates += caseReferences(startingWith: word) }
            // `match show 1<Tab>`, `registry show <Tab>`: the ids of matches and records.
            if let group = previous.first, group == "match" || group == "registry", previous.count >= 2,
                word.allSatisfy(\.isNumber)
            {
                candidates += (try? context.hotline.registryIds(startingWith: word, matches: group == "match")) ?? []
            }
            // Region names as operators say them (Курская область, Київ), once a letter is
            // typed: a space in a name is escaped so the name stays one word.
            if let first = word.first, first.isLetter {
                candidates += context.hotline.rules.regions.regions.flatMap(\.names).map {
                    $0.replacing(" ", with: "\\ ").replacing("'", with: "\\'")
                }
            }
        }
        return candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }.sorted()
    }

    /// Case references starting with what was typed, straight from the database.
    private func caseReferences(startingWith prefix: String) -> [String] {
        (try? context.hotline.caseReferences(startingWith: prefix, limit: 50)) ?? []
    }

    /// One command of the tree as completion sees it.
    struct Node: Sendable {
        var name: String
        var subcommands: [Node]
        /// Every long option and flag the shell accepts (`--db` and `--config` are the session's).
        var options: [String]
        /// The values an option lists in its `completion:` (`--format`: table, json, csv).
        var values: [String: [String]]
    }

    /// Options the shell refuses on a line: the session's database and configuration are fixed.
    static let sessionOnlyOptions: Set<String> = ["--db", "--config"]

    /// The command tree, from ArgumentParser's own description of it (`--experimental-dump-help`),
    /// read on the first Tab.
    static let tree: Node = {
        // ArgumentParser's JSON of HotlineCommand always decodes (a test walks the whole tree).
        guard let info = try? JSONDecoder().decode(ToolInfo.self, from: Data(HotlineCommand._dumpHelp().utf8))
        else { return Node(name: "hotline", subcommands: [], options: [], values: [:]) }
        return node(info.command)
    }()

    private static func node(_ info: ToolInfo.Command) -> Node {
        var options: [String] = []
        var values: [String: [String]] = [:]
        for argument in info.arguments ?? [] where argument.kind != "positional" {
            let names = (argument.names ?? []).filter { $0.kind == "long" }.map { "--" + $0.name }
            for name in names where !sessionOnlyOptions.contains(name) {
                options.append(name)
                if let list = argument.completionKind?.list?.values { values[name] = list }
            }
        }
        return Node(
            name: info.commandName, subcommands: (info.subcommands ?? []).map(node), options: options, values: values)
    }

    /// The part of ArgumentParser's ToolInfoV0 (its `ArgumentParserToolInfo` module is not a
    /// product a package can depend on) that completion reads.
    private struct ToolInfo: Decodable {
        struct Command: Decodable {
            var commandName: String
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
                var list: List?
            }
            var kind: String
            var names: [Name]?
            var completionKind: Completion?
        }
        var command: Command
    }
}
