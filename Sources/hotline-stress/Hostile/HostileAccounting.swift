import Foundation

/// The check of what was written. After each target the lane compares the database with what
/// the successful inputs should have written: a failed command must write nothing. (A snapshot
/// after every input would triple the run time; on a mismatch the failed inputs are replayed
/// one by one to name the culprit.)
extension HostileLane {
    /// What the accepted inputs since the last snapshot should have written.
    struct ExpectedWrites {
        var newRefs: Set<String> = []
        var newOperators: Set<[UInt8]> = []
        var audit = 0

        mutating func add(_ effect: Effect) {
            newRefs.formUnion(effect.newRefs)
            newOperators.formUnion(effect.newOperators)
            audit += effect.audit
        }
    }

    /// The database as `case list`, `audit` and `operator list` show it, read in one shell.
    struct Snapshot {
        var cases: [String: CaseSummaryJSON] = [:]
        var audit = 0
        var operators: Set<[UInt8]> = []
    }

    func takeSnapshot() -> Snapshot? {
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
        if added != expected.newRefs {
            problems.append(
                "cases opened \(added.count), accepted inputs opened \(expected.newRefs.count) "
                    + "(unexpected: \(added.subtracting(expected.newRefs).sorted().prefix(5).joined(separator: ", ")))")
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
        if after.audit != before.audit + expected.audit {
            problems.append("audit has \(after.audit - before.audit) new entries, expected \(expected.audit)")
        }
        if after.operators != before.operators.union(expected.newOperators) {
            problems.append("operators changed other than by the accepted inputs")
        }
        return problems
    }

    /// Compares the database with the expected writes; on a mismatch, replays the inputs that
    /// should not have written, one at a time, to name the one that did.
    func settle(after context: String) {
        guard let after = takeSnapshot() else { return }
        let problems = differences(from: snapshot, to: after)
        if problems.isEmpty {
            tally.check(true, "")
        } else {
            tally.fail(
                "after \(context): the database is not what the accepted inputs wrote: \(problems.joined(separator: "; "))"
            )
            var current = after
            expected = ExpectedWrites()
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
        expected = ExpectedWrites()
        quiet = []
    }
}
