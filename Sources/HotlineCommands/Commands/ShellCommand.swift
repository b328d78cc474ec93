import ArgumentParser
import CEditLine
import Foundation
import HotlineCore

/// `hotline shell`: one window open all shift.
struct ShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "A line-based shell: the same commands without the leading `hotline`.",
        discussion: """
            On a terminal: line editing, history (in the data directory, mode 0600), tab completion
            of commands, statuses, region codes and case references; Ctrl-C drops the line, Ctrl-D
            or `exit` leaves. From a pipe or file (`hotline shell < script.txt`): no prompt; blank
            lines and # comments are skipped; the first failing line stops the script with its exit
            code and line number, unless --keep-going.
            Shell-only commands: help [COMMAND], whoami, format table|json|csv, begin, commit,
            rollback, exit.
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "In a script, run the remaining lines after a failing one.")
    var keepGoing = false

    func run() async throws {
        let interactive = isatty(STDIN_FILENO) == 1
        if interactive { try EditLineSource.useTerminalLocale() }
        let context = try await CommandContext.make(options)
        let countInterrupts: @Sendable () -> Int = { Int(hotline_interrupt_count()) }
        let interrupts = interactive ? countInterrupts : nil
        let session = ShellSession(
            context: context, interactive: interactive, keepGoing: keepGoing, ask: EditLineSource.ask,
            interrupts: interrupts)
        let code: Int32
        if interactive {
            let dataDirectory = (HotlineSettings.defaultDatabasePath() as NSString).deletingLastPathComponent
            let historyPath = dataDirectory + "/shell_history"
            var source = EditLineSource(historyPath: historyPath, completer: ShellCompletion(context: context).complete)
            code = session.run(&source)
        } else {
            var source = StreamLineSource(descriptor: STDIN_FILENO)
            code = session.run(&source)
        }
        if code != 0 { throw ExitCode(code) }
    }
}
