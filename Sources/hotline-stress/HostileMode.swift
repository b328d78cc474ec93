import ArgumentParser
import Foundation
import Synchronization

/// `hotline-stress hostile`: every hostile input into every field of every command. hotline
/// promises that input is either refused with a message (exit non-zero, nothing written) or
/// stored exactly as typed, byte for byte; it must never crash, whatever the bytes.
struct Hostile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Feed a corpus of hostile inputs to every field of every command.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Lanes run in parallel, each on its own database (default: twice the number of CPUs).")
    var jobs: Int?

    func run() throws {
        let report = try HostileMode.run(
            executable: try Hotline.locate(common.hotline), jobs: jobs, keep: common.keep)
        try finish([report])
    }
}

enum HostileMode {
    /// Where a hostile value goes. Each target is one field of one command; the other fields
    /// get ordinary values, so a refusal can only be about the hostile one.
    enum Target: String, CaseIterable, Sendable {
        case logPerson = "inquiry log --person"
        case logRegion = "inquiry log --region"
        case logBorn = "inquiry log --born"
        case logUnit = "inquiry log --unit"
        case logInquirer = "inquiry log --inquirer"
        case logRelationship = "inquiry log --relationship"
        case logChannel = "inquiry log --channel"
        case logContact = "inquiry log --contact"
        case logNote = "inquiry log --note"
        case logCase = "inquiry log --case"
        case logActingOperator = "inquiry log --as"
        case statusRef = "case status REF"
        case statusStatus = "case status STATUS"
        case statusNote = "case status --note"
        case statusSource = "case status --source"
        case statusAsOf = "case status --as-of"
        case listRegion = "case list --region"
        case listStatus = "case list --status"
        case showRef = "case show REF"
        case operatorName = "operator add NAME"
        case operatorDisplay = "operator add --display"
        case auditSince = "audit --since"
        case auditUntil = "audit --until"
        case auditOperator = "audit --operator"
        // The same attacks through `hotline shell`'s standard input: its own word splitting,
        // and the only way in for NUL bytes and 1 MB values.
        case shellPerson = "shell: inquiry log --person"
        case shellNote = "shell: inquiry log --note"

        typealias Group = HostileValue.Group

        /// The corpus groups fed to this target: the universal values always.
        var groups: Set<Group> {
            switch self {
            // Every control character goes to the names and notes; the other free-text fields
            // meet control characters through the universal values (tab, newline, escape, NEL).
            case .logPerson, .logInquirer, .logNote, .statusNote, .operatorName, .shellPerson, .shellNote:
                return [.universal, .control]
            case .logUnit, .logActingOperator, .statusSource, .operatorDisplay, .auditOperator:
                return [.universal]
            case .logRegion, .listRegion: return [.universal, .region]
            case .logBorn, .statusAsOf, .auditSince, .auditUntil: return [.universal, .date]
            case .logRelationship, .logChannel: return [.universal, .vocabulary]
            case .logContact: return [.universal, .contact]
            case .logCase, .statusRef, .showRef: return [.universal, .reference]
            case .statusStatus, .listStatus: return [.universal, .status]
            }
        }

        var viaShell: Bool { rawValue.hasPrefix("shell:") }
    }

    /// What a run of one hostile input came to.
    enum Outcome: Sendable, Equatable {
        case cleanError
        /// Accepted and read back byte for byte.
        case exact
        /// Accepted into a field hotline normalises (region code, term, phone number, reference).
        case normalized
        /// A read that succeeded (lists, show, audit).
        case readOK
        case crash
        case bad
        case skipped
    }

    static func run(executable: String, jobs: Int?, keep: Bool) throws -> ModeReport {
        let tally = Tally("hostile")
        let workspace = try Workspace("hostile")
        // Twice the CPUs: a lane waits on fsync and process start-up about a third of the time.
        let lanes = max(1, jobs ?? 2 * ProcessInfo.processInfo.activeProcessorCount)
        let stats = HostileStats()
        say(
            "hostile: \(Target.allCases.count) targets + special argument lists and shell scripts, \(lanes) lanes in \(workspace.path)"
        )

        // The work: the special inputs first (the 5,000-option list is slow to parse), then one
        // item per target; each lane takes the next item.
        let items: [Lane.Work] = [.argumentLists, .shellScripts] + Target.allCases.map { .target($0) }
        let next = Counter()
        let started = Date()
        onThreads(lanes) { index in
            let directory = workspace.path + "/lane-\(index + 1)"
            guard let lane = Lane(executable: executable, directory: directory, tally: tally, stats: stats) else {
                return
            }
            while true {
                let position = next.take()
                guard position < items.count else { break }
                switch items[position] {
                case .target(let target): lane.attack(target)
                case .argumentLists: lane.argumentLists()
                case .shellScripts: lane.shellScripts()
                }
            }
            lane.finish()
        }
        let elapsed = Date().timeIntervalSince(started)

        let counts = stats.counts
        let notes = stats.shellDifferences()
        var figures = [
            "inputs tried \(counts.tried) (\(counts.skipped) skipped: too long for argv or holding NUL; "
                + "those go through the shell targets)",
            "clean errors \(counts.cleanErrors), exact round trips \(counts.exact), accepted normalised "
                + "\(counts.normalized), reads answered \(counts.readOK)",
            "crashes \(counts.crashes), unclean or wrong results \(counts.bad); elapsed \(seconds(elapsed))",
        ]
        figures += (stats.notes + notes).map { "note: \($0)" }
        let report = ModeReport(tally, figures: figures)
        report.print()
        workspace.finish(keep: keep, failed: tally.failed > 0)
        return report
    }

    /// Whether a failed run is the clean refusal hotline promises: a non-zero exit and a message
    /// on stderr starting `hotline:` (or ArgumentParser's own usage error, exit 64).
    static func isCleanError(_ result: RunResult) -> Bool {
        guard let code = result.exitCode, code != 0 else { return false }
        let text = result.err.drop { $0 == "\n" || $0 == " " }
        if text.hasPrefix("hotline:") { return true }
        return code == 64 && (text.hasPrefix("Error:") || text.hasPrefix("Usage:"))
    }

    /// `'…'` for the shell's word splitting, on bytes, so invalid UTF-8 and NUL pass through.
    static func shellQuoted(_ bytes: [UInt8]) -> [UInt8] {
        var quoted: [UInt8] = [UInt8(ascii: "'")]
        for byte in bytes {
            if byte == UInt8(ascii: "'") { quoted += Array("'\\''".utf8) } else { quoted.append(byte) }
        }
        return quoted + [UInt8(ascii: "'")]
    }
}

// MARK: - Counting

/// Hands out 0, 1, 2, … to the lanes.
final class Counter: Sendable {
    private let value = Mutex(0)
    func take() -> Int {
        value.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}

/// Counts across lanes, plus each input's outcome for the argv-versus-shell comparison.
final class HostileStats: Sendable {
    struct Counts {
        var tried = 0
        var cleanErrors = 0
        var exact = 0
        var normalized = 0
        var readOK = 0
        var crashes = 0
        var bad = 0
        var skipped = 0
    }

    private let state = Mutex((counts: Counts(), outcomes: [String: HostileMode.Outcome](), notes: [String]()))

    var counts: Counts { state.withLock { $0.counts } }
    var notes: [String] { state.withLock { $0.notes } }

    /// Something worth reporting that is not a failure.
    func note(_ text: String) { state.withLock { $0.notes.append(text) } }

    func record(_ target: HostileMode.Target?, _ label: String, _ outcome: HostileMode.Outcome, oneLine: Bool = true) {
        state.withLock { state in
            switch outcome {
            case .skipped:
                state.counts.skipped += 1
                return
            case .cleanError: state.counts.cleanErrors += 1
            case .exact: state.counts.exact += 1
            case .normalized: state.counts.normalized += 1
            case .readOK: state.counts.readOK += 1
            case .crash: state.counts.crashes += 1
            case .bad: state.counts.bad += 1
            }
            state.counts.tried += 1
            if let target, oneLine { state.outcomes["\(target.rawValue)|\(label)"] = outcome }
        }
    }

    /// Values stored exactly through argv but refused through the shell: not a failure (the
    /// shell may refuse), but worth knowing, since an operator types those names in the shell.
    /// Values with a line break are left out: a line-based shell cannot take them.
    func shellDifferences() -> [String] {
        let outcomes = state.withLock { $0.outcomes }
        let pairs: [(HostileMode.Target, HostileMode.Target)] = [(.logPerson, .shellPerson), (.logNote, .shellNote)]
        var notes: [String] = []
        for (argv, shell) in pairs {
            for (key, outcome) in outcomes where key.hasPrefix(argv.rawValue + "|") && outcome == .exact {
                let label = String(key.dropFirst(argv.rawValue.count + 1))
                if outcomes["\(shell.rawValue)|\(label)"] == .cleanError {
                    notes.append("\(argv.rawValue) stores '\(label)' exactly, but the shell refuses it")
                }
            }
        }
        return notes.sorted()
    }
}

// MARK: - One lane: one database, its base case, and the accounting of what was written

/// Runs targets against its own database. After each target it compares the database with
/// what the successful inputs should have written: a failed command must write nothing. (A
/// snapshot after every input would triple the run time; on a mismatch the failed inputs are
/// replayed one by one to name the culprit.)
final class Lane {
    typealias Target = HostileMode.Target
    typealias Outcome = HostileMode.Outcome

    let hotline: Hotline
    let directory: String
    let db: String
    let tally: Tally
    let stats: HostileStats
    let corpus: [HostileValue]

    /// The case that status changes, `--case` and `case show` aim at.
    private(set) var baseRef = ""
    private var baseStatus = "new"
    private var baseInquiries = 1
    /// Makes each probe's person and operator name unique.
    private var serial = 0
    /// How long the last input took, for the notes on slow inputs.
    private var lastSeconds = 0.0

    /// The database as last seen, and what successes have written since.
    private var snapshot = Snapshot()
    private var expectedNewRefs: Set<String> = []
    private var expectedNewOperators: Set<[UInt8]> = []
    private var expectedAudit = 0
    /// Inputs since the snapshot that should have written nothing, to replay on a mismatch.
    private var quiet: [(label: String, invocation: Invocation)] = []

    /// One item of work for a lane.
    enum Work: Sendable {
        case target(Target)
        case argumentLists
        case shellScripts
    }

    enum Invocation {
        case argv([[UInt8]])
        /// Arguments with extra `NAME=value` environment variables (bad HOTLINE_* settings).
        case argvWithEnvironment([[UInt8]], [String])
        /// `hotline shell` with these bytes on standard input.
        case shell([UInt8])
    }

    /// What an accepted input wrote, for the accounting.
    struct Effect {
        var newRefs: [String] = []
        var newOperators: [[UInt8]] = []
        var audit = 0
    }

    enum Verdict {
        case exact(Effect)
        case normalized(Effect)
        case readOK
        /// Accepted but stored wrongly; the effect is what it wrote, so the accounting that
        /// follows does not report the same input a second time.
        case wrong(String, Effect = Effect())
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
        corpus = HostileCorpus.values(workspace: directory, baseRef: logged.case)
        guard let first = takeSnapshot() else {
            tally.fail("lane set-up in \(directory): cannot read the database back")
            return nil
        }
        snapshot = first
    }

    // MARK: Targets

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

    /// The command line (or shell line) that puts `value` in `target`'s field.
    private func invocation(_ target: Target, _ value: [UInt8]) -> Invocation? {
        guard target.viaShell || HostileValue("", bytes: value).fitsArgv else { return nil }
        serial += 1
        // `--name VALUE` as two arguments, as an operator types it; `--name=VALUE` only when the
        // value starts with "-", which would otherwise be read as an option. (Not always `=`:
        // ArgumentParser splits `--name=VALUE` on characters, so a VALUE starting with a
        // combining mark fuses with the "=" and the option is "unknown".)
        let dashed = value.first == UInt8(ascii: "-")
        func option(_ name: String) -> [[UInt8]] {
            dashed ? [Array("--\(name)=".utf8) + value] : [Array("--\(name)".utf8), value]
        }
        func shellOption(_ name: String) -> [UInt8] {
            Array("--\(name)\(dashed ? "=" : " ")".utf8) + HostileMode.shellQuoted(value)
        }
        let common = ["--db", db, "--format", "json"]
        let asStress = ["--as", "stress"]
        let nextStatus = baseStatus == "searching" ? "located" : "searching"

        switch target {
        case .logPerson, .logRegion, .logBorn, .logUnit, .logInquirer, .logRelationship, .logChannel, .logContact,
            .logNote, .logCase, .logActingOperator:
            var options: [(String, String)] = [
                ("person", "Hostile Probe \(serial)"), ("region", "RU-KRS"), ("inquirer", "Hostile Inquirer"),
                ("relationship", "mother"), ("channel", "phone"),
            ]
            let field = String(target.rawValue.dropFirst("inquiry log --".count))
            options.removeAll { $0.0 == field }
            var arguments = (["inquiry", "log"] + common).map { Array($0.utf8) }
            if target != .logActingOperator { arguments += asStress.map { Array($0.utf8) } }
            // --new-case: the probes are distinct people, whatever a duplicate check thinks.
            if target != .logCase { arguments.append(Array("--new-case".utf8)) }
            arguments += options.map { Array("--\($0.0)=\($0.1)".utf8) }
            arguments += option(target == .logActingOperator ? "as" : field)
            return .argv(arguments)
        case .statusRef, .statusStatus, .statusNote, .statusSource, .statusAsOf:
            var arguments = (["case", "status"] + common + asStress).map { Array($0.utf8) }
            switch target {
            case .statusNote: arguments += option("note")
            case .statusSource: arguments += option("source")
            case .statusAsOf: arguments += option("as-of")
            default: break
            }
            arguments.append(Array("--".utf8))
            arguments.append(target == .statusRef ? value : Array(baseRef.utf8))
            arguments.append(target == .statusStatus ? value : Array(nextStatus.utf8))
            return .argv(arguments)
        case .listRegion, .listStatus:
            return .argv(
                (["case", "list"] + common + asStress).map { Array($0.utf8) }
                    + option(target == .listRegion ? "region" : "status"))
        case .showRef:
            return .argv((["case", "show"] + common + asStress + ["--"]).map { Array($0.utf8) } + [value])
        case .operatorName:
            return .argv(
                (["operator", "add"] + common + asStress + ["--role", "viewer", "--"]).map { Array($0.utf8) } + [value])
        case .operatorDisplay:
            return .argv(
                (["operator", "add"] + common + asStress + ["--role", "viewer"]).map { Array($0.utf8) }
                    + option("display") + [Array("--".utf8), Array("probe-\(serial)".utf8)])
        case .auditSince, .auditUntil, .auditOperator:
            let name = String(target.rawValue.dropFirst("audit --".count))
            return .argv((["audit"] + common + asStress).map { Array($0.utf8) } + option(name))
        case .shellPerson, .shellNote:
            let field = target == .shellPerson ? "person" : "note"
            let person = target == .shellPerson ? "" : " --person 'Hostile Probe \(serial)'"
            let line =
                Array("inquiry log --format json --new-case\(person) ".utf8) + shellOption(field)
                + Array(" --region RU-KRS --inquirer 'Hostile Inquirer' --relationship mother --channel phone\n".utf8)
            return .shell(line)
        }
    }

    // MARK: Running and judging one input

    /// Runs one input and judges it; accepted inputs are checked by `verify`.
    @discardableResult
    private func attempt(
        _ name: String, _ label: String, _ invocation: Invocation, target: Target? = nil, value: [UInt8] = [],
        timeout: Double = 60, verify custom: ((RunResult) -> Verdict)? = nil
    ) -> Outcome {
        let result = run(invocation, timeout: timeout)
        lastSeconds = result.seconds
        let what = "\(name) <- \(label)"
        let outcome: Outcome
        if result.crashed {
            outcome = .crash
            tally.fail("CRASH \(what): \(result.summary(limit: 600))")
        } else if result.timedOut {
            outcome = .bad
            tally.fail("HANG \(what): \(result.summary())")
        } else if result.exitCode != 0 {
            if HostileMode.isCleanError(result) {
                outcome = .cleanError
                tally.check(true, "")
            } else {
                outcome = .bad
                tally.fail("unclean error \(what): \(result.summary()) stdout: \(visible(result.out, limit: 200))")
            }
            quiet.append((what, invocation))
        } else {
            let verdict = custom?(result) ?? target.map { verify($0, value, result) } ?? .readOK
            switch verdict {
            case .exact(let effect), .normalized(let effect):
                expectedNewRefs.formUnion(effect.newRefs)
                expectedNewOperators.formUnion(effect.newOperators)
                expectedAudit += effect.audit
                if case .exact = verdict { outcome = .exact } else { outcome = .normalized }
                tally.check(true, "")
            case .readOK:
                outcome = .readOK
                tally.check(true, "")
                quiet.append((what, invocation))
            case .wrong(let problem, let effect):
                expectedNewRefs.formUnion(effect.newRefs)
                expectedNewOperators.formUnion(effect.newOperators)
                expectedAudit += effect.audit
                outcome = .bad
                tally.fail("\(what): exit 0 but \(problem)")
            }
        }
        stats.record(target, label, outcome, oneLine: !value.contains(10) && !value.contains(13))
        return outcome
    }

    private func run(_ invocation: Invocation, timeout: Double = 60) -> RunResult {
        switch invocation {
        case .argv(let arguments): return hotline.run(raw: arguments, timeout: timeout)
        case .argvWithEnvironment(let arguments, let variables):
            var spec = hotline.spec(raw: arguments, timeout: timeout)
            spec.environment += variables
            return Child.run(spec)
        case .shell(let script):
            return hotline.run(["shell", "--db", db, "--as", "stress"], stdin: script, timeout: timeout)
        }
    }

    /// Checks what an accepted input stored.
    private func verify(_ target: Target, _ value: [UInt8], _ result: RunResult) -> Verdict {
        switch target {
        case .logPerson, .logRegion, .logBorn, .logUnit, .logInquirer, .logRelationship, .logChannel, .logContact,
            .logNote, .logCase, .logActingOperator, .shellPerson, .shellNote:
            return verifyInquiry(target, value, result)
        case .statusRef, .statusStatus, .statusNote, .statusSource, .statusAsOf:
            return verifyStatusChange(target, value, result)
        case .operatorName, .operatorDisplay:
            return verifyOperator(target, value)
        case .listRegion, .listStatus, .auditSince, .auditUntil, .auditOperator:
            return (try? JSONSerialization.jsonObject(with: Data(result.stdout))) != nil
                ? .readOK : .wrong("stdout is not JSON: \(visible(result.out, limit: 200))")
        case .showRef:
            guard let detail = try? JSONDecoder().decode(CaseDetailJSON.self, from: Data(result.stdout)) else {
                return .wrong("stdout is not a case: \(visible(result.out, limit: 200))")
            }
            return detail.ref == baseRef ? .readOK : .wrong("it showed case \(detail.ref), not \(baseRef)")
        }
    }

    private func verifyInquiry(_ target: Target, _ value: [UInt8], _ result: RunResult) -> Verdict {
        if target == .logActingOperator {
            return .wrong("'\(visible(String(decoding: value, as: UTF8.self)))' is not an operator, yet it wrote")
        }
        guard let logged = try? JSONDecoder().decode(LoggedJSON.self, from: Data(result.stdout)) else {
            return .wrong("stdout is not the logged inquiry: \(visible(result.out, limit: 200))")
        }
        guard let detail = caseDetail(logged.case),
            let inquiry = detail.inquiries.first(where: { $0.id == logged.inquiry })
        else { return .wrong("case show \(logged.case) does not show inquiry \(logged.inquiry)") }

        var effect = Effect(audit: detail.history.filter { $0.inquiry == logged.inquiry }.count)
        if logged.newCase {
            effect.newRefs = [logged.case]
        } else if logged.case == baseRef {
            baseInquiries += 1
        } else {
            return .wrong("the inquiry went to case \(logged.case), neither a new case nor \(baseRef)")
        }
        if target == .logCase {
            return logged.case == baseRef && !logged.newCase
                ? .normalized(effect) : .wrong("--case did not add to \(baseRef) (got \(logged.case))", effect)
        }
        if !logged.newCase { return .wrong("--new-case did not open a new case", effect) }

        func exact(_ stored: [String?]) -> Verdict {
            for text in stored where text.map({ Array($0.utf8) }) != value {
                return .wrong(
                    "stored \(text.map { "'\(visible($0))' (\(Array($0.utf8).count) bytes)" } ?? "nothing")"
                        + " differs from the input (\(value.count) bytes)", effect)
            }
            return .exact(effect)
        }
        switch target {
        case .logPerson, .shellPerson: return exact([detail.person, inquiry.person])
        case .logUnit: return exact([detail.unit, inquiry.unit])
        case .logInquirer: return exact([inquiry.inquirer.name])
        case .logNote, .shellNote: return exact([inquiry.note])
        case .logBorn: return exact([detail.born, inquiry.born])
        case .logRegion:
            let code = detail.region
            let plausible = code.count >= 4 && code.count <= 6 && code.dropFirst(2).first == "-"
            return plausible
                ? .normalized(effect) : .wrong("stored region '\(visible(code))' is not a region code", effect)
        case .logRelationship, .logChannel:
            let term = target == .logRelationship ? inquiry.relationship : inquiry.channel
            return term.isEmpty ? .wrong("stored an empty term", effect) : .normalized(effect)
        case .logContact:
            return inquiry.inquirer.contacts.isEmpty ? .wrong("no contact was stored", effect) : .normalized(effect)
        default:
            return .wrong("unexpected target", effect)
        }
    }

    private func verifyStatusChange(_ target: Target, _ value: [UInt8], _ result: RunResult) -> Verdict {
        guard let detail = caseDetail(baseRef), let last = detail.history.last, last.kind == "status" else {
            return .wrong("case show \(baseRef) does not end with a status change")
        }
        baseStatus = detail.status
        let effect = Effect(audit: 1)
        guard last.to == detail.status else {
            return .wrong(
                "the last status change goes to '\(last.to ?? "")' but the case is '\(detail.status)'", effect)
        }
        let stored: String?
        switch target {
        case .statusNote: stored = last.note
        case .statusSource: stored = last.source
        case .statusAsOf: stored = last.asOf
        default: return .normalized(effect)  // the reference or the status: normalised by design
        }
        return stored.map { Array($0.utf8) } == value
            ? .exact(effect)
            : .wrong("stored '\(visible(stored ?? "(nothing)"))' differs from the input (\(value.count) bytes)", effect)
    }

    private func verifyOperator(_ target: Target, _ value: [UInt8]) -> Verdict {
        let listed = hotline.run(["operator", "list", "--db", db, "--as", "stress", "--format", "json"])
        guard listed.exitCode == 0,
            let operators = try? JSONDecoder().decode([OperatorJSON].self, from: Data(listed.stdout))
        else { return .wrong("operator list failed: \(listed.summary())") }
        if target == .operatorName {
            // The accounting needs the name that was stored, whatever it is: the one not seen before.
            let known = snapshot.operators.union(expectedNewOperators)
            let added = operators.map { Array($0.name.utf8) }.filter { !known.contains($0) }
            let effect = Effect(newOperators: added, audit: added.count)
            // Names are stored in their canonical form: NFKC, lower case, spaces collapsed.
            let canonical = String(decoding: value, as: UTF8.self).precomposedStringWithCompatibilityMapping
                .lowercased().precomposedStringWithCompatibilityMapping.split(separator: " ").joined(separator: " ")
            return added == [value]
                ? .exact(effect)
                : added == [Array(canonical.utf8)]
                    ? .normalized(effect)
                    : .wrong(
                        "operator list has no operator named exactly as the input (new: "
                            + added.map { "'\(visible(String(decoding: $0, as: UTF8.self)))'" }.joined(separator: ", ")
                            + ")",
                        effect)
        }
        let name = "probe-\(serial)"
        guard let added = operators.first(where: { $0.name == name }) else {
            return .wrong("operator list has no \(name)")
        }
        let effect = Effect(newOperators: [Array(name.utf8)], audit: 1)
        return added.displayName.map { Array($0.utf8) } == value
            ? .exact(effect)
            : .wrong("stored display name '\(visible(added.displayName ?? "(none)"))' differs from the input", effect)
    }

    private func caseDetail(_ ref: String) -> CaseDetailJSON? {
        let shown = hotline.run(["case", "show", "--db", db, "--as", "stress", "--format", "json", "--", ref])
        return shown.exitCode == 0 ? try? JSONDecoder().decode(CaseDetailJSON.self, from: Data(shown.stdout)) : nil
    }

    // MARK: Special inputs: huge argument lists and hostile shell scripts

    /// Runs one special input, then checks the database on its own: they are few and varied.
    private func special(
        _ label: String, _ invocation: Invocation, into outcomes: inout [Outcome],
        verify: ((RunResult) -> Verdict)? = nil
    ) {
        // A long timeout: argument parsing is slow on huge lists (see the note it leaves).
        outcomes.append(attempt("special", label, invocation, timeout: 240, verify: verify))
        if lastSeconds > 5 { stats.note("special '\(label)' took \(seconds(lastSeconds)) to answer") }
        settle(after: "special <- \(label)")
    }

    private func report(_ what: String, _ outcomes: [Outcome]) {
        say(
            "  \(what): \(outcomes.count) inputs, "
                + "\(outcomes.filter { $0 == .cleanError }.count) clean errors, "
                + "\(outcomes.filter { $0 == .readOK }.count) accepted without writing, "
                + "\(outcomes.filter { $0 == .exact }.count) exact, "
                + "\(outcomes.filter { $0 == .crash || $0 == .bad }.count) crashes or bad")
    }

    /// Huge argument lists: 5,000 options, 20,000 arguments.
    func argumentLists() {
        let asStress = ["--db", db, "--as", "stress", "--format", "json"]
        let inquiry = [
            "--region=RU-KRS", "--inquirer=Special Inquirer", "--relationship=mother", "--channel=phone",
        ]
        var outcomes: [Outcome] = []
        func special(_ label: String, _ invocation: Invocation, verify: ((RunResult) -> Verdict)? = nil) {
            self.special(label, invocation, into: &outcomes, verify: verify)
        }
        func argv(_ words: [String]) -> Invocation { .argv(words.map { Array($0.utf8) }) }
        special(
            "5,000 --contact options",
            argv(
                ["inquiry", "log"] + asStress + ["--new-case", "--person=Special Contacts"] + inquiry
                    + (0..<5_000).map { "--contact=phone:+7916\(String(format: "%07d", $0))" }),
            verify: { _ in .wrong("5,000 contacts were accepted (the limit is 10)") })
        serial += 1
        let person = "Special Notes \(serial)"
        special(
            "1,000 --note options (the last one wins, or a refusal)",
            argv(
                ["inquiry", "log"] + asStress + ["--new-case", "--person=\(person)"] + inquiry
                    + (0..<1_000).map { "--note=note \($0)" }),
            verify: { result in self.verifyNote(result, expected: "note 999") })
        special(
            "case show with 20,000 arguments",
            argv(["case", "show"] + asStress + ["--"] + (0..<20_000).map { "\($0)" }))
        special(
            "case list with 1,000 --region options",
            argv(["case", "list"] + asStress + Array(repeating: "--region=Kursk", count: 1_000)))
        report("huge argument lists", outcomes)
        numericSettings()
    }

    /// Numeric settings out of range or not numbers, in the environment and in a configuration
    /// file, and configuration files that are not JSON objects: each must be a clean exit 78
    /// naming the key or the file, never a crash (a 3e6 s busy timeout was a SIGILL).
    func numericSettings() {
        var outcomes: [Outcome] = []
        let list = ["case", "list", "--db", db, "--as", "stress", "--format", "json"]
        let accepted: (RunResult) -> Verdict = { result in
            .wrong("a bad setting was accepted: \(result.summary())")
        }
        for value in ["3e6", "nan", "inf", "-inf", "-1e308", "-1", "abc", "1e999", "15s", "15 s", "2147484"] {
            special(
                "HOTLINE_BUSY_TIMEOUT_SECONDS=\(value)",
                .argvWithEnvironment(list.map { Array($0.utf8) }, ["HOTLINE_BUSY_TIMEOUT_SECONDS=\(value)"]),
                into: &outcomes, verify: accepted)
        }
        let files = [
            #"{"busyTimeoutSeconds": 2147484}"#, #"{"busyTimeoutSeconds": -1}"#, #"{"busyTimeoutSeconds": "abc"}"#,
            #"{"busyTimeoutSeconds": 1e308}"#, #"{"busyTimeoutSeconds": [15]}"#, #"{"version": 99}"#,
            #"{"busyTimeoutSeconds": 15,"#, "[1, 2]", "", "\u{FEFF}{}x", "{\"db\": \"\u{0000}\"",
        ]
        for (index, content) in files.enumerated() {
            let path = directory + "/bad-config-\(index).json"
            FileManager.default.createFile(atPath: path, contents: Data(content.utf8))
            special(
                "config file \(visible(content, limit: 40))",
                .argv((list + ["--config", path]).map { Array($0.utf8) }),
                into: &outcomes, verify: accepted)
        }
        report("bad numeric settings and configuration files", outcomes)
    }

    /// Hostile shell scripts: broken quoting, bytes that are not text, transactions cut short.
    /// None of them may write anything.
    func shellScripts() {
        var outcomes: [Outcome] = []
        func special(_ label: String, _ invocation: Invocation) {
            self.special(label, invocation, into: &outcomes)
        }
        func shell(_ text: String) -> Invocation { .shell(Array(text.utf8)) }
        let validLog =
            "inquiry log --new-case --person 'Special Rolled Back' --region RU-KRS --inquirer X --relationship mother"
            + " --channel phone\n"
        special("shell: unterminated single quote", shell("inquiry log --person 'unterminated\n"))
        special("shell: unterminated double quote", shell("inquiry log --person \"unterminated\n"))
        special("shell: lone backslash", shell("\\\n"))
        special("shell: NUL line", .shell([0, 10]))
        special("shell: 0xFF line", .shell([0xFF, 10]))
        special(
            "shell: begin, a valid inquiry, a line of invalid UTF-8, commit",
            .shell(Array("begin\n\(validLog)".utf8) + [0xFF, 10] + Array("commit\n".utf8)))
        special(
            "shell: begin, a valid inquiry, a NUL line, commit",
            .shell(Array("begin\n\(validLog)".utf8) + [0x41, 0, 10] + Array("commit\n".utf8)))
        special("shell: begin, a valid inquiry, end of input", shell("begin\n\(validLog)"))
        special(
            "shell: begin, a valid inquiry, a refused inquiry, commit",
            shell(
                "begin\n\(validLog)inquiry log --person Y --region Atlantis --inquirer X --relationship mother --channel phone\ncommit\n"
            ))
        special("shell: begin, a valid inquiry, rollback", shell("begin\n\(validLog)rollback\n"))
        special("shell: begin, a valid inquiry, exit", shell("begin\n\(validLog)exit\ncommit\n"))
        special("shell: exit before a valid inquiry", shell("exit\n\(validLog)"))
        special("shell: commit without begin", shell("commit\n"))
        special("shell: rollback without begin", shell("rollback\n"))
        special("shell: begin twice", shell("begin\nbegin\n"))
        special("shell: shell inside the shell", shell("shell\n"))
        special("shell: demo inside the shell", shell("demo\n"))
        special("shell: --db inside the shell", shell("case list --db /tmp/elsewhere.sqlite\n"))
        special("shell: --config inside the shell", shell("case list --config /etc/passwd\n"))
        special("shell: help for no such command", shell("help no such command\n"))
        special("shell: format xml", shell("format xml\n"))
        special("shell: --help", shell("--help\n"))
        special("shell: only blank lines, CR LF and a comment", shell("\r\n\n   \n# nothing here\n"))
        special("shell: CR LF line ending", shell("case list --region Kursk\r\n"))
        special(
            "shell: case list with 10,000 region words",
            shell("case list --region " + Array(repeating: "Kursk", count: 10_000).joined(separator: " ") + "\n"))
        special(
            "shell: 1 MB line of words",
            shell(String(repeating: "case ", count: 209_716) + "\n"))
        special(
            "shell: 1,000 --contact options",
            shell(
                "inquiry log --new-case --person Z --region RU-KRS --inquirer X --relationship mother --channel phone "
                    + Array(repeating: "--contact phone:+79161234567", count: 1_000).joined(separator: " ") + "\n"))
        special(
            "shell: 2,000 failing lines with --keep-going",
            shell(String(repeating: "case show 1234-5678\n", count: 2_000)))

        report("hostile shell scripts", outcomes)
    }

    private func verifyNote(_ result: RunResult, expected: String) -> Verdict {
        guard let logged = try? JSONDecoder().decode(LoggedJSON.self, from: Data(result.stdout)),
            let detail = caseDetail(logged.case),
            let inquiry = detail.inquiries.first(where: { $0.id == logged.inquiry })
        else { return .wrong("cannot read the logged inquiry back: \(visible(result.out, limit: 200))") }
        let effect = Effect(newRefs: [logged.case], audit: detail.history.filter { $0.inquiry == logged.inquiry }.count)
        return inquiry.note == expected ? .exact(effect) : .wrong("stored note '\(visible(inquiry.note ?? ""))'")
    }

    // MARK: Accounting

    /// The database as `case list`, `audit` and `operator list` show it, read in one shell.
    struct Snapshot {
        var cases: [String: CaseSummaryJSON] = [:]
        var audit = 0
        var operators: Set<[UInt8]> = []
    }

    private func takeSnapshot() -> Snapshot? {
        let marker = "Output format: json.\n"
        let script =
            "case list --format json\nformat json\naudit --format json --limit 100000000\nformat json\n"
            + "operator list --format json\n"
        let result = hotline.run(["shell", "--db", db, "--as", "stress"], stdin: Array(script.utf8))
        let parts = result.out.components(separatedBy: marker)
        guard result.exitCode == 0, parts.count == 3,
            let cases = try? JSONDecoder().decode([CaseSummaryJSON].self, from: Data(parts[0].utf8)),
            let audit = try? JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [Any],
            let operators = try? JSONDecoder().decode([OperatorJSON].self, from: Data(parts[2].utf8))
        else {
            tally.fail("snapshot of \(db) failed: \(result.summary())")
            return nil
        }
        return Snapshot(
            cases: Dictionary(cases.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first }),
            audit: audit.count, operators: Set(operators.map { Array($0.name.utf8) }))
    }

    /// Differences between the database and what the accepted inputs wrote.
    private func differences(from before: Snapshot, to after: Snapshot) -> [String] {
        var problems: [String] = []
        let added = Set(after.cases.keys).subtracting(before.cases.keys)
        if added != expectedNewRefs {
            problems.append(
                "cases opened \(added.count), accepted inputs opened \(expectedNewRefs.count) "
                    + "(unexpected: \(added.subtracting(expectedNewRefs).sorted().prefix(5).joined(separator: ", ")))")
        }
        let removed = Set(before.cases.keys).subtracting(after.cases.keys)
        if !removed.isEmpty { problems.append("cases vanished: \(removed.sorted().joined(separator: ", "))") }
        for (ref, old) in before.cases where ref != baseRef {
            if let new = after.cases[ref], new != old { problems.append("case \(ref) changed") }
        }
        if let base = after.cases[baseRef], base.status != baseStatus || base.inquiries != baseInquiries {
            problems.append(
                "base case \(baseRef) is \(base.status) with \(base.inquiries) inquiries, "
                    + "expected \(baseStatus) with \(baseInquiries)")
        }
        if after.audit != before.audit + expectedAudit {
            problems.append("audit has \(after.audit - before.audit) new entries, expected \(expectedAudit)")
        }
        if after.operators != before.operators.union(expectedNewOperators) {
            problems.append("operators changed other than by the accepted inputs")
        }
        return problems
    }

    /// Compares the database with the expected writes; on a mismatch, replays the inputs that
    /// should not have written, one at a time, to name the one that did.
    private func settle(after context: String) {
        guard let after = takeSnapshot() else { return }
        let problems = differences(from: snapshot, to: after)
        if problems.isEmpty {
            tally.check(true, "")
        } else {
            tally.fail(
                "after \(context): the database is not what the accepted inputs wrote: \(problems.joined(separator: "; "))"
            )
            var current = after
            expectedNewRefs = []
            expectedNewOperators = []
            expectedAudit = 0
            for (label, invocation) in quiet {
                let result = run(invocation)
                guard let next = takeSnapshot() else { break }
                let changes = differences(from: current, to: next)
                if !changes.isEmpty {
                    tally.fail("\(label): \(result.summary()) yet it wrote: \(changes.joined(separator: "; "))")
                }
                current = next
            }
            snapshot = current
            quiet = []
            return
        }
        snapshot = after
        expectedNewRefs = []
        expectedNewOperators = []
        expectedAudit = 0
        quiet = []
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
