import Foundation
import GRDB
import HotlineCore
import Testing

/// Damage done with raw SQL behind hotline's back (a hand edit, a bad import, a restored file):
/// `db check` names it in a `problem:` line and exits 1, and no command hangs on it.
struct DatabaseDamageTests {
    /// Runs `words`, or gives up after `seconds`: a command that loops forever fails the test
    /// instead of hanging the suite. (Generous: the command takes milliseconds, but the clock
    /// starts before the command gets a thread of the task pool, and on a 2-core machine the
    /// whole suite queues for those two threads: at 400 tests these commands waited 105 s, and
    /// a loaded machine pushed them past the 120 s this was.)
    func run(_ cli: CLI, _ words: [String], within seconds: Double = 600) async -> CLI.Result? {
        let first = FirstOnly()
        return await withCheckedContinuation { continuation in
            Task.detached {
                let result = await cli.run(words)
                if first.claim() { continuation.resume(returning: result) }
            }
            // On a GCD thread: a command spinning forever may hold the task pool's threads.
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                if first.claim() { continuation.resume(returning: nil) }
            }
        }
    }

    func damage(_ cli: CLI, _ sql: String, _ arguments: StatementArguments = []) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        try DatabaseQueue(path: cli.dbPath, configuration: configuration).write { db in
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    func check(_ cli: CLI) async -> CLI.Result { await cli.run(["db", "check"]) }

    @Test func aMergeCycleIsAProblemAndNoCommandHangsOnIt() async throws {
        let cli = try CLI()
        let first = try await cli.logInquiry()
        let second = try await cli.logInquiry(person: "Петров Иван Ильич")
        try damage(
            cli,
            """
            UPDATE person_case SET merged_into = CASE ref WHEN ?1 THEN (SELECT id FROM person_case WHERE ref = ?2)
                ELSE (SELECT id FROM person_case WHERE ref = ?1) END
            """, [first, second])

        let checked = await check(cli)
        #expect(checked.code == 1)
        #expect(
            checked.out.contains(
                "problem: merges: case \(first) is merged round a cycle (\(first) -> \(second) -> \(first))"))
        #expect(checked.out.contains("problem: merges: case \(second) is merged round a cycle"))

        let search = try #require(await run(cli, ["search", "Иванов Пётр"]), "search hung on a merge cycle")
        #expect(search.code == 0)
        #expect(search.out.contains(first) && search.out.contains("merge link is broken"))
        let status = try #require(await run(cli, ["case", "status", first, "located"]), "case status hung")
        #expect(status.code == 1)
        #expect(status.err.contains("case \(first) cannot be opened: its merges run in a cycle"))
        let show = try #require(await run(cli, ["case", "show", second]), "case show hung")
        #expect(show.code == 1)
        #expect(try #require(await run(cli, ["case", "duplicates"]), "case duplicates hung").code == 0)

        let target = try CLI()
        _ = try await target.logInquiry(person: "Keep me")
        let restored = try #require(await run(target, ["db", "restore", cli.dbPath]), "db restore hung")
        #expect(restored.code == 1)
        #expect(restored.err.contains("fails db check"))
    }

    @Test func aMergeIntoAMissingCaseIsAProblem() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        try damage(cli, "UPDATE person_case SET merged_into = 424242 WHERE ref = ?", [ref])
        let checked = await check(cli)
        #expect(checked.code == 1)
        #expect(
            checked.out.contains(
                "problem: merges: case \(ref) is merged into \(ref) -> case id 424242, which does not exist"))
        let status = try #require(await run(cli, ["case", "status", ref, "located"]), "case status hung")
        #expect(status.code == 1)
        #expect(status.err.contains("which does not exist"))
    }

    @Test func mergedCasesPassTheCheck() async throws {
        let cli = try CLI()
        let a = try await cli.logInquiry()
        let b = try await cli.logInquiry(person: "Ivanov Petr")
        let c = try await cli.logInquiry(person: "Iwanow Pjotr")
        #expect(await cli.run(["case", "merge", a, "into", b]).code == 0)
        #expect(await cli.run(["case", "merge", b, "into", c]).code == 0)
        #expect(await cli.run(["case", "status", a, "located"]).code == 0)  // a -> b -> c
        let checked = await check(cli)
        #expect(checked.code == 0, "\(checked.out)\(checked.err)")
    }

    @Test func aDeletedNameEntryIsAProblem() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(person: "Шевченко Тарас")
        try damage(
            cli,
            "DELETE FROM name_entry WHERE kind = 'inquirer' AND case_id = (SELECT id FROM person_case WHERE ref = ?)",
            [ref])
        let checked = await check(cli)
        #expect(checked.code == 1)
        #expect(
            checked.out.contains(
                "problem: name index: case \(ref): the inquirer name 'Иванова Мария' has no name entry"))
    }

    /// Search reads a whole name from the pair terms (`name_pairs`) first and everything else
    /// from `name_search`: with `name_search` emptied it silently misses the case by one word;
    /// with the pairs emptied it finds the whole name through the plan's other queries. Either
    /// way `db check` names the damage.
    @Test(arguments: ["name_search", "name_pairs"])
    func deletedSearchIndexContentIsAProblem(table: String) async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(person: "Шевченко Тарас")
        #expect(await cli.run(["search", "Shevchenko"]).out.contains(ref))
        try damage(cli, "INSERT INTO \(table) (\(table)) VALUES ('delete-all')")
        if table == "name_search" {
            #expect(!(await cli.run(["search", "Shevchenko"]).out.contains(ref)))  // silently missed
        }
        let checked = await check(cli)
        #expect(checked.code == 1)
        #expect(
            checked.out.contains(
                "problem: name index: case \(ref): the person name 'Шевченко Тарас' is missing from the search index"))
    }

    @Test func aReferenceFailingItsCheckDigitIsAProblem() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        var digits = Array(ref)
        digits[0] = digits[0] == "1" ? "2" : "1"
        let broken = String(digits)
        try damage(cli, "UPDATE person_case SET ref = ? WHERE ref = ?", [broken, ref])
        let checked = await check(cli)
        #expect(checked.code == 1)
        #expect(
            checked.out.contains("problem: reference: case reference '\(broken)': the check digit does not match"))
    }

    @Test func anImpossibleBirthDateIsAProblem() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(extra: ["--born", "1998-03-14"])
        try damage(cli, "UPDATE person_case SET born = '1998-02-30'")
        try damage(cli, "UPDATE inquiry SET born = '1850'")
        let checked = await check(cli)
        #expect(checked.code == 1)
        #expect(checked.out.contains("problem: born: case \(ref): born '1998-02-30' is impossible"))
        #expect(checked.out.contains("problem: born: case \(ref) (an inquiry): born '1850' is impossible"))
    }
}

/// Lets exactly one of several racing tasks through.
final class FirstOnly: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if taken { return false }
        taken = true
        return true
    }
}
