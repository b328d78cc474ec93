import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The shell's transactions against other processes, and typing on a real terminal: a `begin`
/// that cannot get the lock, a transaction left idle, a `begin` by someone who may not, and
/// Cyrillic, Ukrainian, diacritics and emoji typed into `hotline shell` under tmux.
enum ShellMode {
    static func run(executable: String, keep: Bool) throws -> ModeReport {
        let tally = Tally("shell")
        let workspace = try Workspace("shell")
        let hotline = Hotline(executable: executable, home: workspace.path)
        let db = workspace.database
        var figures: [String] = []
        say("shell: transactions against other shells, and typing on a terminal, on \(db)")

        let created = hotline.run(["operator", "add", "anna", "--db", db, "--as", "anna"])
        tally.check(created.exitCode == 0, "operator add (creating the database): \(created.summary())")
        for (name, role) in [("oleg", "operator"), ("vera", "viewer"), ("stress", "viewer")] {
            let added = hotline.run(["operator", "add", name, "--role", role, "--db", db, "--as", "anna"])
            tally.check(added.exitCode == 0, "operator add \(name): \(added.summary())")
        }
        let fast = workspace.path + "/busy-1s.json"
        let idle = workspace.path + "/idle-1s.json"
        try Data(#"{"busyTimeoutSeconds": 1}"#.utf8).write(to: URL(fileURLWithPath: fast))
        try Data(#"{"shell": {"idleTransactionSeconds": 1}}"#.utf8).write(to: URL(fileURLWithPath: idle))
        let log = "inquiry log --new-case --region Kursk --inquirer M --relationship mother --channel phone --person"

        /// A shell that runs `begin` and then waits `seconds` with its input open.
        func holder(_ seconds: Int, as name: String, config: String? = nil) throws -> Child {
            let shell =
                ([hotline.executable, "shell", "--db", db, "--as", name] + (config.map { ["--config", $0] } ?? []))
                .map { "'\($0)'" }.joined(separator: " ")
            return try Child.spawn(
                ChildSpec(
                    executable: "/bin/sh",
                    arguments: [Array("-c".utf8), Array("(echo begin; sleep \(seconds)) | \(shell)".utf8)],
                    environment: hotline.environment, timeout: Double(seconds) + 30))
        }
        func people() -> [String] { ((try? hotline.cases(db: db)) ?? []).map(\.person) }

        // 1. A begin that times out on the lock fails (75) and its block never runs, also with
        //    --keep-going; the holder, whose input ends inside begin, exits 1 and wrote nothing.
        let holding = try holder(4, as: "oleg")
        usleep(700_000)
        for keepGoing in [false, true] {
            let script = "begin\n\(log) Blocked\(keepGoing ? "Too" : "")\ncommit\n"
            let result = hotline.run(
                ["shell", "--db", db, "--as", "oleg", "--config", fast] + (keepGoing ? ["--keep-going"] : []),
                stdin: Array(script.utf8))
            tally.check(
                result.exitCode == 75 && result.err.contains("line 1:"),
                "begin while another shell holds begin\(keepGoing ? " (--keep-going)" : ""): want exit 75, got \(result.summary())"
            )
        }
        let held = holding.supervise()
        tally.check(
            held.exitCode == 1 && held.err.contains("input ended inside the transaction"),
            "a script ending inside begin: want exit 1 naming the rollback, got \(held.summary())")
        tally.check(people().isEmpty, "nothing of a failed or unfinished begin is written: \(people())")

        // 2. An idle transaction is rolled back after shell.idleTransactionSeconds, freeing the
        //    lock: a writer waiting behind it gets through in about that time, not the holder's 5 s.
        let idling = try holder(5, as: "oleg", config: idle)
        usleep(300_000)
        let started = Date()
        let writer = hotline.run([
            "inquiry", "log", "--new-case", "--region", "Kursk", "--inquirer", "M",
            "--relationship", "mother", "--channel", "phone", "--person", "Waited", "--db", db, "--as", "oleg",
        ])
        let waited = Date().timeIntervalSince(started)
        let idled = idling.supervise()
        tally.check(
            writer.exitCode == 0 && waited < 3.5,
            "a writer behind an idle begin: \(writer.summary()), waited \(seconds(waited))")
        tally.check(
            idled.exitCode == 1 && idled.err.contains("was rolled back"),
            "an idle begin is rolled back and said so: \(idled.summary())")
        figures.append("a writer behind a begin idle for 1 s waited \(seconds(waited))")

        // 3. A begin by a viewer or by nobody is refused (77) and holds no lock.
        for name in ["vera", "nobody-at-all"] {
            let refused = try holder(3, as: name)
            usleep(300_000)
            let through = hotline.run(
                [
                    "inquiry", "log", "--new-case", "--region", "Kursk", "--inquirer", "M", "--relationship", "mother",
                    "--channel", "phone", "--person", "Not Blocked \(name)", "--db", db, "--as", "oleg", "--config",
                    fast,
                ])
            let result = refused.supervise()
            tally.check(result.exitCode == 77, "begin as \(name): want exit 77, got \(result.summary())")
            tally.check(
                through.exitCode == 0, "a writer while \(name) tried begin was not blocked: \(through.summary())")
        }

        // 4. Typing on a terminal (tmux): every script stored exactly as typed.
        if let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first(where: { (path: String) in access(path, X_OK) == 0
            })
        {
            try typeOnTerminal(tmux: tmux, hotline: hotline, db: db, tally: tally, figures: &figures)
        } else {
            say("  skipped the terminal scenario: tmux is not installed")
        }

        workspace.finish(keep: keep, failed: tally.failed > 0)
        let report = ModeReport(tally, figures: figures)
        report.print()
        say(report.line)
        return report
    }

    private static func typeOnTerminal(
        tmux: String, hotline: Hotline, db: String, tally: Tally, figures: inout [String]
    ) throws {
        let socket = "hotline-stress-\(getpid())"
        func tmuxRun(_ arguments: [String]) -> RunResult {
            Child.run(
                ChildSpec(
                    executable: tmux, arguments: (["-L", socket] + arguments).map { Array($0.utf8) },
                    environment: hotline.environment, timeout: 30))
        }
        defer { _ = tmuxRun(["kill-server"]) }
        // No locale at all, as on a bare server: the shell falls back to C.UTF-8.
        let command = [
            "env", "-i", "HOME=\(hotline.home)", "TERM=xterm", hotline.executable, "shell", "--db", db, "--as", "oleg",
        ]
        .map { "'\($0)'" }.joined(separator: " ")
        let started = tmuxRun(["-f", "/dev/null", "new-session", "-d", "-x", "250", "-y", "50", command])
        guard tally.check(started.exitCode == 0, "tmux new-session: \(started.summary())") else { return }
        func waitFor(_ text: String, count: Int = 1) -> Bool {
            for _ in 0..<200 {
                let screen = tmuxRun(["capture-pane", "-p", "-J"]).out
                if screen.components(separatedBy: text).count - 1 >= count { return true }
                usleep(50_000)
            }
            return false
        }
        tally.check(waitFor("oleg> "), "the shell's prompt on the terminal")
        let names = [
            "Иванов Пётр Сергеевич", "Шевченко Їжак Ґалина-Єва", "Д'Артаньян Об’єднаний", "Łukasz Müller-Ñandú",
            "Zoë Ångström 😀",
        ]
        let timer = Date()
        for name in names {
            _ = tmuxRun([
                "send-keys", "-l", "--",
                "inquiry log --new-case --region Kursk --inquirer 'Мати' --relationship mother --channel phone --person \"\(name)\"",
            ])
            _ = tmuxRun(["send-keys", "Enter"])
            _ = waitFor("logged;", count: names.firstIndex(of: name)! + 1)
        }
        _ = tmuxRun(["send-keys", "Up"])
        usleep(200_000)
        _ = tmuxRun(["send-keys", "Enter"])
        _ = waitFor("logged;", count: names.count + 1)
        figures.append(
            "\(names.count + 1) Cyrillic, Ukrainian, Latin and emoji lines typed on tmux in \(seconds(Date().timeIntervalSince(timer)))"
        )
        let stored = ((try? hotline.cases(db: db)) ?? []).map(\.person)
        for name in names {
            tally.check(stored.contains(name), "typed on a terminal, stored as typed: '\(name)' (stored: \(stored))")
        }
        tally.check(stored.filter { $0 == names.last }.count == 2, "Up recalled the last line as typed: \(stored)")
    }
}
