import Foundation
import HotlineCore
import Synchronization

/// Where commands write: standard output and standard error in the binary, a buffer in tests
/// and (for one line at a time) the shell. A task-local, so a command never names a stream.
public struct Console: Sendable {
    let writeOut: @Sendable (String) -> Void
    let writeErr: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        writeOut = out
        writeErr = err
    }

    /// The process's standard output and standard error.
    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        err: { text in FileHandle.standardError.write(Data(text.utf8)) })

    @TaskLocal public static var current: Console = .standard

    // A literal given to print, printError or writeError is a `Message` (rendered in the
    // operator's language); a `String` (JSON, a rendered table, a line built elsewhere) is
    // written as it is: the String overloads are disfavoured so literals never pick them.

    /// Writes one message (a newline is added) to standard output, in the operator's language.
    static func print(_ message: Message) { current.writeOut(message.description + "\n") }
    /// Writes one line (a newline is added) to standard output.
    @_disfavoredOverload
    static func print(_ line: String = "") { current.writeOut(line + "\n") }
    /// Writes text as it is to standard output.
    static func write(_ text: String) { current.writeOut(text) }
    /// Writes a message as it is (no newline) to standard error: a progress line, a prompt.
    static func writeError(_ message: Message) { current.writeErr(message.description) }
    /// Writes text as it is to standard error.
    @_disfavoredOverload
    static func writeError(_ text: String) { current.writeErr(text) }
    /// Writes one message to standard error, in the operator's language.
    static func printError(_ message: Message) { current.writeErr(message.description + "\n") }
    /// Writes one line to standard error.
    @_disfavoredOverload
    static func printError(_ line: String) { current.writeErr(line + "\n") }
}

/// Collects what a command printed, for tests and for the demo.
public final class CapturedOutput: Sendable {
    private let buffers = Mutex<(out: String, err: String)>(("", ""))

    public init() {}

    public var out: String { buffers.withLock { $0.out } }
    public var err: String { buffers.withLock { $0.err } }

    public var console: Console {
        Console(
            out: { text in self.buffers.withLock { $0.out += text } },
            err: { text in self.buffers.withLock { $0.err += text } })
    }
}
