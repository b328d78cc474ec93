import Foundation

extension HostileMode {
    /// Whether a failed run is the clean refusal hotline promises: a non-zero exit and a message
    /// on stderr starting `hotline:` (or ArgumentParser's own usage error, exit 64).
    static func isCleanError(_ result: RunResult) -> Bool {
        guard let code = result.exitCode, code != 0 else { return false }
        let text = result.err.drop { $0 == "\n" || $0 == " " }
        if text.hasPrefix("hotline:") { return true }
        return code == 64 && (text.hasPrefix("Error:") || text.hasPrefix("Usage:"))
    }
}

/// Running one input and judging it: a clean refusal, or an accepted value read back and
/// compared with what was typed.
extension HostileLane {
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

    /// Runs one input and judges it; accepted inputs are checked by `verify`.
    @discardableResult
    func attempt(
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
                expected.add(effect)
                if case .exact = verdict { outcome = .exact } else { outcome = .normalized }
                tally.check(true, "")
            case .readOK:
                outcome = .readOK
                tally.check(true, "")
                quiet.append((what, invocation))
            case .wrong(let problem, let effect):
                expected.add(effect)
                outcome = .bad
                tally.fail("\(what): exit 0 but \(problem)")
            }
        }
        stats.record(target, label, outcome, oneLine: !value.contains(10) && !value.contains(13))
        return outcome
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
        case .noticeAttemptChannel, .noticeAttemptResult, .noticeAttemptRetry:
            return verifyAttempt(value, result)
        case .consentChannels, .consentCallback:
            // One history entry on the one case the inquirer asked about.
            guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any] else {
                return .wrong("stdout is not the inquirer: \(visible(result.out, limit: 200))")
            }
            return object["id"] as? Int == Int(consentInquirerId)
                ? .normalized(Effect(audit: 1))
                : .wrong("it showed another inquirer: \(visible(result.out, limit: 200))")
        case .noticeShowId, .inquirerShowId, .noticeListRegion, .noticeListStatus, .listRegion, .listStatus,
            .auditSince, .auditUntil, .auditOperator:
            return (try? JSONSerialization.jsonObject(with: Data(result.stdout))) != nil
                ? .readOK : .wrong("stdout is not JSON: \(visible(result.out, limit: 200))")
        case .showRef:
            guard let detail = try? JSONDecoder().decode(CaseDetailJSON.self, from: Data(result.stdout)) else {
                return .wrong("stdout is not a case: \(visible(result.out, limit: 200))")
            }
            return detail.ref == baseRef ? .readOK : .wrong("it showed case \(detail.ref), not \(baseRef)")
        }
    }

    /// An accepted attempt is the notice's newest event, on the channel and with the result
    /// given (normalised: a channel's alias is stored as its name), and one history entry.
    private func verifyAttempt(_ value: [UInt8], _ result: RunResult) -> Verdict {
        let effect = Effect(audit: 1)
        guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any],
            object["id"] as? Int == Int(noticeId), let history = object["history"] as? [[String: Any]],
            let last = history.last
        else { return .wrong("stdout is not notice \(noticeId): \(visible(result.out, limit: 200))", effect) }
        guard last["kind"] as? String == "attempt", let channel = last["channel"] as? String, !channel.isEmpty,
            let stored = last["result"] as? String, !stored.isEmpty
        else { return .wrong("the notice's last event is not the attempt: \(last)", effect) }
        return .normalized(effect)
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
            let known = snapshot.operators.union(expected.newOperators)
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

    func verifyNote(_ result: RunResult, expected: String) -> Verdict {
        guard let logged = try? JSONDecoder().decode(LoggedJSON.self, from: Data(result.stdout)),
            let detail = caseDetail(logged.case),
            let inquiry = detail.inquiries.first(where: { $0.id == logged.inquiry })
        else { return .wrong("cannot read the logged inquiry back: \(visible(result.out, limit: 200))") }
        let effect = Effect(newRefs: [logged.case], audit: detail.history.filter { $0.inquiry == logged.inquiry }.count)
        return inquiry.note == expected ? .exact(effect) : .wrong("stored note '\(visible(inquiry.note ?? ""))'")
    }
}
