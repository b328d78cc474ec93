import ArgumentParser
import Foundation
import HotlineCore

/// Parses one list of words with the command tree and runs the command: the one path from
/// words to work, used by the binary, the shell and the tests. Never exits the process.
public enum CommandRunner {
    /// Runs `arguments` (without the leading `hotline`) and returns the exit code. Errors are
    /// written to the current console's standard error, prefixed `hotline: `.
    public static func run(_ arguments: [String]) async -> Int32 {
        let language: Language
        do {
            language = try Language.chosen(
                flag: typedLanguage(in: arguments), environment: ProcessInfo.processInfo.environment)
        } catch {
            return report(error, arguments: arguments)
        }
        return await Language.$current.withValue(language) { await runParsing(arguments) }
    }

    /// The language `--lang` names among `arguments` (before any `--`), read ahead of parsing so
    /// that parsing's own errors are in it; nil when none is given or the word is no language
    /// (the parser then refuses it, naming the accepted ones).
    static func typedLanguage(in arguments: [String]) -> Language? {
        let words = arguments.prefix { $0 != "--" }
        if let index = words.lastIndex(of: "--lang"), index + 1 < words.endIndex {
            return Language(rawValue: words[index + 1].lowercased())
        }
        return words.last { $0.hasPrefix("--lang=") }.flatMap {
            Language(rawValue: String($0.dropFirst(7)).lowercased())
        }
    }

    private static func runParsing(_ arguments: [String]) async -> Int32 {
        do {
            var command: any ParsableCommand
            do {
                command = try parse(arguments)
            } catch {
                // Only a line that does not parse is checked for a mistyped command: the tree
                // and the configuration's statuses are read on that path alone, never on every run.
                // --version also ends parsing with an error, one that means success: building
                // the tree for it made `hotline --version` take 70 ms.
                guard HotlineCommand.exitCode(for: error) != .success,
                    CommandSuggestions.unknownCommand(in: arguments, statuses: [], prefix: "hotline ") != nil
                else { throw error }
                throw CommandSuggestions.unknownCommand(
                    in: arguments, statuses: await configuredStatuses(), prefix: "hotline ") ?? error
            }
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return report(error, arguments: arguments)
        }
    }

    /// Runs one shell line's words against the session's context. Commands that make no
    /// sense inside a session (shell, demo) are refused; a group alone prints its help.
    static func execute(_ arguments: [String], in context: CommandContext) -> Int32 {
        // A line's own `--lang` applies to that line, as `--format` does.
        guard let language = typedLanguage(in: arguments), language != Language.current else {
            return executeParsing(arguments, in: context)
        }
        return Language.$current.withValue(language) { executeParsing(arguments, in: context) }
    }

    private static func executeParsing(_ arguments: [String], in context: CommandContext) -> Int32 {
        do {
            if let unknown = CommandSuggestions.unknownCommand(
                in: arguments, statuses: context.hotline.rules.lifecycle.statuses.map(\.name), prefix: "")
            {
                throw unknown
            }
            // `case list --help`: ArgumentParser answers with its help command, which prints
            // past the session's console; the shell shows the same help itself.
            if asksForHelp(arguments) {
                Console.print(HotlineCommand.helpMessage(for: commandType(namedBy: arguments)))
                return 0
            }
            let command = try parse(arguments)
            if let command = command as? any ContextCommand {
                try command.executeListing(try context.adjusted(for: command.options))
            } else if let command = command as? any RulesCommand {
                let adjusted = try context.adjusted(for: command.options)
                try command.executeListing(rules: adjusted.hotline.rules, format: adjusted.format)
            } else if type(of: command).configuration.subcommands.isEmpty {
                Console.printError("hotline: `\(arguments.first ?? "")` does not run inside the shell.")
                return 64
            } else {
                Console.print(HotlineCommand.helpMessage(for: type(of: command)))
            }
            return 0
        } catch {
            return report(error, arguments: arguments, inShell: true)
        }
    }

    /// Whether a line asks for help (`--help` or `-h` before any `--`), as ArgumentParser reads it.
    static func asksForHelp(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains { $0 == "--help" || $0 == "-h" || $0 == "-help" }
    }

    /// The command the leading words of `arguments` name (the root when none do).
    static func commandType(namedBy arguments: [String]) -> any ParsableCommand.Type {
        var command: any ParsableCommand.Type = HotlineCommand.self
        for word in arguments {
            guard let sub = command.configuration.subcommands.first(where: { $0._commandName == word }) else { break }
            command = sub
        }
        return command
    }

    /// The lifecycle's statuses as configured, for suggestions on the command line; the shipped
    /// ones when the configuration cannot be read (its error is for the command to report).
    private static func configuredStatuses() async -> [String] {
        (try? await CommandContext.Configured.read(GlobalOptions.parse([])))?.rules.lifecycle.statuses.map(\.name) ?? []
    }

    /// The most words one command takes. ArgumentParser's parsing time grows with the square
    /// of the number of options, so one pasted line of 10,000 options would freeze a shell for
    /// minutes; no real command needs more than a few dozen.
    static let maxWords = 500

    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        guard arguments.count <= maxWords else {
            throw ValidationError(
                "the command has \(arguments.count) words; a command takes at most \(maxWords) "
                    + "(options, values and arguments together)")
        }
        return try HotlineCommand.parseAsRoot(arguments)
    }

    /// Writes `error` in words and returns its exit code. `arguments` are the words the
    /// command was given: ArgumentParser's messages quote them whole, so they are cut there.
    static func report(_ error: any Error, arguments: [String] = [], inShell: Bool = false) -> Int32 {
        switch error {
        case let error as ExitCode:
            return error.rawValue  // the command already said why
        case let error as UnknownCommand:
            Console.printError("hotline: \(error.description)")
            return ExitCode.validationFailure.rawValue
        case let error as HotlineError:
            Console.printError("hotline: \(error.description)")
            return exitCode(for: error)
        case let error as DatabaseCheckFailed:
            Console.printError("hotline: \(error.description)")
            return 1
        default:
            let code = HotlineCommand.exitCode(for: error)
            var message = cutting(arguments, in: HotlineCommand.fullMessage(for: error))
            if inShell { message = shellWording(message) }
            if code == .success {
                if !message.isEmpty { Console.print(message) }
            } else {
                Console.printError(message.isEmpty ? "hotline: \(error)" : message)
            }
            return code.rawValue
        }
    }

    /// ArgumentParser's usage lines as the shell takes them: a command is typed without
    /// `hotline`, and `case list --help` or `help case list` shows its help.
    static func shellWording(_ message: String) -> String {
        message.replacing("Usage: hotline ", with: "Usage: ").replacing(
            /See 'hotline (?<command>[^']*) --help' for more information\./
        ) { match in "See '\(match.command) --help' (or 'help \(match.command)') for more information." }
        .replacing("See 'hotline --help' for more information.", with: "See 'help' for the commands.")
    }

    /// `message` with every long or control-character-bearing word of `arguments` (and the
    /// value of an `--option=value` word) shown as the service layer shows values: cut to 60
    /// characters with the length said, controls made visible. A 1 MB unknown option was
    /// written whole to standard error. Any line still longer than 2,000 characters is cut.
    static func cutting(_ arguments: [String], in message: String) -> String {
        func needsCutting(_ word: some StringProtocol) -> Bool {
            word.unicodeScalars.count > 60
                || word.unicodeScalars.contains {
                    $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
                }
        }
        var words = Set<String>()
        for argument in arguments where needsCutting(argument) {
            words.insert(argument)
            if let equals = argument.firstIndex(of: "="), needsCutting(argument[argument.index(after: equals)...]) {
                words.insert(String(argument[argument.index(after: equals)...]))
            }
        }
        var message = message
        // Longest first, so a value inside its `--option=value` word is not cut twice.
        for word in words.sorted(by: { $0.count > $1.count }) where message.contains(word) {
            let shown = HotlineError.quoted(word)
            message = message.replacing("'\(word)'", with: shown).replacing(word, with: shown)
        }
        let limit = 2_000
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.unicodeScalars.count <= limit
                ? String(line)
                : String(String.UnicodeScalarView(line.unicodeScalars.prefix(limit)))
                    + "… (cut: \(line.unicodeScalars.count) characters)"
        }.joined(separator: "\n")
    }

    /// `inquiry log` found a likely existing case and wrote nothing: re-run with --case or --new-case.
    public static let likelyDuplicateExitCode: Int32 = 3

    static func exitCode(for error: HotlineError) -> Int32 {
        switch error {
        case .configuration: return 78  // EX_CONFIG
        case .databaseBusy: return 75  // EX_TEMPFAIL: try again
        case .databaseUnavailable: return 74  // EX_IOERR
        case .invalidField, .invalidFields, .invalidReference, .caseNotFound, .forbiddenMove: return 1
        case .refused: return 77  // EX_NOPERM
        case .likelyDuplicates: return likelyDuplicateExitCode
        case .brokenMerge: return 1  // a damaged file, like databaseFailure
        case .interrupted: return 130  // 128 + SIGINT, as shells report an interrupted command
        case .databaseFailure, .databaseDamaged: return 1  // only reached by a defect or a damaged file
        case .notSignedIn: return 77  // EX_NOPERM, like a refusal
        case .signInLocked: return 75  // EX_TEMPFAIL: try again later
        case .caseChanged, .idempotencyKeyReused: return 1  // the server's; a refusal of the input
        }
    }
}
