import ArgumentParser
import Synchronization

/// Counts checks; prints each failure when it happens, so a long run shows problems early.
final class Tally: Sendable {
    private let counts = Mutex((passed: 0, failed: 0))
    let mode: String

    init(_ mode: String) { self.mode = mode }

    var passed: Int { counts.withLock { $0.passed } }
    var failed: Int { counts.withLock { $0.failed } }

    @discardableResult
    func check(_ ok: Bool, _ message: @autoclosure () -> String) -> Bool {
        if ok {
            counts.withLock { $0.passed += 1 }
        } else {
            fail(message())
        }
        return ok
    }

    func fail(_ message: String) {
        counts.withLock { $0.failed += 1 }
        say("FAIL [\(mode)] \(message)")
    }
}

/// What one mode reports: its checks and its figures.
struct ModeReport: Sendable {
    let mode: String
    let passed: Int
    let failed: Int
    let figures: [String]

    init(_ tally: Tally, figures: [String]) {
        mode = tally.mode
        passed = tally.passed
        failed = tally.failed
        self.figures = figures
    }

    var line: String { "\(passed) passed, \(failed) failed" }

    func print() {
        for figure in figures { say("  " + figure) }
    }
}

/// Ends a mode's subcommand: the figures, the final count line, a non-zero exit on failure.
func finish(_ reports: [ModeReport]) throws {
    let passed = reports.map(\.passed).reduce(0, +)
    let failed = reports.map(\.failed).reduce(0, +)
    say("\(passed) passed, \(failed) failed")
    if failed > 0 { throw ExitCode.failure }
}
