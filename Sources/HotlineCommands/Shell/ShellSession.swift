import ArgumentParser
import Foundation
import HotlineCore

/// One `hotline shell` session: one database connection, one operator, and a loop that runs
/// each line through the CLI's own command tree. Synchronous on purpose: a `begin … commit`
/// block runs inside the database's transaction closure.
final class ShellSession {
    private(set) var context: CommandContext
    /// A terminal: prompts, and errors do not end the session.
    let interactive: Bool
    /// In a script, go on after a failing line (the exit code still reports the failure).
    let keepGoing: Bool
    private var lineNumber = 0
    private var lastFailure: Int32 = 0

    /// `ask` answers a command's question (which case to attach an inquiry to) on a terminal.
    init(context: CommandContext, interactive: Bool, keepGoing: Bool, ask: ((String) -> String?)? = nil) {
        var context = context
        context.ask = interactive ? ask : nil
        self.context = context
        self.interactive = interactive
        self.keepGoing = keepGoing
    }

    /// How a run of lines ended.
    private enum End: Equatable {
        case endOfInput, exit, commit, rollback
        /// A script line failed without --keep-going.
        case stopped
    }

    /// Runs every line of `source`; returns the exit code: for a script, 0 or the last failing
    /// line's code; for a terminal session, 0 (its errors were answered as they came).
    func run(_ source: inout some LineSource) -> Int32 {
        _ = loop(&source, inTransaction: false)
        return interactive ? 0 : lastFailure
    }

    /// The session's shell-only words, for `help` and completion.
    static let builtins: [(name: String, help: String)] = [
        ("help [COMMAND]", "show the help of hotline or of one command"),
        ("whoami", "the operator, role and database of this session"),
        ("format table|json|csv", "the output format for the rest of the session"),
        ("begin", "start a transaction: the commands up to commit or rollback are all-or-nothing"),
        ("commit", "write the transaction's changes"),
        ("rollback", "drop the transaction's changes"),
        ("exit", "leave the shell (also Ctrl-D); an open transaction is rolled back"),
    ]

    var prompt: String {
        let name = (context.hotline.database.path as NSString).lastPathComponent
        let who = (try? context.operatorName().name) ?? "?"
        return "hotline \(name) \(who)\(context.hotline.database.isInSessionTransaction ? " (txn)" : "")> "
    }

    private func loop(_ source: inout some LineSource, inTransaction: Bool) -> End {
        while let input = source.next(prompt: prompt) {
            lineNumber += 1
            let line: String
            switch input {
            case .interrupted:
                continue
            case .invalid(let problem):
                if fail(1, message: "hotline: \(problem); the line was skipped.") { return .stopped }
                continue
            case .line(let text):
                line = text
            }
            let words: [String]
            do {
                words = try ShellWords.split(line)
            } catch {
                if fail(64, message: "hotline: \(error)") { return .stopped }
                continue
            }
            guard let first = words.first else { continue }
            source.remember(line)

            var code: Int32 = 0
            switch first {
            case "exit", "quit":
                return .exit
            case "commit", "rollback":
                guard inTransaction else {
                    code = report("hotline: no transaction is open; `begin` starts one.")
                    break
                }
                return first == "commit" ? .commit : .rollback
            case "begin":
                guard !inTransaction else {
                    code = report("hotline: a transaction is already open; commit or rollback first.")
                    break
                }
                var end = End.endOfInput
                do {
                    try context.hotline.database.inSessionTransaction {
                        end = loop(&source, inTransaction: true)
                        return end == .commit
                    }
                    Console.print(
                        end == .commit ? "Committed." : "Rolled back; nothing of the transaction was written.")
                } catch {
                    code = withLineNumber { CommandRunner.report(error) }
                }
                if end == .exit || end == .stopped || end == .endOfInput { return end }
            case "help":
                code = withLineNumber { help(Array(words.dropFirst())) }
            case "whoami":
                code = withLineNumber { whoami() }
            case "format":
                code = withLineNumber { setFormat(Array(words.dropFirst())) }
            default:
                let lineContext = context
                code = withLineNumber { CommandRunner.execute(words, in: lineContext) }
            }
            if code != 0 {
                lastFailure = code
                if !interactive && !keepGoing { return .stopped }
            }
        }
        return .endOfInput
    }

    // MARK: - Errors

    /// Records a failure with its message; returns whether the script stops here.
    private func fail(_ code: Int32, message: String) -> Bool {
        lastFailure = report(message, code: code)
        return !interactive && !keepGoing
    }

    private func report(_ message: String, code: Int32 = 1) -> Int32 {
        withLineNumber {
            Console.printError(message)
            return code
        }
    }

    /// Runs `body` with errors prefixed by the line number when reading a script, so the
    /// author finds the line that failed.
    private func withLineNumber(_ body: () -> Int32) -> Int32 {
        guard !interactive else { return body() }
        let base = Console.current
        let number = lineNumber
        let numbered = Console(
            out: base.writeOut,
            err: { text in
                let rest = text.hasPrefix("hotline: ") ? String(text.dropFirst("hotline: ".count)) : text
                base.writeErr("hotline: line \(number): " + rest)
            })
        return Console.$current.withValue(numbered, operation: body)
    }

    // MARK: - Shell-only commands

    private func help(_ words: [String]) -> Int32 {
        var command: any ParsableCommand.Type = HotlineCommand.self
        for word in words {
            guard let sub = command.configuration.subcommands.first(where: { $0._commandName == word }) else {
                Console.printError("hotline: no command '\(words.joined(separator: " "))'; `help` lists them.")
                return 64
            }
            command = sub
        }
        Console.print(HotlineCommand.helpMessage(for: command))
        if words.isEmpty {
            Console.print("\nSHELL COMMANDS:")
            for builtin in Self.builtins {
                Console.print("  " + builtin.name.padding(toLength: 24, withPad: " ", startingAt: 0) + builtin.help)
            }
        }
        return 0
    }

    private func whoami() -> Int32 {
        do {
            let name = try context.operatorName()
            let (role, setupMode) = try context.hotline.role(of: name)
            let roleText = setupMode ? "set-up mode: no operators yet, anyone may act" : role?.rawValue ?? "?"
            Console.print(
                "\(name.name) (\(roleText)) on \(context.hotline.database.path); output \(context.format.rawValue)")
            return 0
        } catch {
            return CommandRunner.report(error)
        }
    }

    private func setFormat(_ words: [String]) -> Int32 {
        guard words.count == 1, let format = OutputFormat(rawValue: words[0]) else {
            Console.printError("hotline: `format` takes one of table, json, csv.")
            return 64
        }
        context = context.with(format: format)
        Console.print("Output format: \(format.rawValue).")
        return 0
    }
}
