import ArgumentParser
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Running a child process

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

/// A started child with its three pipes. `supervise()` feeds stdin, drains stdout and stderr
/// and reaps it; splitting start from supervision lets the writers mode start every writer
/// before any of them gets its input, so they really run at once.
final class Child: @unchecked Sendable {
    let pid: pid_t
    let spec: ChildSpec
    private let start: Date
    private let stdinFD: Int32
    private let stdoutFD: Int32
    private let stderrFD: Int32

    private init(pid: pid_t, spec: ChildSpec, stdinFD: Int32, stdoutFD: Int32, stderrFD: Int32) {
        self.pid = pid
        self.spec = spec
        self.stdinFD = stdinFD
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
        start = Date()
    }

    /// Serialises pipe creation and spawning: a pipe made by one thread must get its
    /// close-on-exec flag before another thread's child is spawned, or that child inherits the
    /// write end and the reader never sees end-of-file.
    private static let spawnLock = Mutex(())

    static func spawn(_ spec: ChildSpec) throws -> Child {
        try spawnLock.withLock { _ in try spawnLocked(spec) }
    }

    private static func spawnLocked(_ spec: ChildSpec) throws -> Child {
        var fds = [Int32](repeating: -1, count: 6)  // stdin r/w, stdout r/w, stderr r/w
        for pair in 0..<3 {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else {
                for fd in fds where fd >= 0 { close(fd) }
                throw SpawnError(description: "pipe failed: \(String(cString: strerror(errno)))")
            }
            fds[pair * 2] = ends[0]
            fds[pair * 2 + 1] = ends[1]
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #else
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copies, so only 0, 1 and 2 reach the child.
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fds[3], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[5], 2)

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // We ignore SIGPIPE (a child may die before reading its input); the child must get
        // the default back, and an empty signal mask, like a child started from a shell.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = cStrings([Array(spec.executable.utf8)] + spec.arguments)
        let envp = cStrings(spec.environment.map { Array($0.utf8) })
        defer {
            for pointer in argv + envp { pointer?.deallocate() }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, spec.executable, &actions, &attributes, argv, envp)
        close(fds[0])
        close(fds[3])
        close(fds[5])
        guard status == 0 else {
            close(fds[1])
            close(fds[2])
            close(fds[4])
            throw SpawnError(
                description: "cannot start \(spec.executable): \(String(cString: strerror(status)))")
        }
        for fd in [fds[1], fds[2], fds[4]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return Child(pid: pid, spec: spec, stdinFD: fds[1], stdoutFD: fds[2], stderrFD: fds[4])
    }

    /// NUL-terminated copies of `strings`, then a nil, as execve wants them.
    private static func cStrings(_ strings: [[UInt8]]) -> [UnsafeMutablePointer<CChar>?] {
        strings.map { bytes in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        } + [nil]
    }

    /// Feeds stdin, collects stdout and stderr, kills on `killAfter` or `timeout`, reaps the
    /// child. One poll loop per child: no extra threads, and a full pipe can never deadlock.
    func supervise() -> RunResult {
        var out: [UInt8] = []
        var err: [UInt8] = []
        var pending = spec.stdin[...]
        var input: Int32? = stdinFD
        var outputs: [Int32: Bool] = [stdoutFD: true, stderrFD: true]  // fd: still open
        var killed = false
        var timedOut = false
        var status: Int32 = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)

        if pending.isEmpty {
            close(stdinFD)
            input = nil
        }
        func elapsed() -> Double { Date().timeIntervalSince(start) }
        func enforceDeadlines() {
            guard !killed else { return }
            if let killAfter = spec.killAfter, elapsed() >= killAfter {
                kill(pid, SIGKILL)
                killed = true
            } else if elapsed() >= spec.timeout {
                kill(pid, SIGKILL)
                killed = true
                timedOut = true
            }
        }

        while outputs.values.contains(true) {
            enforceDeadlines()
            var polled: [pollfd] = []
            if let input { polled.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            for (fd, open) in outputs where open { polled.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            // Wake up at least every 5 ms so a kill deadline is kept to the millisecond range.
            let ready = poll(&polled, nfds_t(polled.count), 5)
            if ready <= 0 { continue }
            for entry in polled where entry.revents != 0 {
                if entry.fd == input {
                    let written = pending.withUnsafeBytes { write(entry.fd, $0.baseAddress, min($0.count, 65_536)) }
                    if written > 0 { pending = pending.dropFirst(written) }
                    let broken = written < 0 && errno != EAGAIN && errno != EINTR
                    if pending.isEmpty || broken {
                        close(entry.fd)
                        input = nil
                    }
                } else {
                    let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        if entry.fd == stdoutFD {
                            out += buffer[..<count]
                        } else {
                            err += buffer[..<count]
                        }
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        close(entry.fd)
                        outputs[entry.fd] = false
                    }
                }
            }
        }
        if let input { close(input) }
        // Both outputs are closed: the child has exited or is about to.
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR {
                status = 0x7f  // cannot happen: nobody else reaps our children
                break
            }
            enforceDeadlines()
            usleep(1_000)
        }
        // The wait status, decoded by hand: the W* macros are not imported into Swift.
        let signal = status & 0x7f
        let ending: Ending = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
        return RunResult(
            ending: ending, stdout: out, stderr: err, seconds: elapsed(), timedOut: timedOut, killedByUs: killed)
    }

    /// Starts and supervises in one go.
    static func run(_ spec: ChildSpec) -> RunResult {
        do {
            return try spawn(spec).supervise()
        } catch {
            // Reported like a refused start, so callers need no second error path.
            return RunResult(
                ending: .exited(127), stdout: [], stderr: Array("spawn: \(error)".utf8), seconds: 0, timedOut: false,
                killedByUs: false)
        }
    }
}

/// Runs `body(0..<count)` on `count` threads at once and waits for all of them. Real threads,
/// not the dispatch pool: each body blocks on a child process for a long time.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchSemaphore(value: 0)
    for index in 0..<count {
        let thread = Thread {
            body(index)
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    for _ in 0..<count { done.wait() }
}

// MARK: - The hotline binary and its sandbox

/// The `hotline` binary under test and the environment its children get.
struct Hotline: Sendable {
    let executable: String
    let home: String
    let environment: [String]

    /// `--hotline PATH`, else the `hotline` beside this executable (both are built into the same
    /// `.build/<configuration>/` folder).
    static func locate(_ explicit: String?) throws -> String {
        let path: String
        if let explicit {
            path = explicit
        } else {
            let me = CommandLine.arguments[0]
            var resolved = me
            if !me.contains("/") {
                let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
                resolved = directories.map { "\($0)/\(me)" }.first { access($0, X_OK) == 0 } ?? me
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if let real = realpath(resolved, &buffer) { resolved = String(cString: real) }
            path = (resolved as NSString).deletingLastPathComponent + "/hotline"
        }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard access(absolute, X_OK) == 0 else {
            throw ValidationError("no executable hotline at \(absolute); build it first or pass --hotline PATH")
        }
        return absolute
    }

    /// Children get HOME set to the sandbox and no HOTLINE_* or XDG_* variables, so neither the
    /// user's configuration nor their database can leak into a run.
    init(executable: String, home: String) {
        self.executable = executable
        self.home = home
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("HOTLINE_") && !key.hasPrefix("XDG_")
        }
        environment["HOME"] = home
        self.environment = environment.map { "\($0.key)=\($0.value)" }.sorted()
    }

    func spec(_ arguments: [String], stdin: [UInt8] = [], timeout: Double = 120) -> ChildSpec {
        spec(raw: arguments.map { Array($0.utf8) }, stdin: stdin, timeout: timeout)
    }

    func spec(raw arguments: [[UInt8]], stdin: [UInt8] = [], timeout: Double = 120) -> ChildSpec {
        ChildSpec(
            executable: executable, arguments: arguments, environment: environment, stdin: stdin, timeout: timeout)
    }

    func run(_ arguments: [String], stdin: [UInt8] = [], timeout: Double = 120) -> RunResult {
        Child.run(spec(arguments, stdin: stdin, timeout: timeout))
    }

    func run(raw arguments: [[UInt8]], stdin: [UInt8] = [], timeout: Double = 120) -> RunResult {
        Child.run(spec(raw: arguments, stdin: stdin, timeout: timeout))
    }

    /// Every case in the database, via `case list --format json`.
    func cases(db: String) throws -> [CaseSummaryJSON] {
        let result = run(["case", "list", "--db", db, "--as", "stress", "--format", "json"], timeout: 600)
        guard result.exitCode == 0 else { throw SpawnError(description: "case list failed: \(result.summary())") }
        return try JSONDecoder().decode([CaseSummaryJSON].self, from: Data(result.stdout))
    }
}

/// A fresh temporary directory for one mode's database and HOME; removed after a clean run,
/// kept (and named) after a failing one so the database can be inspected.
final class Workspace: Sendable {
    let path: String

    init(_ label: String) throws {
        var template = Array((NSTemporaryDirectory() + "/hotline-stress-\(label).XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SpawnError(description: "mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = URL(fileURLWithPath: String(cString: made)).standardizedFileURL.path
    }

    var database: String { path + "/hotline.sqlite" }

    func finish(keep: Bool, failed: Bool) {
        if keep || failed {
            say("  workspace kept: \(path)")
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

/// Options every mode takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "The hotline binary (default: the one beside hotline-stress).")
    var hotline: String?

    @Flag(help: "Keep the temporary directories even after a clean run.")
    var keep = false
}

// MARK: - Results

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

// MARK: - Output and small helpers

private let outputLock = Mutex(())

/// Prints one line; lines from concurrent threads never interleave.
func say(_ line: String) {
    outputLock.withLock { _ in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Text safe to print: control and format characters escaped, long text cut.
func visible(_ text: String, limit: Int = 80) -> String {
    var shown = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit {
            shown += "…(\(text.unicodeScalars.count) scalars)"
            break
        }
        let category = scalar.properties.generalCategory
        if category == .control || category == .format || category == .lineSeparator
            || category == .paragraphSeparator
        {
            shown += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            shown.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return shown
}

func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }

// MARK: - hotline's JSON, as far as the checks read it

struct CaseSummaryJSON: Decodable, Equatable, Sendable {
    let ref: String
    let person: String
    let status: String
    let inquiries: Int
    let lastActivity: String
}

struct LoggedJSON: Decodable, Sendable {
    let `case`: String
    let inquiry: Int64
    let newCase: Bool
}

struct CaseDetailJSON: Decodable, Sendable {
    let ref: String
    let person: String
    let born: String?
    let region: String
    let unit: String?
    let status: String
    let inquiries: [InquiryJSON]
    let history: [HistoryJSON]
}

struct InquiryJSON: Decodable, Sendable {
    let id: Int64
    let person: String
    let born: String?
    let unit: String?
    let note: String?
    let region: String
    let channel: String
    let relationship: String
    let inquirer: InquirerJSON
}

struct InquirerJSON: Decodable, Sendable {
    let name: String
    let contacts: [ContactJSON]
}

struct ContactJSON: Decodable, Sendable {
    let kind: String
    let value: String
}

struct HistoryJSON: Decodable, Sendable {
    let kind: String
    let from: String?
    let to: String?
    let note: String?
    let source: String?
    let asOf: String?
    let inquiry: Int64?
}

struct OperatorJSON: Decodable, Sendable {
    let name: String
    let displayName: String?
    let role: String
}
