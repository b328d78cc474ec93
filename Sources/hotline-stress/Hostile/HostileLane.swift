import Foundation

/// One lane of the hostile run: its own database with a base case, the targets it is handed,
/// and the accounting of what its inputs wrote. The work is split by concern over files:
/// HostileInvocations builds each command line, HostileVerdicts runs and judges one input,
/// HostileAccounting compares the database with what the accepted inputs wrote, and
/// HostileSpecialInputs holds the huge argument lists, bad settings and hostile shell scripts.
final class HostileLane {
    typealias Target = HostileMode.Target
    typealias Outcome = HostileMode.Outcome

    let hotline: Hotline
    let directory: String
    let db: String
    let tally: Tally
    let stats: HostileStats
    let corpus: [HostileValue]

    // The state below is read and updated by the lane's other files (invocations, verdicts,
    // accounting), hence internal rather than private.

    /// The case that status changes, `--case` and `case show` aim at.
    private(set) var baseRef = ""
    /// What the base case should be now: the verdicts follow accepted status changes and
    /// `--case` inquiries, and the accounting checks the database against it.
    var baseStatus = "new"
    /// The notice the `notice attempt` targets aim at, and the inquirer whose consent the
    /// consent targets change (another family, so a channel they refuse never blocks attempts).
    private(set) var noticeId: Int64 = 0
    private(set) var consentInquirerId: Int64 = 0
    var baseInquiries = 1
    /// Makes each probe's person and operator name unique.
    var serial = 0
    /// How long the last input took, for the notes on slow inputs.
    var lastSeconds = 0.0

    /// The database as last seen, and what successes have written since.
    var snapshot = Snapshot()
    var expected = ExpectedWrites()
    /// Inputs since the snapshot that should have written nothing, to replay on a mismatch.
    var quiet: [(label: String, invocation: Invocation)] = []

    /// One item of work for a lane.
    enum Work: Sendable {
        case target(Target)
        case argumentLists
        case shellScripts
    }

    init?(executable: String, directory: String, tally: Tally, stats: HostileStats) {
        self.directory = directory
        self.db = directory + "/hotline.sqlite"
        self.tally = tally
        self.stats = stats
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        hotline = Hotline(executable: executable, home: directory)

        // The acting operator is an admin (the first operator added), so every command is
        // allowed and only the hostile value can be the reason for a refusal.
        let admin = hotline.run(["operator", "add", "--db", db, "--as", "stress", "--", "stress"])
        let base = hotline.run([
            "inquiry", "log", "--db", db, "--as", "stress", "--format", "json", "--new-case", "--person",
            "Hostile Base Case", "--region", "RU-KRS", "--inquirer", "Base Inquirer", "--relationship", "mother",
            "--channel", "phone",
        ])
        guard admin.exitCode == 0, base.exitCode == 0,
            let logged = try? JSONDecoder().decode(LoggedJSON.self, from: Data(base.stdout))
        else {
            tally.fail("lane set-up in \(directory) failed: \(admin.summary()); \(base.summary())")
            return nil
        }
        baseRef = logged.case
        guard let notices = Self.makeNotices(hotline, db: db) else {
            tally.fail("lane set-up in \(directory): the notices could not be made")
            return nil
        }
        (noticeId, consentInquirerId) = notices
        corpus = HostileCorpus.values(workspace: directory, baseRef: logged.case)
        guard let first = takeSnapshot() else {
            tally.fail("lane set-up in \(directory): cannot read the database back")
            return nil
        }
        snapshot = first
    }

    /// Two cases at `located`, each asked about by a family with a phone: the first family's
    /// notice and the second family's inquirer id.
    private static func makeNotices(_ hotline: Hotline, db: String) -> (notice: Int64, inquirer: Int64)? {
        for (person, inquirer, phone) in [
            ("Hostile Notice Case", "Notice Inquirer", "phone:+7 916 555-00-01"),
            ("Hostile Consent Case", "Consent Inquirer", "phone:+7 916 555-00-02"),
        ] {
            let logged = hotline.run([
                "inquiry", "log", "--db", db, "--as", "stress", "--format", "json", "--new-case", "--person", person,
                "--region", "RU-KRS", "--inquirer", inquirer, "--relationship", "mother", "--channel", "phone",
                "--contact", phone,
            ])
            guard logged.exitCode == 0,
                let ref = (try? JSONDecoder().decode(LoggedJSON.self, from: Data(logged.stdout)))?.case,
                hotline.run(["case", "status", "--db", db, "--as", "stress", "--", ref, "located"]).exitCode == 0
            else { return nil }
        }
        let listed = hotline.run(["notice", "list", "--db", db, "--as", "stress", "--format", "json"])
        guard listed.exitCode == 0,
            let notices = try? JSONSerialization.jsonObject(with: Data(listed.stdout)) as? [[String: Any]],
            let first = notices.first(where: { $0["inquirerName"] as? String == "Notice Inquirer" }),
            let second = notices.first(where: { $0["inquirerName"] as? String == "Consent Inquirer" }),
            let notice = first["id"] as? Int, let inquirer = second["inquirer"] as? Int
        else { return nil }
        return (Int64(notice), Int64(inquirer))
    }

    func attack(_ target: Target) {
        let values = corpus.filter { target.groups.contains($0.group) }
        var outcomes: [Outcome] = []
        for value in values {
            guard let invocation = invocation(target, value.bytes) else {
                stats.record(target, value.label, .skipped)
                continue
            }
            outcomes.append(attempt(target.rawValue, value.label, invocation, target: target, value: value.bytes))
        }
        settle(after: target.rawValue)
        func count(_ outcome: Outcome) -> Int { outcomes.filter { $0 == outcome }.count }
        say(
            "  \(target.rawValue): \(outcomes.count) inputs, \(count(.cleanError)) clean errors, "
                + "\(count(.exact)) exact, \(count(.normalized)) normalised, \(count(.readOK)) reads, "
                + "\(count(.crash)) crashes, \(count(.bad)) bad")
    }

    /// The lane's last checks: no shell-injection file appeared, and `db check` is clean.
    func finish() {
        for file in HostileCorpus.injectionFiles(workspace: directory) {
            tally.check(!FileManager.default.fileExists(atPath: file), "a shell-injection input created \(file)")
        }
        let check = hotline.run(["db", "check", "--db", db, "--as", "stress"], timeout: 600)
        tally.check(
            check.exitCode == 0,
            "db check after the hostile inputs (\(db)): \(check.summary()) \(visible(check.out, limit: 400))")
    }
}
