import Synchronization

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
