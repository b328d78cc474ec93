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
    @Test func ctrlCStopsCaseDuplicates() async throws {
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
        // Ctrl-C is pressed at the watcher's 15th look (about 0.3 s into `case duplicates`): the
        // watcher looks only while a command runs, so the press lands inside the command however
        // slowly the machine starts it. A press at a fixed 0.3 s after the test began landed before
        // the command on a loaded machine, and the command then ran its million pairs for 39 min.
        let looks = Mutex(0)
        let presses: @Sendable () -> Int = {
            looks.withLock { count in
                count += 1
                return count >= 15 ? 1 : 0
            }
        }
        var source = ScriptLineSource(["case duplicates --limit 100000000", "whoami"])
        let started = Date()
        let result = try await cli.shell(source: &source, interactive: true, interrupts: presses)
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 5, "\(seconds) s")
        #expect(result.err.contains("interrupted (Ctrl-C): the command stopped"), "\(result.err)")
        #expect(result.out.contains("tester ("), "\(result.out)")  // the session went on
    }
}
