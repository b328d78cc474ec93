import Foundation
import GRDB
import HotlineCore
import Testing

@testable import HotlineCommands

/// Finding the person: one case, whatever the script, romanisation or typo.
struct SearchTests {
    private func log(_ cli: CLI, _ person: String, born: String? = "1998", extra: [String] = []) async -> CLI.Result {
        await cli.run(
            [
                "inquiry", "log", "--person", person, "--region", "RU-KRS", "--inquirer", "Иванова Мария",
                "--relationship", "mother", "--channel", "phone", "--format", "json",
            ]
                + (born.map { ["--born", $0] } ?? []) + extra)
    }

    private func refs(_ result: CLI.Result) throws -> [String] {
        try #require(try result.json as? [[String: Any]]).compactMap { $0["ref"] as? String }
    }

    @Test(arguments: ["Иванов Пётр Сергеевич", "Petr Ivanov", "Іванов Петро", "Ivanof Petr", "Pyotr Ivanov", "IVANOV"])
    func eachSpellingFindsTheOneCase(spelling: String) async throws {
        let cli = try CLI()
        let ref = try #require(try (await log(cli, "Иванов Пётр Сергеевич")).json as? [String: Any])["case"] as? String
        _ = await log(cli, "Сидоренко Олег", born: "1985")
        let found = await cli.run(["search", spelling, "--format", "json"])
        #expect(found.code == 0, "\(found.err)")
        let hits = try #require(try found.json as? [[String: Any]])
        #expect(hits.first?["ref"] as? String == ref, "\(spelling): \(hits)")
        #expect(hits.first?["why"] is String && hits.first?["score"] is Double)
    }

    @Test func theFourSpellingsOfTheIssueMakeOneCaseWithFourInquiries() async throws {
        let cli = try CLI()
        let first = try #require(try (await log(cli, "Иванов Пётр Сергеевич")).json as? [String: Any])
        let ref = try #require(first["case"] as? String)
        for spelling in ["Petr Ivanov", "Іванов Петро", "Ivanof Petr"] {
            let result = await log(cli, spelling)
            #expect(result.code == 3, "\(spelling) was not flagged: \(result.out) \(result.err)")
            let candidates = try #require((try result.json as? [String: Any])?["candidates"] as? [[String: Any]])
            #expect(candidates.first?["ref"] as? String == ref)
            #expect(candidates.first?["score"] is Double)
            #expect(await log(cli, spelling, extra: ["--case", ref]).code == 0)
        }
        let detail = try #require(try await cli.run(["case", "show", ref, "--format", "json"]).json as? [String: Any])
        #expect((detail["inquiries"] as? [Any])?.count == 4)
        #expect(try cli.caseCount() == 1)
    }

    @Test func aNamesakeBornInAnotherYearIsNotADuplicate() async throws {
        let cli = try CLI()
        _ = await log(cli, "Иванов Пётр Сергеевич", born: "1998")
        let result = await log(cli, "Ivanov Petr", born: "1979")
        #expect(result.code == 0, "\(result.err)")
        #expect(try cli.caseCount() == 2)
    }

    @Test func intakeRefusalWritesNothingAndNewCaseOverrides() async throws {
        let cli = try CLI()
        _ = await log(cli, "Шевченко Тарас Григорович")
        let before = try cli.snapshot()
        let refused = await log(cli, "Shevchenko Taras")
        #expect(refused.code == 3)
        #expect(refused.err.contains("probably has a case already"))
        #expect(try cli.snapshot() == before)
        let insisted = await log(cli, "Shevchenko Taras", extra: ["--new-case"])
        #expect(insisted.code == 0)
        #expect(try cli.caseCount() == 2)
    }

    @Test func theInteractiveShellAsksWhichCase() async throws {
        let cli = try CLI()
        let ref = try #require(try (await log(cli, "Коваленко Андрій")).json as? [String: Any])["case"] as? String
        let options = try GlobalOptions.parse(["--db", cli.dbPath, "--as", "tester"])
        let session = ShellSession(
            context: try await CommandContext.make(options), interactive: true, keepGoing: false, ask: { _ in "1" })
        var source = ScriptLineSource([
            "inquiry log --person 'Kovalenko Andriy' --region RU-KRS --inquirer Olena --relationship spouse --channel phone"
        ])
        let captured = CapturedOutput()
        _ = Console.$current.withValue(captured.console) { session.run(&source) }
        #expect(captured.out.contains("may already have a case"))
        #expect(captured.out.contains("added to case \(ref ?? "")"))
        #expect(try cli.caseCount() == 1)
    }

    @Test func aFamilyIsFoundByItsPhoneInAnySpelling() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()  // inquirer's phone 8 916 123-45-67
        for spelling in ["+7 916 123 45 67", "89161234567", "(916) 123-45-67"] {
            let hits = try refs(await cli.run(["search", spelling, "--format", "json"]))
            #expect(hits == [ref], "\(spelling)")
        }
    }

    @Test func searchFiltersByRegionBornAndOpen() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(extra: ["--born", "1998"])
        #expect(try refs(await cli.run(["search", "Ivanov", "--region", "UA-30", "--format", "json"])) == [])
        #expect(try refs(await cli.run(["search", "Ivanov", "--born", "1990", "--format", "json"])) == [])
        #expect(try refs(await cli.run(["search", "Ivanov", "--born", "1998-05", "--format", "json"])) == [ref])
        #expect(await cli.run(["case", "status", ref, "closed"]).code == 0)
        #expect(try refs(await cli.run(["search", "Ivanov", "--open", "--format", "json"])) == [])
    }

    @Test func mergeKeepsEveryInquiryAndTheOldReferenceOpensTheSurvivor() async throws {
        let cli = try CLI()
        let survivor = try await cli.logInquiry(person: "Петренко Іван")
        let duplicate = try await cli.logInquiry(person: "Petrenko Ivan")
        #expect(await cli.run(["case", "status", duplicate, "located"]).code == 0)
        let merged = await cli.run(["case", "merge", duplicate, "into", survivor, "--note", "same unit, same mother"])
        #expect(merged.code == 0, "\(merged.err)")

        let viaOld = try #require(
            try await cli.run(["case", "show", duplicate, "--format", "json"]).json as? [String: Any])
        #expect(viaOld["ref"] as? String == survivor)
        #expect((viaOld["inquiries"] as? [Any])?.count == 2)
        let history = try #require(viaOld["history"] as? [[String: Any]])
        #expect(history.contains { $0["kind"] as? String == "merged" && $0["from"] as? String == duplicate })
        #expect(history.contains { $0["kind"] as? String == "status" && $0["to"] as? String == "located" })
        let list = try refs(await cli.run(["case", "list", "--format", "json"]))
        #expect(list == [survivor])
        #expect(await cli.run(["db", "check"]).code == 0)
        // Logging on the old reference lands on the survivor.
        #expect(
            await cli.run([
                "inquiry", "log", "--case", duplicate, "--inquirer", "X", "--relationship", "father",
                "--channel", "phone",
            ]).code == 0)
        let after = try #require(
            try await cli.run(["case", "show", survivor, "--format", "json"]).json as? [String: Any])
        #expect((after["inquiries"] as? [Any])?.count == 3)
        // The duplicate's own record of the merge stays with it.
        let rows = try DatabaseQueue(path: cli.dbPath).read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT h.kind, h.to_value FROM case_history h JOIN person_case c ON c.id = h.case_id WHERE c.ref = ?",
                arguments: [duplicate])
        }
        #expect(rows.count == 1 && rows.first?["kind"] == "merged" && rows.first?["to_value"] == survivor)
    }

    @Test func distinctPairsAreNeverProposedAgain() async throws {
        let cli = try CLI()
        let a = try await cli.logInquiry(person: "Бондаренко Сергій Іванович")
        let b = try await cli.logInquiry(person: "Bondarenko Serhiy")
        let pairs = try #require(
            try await cli.run(["case", "duplicates", "--format", "json"]).json as? [[String: Any]])
        #expect(pairs.count == 1)
        #expect(await cli.run(["case", "distinct", a, b, "--note", "different fathers"]).code == 0)
        let after = try #require(
            try await cli.run(["case", "duplicates", "--format", "json"]).json as? [[String: Any]])
        #expect(after.isEmpty)
        let history = try #require(try await cli.run(["case", "show", a, "--format", "json"]).json as? [String: Any])
        #expect((history["history"] as? [[String: Any]])?.contains { $0["kind"] as? String == "distinct" } == true)
    }

    @Test func aDatabaseFromBeforeTheIndexIsIndexedByItsMigration() async throws {
        let cli = try CLI()
        // A database at schema v002 with a case written the old way.
        let queue = try DatabaseQueue(path: cli.dbPath)
        var migrator = DatabaseMigrator()
        for migration in [("v001_initial", "v001_initial.sql"), ("v002_operators", "v002_operators.sql")] {
            let sql = try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("../../Schema/\(migration.1)").standardized, encoding: .utf8)
            migrator.registerMigration(migration.0) { db in try db.execute(sql: sql) }
        }
        try migrator.migrate(queue)
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO person_case (id, ref, person_name, region, status, opened_at, opened_by, last_activity_at,
                        last_inquiry_at, inquiry_count) VALUES (1, '4821-9935', 'Мельник Остап', 'UA-30', 'new', '2026-01-01',
                        'x', '2026-01-01', '2026-01-01', 1);
                    INSERT INTO inquirer (id, name, created_at, created_by) VALUES (1, 'Мельник Ганна', '2026-01-01', 'x');
                    INSERT INTO inquiry (case_id, inquirer_id, person_name, region, relationship, channel, received_at, operator)
                        VALUES (1, 1, 'Melnyk Ostap', 'UA-30', 'mother', 'phone', '2026-01-01', 'x');
                    """)
        }
        try queue.close()
        #expect(try refs(await cli.run(["search", "Melnik Ostap", "--format", "json"])) == ["4821-9935"])
        #expect(try refs(await cli.run(["search", "Мельник Ганна", "--format", "json"])) == ["4821-9935"])
    }
}
