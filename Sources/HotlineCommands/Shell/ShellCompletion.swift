import ArgumentParser
import HotlineCore

/// What tab completes in the shell: command names, then statuses, region codes, case
/// references and the command's options.
struct ShellCompletion {
    let context: CommandContext

    func complete(lineBeforeWord: String, word: String) -> [String] {
        let previous = (try? ShellWords.split(lineBeforeWord)) ?? []
        var command: any ParsableCommand.Type = HotlineCommand.self
        for name in previous {
            guard let sub = command.configuration.subcommands.first(where: { $0._commandName == name }) else { break }
            command = sub
        }
        var candidates: [String]
        if !command.configuration.subcommands.isEmpty {
            candidates = command.configuration.subcommands.map { $0._commandName }
            if previous.isEmpty { candidates += ShellSession.builtins.map { String($0.name.prefix { $0 != " " }) } }
        } else if word.hasPrefix("-") {
            candidates = [
                "--format", "--as", "--open", "--status", "--region", "--limit", "--note", "--source",
                "--as-of", "--person", "--born", "--unit", "--inquirer", "--relationship", "--channel", "--contact",
                "--case", "--new-case", "--help",
            ]
        } else {
            candidates =
                context.hotline.rules.lifecycle.statuses.map(\.name)
                + context.hotline.rules.regions.regions.map(\.code)
                + context.hotline.rules.channels.terms.map(\.name)
                + context.hotline.rules.relationships.terms.map(\.name)
            if let first = word.first, first.isNumber { candidates += caseReferences(startingWith: word) }
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
}
