import Foundation

/// One line as the shell receives it.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C on a terminal: the line being typed is dropped.
    case interrupted
    /// A line that is not text: invalid UTF-8 or a NUL byte. It fails alone.
    case invalid(String)
    /// No line came within the idle time the shell asked for (an open transaction's limit).
    case idle
}

/// Where the shell's lines come from: a terminal (with libedit), a pipe or file, or a test.
protocol LineSource {
    /// The next line, or `nil` at the end of input. `prompt` is shown only on a terminal.
    /// With `idleSeconds`, gives `.idle` when no line came within that time.
    mutating func next(prompt: String, idleSeconds: Double?) -> LineInput?
    /// Called after a line was run, to keep it in the history where there is one.
    mutating func remember(_ line: String)
}

extension LineSource {
    mutating func remember(_ line: String) {}

    mutating func next(prompt: String) -> LineInput? { next(prompt: prompt, idleSeconds: nil) }
}

/// Lines read from a file descriptor (standard input when it is a pipe or a file): no prompt,
/// no editing. Bytes are checked here, so a line that is not text fails alone.
struct StreamLineSource: LineSource {
    let descriptor: Int32
    private var pending: [UInt8] = []
    /// How much of `pending` is known to hold no newline: each read is searched alone, not
    /// the whole line again (an 8 MB line, read 64 KB at a time, took 34 s that way).
    private var searched = 0
    private var atEnd = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func next(prompt: String, idleSeconds: Double?) -> LineInput? {
        let deadline = idleSeconds.map { Date().addingTimeInterval($0) }
        while true {
            if let newline = pending[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                searched = 0
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return Self.decode(line)
            }
            searched = pending.count
            if atEnd {
                guard !pending.isEmpty else { return nil }
                defer {
                    pending = []
                    searched = 0
                }
                return Self.decode(pending)
            }
            if let deadline {
                var input = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(max(0, min(deadline.timeIntervalSinceNow, 86_400)) * 1000)
                let ready = poll(&input, 1, milliseconds)
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 { return .idle }
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { atEnd = true } else { pending += chunk[..<count] }
        }
    }

    /// A line's bytes as text, or why they are not.
    static func decode(_ bytes: [UInt8]) -> LineInput {
        if bytes.contains(0) { return .invalid("the line contains a NUL byte") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .invalid("the line is not valid UTF-8")
        }
        return .line(text)
    }
}

/// Lines given in advance, for tests.
struct ScriptLineSource: LineSource {
    var lines: [LineInput]

    init(_ lines: [String]) { self.lines = lines.map(LineInput.line) }
    init(inputs: [LineInput]) { lines = inputs }

    mutating func next(prompt: String, idleSeconds: Double?) -> LineInput? {
        lines.isEmpty ? nil : lines.removeFirst()
    }
}
