import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
