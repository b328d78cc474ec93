import ArgumentParser
import Foundation

/// `hotline-stress damage`: a database damaged behind hotline's back (a merge cycle, a merge
/// into a missing case, as a hand edit or a copied-in file leaves them). `db check` must name
/// the damage, `db restore` must refuse such a file, and no command may hang on it: before the
/// merge chain was bounded, `search` and `case status` looped forever holding the write lock.
struct Damage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge cycles and merges into missing cases: every command ends, db check and restore see them.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        try finish([try DamageMode.run(executable: try Hotline.locate(common.hotline), keep: common.keep)])
    }
}

enum DamageMode {
    /// Seconds any one command may take on the damaged file (they take milliseconds).
    static let timeout = 20.0

    static func run(executable: String, keep: Bool) throws -> ModeReport {
        let tally = Tally("damage")
        let workspace = try Workspace("damage")
        let hotline = Hotline(executable: executable, home: workspace.path)
        let db = workspace.database
        say("damage: merge cycles and broken merge links on \(db)")

        func run(_ words: [String], on path: String = db) -> RunResult {
            hotline.run(words + ["--db", path, "--as", "stress"], timeout: timeout)
        }
        var refs: [String] = []
        for person in ["Иванов Пётр Сергеевич", "Petr Ivanov", "Шевченко Тарас", "Коваленко Олег"] {
            let logged = run([
                "inquiry", "log", "--new-case", "--person", person, "--region", "RU-KRS", "--inquirer", "Мария",
                "--relationship", "mother", "--channel", "phone", "--format", "json",
            ])
            if tally.check(logged.exitCode == 0, "inquiry log \(person): \(logged.summary())"),
                let json = try? JSONDecoder().decode(LoggedJSON.self, from: Data(logged.stdout))
            {
                refs.append(json.case)
            }
        }
        guard refs.count == 4 else {
            workspace.finish(keep: keep, failed: true)
            return ModeReport(tally, figures: [])
        }
        // A cycle of two, and one case merged into a case that does not exist.
        let damage = """
            PRAGMA foreign_keys = OFF;
            UPDATE person_case SET merged_into = (SELECT id FROM person_case WHERE ref = '\(refs[1])') WHERE ref = '\(refs[0])';
            UPDATE person_case SET merged_into = (SELECT id FROM person_case WHERE ref = '\(refs[0])') WHERE ref = '\(refs[1])';
            UPDATE person_case SET merged_into = 999999 WHERE ref = '\(refs[2])';
            """
        let damaged = workspace.path + "/damaged.sqlite"
        let copied = run(["db", "backup", damaged])
        tally.check(copied.exitCode == 0, "db backup: \(copied.summary())")
        let edit = Child.run(
            ChildSpec(
                executable: "/usr/bin/sqlite3", arguments: [Array(damaged.utf8)], environment: hotline.environment,
                stdin: Array(damage.utf8), timeout: timeout))
        tally.check(edit.exitCode == 0, "sqlite3 editing the copy: \(edit.summary())")

        // The live database refuses the damaged file and keeps its content.
        let restored = run(["db", "restore", damaged])
        tally.check(
            restored.exitCode == 1 && restored.err.contains("fails db check"),
            "db restore of a file with a merge cycle must be refused: \(restored.summary())")

        // Every command on the damaged file ends, refusing or answering, and never crashes.
        var figures: [String] = []
        let commands: [(words: [String], codes: Set<Int32>, says: String?)] = [
            (["db", "check"], [1], "merged round a cycle"),
            (["db", "check"], [1], "which does not exist"),
            (["search", "Иванов Пётр"], [0], "merge link is broken"),
            (["search", refs[0]], [0], nil),
            (["case", "show", refs[0]], [1], "cycle"),
            (["case", "status", refs[1], "located"], [1], "cycle"),
            (["case", "status", refs[2], "located"], [1], "does not exist"),
            (["case", "merge", refs[3], "into", refs[0]], [1], "cycle"),
            (["case", "distinct", refs[3], refs[1]], [1], "cycle"),
            (["case", "duplicates"], [0], nil),
            (["case", "list", "--open"], [0], nil),
            (
                [
                    "inquiry", "log", "--case", refs[0], "--person", "Petr Ivanov", "--inquirer", "Anna",
                    "--relationship", "spouse", "--channel", "phone",
                ], [1], "cycle"
            ),
        ]
        for command in commands {
            let result = run(command.words, on: damaged)
            let text = result.out + result.err
            let ok =
                !result.timedOut && !result.crashed && result.exitCode.map(command.codes.contains) == true
                && (command.says.map(text.contains) ?? true)
            tally.check(ok, "\(command.words.joined(separator: " ")) on the damaged file: \(result.summary())")
            let label = command.words.prefix(3).joined(separator: " ")
            figures.append(
                label.padding(toLength: 28, withPad: " ", startingAt: 0)
                    + " exit \(result.exitCode.map(String.init) ?? "-") in \(String(format: "%.2f", result.seconds)) s")
        }
        let final = run(["db", "check"])
        tally.check(final.exitCode == 0, "the live database after the refused restore: \(final.summary())")
        workspace.finish(keep: keep, failed: tally.failed > 0)
        return ModeReport(tally, figures: figures)
    }
}
