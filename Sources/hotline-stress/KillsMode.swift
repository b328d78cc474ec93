import ArgumentParser
import Foundation
import HotlineTesting

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `hotline-stress kills`: writers SIGKILLed at random moments. hotline promises that every
/// command is one transaction, so a killed process leaves its command wholly in or wholly out,
/// and that a write it acknowledged is on disk; `db check` then proves the file and hotline's
/// invariants (every case has its inquiry, counts and history chains agree) survived.
struct Kills: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start writers and SIGKILL them after a random 0-300 ms, then check the database.")

    @OptionGroup var common: CommonOptions

    @Option(help: "How many writers to start and kill.")
    var count = 50

    @Option(help: "Seed for the random delays (default: random, printed so a run can be repeated).")
    var seed: UInt64?

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let report = try KillsMode.run(
            executable: try Hotline.locate(common.hotline), count: count, seed: seed, keep: common.keep)
        try finish([report])
    }
}

enum KillsMode {
    /// The kinds of writer killed in turn: each puts a different promise at risk.
    enum Victim: CaseIterable {
        /// A shell logging many inquiries, one transaction each.
        case shellInquiries
        /// One `hotline inquiry log` process: killed during start-up, migration check or write.
        case singleInquiry
        /// A shell running `begin … commit` blocks of three inquiries: all three or none.
        case shellTransactions
        /// A shell moving one case back and forth: the status and its history must agree.
        case shellStatusChanges
        /// One `hotline inquiry log` on a database file that does not exist yet: killed while
        /// creating the file or migrating the schema, it must leave a file the next run can use.
        case freshDatabase
    }

    static let blockSize = 3

    static func run(executable: String, count: Int, seed: UInt64?, keep: Bool) throws -> ModeReport {
        let tally = Tally("kills")
        let workspace = try Workspace("kills")
        let hotline = Hotline(executable: executable, home: workspace.path)
        let db = workspace.database
        let seed = seed ?? UInt64.random(in: 0...UInt64.max)
        var random = SplitMix64(seed: seed)
        say("kills: \(count) writers killed at random on \(db) (--seed \(seed))")

        // One case whose status the status-changing victims flip, so their history chain is
        // exercised too.
        let target = hotline.run(
            [
                "inquiry", "log", "--db", db, "--as", "stress", "--format", "json", "--new-case",
                "--person", "Kill Status Target", "--region", "RU-KRS", "--inquirer", "Kill Inquirer",
                "--relationship", "mother", "--channel", "phone",
            ])
        guard target.exitCode == 0,
            let targetRef = try? JSONDecoder().decode(LoggedJSON.self, from: Data(target.stdout)).case
        else {
            tally.fail("cannot create the status target case: \(target.summary())")
            workspace.finish(keep: keep, failed: true)
            return ModeReport(tally, figures: [])
        }

        var acknowledged: Set<String> = []  // case refs whose write was reported done
        var killedMidRun = 0
        var finishedFirst = 0
        var freshChecked = 0
        let began = Date()
        for iteration in 0..<count {
            let victim = Victim.allCases[iteration % Victim.allCases.count]
            let delay = Double(Int.random(in: 0...300, using: &random)) / 1000
            let fresh = workspace.path + "/fresh-\(iteration).sqlite"
            var spec = spec(
                for: victim, iteration: iteration, hotline: hotline, db: victim == .freshDatabase ? fresh : db,
                targetRef: targetRef)
            spec.killAfter = delay
            let result = Child.run(spec)
            let label = "kill \(iteration) (\(victim), after \(Int(delay * 1000)) ms)"

            if result.killedByUs, case .signaled(SIGKILL) = result.ending {
                killedMidRun += 1
            } else {
                // It finished before the kill came: then it must have succeeded.
                finishedFirst += 1
                tally.check(result.exitCode == 0, "\(label) finished on its own but failed: \(result.summary())")
            }
            tally.check(result.crashMarker == nil, "\(label): crash report on stderr: \(result.summary())")
            let stderr = result.err.lowercased()
            tally.check(
                !stderr.contains("locked") && !stderr.contains("busy") && !stderr.contains("corrupt")
                    && !stderr.contains("malformed"),
                "\(label): the database was locked, busy or damaged after earlier kills: \(result.summary())")
            if victim == .freshDatabase {
                // The half-created file must open, migrate and pass its checks.
                let check = hotline.run(["db", "check", "--db", fresh, "--as", "stress"])
                tally.check(check.exitCode == 0, "\(label): db check of the fresh database: \(check.summary())")
                freshChecked += 1
            } else {
                acknowledged.formUnion(acknowledgedRefs(result.out, victim: victim))
            }
        }
        let elapsed = Date().timeIntervalSince(began)

        // The database after every kill: SQLite's integrity, hotline's invariants.
        let check = hotline.run(["db", "check", "--db", db, "--as", "stress"], timeout: 600)
        tally.check(
            check.exitCode == 0, "db check after the kills: \(check.summary()) \(visible(check.out, limit: 600))")

        var caseCount = 0
        do {
            let cases = try hotline.cases(db: db)
            caseCount = cases.count
            let empty = cases.filter { $0.inquiries < 1 }
            tally.check(
                empty.isEmpty,
                "\(empty.count) cases have no inquiry, e.g. \(empty.prefix(5).map(\.ref).joined(separator: ", "))")
            let listed = Set(cases.map(\.ref))
            let lost = acknowledged.subtracting(listed)
            tally.check(
                lost.isEmpty,
                "\(lost.count) acknowledged writes are missing after the kills: \(lost.sorted().prefix(5).joined(separator: ", "))"
            )
            // A `begin … commit` block is all or nothing: 0 or 3 of its persons, never 1 or 2.
            var blocks: [String: Int] = [:]
            for person in cases.map(\.person) where person.contains(" Block ") {
                blocks[String(person[..<person.range(of: " Person ")!.lowerBound]), default: 0] += 1
            }
            let torn = blocks.filter { $0.value != blockSize }
            tally.check(
                torn.isEmpty,
                "\(torn.count) transaction blocks were half written: "
                    + torn.prefix(3).map { "\($0.key) has \($0.value) of \(blockSize)" }.joined(separator: "; "))
        } catch {
            tally.fail("reading the cases back: \(error)")
        }

        let report = ModeReport(
            tally,
            figures: [
                "kills survived \(count) / \(count): \(killedMidRun) SIGKILLed mid-run, \(finishedFirst) finished before the kill",
                "acknowledged writes \(acknowledged.count), all present: \(tally.failed == 0 ? "yes" : "see failures")",
                "cases in the database \(caseCount); elapsed \(seconds(elapsed))",
                "databases killed while being created, then checked clean: \(freshChecked)",
                "db check after the kills: \(check.exitCode == 0 ? "clean" : "FAILED")",
            ])
        report.print()
        workspace.finish(keep: keep, failed: tally.failed > 0)
        return report
    }

    /// The process to start for one kill, with enough work that a kill finds it busy.
    static func spec(for victim: Victim, iteration: Int, hotline: Hotline, db: String, targetRef: String)
        -> ChildSpec
    {
        let common =
            "--region RU-KRS --inquirer 'Kill Inquirer \(iteration)' --relationship spouse --channel telegram"
            + " --contact telegram:@kill_inquirer_\(iteration) --note 'Killed writer \(iteration).'"
        switch victim {
        case .shellInquiries:
            let script = (0..<300).map {
                "inquiry log --new-case --person 'Kill \(iteration) Person \($0)' \(common)\n"
            }
            return hotline.spec(["shell", "--db", db, "--as", "killer"], stdin: Array(script.joined().utf8))
        case .singleInquiry, .freshDatabase:
            return hotline.spec([
                "inquiry", "log", "--db", db, "--as", "killer", "--new-case", "--person", "Kill \(iteration) Single",
                "--region", "RU-KRS", "--inquirer", "Kill Inquirer \(iteration)", "--relationship", "father",
                "--channel", "phone", "--note", "Killed single writer \(iteration).",
            ])
        case .shellTransactions:
            let script = (0..<60).map { block in
                "begin\n"
                    + (0..<blockSize).map {
                        "inquiry log --new-case --person 'Kill \(iteration) Block \(block) Person \($0)' \(common)\n"
                    }.joined() + "commit\n"
            }
            return hotline.spec(["shell", "--db", db, "--as", "killer"], stdin: Array(script.joined().utf8))
        case .shellStatusChanges:
            let script = (0..<150).map { step in
                "case status \(targetRef) \(step % 2 == 0 ? "searching" : "located") --note 'Kill \(iteration) step \(step)'"
                    + " --source 'stress kills' --as-of 2024-05-01\n"
            }
            // --keep-going: a kill may leave the case already in the first line's status.
            return hotline.spec(
                ["shell", "--db", db, "--as", "killer", "--keep-going"], stdin: Array(script.joined().utf8))
        }
    }

    /// The case refs a victim reported as written before it died: an inquiry's line outside a
    /// transaction, or a block's lines once "Committed." was printed.
    static func acknowledgedRefs(_ stdout: String, victim: Victim) -> Set<String> {
        var done: Set<String> = []
        var pending: [String] = []
        for line in stdout.split(separator: "\n") {
            if line.hasPrefix("Inquiry "), let range = line.range(of: "opened case ") {
                let ref = String(line[range.upperBound...].prefix(9))
                if victim == .shellTransactions { pending.append(ref) } else { done.insert(ref) }
            } else if line.hasPrefix("Committed.") {
                done.formUnion(pending)
                pending = []
            } else if line.hasPrefix("Rolled back") {
                pending = []
            }
        }
        return done
    }
}
