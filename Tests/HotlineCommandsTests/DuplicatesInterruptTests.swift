import Foundation
import HotlineCore
import Synchronization
import Testing

@testable import HotlineCommands

/// `case duplicates` over many namesakes is long (every pair is judged); Ctrl-C stops it in
/// the shell as it stops any other command.
struct DuplicatesInterruptTests {
    /// 1,500 open cases of one person with no birth date: over a million pairs, tens of
    /// seconds to list; Ctrl-C 0.3 s into the command ends the command within a fraction of a second,
    /// says so, and the session goes on.
    /// 1,500 open cases of one person with no birth date in a fresh database: over a million
    /// pairs, minutes to list.
    static func manyNamesakes() throws -> CLI {
        let cli = try CLI()
        let hotline = try Hotline.open(path: cli.dbPath, rules: .shipped)
        try hotline.bulk(by: OperatorName("seed")) { writer in
            for _ in 0..<1500 {
                _ = try writer.log(
                    InquiryDraft(
                        person: "Петров Иван Сергеевич", region: "RU-KRS", inquirer: "M", relationship: "mother",
                        channel: "phone", forceNewCase: true))
            }
        }
        return cli
    }

    /// Ctrl-C pressed after the watcher's `look`th look (every 20 ms from the command's start).
    static func press(atLook look: Int) -> @Sendable () -> Int {
        let looks = Mutex(0)
        return {
            looks.withLock { count in
                count += 1
                return count >= look ? 1 : 0
            }
        }
    }

    /// Ctrl-C ends the command within a fraction of a second, says so, and the session goes on.
    /// Pressed at the watcher's 15th look (about 0.3 s into `case duplicates`): the watcher
    /// looks only while a command runs, so the press lands inside the command however slowly
    /// the machine starts it.
    @Test func ctrlCStopsCaseDuplicates() async throws {
        try await Self.expectStopped(Self.manyNamesakes(), pressing: Self.press(atLook: 15))
    }

    /// Pressed at the watcher's first look, before the command has run a statement: SQLite's
    /// interrupt stops only statements running at that moment, so the press was lost and the
    /// command ran its million pairs to the end; the watcher now interrupts until it ends.
    @Test func ctrlCBeforeTheFirstStatementStillStopsIt() async throws {
        try await Self.expectStopped(Self.manyNamesakes(), pressing: Self.press(atLook: 2))
    }

    static func expectStopped(_ cli: CLI, pressing presses: @escaping @Sendable () -> Int) async throws {
        var source = ScriptLineSource(["case duplicates --limit 100000000", "whoami"])
        let started = Date()
        let result = try await cli.shell(source: &source, interactive: true, interrupts: presses)
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 5, "\(seconds) s")
        #expect(result.err.contains("interrupted (Ctrl-C): the command stopped"), "\(result.err)")
        #expect(result.out.contains("tester ("), "\(result.out)")  // the session went on
    }
}
