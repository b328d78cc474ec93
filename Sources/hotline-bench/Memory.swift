import Foundation

/// `memory`: peak resident memory of `hotline shell` running the heaviest list commands, one
/// shell per command (ru_maxrss of the child from wait4), output to /dev/null.
enum MemoryBenchmark {
    static let commands = [
        "whoami", "case list --open", "case list --format json", "case list --format csv", "search Ivanov",
    ]

    static func run(db: String, log: (String) -> Void = { Output.line($0) }) throws -> Table {
        let hotline = try Spawn.hotlineExecutable()
        let cases = try RawDatabase(path: db).int("SELECT count(*) FROM person_case") ?? 0
        var table = Table(
            title: "hotline shell peak memory, \(Format.count(Int(cases))) cases (\(db))",
            columns: ["shell command", "peak RSS", "wall", "target", "verdict"])
        let script = NSTemporaryDirectory() + "hotline-bench-script-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: script) }
        for command in commands {
            log("  hotline shell: \(command)…")
            try (command + "\n").write(toFile: script, atomically: true, encoding: .utf8)
            // A child spawned from this (large, after seeding) process inherits its address space
            // until exec, and Linux counts that in the child's ru_maxrss; /usr/bin/time forks
            // the shell from its own small process, so its figure is the shell's own.
            let timer = "/usr/bin/time"
            let report = NSTemporaryDirectory() + "hotline-bench-rss-\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: report) }
            let viaTime = FileManager.default.isExecutableFile(atPath: timer)
            let shell = [hotline, "shell", "--db", db, "--as", "bench"]
            let run = try Spawn.run(viaTime ? [timer, "-f", "%M", "-o", report] + shell : shell, stdin: script)
            guard run.exitCode == 0 else {
                throw BenchError("hotline shell (\(command)) exited \(run.exitCode): \(run.stderr)")
            }
            let baseline = command == "whoami"
            let kilobytes =
                viaTime
                ? (try? String(contentsOfFile: report, encoding: .utf8)).flatMap {
                    Double($0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
                } : nil
            let megabytes = kilobytes.map { $0 / 1024 } ?? Double(run.peakBytes) / 1_048_576
            table.add([
                baseline ? "whoami (baseline)" : command, String(format: "%.1f MB", megabytes),
                Format.time(run.seconds),
                baseline ? "" : "< 100 MB", baseline ? "" : Format.verdict(megabytes < 100),
            ])
        }
        table.notes = [
            "One `hotline shell --db PATH` per command, the command on stdin, stdout to /dev/null;",
            "peak RSS from /usr/bin/time (Debian package `time`), else from wait4 (which over-counts).",
        ]
        if cases < 1_000_000 {
            table.notes.append(
                "The target is set for 1,000,000 cases; at \(Format.count(Int(cases))) it is indicative.")
        }
        return table
    }
}
