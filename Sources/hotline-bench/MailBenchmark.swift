import ArgumentParser
import Foundation
import GRDB
import HotlineCore
import HotlineTesting

/// `mail`: `hotline mail ingest --maildir` of many family letters into a copy of a seeded
/// database (the real binary, one transaction and fsync per message), then the likely-case
/// lookup `inbox show` makes for each of them.
struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "mail ingest --maildir of generated letters, and their likely-case lookups.")

    @Option(help: "A seeded database (the work goes to a copy).") var db: String
    @Option(help: "Messages in the Maildir.") var messages = 10_000
    @Option(help: "The random seed of the letters.") var seed: UInt64 = 1

    func run() throws {
        try MailBenchmark.run(db: db, messages: messages, seed: seed).print()
    }
}

enum MailBenchmark {
    /// The target of issue 16.
    static let targetPerSecond = 200.0

    static func run(db: String, messages: Int, seed: UInt64, log: (String) -> Void = { Output.line($0) }) throws
        -> Table
    {
        do {
            let raw = try RawDatabase(path: db)
            try raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let copy = db + ".bench-mail"
        Seeder.removeDatabase(copy)
        log("copying \(db) to \(copy)…")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        defer { Seeder.removeDatabase(copy) }
        let hotline = try Hotline.open(path: copy, rules: .shipped)  // migrated here, not in the timing
        let queue = try DatabaseQueue(path: copy)
        let (cases, people, addresses) = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM person_case") ?? 0,
                try String.fetchAll(
                    db, sql: "SELECT person_name FROM person_case ORDER BY random() LIMIT ?", arguments: [messages]),
                try String.fetchAll(
                    db, sql: "SELECT value FROM contact WHERE kind = 'email' LIMIT ?", arguments: [messages])
            )
        }
        guard !people.isEmpty else { throw BenchError("\(db) has no cases: seed it first") }

        let maildir = NSTemporaryDirectory() + "hotline-bench-maildir-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: maildir) }
        for folder in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: "\(maildir)/\(folder)", withIntermediateDirectories: true)
        }
        var random = SplitMix64(seed: seed)
        let photo = Data((0..<30_000).map { _ in UInt8.random(in: 0...255, using: &random) })
            .base64EncodedString(options: .lineLength76Characters)
        log("writing \(Format.count(messages)) messages to \(maildir)/new…")
        for index in 0..<messages {
            let person = people[index % people.count]
            // A tenth from an address an inquirer left, a fifth with a photo.
            let from =
                index % 10 == 0 && !addresses.isEmpty
                ? addresses[index % addresses.count] : "family\(index)@families.example"
            let subject = "=?UTF-8?B?\(Data("Ищу: \(person)".utf8).base64EncodedString())?="
            let text = Data(
                "Здравствуйте. Ищу сына, \(person), связь пропала в марте. Мать.\n".utf8
            ).base64EncodedString(options: .lineLength76Characters)
            var message = """
                From: family <\(from)>\r\nTo: hotline@example.org\r\nMessage-ID: <bench-\(index)@families.example>\r
                Subject: \(subject)\r\nMIME-Version: 1.0\r\n
                """
            if index % 5 == 0 {
                message += """
                    Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r
                    Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(text)\r
                    --b\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r
                    Content-Disposition: attachment; filename="photo\(index).jpg"\r\n\r\n\(photo)\r\n--b--\r\n
                    """
            } else {
                message +=
                    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(text)\r\n"
            }
            try Data(message.utf8).write(to: URL(fileURLWithPath: "\(maildir)/new/\(1_000_000 + index).bench"))
        }

        var table = Table(
            title: "mail: ingest --maildir and likely cases (\(Format.count(cases)) cases, \(db))",
            columns: ["operation", "wall", "CPU (user+sys)", "per message", "rate", "target", "verdict"])
        log("hotline mail ingest --maildir…")
        let before = childCPUSeconds()
        let ingest = try Spawn.run([
            try Spawn.hotlineExecutable(), "mail", "ingest", "--maildir", maildir, "--db", copy,
        ])
        let ingestCPU = childCPUSeconds() - before
        guard ingest.exitCode == 0 else { throw BenchError("mail ingest exited \(ingest.exitCode): \(ingest.stderr)") }
        let stored = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM inbox_message") ?? 0 }
        guard stored == messages else { throw BenchError("\(stored) of \(messages) messages stored") }

        log("inbox show's likely cases, each message…")
        let me = try OperatorName("bench")
        let cpuBefore = RegistryBenchmark.cpuSeconds()
        let clock = Stopwatch()
        var found = 0
        for id in 1...Int64(messages) { found &+= try hotline.inboxItem(id, as: me).likelyCases.count }
        let lookup = clock.seconds
        let lookupCPU = RegistryBenchmark.cpuSeconds() - cpuBefore
        blackHole(found)

        func row(_ name: String, _ wall: Double, _ cpu: Double, target: Bool) {
            let rate = Double(messages) / wall
            table.add([
                name, Format.time(wall), Format.time(cpu), Format.time(wall / Double(messages)),
                Format.rate(rate, "msg"), target ? ">= \(Int(targetPerSecond)) msg/s" : "",
                target ? Format.verdict(rate >= targetPerSecond) : "",
            ])
        }
        row(
            "mail ingest --maildir (\(Format.count(messages)) msgs, 1/5 with a 30 KB photo)", ingest.seconds, ingestCPU,
            target: false)
        row("likely cases (inbox show) of each", lookup, lookupCPU, target: false)
        row("both", ingest.seconds + lookup, ingestCPU + lookupCPU, target: true)
        var load = [Double](repeating: 0, count: 3)
        getloadavg(&load, 3)
        table.add([
            "load average at the end", String(format: "%.2f %.2f %.2f", load[0], load[1], load[2]), "", "", "", "", "",
        ])
        return table
    }

    /// CPU seconds (user + system) of the children waited for so far.
    static func childCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }
}
