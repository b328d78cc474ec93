import ArgumentParser
import Foundation
import HotlineCore
import Synchronization

/// One `hotline shell` session: one database connection, one operator, and a loop that runs
/// each line through the CLI's own command tree. Synchronous on purpose: a `begin … commit`
/// block runs inside the database's transaction closure.
final class ShellSession {
    private(set) var context: CommandContext
    /// A terminal: prompts, and errors do not end the session.
    let interactive: Bool
    /// In a script, go on after a failing line (the exit code still reports the failure).
    let keepGoing: Bool
    /// How many Ctrl-Cs have arrived (on a terminal): a command running when it changes is
    /// interrupted.
    let interrupts: (@Sendable () -> Int)?
    private var lineNumber = 0
    private var lastFailure: Int32 = 0

    /// `ask` answers a command's question (which case to attach an inquiry to) on a terminal.
    init(
        context: CommandContext, interactive: Bool, keepGoing: Bool, ask: ((String) -> String?)? = nil,
        interrupts: (@Sendable () -> Int)? = nil
    ) {
        // The session owns its transaction: `begin` opens it on this session's Hotline, which
        // nothing else holds, so no other caller of the same database can join it.
        self.context = CommandContext(
            settings: context.settings, hotline: context.hotline.makeSession(), format: context.format,
            operatorSetting: context.operatorSetting, ask: interactive ? ask : nil)
        self.interactive = interactive
        self.keepGoing = keepGoing
        self.interrupts = interrupts
    }

    /// How a run of lines ended.
    private enum End: Equatable {
        case endOfInput, exit, commit, rollback
        /// A script line failed without --keep-going.
        case stopped
        /// No line came for `shell.idleTransactionSeconds` inside a transaction.
        case idle
        /// SQLite rolled the transaction back on its own (a write interrupted by Ctrl-C).
        case aborted
    }

    /// The `begin … commit` block being run: where it began and how many of its commands wrote.
    private final class OpenTransaction {
        let line: Int
        var writes = 0
        init(line: Int) { self.line = line }

        /// "2 commands wrote", for `commit`.
        var wrote: String { "\(writes == 0 ? "no" : String(writes)) command\(writes == 1 ? "" : "s") wrote" }
        /// What a rollback lost, in words.
        var lost: String {
            writes == 0
                ? "no command in it had written anything"
                : "the writes of \(writes) command\(writes == 1 ? "" : "s") in it are lost"
        }
    }

    /// Runs every line of `source`; returns the exit code: for a script, 0 or the last failing
    /// line's code; for a terminal session, 0 (its errors were answered as they came).
    func run(_ source: inout some LineSource) -> Int32 {
        _ = loop(&source, transaction: nil)
        return interactive ? 0 : lastFailure
    }

    /// The session's shell-only words, for `help` and completion.
    static let builtins: [(name: String, help: Message)] = [
        ("help [COMMAND]", Message("show the help of hotline or of one command")),
        ("whoami", Message("the operator, role and database of this session")),
        ("format table|json|csv", Message("the output format for the rest of the session")),
        ("begin", Message("start a transaction: the commands up to commit or rollback are all-or-nothing")),
        ("commit", Message("write the transaction's changes")),
        ("rollback", Message("drop the transaction's changes")),
        ("exit", Message("leave the shell (also Ctrl-D); an open transaction is rolled back")),
    ]

    var prompt: String {
        let name = (context.hotline.databasePath as NSString).lastPathComponent
        let who = (try? context.operatorName().name) ?? "?"
        return "hotline \(name) \(who)\(context.hotline.isInSessionTransaction ? " (txn)" : "")> "
    }

    private func loop(_ source: inout some LineSource, transaction: OpenTransaction?) -> End {
        let idleSeconds = transaction == nil ? nil : context.settings.shell.idleTransactionSeconds
        while let input = source.next(prompt: prompt, idleSeconds: idleSeconds) {
            let line: String
            switch input {
            case .idle:
                return .idle
            case .interrupted:
                lineNumber += 1
                continue
            case .invalid(let problem):
                lineNumber += 1
                if fail(1, message: "hotline: \(problem); the line was skipped.") { return .stopped }
                continue
            case .line(let text):
                lineNumber += 1
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
                guard transaction != nil else {
                    code = report("hotline: no transaction is open; `begin` starts one.")
                    break
                }
                return first == "commit" ? .commit : .rollback
            case "begin":
                guard transaction == nil else {
                    code = report("hotline: a transaction is already open; commit or rollback first.")
                    break
                }
                let (end, beginCode) = begin(&source)
                code = beginCode
                if code != 0 { lastFailure = code }
                if end == .exit || end == .stopped || end == .endOfInput { return end }
            case "help":
                code = withLineNumber { help(Array(words.dropFirst())) }
            case "whoami":
                code = withLineNumber { whoami() }
            case "format":
                code = withLineNumber { setFormat(Array(words.dropFirst())) }
            default:
                let lineContext = context
                let changesBefore = context.hotline.sessionChangesCount
                code = withLineNumber { interruptible { CommandRunner.execute(words, in: lineContext) } }
                if let transaction {
                    if code == 0 && context.hotline.sessionChangesCount != changesBefore {
                        transaction.writes += 1
                    }
                    if !context.hotline.isSessionTransactionAlive { return .aborted }
                }
            }
            if code != 0 {
                lastFailure = code
                if !interactive && !keepGoing { return .stopped }
            }
        }
        return .endOfInput
    }

    /// Runs a `begin … commit` block: its lines, then the outcome in words. Returns how the
    /// block ended and the exit code of the `begin` line (0, or why the block failed).
    private func begin(_ source: inout some LineSource) -> (End, Int32) {
        let block = OpenTransaction(line: lineNumber)
        var end = End.endOfInput
        var started = false
        do {
            let name = try context.operatorName()
            try context.hotline.inSessionTransaction(by: name) {
                started = true
                end = loop(&source, transaction: block)
                return end == .commit
            }
        } catch {
            let code = withLineNumber { CommandRunner.report(error) }
            guard started else {
                // The transaction never started: the lines written for it must not run
                // outside it. A script stops here; with --keep-going it resumes after the
                // block's commit or rollback; a terminal just says so.
                guard !interactive else { return (.rollback, code) }
                guard keepGoing else { return (.stopped, code) }
                _ = withLineNumber {
                    Console.printError(
                        "hotline: the lines up to this block's commit or rollback are skipped: "
                            + "they were meant to run inside the transaction.")
                    return 0
                }
                return (skipBlock(&source), code)
            }
            Console.printError("hotline: the transaction was rolled back; nothing of it was written.")
            return (end == .commit ? .rollback : end, code)
        }
        switch end {
        case .commit:
            Console.print("Committed (\(block.wrote)).")
            return (.commit, 0)
        case .rollback, .exit, .stopped:
            Console.print("Rolled back; nothing of the transaction was written.")
            return (end, 0)
        case .endOfInput:
            let code = report(
                "hotline: the input ended inside the transaction begun on line \(block.line); it was rolled back: "
                    + "\(block.lost). End a transaction with commit (or rollback).")
            return (.endOfInput, interactive ? 0 : code)
        case .idle:
            let seconds = context.settings.shell.idleTransactionSeconds
            let code = report(
                "hotline: the transaction begun on line \(block.line) waited \(Self.seconds(seconds)) s for its next "
                    + "line and was rolled back: it held the write lock, blocking every other writer; "
                    + "\(block.lost). (The limit is shell.idleTransactionSeconds.)")
            guard !interactive else { return (.rollback, code) }
            guard keepGoing else { return (.stopped, code) }
            return (skipBlock(&source), code)
        case .aborted:
            let code = report(
                "hotline: the interrupted command ended the transaction begun on line \(block.line): "
                    + "it was rolled back: \(block.lost).")
            guard !interactive else { return (.rollback, code) }
            guard keepGoing else { return (.stopped, code) }
            return (skipBlock(&source), code)
        }
    }

    /// Reads and drops the lines of a transaction that is not open, up to its commit or
    /// rollback (or exit, or the end of the input).
    private func skipBlock(_ source: inout some LineSource) -> End {
        while let input = source.next(prompt: prompt) {
            lineNumber += 1
            guard case .line(let text) = input, let first = (try? ShellWords.split(text))?.first else { continue }
            switch first {
            case "commit", "rollback": return .rollback
            case "exit", "quit": return .exit
            default: continue
            }
        }
        return .endOfInput
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    // MARK: - Ctrl-C

    /// Runs one command so that Ctrl-C stops it: the SQLite statement running is interrupted,
    /// the command fails with "interrupted" and writes nothing, and the shell goes on.
    private func interruptible(_ body: () -> Int32) -> Int32 {
        guard let interrupts else { return body() }
        context.hotline.endInterruption()  // a watcher's last look may land after its stop
        let watcher = InterruptWatcher(count: interrupts, hotline: context.hotline)
        defer {
            watcher.stop()
            context.hotline.endInterruption()
        }
        return body()
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
        let words = words.filter { !CommandRunner.asksForHelp([$0]) }  // `help --help` is `help`
        var command: any ParsableCommand.Type = HotlineCommand.self
        for word in words {
            guard let sub = command.configuration.subcommands.first(where: { $0._commandName == word }) else {
                let typed = HotlineError.quoted(words.joined(separator: " "))
                Console.printError("hotline: no command \(typed); `help` lists them.")
                return 64
            }
            command = sub
        }
        Console.print(HotlineCommand.helpMessage(for: command))
        if words.isEmpty {
            Console.print("\nSHELL COMMANDS:")
            for builtin in Self.builtins {
                let name = builtin.name.padding(toLength: 24, withPad: " ", startingAt: 0)
                Console.print("  \(name)\(builtin.help)")
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
                "\(name.name) (\(roleText)) on \(context.hotline.databasePath); output \(context.format.rawValue)")
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

/// Watches for Ctrl-C while one command runs, on a thread of its own (the command holds the
/// shell's thread), and interrupts the database when one comes. Polls every 20 ms: a thread
/// started per command costs tens of microseconds, and 20 ms is well under what a person notices.
///
/// Once Ctrl-C has come, it interrupts again at every look until the command ends: SQLite's
/// interrupt stops only the statements running at that moment, so a press that landed between
/// two statements (a command setting up, or scoring names in Swift) was lost, and `case
/// duplicates` then ran its million pairs to the end (a CI run's test waited 27 minutes). A
/// statement that starts when none runs clears the interrupt, so nothing after the command
/// inherits it.
final class InterruptWatcher: Sendable {
    private let stopped = Mutex(false)

    init(count: @escaping @Sendable () -> Int, hotline: Hotline) {
        let first = count()
        let thread = Thread { [self] in
            var pressed = false
            while !stopped.withLock({ $0 }) {
                if !pressed, count() != first { pressed = true }
                if pressed { hotline.interrupt() }
                usleep(20_000)
            }
        }
        thread.start()
    }

    func stop() { stopped.withLock { $0 = true } }
}
