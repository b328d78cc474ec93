import ArgumentParser
import Foundation

/// `hotline-stress writers`: many operators' shells writing to one database at the same moment.
/// hotline promises that concurrent writers queue for the write lock (IMMEDIATE transactions,
/// a busy timeout) instead of failing with "database is locked", and that nothing is lost.
struct Writers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "N concurrent `hotline shell` writers, M inquiries each, on one database.")

    @OptionGroup var common: CommonOptions

    @Option(help: "How many shells write at once.")
    var writers = 8

    @Option(help: "How many inquiries each shell logs.")
    var inquiries = 50

    func validate() throws {
        guard writers >= 1, inquiries >= 1 else {
            throw ValidationError("--writers and --inquiries must be at least 1")
        }
        guard writers <= 999, inquiries <= 9_999 else {
            throw ValidationError("at most 999 writers of 9999 inquiries (the phone numbers are built from them)")
        }
    }

    func run() throws {
        let report = try WritersMode.run(
            executable: try Hotline.locate(common.hotline), writers: writers, inquiries: inquiries, keep: common.keep)
        try finish([report])
    }
}

enum WritersMode {
    static func run(executable: String, writers: Int, inquiries: Int, keep: Bool) throws -> ModeReport {
        let tally = Tally("writers")
        let workspace = try Workspace("writers")
        let hotline = Hotline(executable: executable, home: workspace.path)
        let db = workspace.database
        say("writers: \(writers) shells x \(inquiries) inquiries on \(db)")

        // The database exists before the writers start, so they race on writes, not on creating
        // the file and its schema.
        let created = hotline.run(["db", "version", "--db", db])
        tally.check(created.exitCode == 0, "db version (creating the database): \(created.summary())")

        // Every shell's script is built before any starts; each name is unique, so the case list
        // tells exactly which writes landed. --new-case: these are distinct people, whatever a
        // duplicate check would think of "Writer 1 Person 1" and "Writer 1 Person 2".
        let specs = (1...writers).map { writer in
            let script = (1...inquiries).map { number in
                "inquiry log --new-case --person 'Writer \(writer) Person \(number)' --region RU-KRS --born 1990"
                    + " --unit 'в/ч \(writer)' --inquirer 'Inquirer \(writer)-\(number)' --relationship mother"
                    + " --channel phone --contact phone:+7916\(String(format: "%03d%04d", writer, number))"
                    + " --note 'Stress writer \(writer), inquiry \(number).'\n"
            }.joined()
            return hotline.spec(
                ["shell", "--db", db, "--as", "writer\(writer)"], stdin: Array(script.utf8),
                timeout: max(300, Double(writers * inquiries) * 0.2))
        }

        let started = Date()
        var children: [Child] = []
        for spec in specs {
            do {
                children.append(try Child.spawn(spec))
            } catch {
                tally.fail("cannot start a writer: \(error)")
            }
        }
        let startedChildren = children
        let results = ResultBox(count: startedChildren.count)
        // All are running now; each thread feeds its shell's script and waits for it.
        onThreads(startedChildren.count) { index in
            results.set(index, startedChildren[index].supervise())
        }
        let elapsed = Date().timeIntervalSince(started)

        var acknowledged = 0
        var slowest = 0.0
        for (index, result) in results.all.enumerated() {
            let name = "writer\(index + 1)"
            slowest = max(slowest, result.seconds)
            tally.check(!result.crashed, "\(name) crashed: \(result.summary())")
            tally.check(result.exitCode == 0, "\(name) did not exit 0: \(result.summary())")
            let stderr = result.err.lowercased()
            tally.check(
                !stderr.contains("locked") && !stderr.contains("busy"),
                "\(name) hit a locked or busy database: \(result.summary())")
            let logged = result.out.split(separator: "\n").filter {
                $0.hasPrefix("Inquiry ") && $0.contains(" logged;")
            }
            acknowledged += logged.count
            tally.check(
                logged.count == inquiries, "\(name) acknowledged \(logged.count) of \(inquiries) inquiries")
        }

        // What landed: exactly one case per line, each with its one inquiry.
        var landed = 0
        do {
            let cases = try hotline.cases(db: db)
            let expected = Set(
                (1...writers).flatMap { writer in (1...inquiries).map { "Writer \(writer) Person \($0)" } })
            let persons = cases.map(\.person)
            landed = Set(persons).intersection(expected).count
            tally.check(
                cases.count == writers * inquiries,
                "case list has \(cases.count) cases, expected \(writers * inquiries)")
            tally.check(
                Set(persons) == expected && persons.count == expected.count,
                "case list persons differ from those written: \(expected.subtracting(persons).count) missing, "
                    + "\(persons.count - Set(persons).count) duplicated")
            let wrongCounts = cases.filter { $0.inquiries != 1 }
            tally.check(
                wrongCounts.isEmpty,
                "\(wrongCounts.count) cases do not have exactly 1 inquiry, e.g. \(wrongCounts.first?.ref ?? "")")
        } catch {
            tally.fail("reading the cases back: \(error)")
        }

        let check = hotline.run(["db", "check", "--db", db, "--as", "stress"], timeout: 600)
        tally.check(
            check.exitCode == 0, "db check after the writers: \(check.summary()) \(visible(check.out, limit: 400))")

        let attempted = writers * inquiries
        let report = ModeReport(
            tally,
            figures: [
                "writes landed \(landed) / attempted \(attempted) (acknowledged by the shells: \(acknowledged))",
                "elapsed \(seconds(elapsed)) for \(writers) concurrent shells "
                    + "(\(String(format: "%.0f", Double(landed) / max(elapsed, 0.001))) writes/s; slowest shell \(seconds(slowest)))",
                "db check: \(check.exitCode == 0 ? "clean" : "FAILED")",
            ])
        report.print()
        workspace.finish(keep: keep, failed: tally.failed > 0)
        return report
    }
}

/// Results written by several threads, one slot each.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [RunResult?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: RunResult) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    var all: [RunResult] {
        lock.lock()
        defer { lock.unlock() }
        return results.compactMap { $0 }
    }
}
