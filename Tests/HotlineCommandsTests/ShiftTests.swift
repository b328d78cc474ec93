import Foundation
import GRDB
import Testing

/// Issue 17 (an operator's shift), items 4-9, through the command tree on real database files:
/// regions and relationships as people say them, corrections and notes, known callers, stats
/// without merged cases, the audit by operator, and a manual move to deceased that waits for a
/// second operator. Every refusal is checked to write nothing.
struct ShiftTests {
    /// Every row of every table (the status requests and the name index included).
    private static func snapshot(_ cli: CLI) throws -> [String] {
        try DatabaseQueue(path: cli.dbPath).read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%search%' ORDER BY name")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }
            }
        }
    }

    private static func inquirerCount(_ cli: CLI) throws -> Int? {
        try DatabaseQueue(path: cli.dbPath).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM inquirer") }
    }

    private static func object(_ result: CLI.Result) throws -> [String: Any] {
        try #require(try result.json as? [String: Any], "\(result.out) \(result.err)")
    }

    // MARK: - Item 4: regions and relationships as people say them

    @Test(arguments: [
        ("Moscow", "RU-MOW"), ("Kiev", "UA-30"), ("Zaporizhzhia", "UA-23"), ("Nizhny Novgorod", "RU-NIZ"),
        ("Ingushetia", "RU-IN"), ("Нижегородская обл.", "RU-NIZ"), ("Курская обл", "RU-KRS"),
        ("Башкортостан респ.", "RU-BA"), ("Ханты-Мансийский АО", "RU-KHM"), ("Краснодарский кр.", "RU-KDA"),
        ("Kursk oblast", "RU-KRS"), ("Yekaterinburg", "RU-SVE"), ("Kharkov", "UA-63"), ("Odessa", "UA-51"),
        ("Одесса", "UA-51"), ("Запорожье", "UA-23"), ("Kyiv Oblast", "UA-32"), ("Moscow Oblast", "RU-MOS"),
        ("Kirov", "RU-KIR"), ("Kirovograd", "UA-35"), ("Gorky", "RU-NIZ"), ("Питер", "RU-SPE"),
    ])
    func aRegionAsPeopleSayItIsTaken(said: String, code: String) async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(region: said)
        let detail = try Self.object(await cli.run(["case", "show", ref, "--format", "json"]))
        #expect(detail["region"] as? String == code, "\(said)")
    }

    @Test func aNearMissIsAnsweredWithTheNearestRegionAndNothingWritten() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry()
        let before = try Self.snapshot(cli)
        let result = await cli.run([
            "inquiry", "log", "--person", "X", "--region", "Nizhegorodskya", "--inquirer", "Y", "--relationship",
            "mother", "--channel", "phone", "--new-case",
        ])
        #expect(result.code == 1)
        #expect(result.err.contains("did you mean RU-NIZ Нижегородская область?"), "\(result.err)")
        #expect(try Self.snapshot(cli) == before)
    }

    @Test(arguments: [
        ("wife", "spouse"), ("Husband", "spouse"), ("son", "child"), ("мать", "mother"),
        ("жена", "spouse"), ("брат", "sibling"), ("дружина", "spouse"), ("sister", "sibling"),
    ])
    func aRelationshipWordIsTaken(word: String, term: String) async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let result = await cli.run([
            "inquiry", "log", "--case", ref, "--inquirer", "Анна", "--relationship", word, "--channel", "phone",
            "--format", "json",
        ])
        #expect(result.code == 0, "\(result.err)")
        let detail = try Self.object(await cli.run(["case", "show", ref, "--format", "json"]))
        let inquiries = try #require(detail["inquiries"] as? [[String: Any]])
        #expect(inquiries.last?["relationship"] as? String == term)
    }

    @Test func everyInvalidFieldOfAnInquiryIsReportedAtOnce() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry()
        let before = try Self.snapshot(cli)
        let result = await cli.run([
            "inquiry", "log", "--person", "X", "--region", "Narnia", "--inquirer", "Y", "--relationship", "neighbour",
            "--channel", "pigeon", "--born", "2999", "--new-case",
        ])
        #expect(result.code == 1)
        for field in [
            "invalid region 'Narnia'", "invalid relationship 'neighbour'", "invalid channel 'pigeon'",
            "invalid born '2999'", "4 fields are invalid",
        ] {
            #expect(result.err.contains(field), "\(field): \(result.err)")
        }
        #expect(try Self.snapshot(cli) == before)
    }

    // MARK: - Item 5: corrections and notes

    @Test func aNoteGoesIntoTheHistoryAndTheStatusStays() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        #expect(await cli.run(["case", "status", ref, "searching"]).code == 0)
        let noted = await cli.run(["case", "note", ref, "Звонили в МККК снова", "--source", "ICRC hotline"])
        #expect(noted.code == 0, "\(noted.err)")
        let detail = try Self.object(await cli.run(["case", "show", ref, "--format", "json"]))
        #expect(detail["status"] as? String == "searching")
        let last = try #require((detail["history"] as? [[String: Any]])?.last)
        #expect(last["kind"] as? String == "note")
        #expect(last["note"] as? String == "Звонили в МККК снова")
        #expect(last["source"] as? String == "ICRC hotline")
        #expect(last["by"] as? String == "tester")
    }

    @Test(arguments: [
        ["case", "note", "1234-5678", "x"], ["case", "note", "REF", " "], ["case", "note", "REF", "a\u{07}"],
    ])
    func aBadNoteIsRefusedAndWritesNothing(words: [String]) async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let before = try Self.snapshot(cli)
        let result = await cli.run(words.map { $0 == "REF" ? ref : $0 })
        #expect(result.code == 1, "\(result.err)")
        #expect(try Self.snapshot(cli) == before)
    }

    @Test func anEditRecordsOldAndNewValuesAndSearchFindsTheNewName() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(person: "Ivanof Petr")
        let edited = await cli.run([
            "case", "edit", ref, "--person", "Шевченко Тарас", "--born", "14.03.1998", "--region", "Kharkov", "--unit",
            "в/ч 54321", "--note", "the mother spelled it",
        ])
        #expect(edited.code == 0, "\(edited.err)")
        let detail = try Self.object(await cli.run(["case", "show", ref, "--format", "json"]))
        #expect(detail["person"] as? String == "Шевченко Тарас")
        #expect(detail["region"] as? String == "UA-63")
        #expect(detail["born"] as? String == "1998-03-14")
        let edits = try #require(detail["history"] as? [[String: Any]]).filter { $0["kind"] as? String == "edit" }
        let byField = Dictionary(uniqueKeysWithValues: edits.map { ($0["field"] as! String, $0) })
        #expect(byField["person"]?["from"] as? String == "Ivanof Petr")
        #expect(byField["person"]?["to"] as? String == "Шевченко Тарас")
        #expect(byField["region"]?["from"] as? String == "RU-KRS")
        #expect(byField["region"]?["to"] as? String == "UA-63")
        #expect(byField["born"]?["from"] == nil || byField["born"]?["from"] is NSNull)
        #expect(byField["unit"]?["to"] as? String == "в/ч 54321")
        #expect(byField["person"]?["note"] as? String == "the mother spelled it")
        for query in ["Shevchenko Taras", "54321"] {
            let found = await cli.run(["search", query, "--format", "json"])
            let hits = try #require(try found.json as? [[String: Any]])
            #expect(hits.contains { $0["ref"] as? String == ref }, "\(query): \(found.out)")
        }
        #expect(await cli.run(["db", "check"]).code == 0)
    }

    @Test func anEditWithTwoInvalidFieldsNamesBothAndWritesNothing() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let before = try Self.snapshot(cli)
        let result = await cli.run(["case", "edit", ref, "--born", "31.02.1990", "--region", "Narnia"])
        #expect(result.code == 1)
        #expect(result.err.contains("invalid born") && result.err.contains("invalid region 'Narnia'"), "\(result.err)")
        #expect(await cli.run(["case", "edit", ref]).code == 1)
        #expect(try Self.snapshot(cli) == before)
    }

    @Test func anInquiryEditChangesTheRelationshipAndContactsOnTheRecord() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let edited = await cli.run([
            "inquiry", "edit", "1", "--relationship", "wife", "--contact", "phone:+380 50 123 45 67",
            "--remove-contact", "phone:8 916 123-45-67",
        ])
        #expect(edited.code == 0, "\(edited.err)")
        let detail = try Self.object(await cli.run(["case", "show", ref, "--format", "json"]))
        let inquiry = try #require((detail["inquiries"] as? [[String: Any]])?.first)
        #expect(inquiry["relationship"] as? String == "spouse")
        let contacts = try #require((inquiry["inquirer"] as? [String: Any])?["contacts"] as? [[String: Any]])
        #expect(contacts.map { $0["value"] as? String } == ["+380501234567"])
        let edits = try #require(detail["history"] as? [[String: Any]]).filter { $0["kind"] as? String == "edit" }
        #expect(edits.count == 3)
        #expect(edits.contains { $0["field"] as? String == "relationship" && $0["from"] as? String == "mother" })
        #expect(edits.contains { $0["field"] as? String == "contact" && $0["from"] as? String == "phone +79161234567" })
        #expect(edits.allSatisfy { $0["inquiry"] as? Int == 1 })

        let before = try Self.snapshot(cli)
        for words in [
            ["inquiry", "edit", "1", "--remove-contact", "phone:8 916 123-45-67"],
            ["inquiry", "edit", "99", "--relationship", "wife"],
            ["inquiry", "edit", "1", "--relationship", "neighbour", "--contact", "phone:12"],
        ] {
            #expect(await cli.run(words).code == 1, "\(words)")
        }
        #expect(try Self.snapshot(cli) == before)
    }

    // MARK: - Item 6: a known caller

    @Test func aContactThatBelongsToAnInquirerReusesThem() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let second = try await cli.logInquiry(person: "Иванов Олег")
        // No name: the phone says who calls.
        let again = await cli.run([
            "inquiry", "log", "--case", second, "--relationship", "mother", "--channel", "phone", "--contact",
            "phone:+7 916 123 45 67", "--format", "json",
        ])
        #expect(again.code == 0, "\(again.err)")
        let known = try #require(try Self.object(again)["knownCaller"] as? [String: Any])
        #expect(known["inquirer"] as? Int == 1 && known["reused"] as? Bool == true)
        #expect(known["contact"] as? String == "phone +79161234567")
        let table = await cli.run([
            "inquiry", "log", "--case", ref, "--relationship", "mother", "--channel", "phone", "--inquirer-id", "1",
        ])
        #expect(table.out.contains("Known caller by id: inquirer 1, Иванова Мария"), "\(table.out)")
        #expect(try Self.inquirerCount(cli) == 1)
    }

    @Test func anotherNameOnAKnownPhoneIsANewInquirerAndTheOperatorIsTold() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let sister = await cli.run([
            "inquiry", "log", "--case", ref, "--inquirer", "Ольга", "--relationship", "sister", "--channel", "phone",
            "--contact", "phone:8 916 123-45-67",
        ])
        #expect(sister.code == 0, "\(sister.err)")
        #expect(sister.out.contains("also belongs to inquirer 1, Иванова Мария"), "\(sister.out)")
        // Two people on one phone: without a name or an id, the operator must choose.
        let before = try Self.snapshot(cli)
        let ambiguous = await cli.run([
            "inquiry", "log", "--case", ref, "--relationship", "sister", "--channel", "phone", "--contact",
            "phone:8 916 123-45-67",
        ])
        #expect(ambiguous.code == 1)
        #expect(ambiguous.err.contains("several inquirers") && ambiguous.err.contains("--inquirer-id"))
        for words in [
            ["--inquirer-id", "99"], ["--inquirer-id", "1", "--inquirer", "Ольга"],
            ["--contact", "phone:8 926 000-00-01"],
        ] {
            let result = await cli.run(
                ["inquiry", "log", "--case", ref, "--relationship", "sister", "--channel", "phone"] + words)
            #expect(result.code == 1, "\(words): \(result.out)")
        }
        #expect(try Self.snapshot(cli) == before)
    }

    // MARK: - Items 7 and 8: stats and the audit

    @Test func aMergedCaseIsNotCountedInStats() async throws {
        let cli = try CLI()
        let first = try await cli.logInquiry(region: "RU-ROS")
        let second = try await cli.logInquiry(person: "Ivanov Petr", region: "RU-ROS")
        #expect(await cli.run(["case", "merge", second, "into", first]).code == 0)
        let stats = try Self.object(await cli.run(["stats", "--format", "json"]))
        let byRegion = try #require(stats["openByRegion"] as? [[String: Any]])
        #expect(byRegion.first { $0["key"] as? String == "RU-ROS" }?["count"] as? Int == 1)
        let byStatus = try #require(stats["byStatus"] as? [[String: Any]])
        #expect(byStatus.map { $0["count"] as? Int ?? 0 }.reduce(0, +) == 1)
    }

    @Test func theAuditFindsAnOperatorAsTypedRefusesAnUnknownOneAndNamesThePerson() async throws {
        let cli = try CLI()
        #expect(await cli.run(["operator", "add", "anna"], operatorName: "anna").code == 0)
        #expect(
            await cli.run(
                ["operator", "add", "taras", "--role", "operator", "--display", "Тарас К."], operatorName: "anna"
            )
            .code == 0)
        let ref = try await { () async throws -> String in
            let result = await cli.run(
                [
                    "inquiry", "log", "--person", "Иванов Пётр", "--region", "RU-KRS", "--inquirer", "Мария",
                    "--relationship", "mother", "--channel", "phone", "--new-case", "--format", "json",
                ], operatorName: "taras")
            return try #require(try Self.object(result)["case"] as? String)
        }()
        for typed in ["Taras", "TARAS", "taras", "Тарас К."] {
            let result = await cli.run(["audit", "--operator", typed, "--format", "json"], operatorName: "anna")
            let rows = try #require(try result.json as? [[String: Any]], "\(typed): \(result.err)")
            #expect(rows.count == 2, "\(typed)")
            #expect(rows.allSatisfy { $0["subject"] as? String == ref && $0["person"] as? String == "Иванов Пётр" })
        }
        let table = await cli.run(["audit", "--operator", "Taras"], operatorName: "anna")
        #expect(table.out.contains("PERSON") && table.out.contains("Иванов Пётр"), "\(table.out)")
        let unknown = await cli.run(["audit", "--operator", "tars"], operatorName: "anna")
        #expect(unknown.code == 1)
        #expect(unknown.err.contains("invalid operator 'tars'") && unknown.err.contains("operator list"))
    }

    // MARK: - Item 9: a manual move to deceased needs a source and a second operator

    private static func twoOperators() async throws -> (CLI, String) {
        let cli = try CLI()
        #expect(await cli.run(["operator", "add", "anna"], operatorName: "anna").code == 0)
        #expect(await cli.run(["operator", "add", "oleg", "--role", "operator"], operatorName: "anna").code == 0)
        let result = await cli.run(
            [
                "inquiry", "log", "--person", "Иванов Пётр", "--region", "RU-KRS", "--inquirer", "Мария",
                "--relationship", "mother", "--channel", "phone", "--new-case", "--format", "json",
            ], operatorName: "anna")
        return (cli, try #require(try Self.object(result)["case"] as? String))
    }

    @Test func aMoveToDeceasedWaitsForASecondOperatorWhoAppliesIt() async throws {
        let (cli, ref) = try await Self.twoOperators()
        let before = try Self.snapshot(cli)
        let noSource = await cli.run(["case", "status", ref, "deceased"], operatorName: "anna")
        #expect(noSource.code == 1)
        #expect(noSource.err.contains("invalid source") && noSource.err.contains("needs the source"))
        #expect(try Self.snapshot(cli) == before)

        let asked = await cli.run(
            ["case", "status", ref, "deceased", "--source", "list of 2024-05-20", "--as-of", "2024-05-20"],
            operatorName: "anna")
        #expect(asked.code == 0, "\(asked.err)")
        #expect(asked.out.contains("waits for a second operator"), "\(asked.out)")
        let waiting = try Self.object(await cli.run(["case", "show", ref, "--format", "json"], operatorName: "anna"))
        #expect(waiting["status"] as? String == "new")
        let pending = try #require(waiting["pending"] as? [String: Any])
        #expect(pending["status"] as? String == "deceased" && pending["requestedBy"] as? String == "anna")
        #expect(pending["source"] as? String == "list of 2024-05-20")
        #expect(
            (await cli.run(["case", "show", ref], operatorName: "oleg")).out.contains("WAITING:  move to deceased"))
        #expect((await cli.run(["audit"], operatorName: "oleg")).out.contains("waiting for a second operator"))

        // The one who asked cannot approve; a second request cannot pile up.
        let beforeApproval = try Self.snapshot(cli)
        #expect(await cli.run(["case", "approve", ref], operatorName: "anna").code == 77)
        #expect(
            await cli.run(["case", "status", ref, "deceased", "--source", "again"], operatorName: "oleg").code == 1)
        #expect(await cli.run(["case", "reject", ref, "--note", " "], operatorName: "oleg").code == 1)
        #expect(try Self.snapshot(cli) == beforeApproval)

        let approved = await cli.run(["case", "approve", ref, "--note", "checked"], operatorName: "oleg")
        #expect(approved.code == 0, "\(approved.err)")
        let detail = try Self.object(await cli.run(["case", "show", ref, "--format", "json"], operatorName: "anna"))
        #expect(detail["status"] as? String == "deceased")
        #expect(detail["pending"] == nil || detail["pending"] is NSNull)
        let last = try #require((detail["history"] as? [[String: Any]])?.last)
        #expect(last["kind"] as? String == "status" && last["to"] as? String == "deceased")
        #expect(last["by"] as? String == "oleg" && last["source"] as? String == "list of 2024-05-20")
        #expect(last["asOf"] as? String == "2024-05-20")
        #expect((last["note"] as? String)?.contains("asked by anna, approved by oleg") == true)
        #expect(await cli.run(["case", "approve", ref], operatorName: "oleg").code == 1)
        #expect(await cli.run(["db", "check"], operatorName: "anna").code == 0)
    }

    @Test func aRejectedMoveToDeceasedLeavesTheCaseAsItWas() async throws {
        let (cli, ref) = try await Self.twoOperators()
        #expect(await cli.run(["case", "status", ref, "searching"], operatorName: "anna").code == 0)
        #expect(
            await cli.run(["case", "status", ref, "deceased", "--source", "a call"], operatorName: "anna").code == 0)
        let rejected = await cli.run(
            ["case", "reject", ref, "--note", "the caller meant another man"], operatorName: "oleg")
        #expect(rejected.code == 0, "\(rejected.err)")
        let detail = try Self.object(await cli.run(["case", "show", ref, "--format", "json"], operatorName: "anna"))
        #expect(detail["status"] as? String == "searching")
        #expect(detail["pending"] == nil || detail["pending"] is NSNull)
        let last = try #require((detail["history"] as? [[String: Any]])?.last)
        #expect(last["kind"] as? String == "note" && last["by"] as? String == "oleg")
        #expect((last["note"] as? String)?.contains("the caller meant another man") == true)
        #expect(await cli.run(["case", "reject", ref, "--note", "x"], operatorName: "oleg").code == 1)
    }

    @Test func aCaseWithAMoveWaitingIsNotMergedAway() async throws {
        let (cli, ref) = try await Self.twoOperators()
        let other = await cli.run(
            [
                "inquiry", "log", "--person", "Петров Олег", "--region", "RU-KRS", "--inquirer", "Анна",
                "--relationship", "wife", "--channel", "phone", "--new-case", "--format", "json",
            ], operatorName: "anna")
        let survivor = try #require(try Self.object(other)["case"] as? String)
        #expect(
            await cli.run(["case", "status", ref, "deceased", "--source", "a list"], operatorName: "anna").code == 0)
        let before = try Self.snapshot(cli)
        let merged = await cli.run(["case", "merge", ref, "into", survivor], operatorName: "oleg")
        #expect(merged.code == 1)
        #expect(merged.err.contains("waits on it"), "\(merged.err)")
        #expect(try Self.snapshot(cli) == before)
    }
}

/// A note typed in Cyrillic into `hotline shell` on a real terminal is stored as typed.
@Suite(.serialized, .disabled(if: Terminal.tmux == nil, "tmux is not installed: the terminal tests need it"))
struct ShiftTerminalTests {
    @Test func aCyrillicNoteTypedInTheShellIsStoredAsTyped() throws {
        let terminal = try Terminal()
        let logged = try terminal.hotline([
            "inquiry", "log", "--person", "Іваненко Петро", "--region", "Харків", "--inquirer", "Марія",
            "--relationship", "мати", "--channel", "phone", "--format", "json", "--as", "maria",
        ])
        let ref = try #require(
            (try JSONSerialization.jsonObject(with: Data(logged.utf8)) as? [String: Any])?["case"] as? String)
        try terminal.start(environment: [:])
        try terminal.waitFor("maria> ")
        let note = "Дзвонили до МКЧХ ще раз; обіцяли відповісти. Звонили в МККК снова, ёж ї є ґ"
        try terminal.type("case note \(ref) \"\(note)\"")
        try terminal.press("Enter")
        try terminal.waitFor("note added")
        let detail = try #require(
            try JSONSerialization.jsonObject(
                with: Data(terminal.hotline(["case", "show", ref, "--format", "json"]).utf8)) as? [String: Any])
        let last = try #require((detail["history"] as? [[String: Any]])?.last)
        #expect(last["kind"] as? String == "note")
        #expect(last["note"] as? String == note)
        #expect(last["by"] as? String == "maria")
        #expect(detail["region"] as? String == "UA-63")
    }
}
