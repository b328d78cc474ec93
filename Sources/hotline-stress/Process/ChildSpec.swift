import Foundation

/// How a child process ended.
enum Ending: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    var description: String {
        switch self {
        case .exited(let code): return "exit \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// One child process to run: raw-byte arguments, because hostile inputs include invalid UTF-8,
/// which Foundation's `Process` cannot put in argv.
struct ChildSpec: Sendable {
    var executable: String
    /// argv[1...], each element as raw bytes (no NUL byte: a C string ends there).
    var arguments: [[UInt8]]
    /// `KEY=VALUE` entries.
    var environment: [String]
    /// Written to the child's standard input, which is then closed.
    var stdin: [UInt8] = []
    /// Seconds before the child is killed as hung.
    var timeout: Double = 120
    /// Seconds after which the child is deliberately SIGKILLed (the kills mode).
    var killAfter: Double? = nil
}

/// What a finished child did.
struct RunResult: Sendable {
    let ending: Ending
    let stdout: [UInt8]
    let stderr: [UInt8]
    let seconds: Double
    /// Killed because it ran past `timeout`.
    let timedOut: Bool
    /// We sent the SIGKILL (at `killAfter`, or for the timeout).
    let killedByUs: Bool

    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
    var exitCode: Int32? {
        if case .exited(let code) = ending { return code }
        return nil
    }

    /// Words that only a crashing Swift program prints.
    static let crashMarkers = ["Fatal error", "Stack dump", "stack trace", "Segmentation"]

    /// A crash: death by a signal we did not send, or the runtime's crash report on stderr.
    var crashed: Bool {
        if case .signaled = ending, !killedByUs { return true }
        return crashMarker != nil
    }

    var crashMarker: String? { Self.crashMarkers.first { err.contains($0) } }

    /// A short account of the run for failure messages.
    func summary(limit: Int = 300) -> String {
        var text = timedOut ? "timed out after \(String(format: "%.1f", seconds)) s" : ending.description
        let stderrText = err.trimmingCharacters(in: .whitespacesAndNewlines)
        if !stderrText.isEmpty { text += "; stderr: " + visible(stderrText, limit: limit) }
        return text
    }
}

struct SpawnError: Error, CustomStringConvertible {
    let description: String
}
