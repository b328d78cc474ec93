import Foundation
import HotlineCore
import Synchronization
import Testing

@testable import HotlineCommands

/// `case duplicates` over many namesakes is long (every pair is judged); Ctrl-C stops it in
/// the shell as it stops any other command.
struct DuplicatesInterruptTests {
    /// 1,500 open cases of one person with no birth date: over a million pairs, tens of
    /// seconds to list; Ctrl-C after 0.3 s ends the command within a fraction of a second,
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
        let presses = Mutex(0)
        let pressLater = Thread {
            usleep(300_000)
            presses.withLock { $0 += 1 }
        }
        pressLater.start()
        var source = ScriptLineSource(["case duplicates --limit 100000000", "whoami"])
        let started = Date()
        let result = try await cli.shell(source: &source, interactive: true, interrupts: { presses.withLock { $0 } })
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 5, "\(seconds) s")
        #expect(result.err.contains("interrupted (Ctrl-C): the command stopped"), "\(result.err)")
        #expect(result.out.contains("tester ("), "\(result.out)")  // the session went on
    }
}
