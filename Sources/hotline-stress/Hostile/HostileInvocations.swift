/// How a hostile input reaches hotline: the command line (or shell script) that puts a value in
/// a target's field, and running it in the lane's sandbox.
extension HostileLane {
    /// One way into hotline.
    enum Invocation {
        case argv([[UInt8]])
        /// Arguments with extra `NAME=value` environment variables (bad HOTLINE_* settings).
        case argvWithEnvironment([[UInt8]], [String])
        /// `hotline shell` with these bytes on standard input.
        case shell([UInt8])
    }

    /// The command line (or shell line) that puts `value` in `target`'s field.
    func invocation(_ target: Target, _ value: [UInt8]) -> Invocation? {
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
        case .noticeListRegion, .noticeListStatus:
            return .argv(
                (["notice", "list"] + common + asStress).map { Array($0.utf8) }
                    + option(target == .noticeListRegion ? "region" : "status"))
        case .noticeShowId:
            return .argv((["notice", "show"] + common + asStress + ["--"]).map { Array($0.utf8) } + [value])
        case .inquirerShowId:
            return .argv((["inquirer", "show"] + common + asStress + ["--"]).map { Array($0.utf8) } + [value])
        case .noticeAttemptChannel, .noticeAttemptResult, .noticeAttemptRetry:
            var options = [("channel", "phone"), ("result", "no-answer")]
            let field = String(target.rawValue.dropFirst("notice attempt --".count))
            options.removeAll { $0.0 == field }
            return .argv(
                (["notice", "attempt"] + common + asStress).map { Array($0.utf8) }
                    + options.map { Array("--\($0.0)=\($0.1)".utf8) } + option(field)
                    + [Array("--".utf8), Array(String(noticeId).utf8)])
        case .consentChannels, .consentCallback:
            let field = target == .consentChannels ? "channels-allowed" : "callback"
            return .argv(
                (["inquirer", "consent"] + common + asStress).map { Array($0.utf8) } + option(field)
                    + [Array("--".utf8), Array(String(consentInquirerId).utf8)])
        case .shellPerson, .shellNote:
            let field = target == .shellPerson ? "person" : "note"
            let person = target == .shellPerson ? "" : " --person 'Hostile Probe \(serial)'"
            let line =
                Array("inquiry log --format json --new-case\(person) ".utf8) + shellOption(field)
                + Array(" --region RU-KRS --inquirer 'Hostile Inquirer' --relationship mother --channel phone\n".utf8)
            return .shell(line)
        }
    }

    func run(_ invocation: Invocation, timeout: Double = 60) -> RunResult {
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
}

extension HostileMode {
    /// `'…'` for the shell's word splitting, on bytes, so invalid UTF-8 and NUL pass through.
    static func shellQuoted(_ bytes: [UInt8]) -> [UInt8] {
        var quoted: [UInt8] = [UInt8(ascii: "'")]
        for byte in bytes {
            if byte == UInt8(ascii: "'") { quoted += Array("'\\''".utf8) } else { quoted.append(byte) }
        }
        return quoted + [UInt8(ascii: "'")]
    }
}
