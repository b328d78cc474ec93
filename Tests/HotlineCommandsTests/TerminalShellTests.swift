import Foundation
import GRDB
import HotlineCore
import HotlineTesting
import Testing

/// A `hotline shell` on a real terminal: tmux runs the built binary in a pane, keys are typed
/// into it as a person types them (UTF-8 from the terminal, one key at a time through libedit),
/// and the stored values are read back through the CLI.
final class Terminal {
    /// tmux, if installed; the tests that need it say so and skip without it.
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    let directory: URL
    let socket = "hotline-test-\(UUID().uuidString.prefix(8))"
    var dbPath: String { directory.appendingPathComponent("hotline.sqlite").path }
    var home: String { directory.appendingPathComponent("home").path }

    init() throws {
        directory = TestFiles.directory("tty")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit {
        // Ends the server, its shell and the pane's `sleep`.
        _ = try? Self.tmux.map { try Self.run($0, ["-L", socket, "kill-server"]) }
    }

    /// Starts `hotline shell` in a 250x80 pane with exactly `environment` (no inherited locale);
    /// the pane stays open after the shell ends and shows its exit code.
    func start(environment: [String: String], arguments: [String] = ["--as", "maria"]) throws {
        let tmux = try #require(Self.tmux)
        var variables = ["HOME": home, "HOTLINE_DB": dbPath, "TERM": "xterm", "PATH": "/usr/bin:/bin"]
        variables.merge(environment) { _, given in given }
        let command =
            ["env", "-i"] + variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + [BinaryTests.binary.path, "shell"] + arguments
        let script =
            command.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
            + "; echo \"[exit $?]\"; sleep 600"
        // The tmux server this starts keeps any pipe it inherits open: no output captured here.
        try Self.run(
            tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "250", "-y", "80", script],
            capture: false)
    }

    /// Types `text` literally, as keys.
    func type(_ text: String) throws { try Self.run(Self.tmux!, ["-L", socket, "send-keys", "-l", "--", text]) }
    /// Presses keys by name: Enter, Tab, Up, C-c.
    func press(_ keys: String...) throws { try Self.run(Self.tmux!, ["-L", socket, "send-keys"] + keys) }
    /// Sends raw bytes (hex), as a terminal in another character set would.
    func sendBytes(_ bytes: [UInt8]) throws {
        try Self.run(Self.tmux!, ["-L", socket, "send-keys", "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// The pane's text, wrapped lines joined.
    func screen() throws -> String {
        try Self.run(Self.tmux!, ["-L", socket, "capture-pane", "-p", "-J", "-S", "-2000"])
    }

    /// Waits until the pane shows `text` `count` times (up to `timeout` seconds); the screen.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var shown = ""
        while Date() < deadline {
            shown = try screen()
            if shown.components(separatedBy: text).count - 1 >= count { return shown }
            usleep(50_000)
        }
        Issue.record("the terminal never showed \(count)x '\(text)'; it shows:\n\(shown)")
        return shown
    }

    /// Runs the `hotline` binary on this terminal's database (outside the terminal) and
    /// returns its standard output.
    func hotline(_ arguments: [String]) throws -> String {
        try Self.run(BinaryTests.binary.path, arguments + ["--db", dbPath])
    }

    /// Runs a program and returns its standard output. posix_spawn and waitpid rather than
    /// Foundation's Process: `tmux new-session` leaves a server behind that would inherit
    /// Process's watch on the child and make it wait for ever; here the child gets only
    /// /dev/null and (when captured) the output pipe, every other descriptor closed.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], capture: Bool = true) throws -> String {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ends: [Int32] = [-1, -1]
        if capture {
            guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // glibc 2.34 has it, but Swift's Glibc module does not declare it.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads block most signals, and a spawned child inherits the mask:
        // a tmux server started with it never ends on kill-server (nor its shells on SIGHUP).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        var output: [UInt8] = []
        if capture {
            close(ends[1])
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while spawned == 0 {
                let count = read(ends[0], &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                output += buffer[..<count]
            }
            close(ends[0])
        }
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }
}

private let needsTmux = Terminal.tmux == nil

@Suite(
    .serialized, .disabled(if: needsTmux, "tmux is not installed: the terminal tests need it (apt-get install tmux)"))
struct TerminalShellTests {
    private static let logLine =
        "inquiry log --new-case --relationship mother --channel phone"

    /// Cyrillic, Ukrainian (і ї є ґ and both apostrophes), Latin with diacritics and an emoji,
    /// typed with no locale in the environment (the shell falls back to C.UTF-8), are stored
    /// exactly as typed; so is the history; Up recalls the line, Tab completes a Cyrillic word.
    @Test func everyScriptTypedIsStoredAsTyped() throws {
        let terminal = try Terminal()
        try terminal.start(environment: [:])
        try terminal.waitFor("maria> ")
        let person = "Petr Иванов-Їжаченко"
        let inquirer = "Ґалина Є. Д'Артаньян-Об’єднана"
        let note = "Zoë Łukasz Müller, Ñandú 😀 👩‍👧"
        try terminal.type(
            "\(Self.logLine) --person '\(person)' --inquirer \"\(inquirer)\" --unit 'в/ч 12345' --note '\(note)' "
                + "--format json --region Курска")
        // libedit's redisplay of a line with a joined emoji is not exact, so the screen is not
        // checked mid-line: what was stored says what the line held.
        try terminal.press("Tab")
        usleep(300_000)
        try terminal.press("Enter")
        try terminal.waitFor("\"case\"")
        // Up recalls the line as typed (the history is kept in wide characters); run it again.
        try terminal.press("Up")
        usleep(300_000)
        try terminal.press("Enter")
        try terminal.waitFor("\"case\"", count: 2)

        let cases = try #require(
            try JSONSerialization.jsonObject(with: Data(terminal.hotline(["case", "list", "--format", "json"]).utf8))
                as? [[String: Any]])
        #expect(cases.count == 2)
        for listed in cases {
            let ref = try #require(listed["ref"] as? String)
            let detail = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(terminal.hotline(["case", "show", ref, "--format", "json"]).utf8)) as? [String: Any])
            #expect(detail["person"] as? String == person)
            #expect(detail["unit"] as? String == "в/ч 12345")
            #expect(detail["region"] as? String == "RU-KRS")
            let inquiry = try #require((detail["inquiries"] as? [[String: Any]])?.first)
            #expect((inquiry["inquirer"] as? [String: Any])?["name"] as? String == inquirer)
            #expect(inquiry["note"] as? String == note)
        }
        let history = try String(
            contentsOfFile: terminal.home + "/.local/share/hotline/shell_history", encoding: .utf8)
        #expect(history.contains("Ґалина") && history.contains("Їжаченко") && history.contains("😀"))
    }

    /// A terminal whose locale is not UTF-8 is refused before anything is read: typed Cyrillic
    /// would be stored as garbage.
    @Test func aNonUTF8LocaleIsRefusedClearly() throws {
        for locale in ["ru_RU.KOI8-R", "en_US.ISO-8859-1"] {
            let terminal = try Terminal()
            try terminal.start(environment: ["LANG": locale])
            let screen = try terminal.waitFor("[exit ")
            #expect(screen.contains("[exit 78]"), "\(screen)")
            #expect(screen.contains("'\(locale)'") && screen.contains("LANG=C.UTF-8"), "\(screen)")
            #expect(!FileManager.default.fileExists(atPath: terminal.dbPath))
        }
    }

    /// A terminal set to another character set than its locale says (KOI8-R bytes in a UTF-8
    /// locale) gets the line refused, never stored with letters dropped.
    @Test func bytesThatAreNotUTF8FailTheLine() throws {
        let terminal = try Terminal()
        try terminal.start(environment: ["LANG": "C.UTF-8"])
        try terminal.waitFor("maria> ")
        try terminal.type("\(Self.logLine) --inquirer M --person Petr\\ ")
        try terminal.sendBytes([0xE9, 0xD7, 0xC1, 0xCE, 0xCF, 0xD7])  // "Иванов" in KOI8-R
        try terminal.press("Enter")
        try terminal.waitFor("not UTF-8")
        try terminal.type("whoami")
        try terminal.press("Enter")
        try terminal.waitFor("(set-up mode")
        #expect(
            try terminal.hotline(["case", "list", "--format", "json"]).trimmingCharacters(in: .whitespacesAndNewlines)
                == "[]")
    }
}
