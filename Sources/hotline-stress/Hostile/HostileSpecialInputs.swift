import Foundation

/// The inputs that are not one value in one field: huge argument lists, bad numeric settings
/// and configuration files, hostile shell scripts. Each is run and settled on its own.
extension HostileLane {
    /// Runs one special input, then checks the database on its own: they are few and varied.
    func special(
        _ label: String, _ invocation: Invocation, into outcomes: inout [Outcome],
        verify: ((RunResult) -> Verdict)? = nil
    ) {
        // A long timeout: argument parsing is slow on huge lists (see the note it leaves).
        outcomes.append(attempt("special", label, invocation, timeout: 240, verify: verify))
        if lastSeconds > 5 { stats.note("special '\(label)' took \(seconds(lastSeconds)) to answer") }
        settle(after: "special <- \(label)")
    }

    func report(_ what: String, _ outcomes: [Outcome]) {
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
}
