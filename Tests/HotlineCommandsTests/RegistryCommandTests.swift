import Foundation
import HotlineCore
import Testing

@testable import HotlineCommands

/// The registry and match commands through the real command tree: the JSON keys of the
/// contract, exit codes, the operator on the phone seeing a record at intake. The list is
/// put in through the service (the file reader is another part's and has its own tests).
@Suite struct RegistryCommandTests {
    /// Imports one record naming Иванов Пётр Сергеевич into `cli`'s database.
    func importRecord(_ cli: CLI, says: String = "captured", serviceNumber: String = "AB 123456") throws {
        let hotline = try Hotline.open(path: cli.dbPath, rules: .shipped)
        let table = ImportedTable(
            fileName: "icrc.csv", sha256: String(repeating: "0", count: 64), format: "csv", encoding: "utf-8",
            headers: ["ФИО", "Дата рождения", "Личный номер", "Статус", "Дата"],
            columns: [
                .fullName: "ФИО", .born: "Дата рождения", .serviceNumber: "Личный номер", .says: "Статус",
                .date: "Дата",
            ],
            ignoredHeaders: [],
            rows: [
                ImportedRow(
                    number: 2,
                    values: [
                        .fullName: "Ivanov Petr Sergeevich", .born: "14.03.1998", .serviceNumber: serviceNumber,
                        .says: says, .date: "12.05.2024",
                    ])
            ])
        _ = try hotline.importRegistryList(
            table, options: RegistryImportOptions(list: "ICRC", received: "2024-05-20", tellable: true),
            by: OperatorName("coordinator"))
    }

    @Test func theOperatorOnThePhoneSeesTheRecordAtIntake() async throws {
        let cli = try CLI()
        _ = await cli.run(["db", "migrate"])
        try importRecord(cli)
        let log = [
            "inquiry", "log", "--person", "Иванов Пётр Сергеевич", "--born", "1998", "--region", "RU-KRS",
            "--service-number", "АБ-123456", "--inquirer", "Иванова Мария", "--relationship", "mother",
            "--channel", "phone",
        ]
        let table = await cli.run(log)
        #expect(table.code == 0, "\(table.err)")
        #expect(table.out.contains("The registry has records that may be this person"))
        #expect(table.out.contains("(ICRC): Ivanov Petr Sergeevich, captured as of 2024-05-12"))
        let json = await cli.run(
            ["inquiry", "log", "--case", try caseRef(table.out)] + [
                "--inquirer", "Иванов Сергей", "--relationship", "father", "--channel", "phone", "--format", "json",
            ])
        #expect(json.code == 0, "\(json.err)")
        let object = try #require(try json.json as? [String: Any])
        let registry = try #require(object["registry"] as? [[String: Any]])
        #expect(registry.count == 1)
        #expect(Set(registry[0].keys).isSuperset(of: ["record", "list", "says", "date", "score", "why"]))
        #expect(registry[0]["list"] as? String == "ICRC" && registry[0]["says"] as? String == "captured")
        // Nobody matching: an empty list, not a missing key.
        let other = await cli.run([
            "inquiry", "log", "--person", "Сидоров Захар", "--region", "RU-KRS", "--inquirer", "Сидорова Анна",
            "--relationship", "mother", "--channel", "phone", "--format", "json",
        ])
        #expect((try other.json as? [String: Any])?["registry"] as? [Any] != nil)
        #expect(((try other.json as? [String: Any])?["registry"] as? [Any])?.isEmpty == true)
    }

    func caseRef(_ out: String) throws -> String {
        try #require(out.firstMatch(of: /case (\d{4}-\d{4})/).map { String($0.1) })
    }

    @Test func aCoordinatorReviewsAndConfirmsAndTheCaseListsTheRecord() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(extra: ["--born", "1998"])
        try importRecord(cli)
        let list = await cli.run(["match", "list", "--format", "json"])
        #expect(list.code == 0, "\(list.err)")
        let items = try #require(try list.json as? [[String: Any]])
        #expect(items.count == 1)
        #expect(Set(items[0].keys).isSuperset(of: ["id", "record", "case", "score", "why", "state"]))
        #expect(items[0]["case"] as? String == ref && items[0]["state"] as? String == "proposed")
        let id = try #require(items[0]["id"] as? Int)
        let show = await cli.run(["match", "show", String(id)])
        #expect(show.code == 0 && show.out.contains("Evidence:") && show.out.contains("for "))
        let confirm = await cli.run(["match", "confirm", String(id), "--note", "photo checked"])
        #expect(confirm.code == 0, "\(confirm.err)")
        #expect(confirm.out.contains("case moved to captured"))
        let caseShow = await cli.run(["case", "show", ref, "--format", "json"])
        let detail = try #require(try caseShow.json as? [String: Any])
        #expect(detail["status"] as? String == "captured")
        let records = try #require(detail["records"] as? [[String: Any]])
        #expect(records.first?["list"] as? String == "ICRC")
        let record = try #require(items[0]["record"] as? Int)
        let registryShow = await cli.run(["registry", "show", String(record), "--format", "json"])
        let shown = try #require(try registryShow.json as? [String: Any])
        #expect(
            Set(shown.keys).isSuperset(of: [
                "id", "list", "names", "born", "unit", "serviceNumber", "says", "date", "place", "cases",
            ]))
        #expect((shown["cases"] as? [[String: Any]])?.first?["ref"] as? String == ref)
        // Found by search, by name or by the service number in another script.
        let search = await cli.run(["search", "--registry", "АБ 123456", "--format", "json"])
        #expect((try search.json as? [[String: Any]])?.first?["id"] as? Int == record)
        let byName = await cli.run(["search", "--registry", "Иванов Петр"])
        #expect(byName.code == 0 && byName.out.contains("Ivanov Petr Sergeevich"))
        // The source withdraws the record later: the case says what its status rests on.
        #expect(!(await cli.run(["case", "show", ref])).out.contains("WITHDRAWN"))
        let withdraw = await cli.run(["registry", "withdraw", String(record), "--note", "listed in error"])
        #expect(withdraw.code == 0, "\(withdraw.err)")
        let flagged = await cli.run(["case", "show", ref])
        #expect(flagged.out.contains("WITHDRAWN by its source"), "\(flagged.out)")
        let flaggedJSON = try #require(
            try (await cli.run(["case", "show", ref, "--format", "json"])).json as? [String: Any])
        #expect((flaggedJSON["records"] as? [[String: Any]])?.first?["withdrawn"] as? Bool == true)
    }

    @Test func aDeceasedMatchApprovedByTheSameOperatorIsRefusedWithTheRoleExitCode() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(extra: ["--born", "1998"])
        try importRecord(cli, says: "погиб")
        let items = try #require(try await cli.run(["match", "list", "--format", "json"]).json as? [[String: Any]])
        let id = String(try #require(items.first?["id"] as? Int))
        let confirm = await cli.run(["match", "confirm", id], operatorName: "anna")
        #expect(confirm.code == 0 && confirm.out.contains("awaiting-approval"))
        let before = try cli.snapshot()
        let same = await cli.run(["match", "approve", id], operatorName: "anna")
        #expect(same.code == 77)
        #expect(same.err.contains("second, different operator"))
        #expect(try cli.snapshot() == before)
        let other = await cli.run(["match", "approve", id], operatorName: "boris")
        #expect(other.code == 0, "\(other.err)")
        let detail = try #require(try await cli.run(["case", "show", ref, "--format", "json"]).json as? [String: Any])
        #expect(detail["status"] as? String == "deceased")
    }

    /// What a decision did, in the operator's language at the table; in English in the JSON,
    /// which is the same in every language.
    @Test func aDecisionIsSaidInTheOperatorsLanguage() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry(extra: ["--born", "1998"])
        try importRecord(cli, says: "погиб")
        let items = try #require(try await cli.run(["match", "list", "--format", "json"]).json as? [[String: Any]])
        let id = String(try #require(items.first?["id"] as? Int))
        let confirm = await cli.run(["match", "confirm", id, "--lang", "uk"], operatorName: "anna")
        #expect(confirm.code == 0, "\(confirm.err)")
        #expect(confirm.out.contains("інший оператор має підтвердити його (`match approve \(id)`)"), "\(confirm.out)")
        let approve = await cli.run(
            ["match", "approve", id, "--lang", "ru", "--format", "json"], operatorName: "boris")
        let decision = try #require(try approve.json as? [String: Any])
        #expect(decision["message"] as? String == "approved; case moved to deceased", "\(approve.out)")
        #expect(Set(decision.keys) == ["id", "state", "case", "from", "to", "message"])
    }

    @Test func theShellCompletesMatchAndRecordIds() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry(extra: ["--born", "1998"])
        try importRecord(cli)
        let options = try GlobalOptions.parse(["--db", cli.dbPath, "--as", "tester"])
        let completion = ShellCompletion(context: try await CommandContext.make(options))
        #expect(completion.complete(lineBeforeWord: "match show ", word: "").contains("1"))
        #expect(completion.complete(lineBeforeWord: "registry show ", word: "1").contains("1"))
        #expect(completion.complete(lineBeforeWord: "registry show ", word: "2").allSatisfy { $0.contains("-") })  // case refs only
    }

    @Test func importArgumentsAreCheckedBeforeTheFileIsRead() async throws {
        let cli = try CLI()
        let badMap = await cli.run([
            "registry", "import", "/nonexistent.csv", "--list", "x", "--received", "2024", "--map", "Фамилия",
        ])
        #expect(badMap.code == 1 && badMap.err.contains("invalid map 'Фамилия': there is no '='"))
        let badField = await cli.run([
            "registry", "import", "/nonexistent.csv", "--list", "x", "--received", "2024", "--map", "Col=nickname",
        ])
        #expect(badField.code == 1 && badField.err.contains("no such field"))
        let badEncoding = await cli.run([
            "registry", "import", "/nonexistent.csv", "--list", "x", "--received", "2024", "--encoding", "koi8-r",
        ])
        #expect(badEncoding.code == 1 && badEncoding.err.contains("windows-1251"))
        #expect(try RegistryImport.parseMaps(["ПІБ=fullName", "a=b=born"]) == ["ПІБ": .fullName, "a=b": .born])
    }

    @Test func matchCommandsRefuseUnknownIdsAndBadFilters() async throws {
        let cli = try CLI()
        _ = await cli.run(["db", "migrate"])
        #expect(await cli.run(["match", "show", "99"]).code == 1)
        #expect(await cli.run(["match", "confirm", "99"]).code == 1)
        #expect(await cli.run(["match", "reject", "99"]).code == 64)  // --note is required
        #expect(await cli.run(["match", "list", "--min-score", "2"]).code == 1)
        #expect(await cli.run(["match", "list", "--state", "maybe"]).code == 1)
        #expect(await cli.run(["registry", "show", "5"]).code == 1)
        #expect(await cli.run(["registry", "list", "--list", "nope"]).code == 1)
        #expect(await cli.run(["registry", "lists"]).out.contains("Nothing to list."))
    }
}
