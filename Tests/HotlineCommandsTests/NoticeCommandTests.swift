import Foundation
import GRDB
import HotlineCore
import Testing

@testable import HotlineCommands

/// Telling the families (issue 13) through the real command tree on a real file: notices made
/// by status changes and registry matches, delivery and its refusals (each writing nothing),
/// consent, call-backs, case owners, roles, audit and the figures.
@Suite struct NoticeCommandTests {
    /// A database with an admin (anna), an operator marked for death notices (oleg), an
    /// operator who is not (boris) and a viewer (vera); a case asked about by a mother with a
    /// phone (who allowed phone only) and a father with no contact. Returns the case reference.
    func setUp(_ cli: CLI) async throws -> String {
        for (name, role) in [("anna", "admin"), ("oleg", "operator"), ("boris", "operator"), ("vera", "viewer")] {
            let added = await cli.run(["operator", "add", name, "--role", role], operatorName: "anna")
            #expect(added.code == 0, "\(added.err)")
        }
        #expect(await cli.run(["operator", "set", "oleg", "--death-notices", "yes"], operatorName: "anna").code == 0)
        let ref = try await log(
            cli,
            [
                "--person", "Иванов Пётр Сергеевич", "--region", "RU-KRS", "--new-case", "--inquirer",
                "Иванова Мария", "--relationship", "mother", "--contact", "phone:8 916 123-45-67", "--callback", "yes",
                "--channels-allowed", "phone", "--share", "no",
            ])
        _ = try await log(cli, ["--case", ref, "--inquirer", "Иванов Сергей", "--relationship", "father"])
        return ref
    }

    /// `inquiry log … --channel phone --format json` as oleg; the case reference.
    @discardableResult
    func log(_ cli: CLI, _ words: [String]) async throws -> String {
        let result = await cli.run(
            ["inquiry", "log", "--channel", "phone", "--format", "json"] + words, operatorName: "oleg")
        #expect(result.code == 0, "\(result.err)")
        return try #require((try result.json as? [String: Any])?["case"] as? String)
    }

    /// A manual death: asked for by boris with a source, approved by oleg (issue 17 item 9).
    func markDeceased(_ cli: CLI, _ ref: String) async throws {
        let asked = await cli.run(["case", "status", ref, "deceased", "--source", "list 7"], operatorName: "boris")
        #expect(asked.code == 0, "\(asked.err)")
        let approved = await cli.run(["case", "approve", ref], operatorName: "oleg")
        #expect(approved.code == 0, "\(approved.err)")
    }

    func notices(_ cli: CLI, _ extra: [String] = [], as name: String = "oleg") async throws -> [[String: Any]] {
        let result = await cli.run(["notice", "list", "--format", "json"] + extra, operatorName: name)
        #expect(result.code == 0, "\(result.err)")
        return try #require(try result.json as? [[String: Any]])
    }

    func show(_ cli: CLI, _ id: Int) async throws -> [String: Any] {
        let result = await cli.run(["notice", "show", String(id), "--format", "json"], operatorName: "vera")
        #expect(result.code == 0, "\(result.err)")
        return try #require(try result.json as? [String: Any])
    }

    /// Every row of the tables telling the families touches, with the case tables.
    func snapshot(_ cli: CLI) throws -> [String] {
        let queue = try DatabaseQueue(path: cli.dbPath)
        return try cli.snapshot()
            + queue.read { db in
                try ["notice", "notice_event", "inquirer", "case_owner", "operator", "operator_event"].flatMap {
                    table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { "\(table): \($0)" }
                }
            }
    }

    @Test func aStatusChangeThatIsNewsGivesEveryInquirerANotice() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        // Not news: nothing to tell.
        #expect(await cli.run(["case", "status", ref, "searching"], operatorName: "oleg").code == 0)
        #expect(try await notices(cli).isEmpty)
        let change = await cli.run(
            ["case", "status", ref, "located", "--source", "list 5", "--as-of", "2024-05-01"], operatorName: "oleg")
        #expect(change.code == 0, "\(change.err)")
        let items = try await notices(cli, as: "vera")
        #expect(items.count == 2)
        for item in items {
            #expect(
                Set(item.keys).isSuperset(of: [
                    "id", "case", "inquirer", "status", "newsAt", "state", "attempts", "channels",
                ]))
            #expect(item["case"] as? String == ref && item["status"] as? String == "located")
        }
        let mother = try #require(items.first { $0["inquirerName"] as? String == "Иванова Мария" })
        #expect(mother["state"] as? String == "pending" && mother["channels"] as? [String] == ["phone"])
        let father = try #require(items.first { $0["inquirerName"] as? String == "Иванов Сергей" })
        #expect(father["state"] as? String == "unreachable" && father["channels"] is NSNull)
        // The table says who cannot be reached.
        let table = await cli.run(["notice", "list"], operatorName: "vera")
        #expect(table.out.contains("unreachable") && table.out.contains("not asked"))
    }

    /// Issue 17 beside issue 13: a manual death waits for a second operator, and only the
    /// approval tells the families; a corrected region moves the case's notices with it.
    @Test func anApprovedManualDeathTellsTheFamiliesAndNoticesFollowACorrectedRegion() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        let asked = await cli.run(
            ["case", "status", ref, "deceased", "--source", "list 7", "--as-of", "2024-05-20"], operatorName: "boris")
        #expect(asked.code == 0, "\(asked.err)")
        #expect(try await notices(cli).isEmpty, "a death waiting for approval is no news yet")
        let approved = await cli.run(["case", "approve", ref], operatorName: "oleg")
        #expect(approved.code == 0, "\(approved.err)")
        let items = try await notices(cli)
        #expect(items.count == 2 && items.allSatisfy { $0["status"] as? String == "deceased" })
        let edited = await cli.run(["case", "edit", ref, "--region", "Orel"], operatorName: "oleg")
        #expect(edited.code == 0, "\(edited.err)")
        #expect(try await notices(cli, ["--region", "RU-KRS"]).isEmpty)
        #expect(try await notices(cli, ["--region", "RU-ORL"]).count == 2)
    }

    /// A state the schema's CHECK should have kept out (here written with the check switched
    /// off) is reported as what the file holds, never read as `pending` and offered again.
    @Test func aDamagedNoticeStateIsAnErrorNotPending() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        #expect(await cli.run(["case", "status", ref, "located"], operatorName: "oleg").code == 0)
        let id = try #require(try await notices(cli).first?["id"] as? Int)
        let queue = try DatabaseQueue(path: cli.dbPath)
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE notice SET state = 'told' WHERE id = ?", arguments: [id])
        }
        try queue.close()
        let shown = await cli.run(["notice", "show", String(id)], operatorName: "vera")
        #expect(shown.code != 0 && !shown.out.contains("pending"))
        #expect(shown.err.contains("holds no NoticeState"), "\(shown.err)")
    }

    @Test func aLaterStatusChangeUpdatesThePendingNoticeAndItsHistoryKeepsBoth() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        #expect(
            await cli.run(["case", "status", ref, "located", "--source", "a call"], operatorName: "oleg").code == 0)
        #expect(
            await cli.run(["case", "status", ref, "captured", "--source", "a video"], operatorName: "oleg").code == 0)
        let items = try await notices(cli)
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0["status"] as? String == "captured" && $0["source"] as? String == "a video" })
        let id = try #require(items.first?["id"] as? Int)
        let history = try #require(try await show(cli, id)["history"] as? [[String: Any]])
        #expect(history.count == 1)
        #expect(history[0]["kind"] as? String == "updated")
        #expect((history[0]["note"] as? String)?.contains("located; source: a call") == true)
    }

    @Test func aConfirmedRegistryMatchTellsTheFamiliesToo() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        #expect(await cli.run(["operator", "add", "coordinator"], operatorName: "anna").code == 0)
        try RegistryCommandTests().importRecord(cli)
        let matches = try #require(
            try await cli.run(["match", "list", "--format", "json"], operatorName: "oleg").json as? [[String: Any]])
        let match = String(try #require(matches.first?["id"] as? Int))
        #expect(await cli.run(["match", "confirm", match], operatorName: "oleg").code == 0)
        let items = try await notices(cli)
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0["status"] as? String == "captured" && $0["source"] as? String == "ICRC" })
        #expect(items.allSatisfy { $0["asOf"] as? String == "2024-05-12" && $0["case"] as? String == ref })
    }

    @Test func anAttemptFailsTheRetrySucceedsAndBothAreInTheHistoryAndAudit() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        #expect(await cli.run(["case", "status", ref, "located"], operatorName: "oleg").code == 0)
        let id = try #require(try await notices(cli, ["--state", "pending"]).first?["id"] as? Int)
        let attempt = await cli.run(
            ["notice", "attempt", String(id), "--channel", "phone", "--result", "no-answer", "--retry-after", "2h"],
            operatorName: "oleg")
        #expect(attempt.code == 0, "\(attempt.err)")
        #expect(attempt.out.contains("next try after"))
        let done = await cli.run(
            ["notice", "done", String(id), "--channel", "phone", "--note", "Told his mother; she cried."],
            operatorName: "boris")
        #expect(done.code == 0, "\(done.err)")
        let detail = try await show(cli, id)
        #expect(detail["state"] as? String == "delivered" && detail["attempts"] as? Int == 2)
        let history = try #require(detail["history"] as? [[String: Any]])
        #expect(history.count == 2)
        for entry in history { #expect(Set(entry.keys).isSuperset(of: ["at", "by", "channel", "result", "note"])) }
        #expect(history[0]["by"] as? String == "oleg" && history[0]["result"] as? String == "no-answer")
        #expect(
            history[1]["by"] as? String == "boris" && history[1]["note"] as? String == "Told his mother; she cried.")
        // Delivered notices leave the default list.
        #expect(try await notices(cli).allSatisfy { $0["id"] as? Int != id })
        // The case's history and the audit have both.
        let caseHistory = try #require(
            (try await cli.run(["case", "show", ref, "--format", "json"], operatorName: "vera").json as? [String: Any])?[
                "history"] as? [[String: Any]])
        let noticeEntries = caseHistory.filter { $0["field"] as? String == "notice \(id)" }
        #expect(noticeEntries.map { $0["to"] as? String } == ["no-answer", "delivered"])
        let audit = try #require(
            try await cli.run(["audit", "--format", "json"], operatorName: "vera").json as? [[String: Any]])
        #expect(audit.contains { $0["by"] as? String == "oleg" && $0["to"] as? String == "no-answer" })
        #expect(audit.contains { $0["by"] as? String == "boris" && $0["to"] as? String == "delivered" })
    }

    @Test func overdueLeavesOutNewsWaitingForItsRetryTime() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        #expect(await cli.run(["case", "status", ref, "located"], operatorName: "oleg").code == 0)
        // Made overdue: the news came two days ago.
        let queue = try DatabaseQueue(path: cli.dbPath)
        try await queue.write { db in
            try db.execute(sql: "UPDATE notice SET news_at = '2020-01-01 00:00:00.000'")
        }
        #expect(try await notices(cli, ["--overdue"]).count == 2)
        let id = try #require(try await notices(cli, ["--state", "pending"]).first?["id"] as? Int)
        #expect(
            await cli.run(
                ["notice", "attempt", String(id), "--channel", "phone", "--result", "busy", "--retry-after", "1d"],
                operatorName: "oleg"
            ).code == 0)
        #expect(try await notices(cli, ["--overdue"]).map { $0["id"] as? Int }.allSatisfy { $0 != id })
    }

    @Test func aFamilyAskingAfterTheNewsGetsANoticeAndTheOperatorSeesItWaiting() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        #expect(await cli.run(["case", "status", ref, "captured"], operatorName: "oleg").code == 0)
        let json = await cli.run(
            [
                "inquiry", "log", "--case", ref, "--inquirer", "Иванова Анна", "--relationship", "spouse", "--channel",
                "telegram", "--contact", "telegram:@anna_ivanova", "--format", "json",
            ], operatorName: "oleg")
        #expect(json.code == 0, "\(json.err)")
        let waiting = try #require((try json.json as? [String: Any])?["newsWaiting"] as? [[String: Any]])
        #expect(waiting.count == 1)
        #expect(waiting[0]["status"] as? String == "captured" && waiting[0]["state"] as? String == "pending")
        // Her next call, in words: the news is still waiting for her.
        let table = await cli.run(
            [
                "inquiry", "log", "--case", ref, "--inquirer", "Иванова Анна", "--relationship", "spouse", "--channel",
                "phone", "--contact", "telegram:@anna_ivanova",
            ], operatorName: "oleg")
        #expect(table.code == 0, "\(table.err)")
        #expect(table.out.contains("News is waiting for this family") && table.out.contains("is captured"))
        // One notice for her, not one per call; a search by her handle says news is waiting.
        #expect(try await notices(cli).filter { $0["inquirerName"] as? String == "Иванова Анна" }.count == 1)
        let search = await cli.run(["search", "@anna_ivanova"], operatorName: "vera")
        #expect(search.code == 0 && search.out.contains("News is waiting"), "\(search.out)")
        // An inquiry with no news: an empty list, not a missing key.
        let other = await cli.run(
            [
                "inquiry", "log", "--person", "Сидоров Захар", "--region", "RU-KRS", "--inquirer", "Сидорова Анна",
                "--relationship", "mother", "--channel", "phone", "--format", "json",
            ], operatorName: "oleg")
        #expect(((try other.json as? [String: Any])?["newsWaiting"] as? [Any])?.isEmpty == true)
    }

    /// Every refusal of delivery writes nothing and says why.
    @Test func refusedDeliveriesWriteNothing() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        try await markDeceased(cli, ref)
        let items = try await notices(cli)
        let mother = String(try #require(items.first { $0["state"] as? String == "pending" }?["id"] as? Int))
        let father = String(try #require(items.first { $0["state"] as? String == "unreachable" }?["id"] as? Int))
        let before = try snapshot(cli)
        let cases: [(String, [String], String, Int32, String)] = [
            ("viewer", ["notice", "attempt", mother, "--channel", "phone", "--result", "busy"], "vera", 77, "viewer"),
            (
                "not marked for a death", ["notice", "done", mother, "--channel", "phone", "--note", "told"], "boris",
                77,
                "death-notices yes"
            ),
            (
                "channel the family did not allow",
                ["notice", "done", mother, "--channel", "whatsapp", "--note", "told"], "oleg", 1, "did not allow"
            ),
            (
                "text message for a death, no consent",
                ["notice", "done", father, "--channel", "telegram", "--note", "told"], "oleg", 1, "text message"
            ),
            (
                "unknown notice", ["notice", "done", "999", "--channel", "phone", "--note", "x"], "oleg", 1,
                "no such notice"
            ),
            (
                "unknown result", ["notice", "attempt", mother, "--channel", "phone", "--result", "maybe"], "oleg", 1,
                "no-answer, busy"
            ),
            (
                "bad wait",
                ["notice", "attempt", mother, "--channel", "phone", "--result", "busy", "--retry-after", "soon"],
                "oleg",
                1, "30m, 2h"
            ),
            ("empty note", ["notice", "done", mother, "--channel", "phone", "--note", "  "], "oleg", 1, "empty"),
            (
                "unknown channel", ["notice", "done", mother, "--channel", "pigeon", "--note", "x"], "oleg", 1,
                "channel"
            ),
        ]
        for (label, words, name, code, says) in cases {
            let result = await cli.run(words, operatorName: name)
            #expect(result.code == code, "\(label): \(result.err)")
            #expect(result.err.contains(says), "\(label): \(result.err)")
            #expect(try snapshot(cli) == before, "\(label) wrote something")
        }
        // Delivered once, never twice.
        #expect(
            await cli.run(["notice", "done", mother, "--channel", "phone", "--note", "told"], operatorName: "oleg").code
                == 0)
        let delivered = try snapshot(cli)
        let again = await cli.run(
            ["notice", "done", mother, "--channel", "phone", "--note", "x"], operatorName: "oleg")
        #expect(again.code == 1 && again.err.contains("delivered already"))
        #expect(try snapshot(cli) == delivered)
    }

    @Test func aTextMessageCarriesNewsOfADeathOnlyWhenTheFamilyAgreed() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        try await markDeceased(cli, ref)
        let mother = try #require(try await notices(cli, ["--state", "pending"]).first)
        let id = String(try #require(mother["id"] as? Int))
        let inquirer = String(try #require(mother["inquirer"] as? Int))
        let refused = await cli.run(
            ["notice", "done", id, "--channel", "telegram", "--note", "x"], operatorName: "oleg")
        #expect(refused.code == 1)
        let consent = await cli.run(
            ["inquirer", "consent", inquirer, "--channels-allowed", "phone,telegram"], operatorName: "oleg")
        #expect(consent.code == 0, "\(consent.err)")
        let done = await cli.run(
            ["notice", "done", id, "--channel", "telegram", "--note", "as agreed"], operatorName: "oleg")
        #expect(done.code == 0, "\(done.err)")
    }

    @Test func consentIsRecordedShownAndRespectedByCallBacks() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        let show = await cli.run(["case", "show", ref, "--format", "json"], operatorName: "vera")
        let families = try #require((try show.json as? [String: Any])?["families"] as? [[String: Any]])
        let mother = try #require(families.first { $0["name"] as? String == "Иванова Мария" })
        let consent = try #require(mother["consent"] as? [String: Any])
        #expect(consent["callback"] as? Bool == true && consent["share"] as? Bool == false)
        #expect(consent["recordedBy"] as? String == "oleg")
        let father = try #require(families.first { $0["name"] as? String == "Иванов Сергей" })
        #expect((father["consent"] as? [String: Any])?["callback"] is NSNull)
        let text = await cli.run(["case", "show", ref], operatorName: "vera")
        #expect(text.out.contains("call back: unknown (not asked)"))

        // Nobody is due yet; a month later both families are.
        #expect(
            try #require(try await cli.run(["notice", "due", "--format", "json"], operatorName: "vera").json as? [Any])
                .isEmpty)
        let queue = try DatabaseQueue(path: cli.dbPath)
        try await queue.write { db in
            try db.execute(sql: "UPDATE inquirer SET last_contact_at = '2020-01-01 00:00:00.000'")
        }
        let due = try #require(
            try await cli.run(["notice", "due", "--format", "json"], operatorName: "vera").json as? [[String: Any]])
        #expect(due.count == 2)
        let motherId = try #require(mother["inquirer"] as? Int)
        // She calls again (same name, same phone: the same inquirer): her wait starts again.
        _ = try await log(
            cli,
            ["--case", ref, "--inquirer", "Иванова Мария", "--relationship", "mother", "--contact", "8 916 123-45-67"])
        let afterCall = try #require(
            try await cli.run(["notice", "due", "--format", "json"], operatorName: "vera").json as? [[String: Any]])
        #expect(afterCall.count == 1 && afterCall[0]["inquirer"] as? Int != motherId)
        try await queue.write { db in
            try db.execute(sql: "UPDATE inquirer SET last_contact_at = '2020-01-01 00:00:00.000'")
        }
        // She says no to call-backs: she is not due any more. Refusals wrote nothing.
        let before = try snapshot(cli)
        let bad = await cli.run(["inquirer", "consent", String(motherId), "--callback", "maybe"], operatorName: "oleg")
        #expect(bad.code == 1 && bad.err.contains("yes or no"))
        let none = await cli.run(["inquirer", "consent", String(motherId)], operatorName: "oleg")
        #expect(none.code == 1 && none.err.contains("no answer"))
        let viewer = await cli.run(["inquirer", "consent", String(motherId), "--callback", "no"], operatorName: "vera")
        #expect(viewer.code == 77)
        let unknown = await cli.run(["inquirer", "consent", "999", "--callback", "no"], operatorName: "oleg")
        #expect(unknown.code == 1 && unknown.err.contains("no such inquirer"))
        #expect(try snapshot(cli) == before)
        #expect(
            await cli.run(["inquirer", "consent", String(motherId), "--callback", "no"], operatorName: "oleg").code == 0
        )
        let after = try #require(
            try await cli.run(["notice", "due", "--format", "json"], operatorName: "vera").json as? [[String: Any]])
        #expect(after.count == 1 && after[0]["inquirer"] as? Int != motherId)
        // The inquirer's own screen lists their cases and consent.
        let profile = try #require(
            try await cli.run(["inquirer", "show", String(motherId), "--format", "json"], operatorName: "vera").json
                as? [String: Any])
        #expect((profile["cases"] as? [[String: Any]])?.first?["ref"] as? String == ref)
        #expect((profile["consent"] as? [String: Any])?["callback"] as? Bool == false)
    }

    @Test func aCoordinatorSharesTheWorkByOwner() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        let other = try await log(
            cli,
            [
                "--person", "Петров Сидор", "--region", "RU-BEL", "--new-case", "--inquirer", "Петрова Анна",
                "--relationship", "mother", "--contact", "phone:+7 916 111-22-33",
            ])
        let before = try snapshot(cli)
        let unknown = await cli.run(["case", "assign", ref, "nobody"], operatorName: "anna")
        #expect(unknown.code == 1 && unknown.err.contains("no enabled operator"))
        let viewerOwner = await cli.run(["case", "assign", ref, "vera"], operatorName: "anna")
        #expect(viewerOwner.code == 1)
        let byViewer = await cli.run(["case", "assign", ref, "oleg"], operatorName: "vera")
        #expect(byViewer.code == 77)
        #expect(try snapshot(cli) == before)
        #expect(await cli.run(["case", "assign", ref, "oleg"], operatorName: "anna").code == 0)
        #expect(await cli.run(["case", "assign", other, "boris"], operatorName: "anna").code == 0)
        let mine = try #require(
            try await cli.run(["case", "list", "--mine", "--format", "json"], operatorName: "oleg").json
                as? [[String: Any]])
        #expect(mine.map { $0["ref"] as? String } == [ref])
        let boris = try #require(
            try await cli.run(["case", "list", "--owner", "boris", "--format", "json"], operatorName: "vera").json
                as? [[String: Any]])
        #expect(boris.map { $0["ref"] as? String } == [other])
        #expect(await cli.run(["case", "status", ref, "located"], operatorName: "oleg").code == 0)
        #expect(await cli.run(["case", "status", other, "located"], operatorName: "oleg").code == 0)
        let myNotices = try await notices(cli, ["--mine"], as: "boris")
        #expect(myNotices.count == 1 && myNotices[0]["case"] as? String == other)
        let history = try #require(
            (try await cli.run(["case", "show", ref, "--format", "json"], operatorName: "vera").json as? [String: Any])?[
                "history"]
                as? [[String: Any]])
        #expect(history.contains { $0["field"] as? String == "owner" && $0["to"] as? String == "oleg" })
    }

    @Test func operatorSetIsForAdminsAndInTheAudit() async throws {
        let cli = try CLI()
        _ = try await setUp(cli)
        let before = try snapshot(cli)
        let byOperator = await cli.run(["operator", "set", "boris", "--death-notices", "yes"], operatorName: "oleg")
        #expect(byOperator.code == 77)
        let nothing = await cli.run(["operator", "set", "boris"], operatorName: "anna")
        #expect(nothing.code == 1 && nothing.err.contains("nothing to change"))
        let bad = await cli.run(["operator", "set", "boris", "--death-notices", "sometimes"], operatorName: "anna")
        #expect(bad.code == 1)
        #expect(try snapshot(cli) == before)
        let set = await cli.run(
            ["operator", "set", "boris", "--death-notices", "yes", "--display", "Борис К.", "--format", "json"],
            operatorName: "anna")
        #expect(set.code == 0, "\(set.err)")
        let info = try #require(try set.json as? [String: Any])
        #expect(info["deathNotices"] as? Bool == true && info["displayName"] as? String == "Борис К.")
        let audit = try #require(
            try await cli.run(["audit", "--format", "json"], operatorName: "vera").json as? [[String: Any]])
        #expect(audit.contains { $0["subject"] as? String == "boris" && $0["field"] as? String == "death-notices" })
        #expect(audit.contains { $0["subject"] as? String == "boris" && $0["to"] as? String == "Борис К." })
    }

    @Test func theStatsCountTheFamiliesInformedAndWaiting() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        #expect(await cli.run(["case", "status", ref, "located"], operatorName: "oleg").code == 0)
        let id = String(try #require(try await notices(cli, ["--state", "pending"]).first?["id"] as? Int))
        func families() async throws -> [String: Any] {
            let stats = await cli.run(["stats", "--format", "json"], operatorName: "vera")
            #expect(stats.code == 0, "\(stats.err)")
            return try #require((try stats.json as? [String: Any])?["families"] as? [String: Any])
        }
        let before = try await families()
        #expect(Set(before.keys).isSuperset(of: ["informed", "waiting", "medianHoursToInform", "callbacksOverdue"]))
        #expect(before["informed"] as? Int == 0 && before["waiting"] as? Int == 2)
        #expect(before["medianHoursToInform"] is NSNull)
        _ = await cli.run(
            ["notice", "attempt", id, "--channel", "phone", "--result", "no-answer"], operatorName: "oleg")
        _ = await cli.run(["notice", "done", id, "--channel", "phone", "--note", "told"], operatorName: "oleg")
        let after = try await families()
        #expect(after["informed"] as? Int == 1 && after["waiting"] as? Int == 1)
        #expect(after["medianHoursToInform"] as? Double != nil && after["attemptsPerDelivered"] as? Double == 2)
        let byOperator = try #require(after["byOperator"] as? [[String: Any]])
        #expect(byOperator.first { $0["operator"] as? String == "oleg" }?["attempts"] as? Int == 2)
        let byRegion = try #require(after["byRegion"] as? [[String: Any]])
        #expect(byRegion.first?["region"] as? String == "RU-KRS" && byRegion.first?["informed"] as? Int == 1)
        let table = await cli.run(["stats"], operatorName: "vera")
        #expect(table.out.contains("Families:") && table.out.contains("call-backs overdue"))
    }

    @Test func theNewsStatusesAreConfigurable() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        let file = cli.directory.appendingPathComponent("config.json")
        try Data(#"{"notices": {"news": ["searching"]}}"#.utf8).write(to: file)
        #expect(
            await cli.run(["case", "status", ref, "located", "--config", file.path], operatorName: "oleg").code == 0)
        #expect(try await notices(cli).isEmpty)
        #expect(
            await cli.run(["case", "status", ref, "searching", "--config", file.path], operatorName: "oleg").code == 0)
        #expect(try await notices(cli).count == 2)
        try Data(#"{"notices": {"callbackDays": 0}}"#.utf8).write(to: file)
        let bad = await cli.run(["notice", "list", "--config", file.path], operatorName: "vera")
        #expect(bad.code == 78 && bad.err.contains("notices.callbackDays"), "\(bad.err)")
    }

    @Test func aNewsStatusTheLifecycleLacksIsRefusedAtLoad() async throws {
        let cli = try CLI()
        let ref = try await setUp(cli)
        let before = try cli.snapshot()
        let file = cli.directory.appendingPathComponent("config.json")
        try Data(#"{"notices": {"news": ["located", "fonud"]}}"#.utf8).write(to: file)
        let bad = await cli.run(["case", "status", ref, "located", "--config", file.path], operatorName: "oleg")
        #expect(bad.code == 78, "\(bad.err)")
        #expect(bad.err.contains("notices.news") && bad.err.contains("'fonud'"), "\(bad.err)")
        #expect(try cli.snapshot() == before)
        // A hotline with its own lifecycle and no `notices.news` still starts: the shipped list
        // is cut to the statuses it has.
        try Data(
            #"{"lifecycle": {"initial": "new", "open": ["new", "located"], "closed": ["closed"], "reopenTo": ["new"]}}"#
                .utf8
        ).write(to: file)
        #expect(await cli.run(["notice", "list", "--config", file.path], operatorName: "oleg").code == 0)
    }
}

/// A merge of two cases with news waiting for the same family on both (issue 13's leftover):
/// one notice remains, on the survivor, with the newer news; nothing stays on the merged case.
@Suite struct NoticeMergeTests {
    let helper = NoticeCommandTests()

    /// Two cases of the same person, both asked about by Иванова Мария (the same phone), both
    /// news: the survivor first, the duplicate later. The references, survivor first.
    func twoCasesWithNews(_ cli: CLI) async throws -> (String, String) {
        let survivor = try await helper.setUp(cli)
        let duplicate = try await helper.log(
            cli,
            [
                "--person", "Иванов Петр Сергеевич", "--region", "RU-BEL", "--new-case", "--inquirer", "Иванова Мария",
                "--relationship", "mother", "--contact", "phone:8 916 123-45-67",
            ])
        #expect(await cli.run(["case", "status", survivor, "located"], operatorName: "oleg").code == 0)
        #expect(await cli.run(["case", "status", duplicate, "captured"], operatorName: "oleg").code == 0)
        return (survivor, duplicate)
    }

    @Test func theFamilyKeepsOneNoticeWithTheNewerNews() async throws {
        let cli = try CLI()
        let (survivor, duplicate) = try await twoCasesWithNews(cli)
        let before = try await helper.notices(cli)
        let mother = try #require(before.first { $0["case"] as? String == duplicate }?["inquirer"] as? Int)
        #expect(before.filter { $0["inquirer"] as? Int == mother }.count == 2, "\(before)")

        let merged = await cli.run(["case", "merge", duplicate, "into", survivor], operatorName: "oleg")
        #expect(merged.code == 0, "\(merged.err)")
        let after = try await helper.notices(cli)
        #expect(!after.contains { $0["case"] as? String == duplicate }, "\(after)")
        let hers = after.filter { $0["inquirer"] as? Int == mother }
        #expect(hers.count == 1 && hers.first?["case"] as? String == survivor, "\(after)")
        #expect(hers.first?["status"] as? String == "captured" && hers.first?["region"] as? String == "RU-KRS")
        // The father had news only on the survivor: his notice is untouched.
        #expect(after.count == 2, "\(after)")
        let shown = await cli.run(["case", "show", survivor], operatorName: "vera")
        #expect(shown.out.contains("folded into notice"), "\(shown.out)")
    }

    @Test func twoNoticesAlreadyTriedAreRefusedAndNothingWritten() async throws {
        let cli = try CLI()
        let (survivor, duplicate) = try await twoCasesWithNews(cli)
        let before = try await helper.notices(cli)
        let mother = try #require(before.first { $0["case"] as? String == duplicate }?["inquirer"] as? Int)
        for notice in before where notice["inquirer"] as? Int == mother {
            let id = try #require(notice["id"] as? Int)
            let tried = await cli.run(
                ["notice", "attempt", String(id), "--channel", "phone", "--result", "no-answer"], operatorName: "oleg")
            #expect(tried.code == 0, "\(tried.err)")
        }
        let snapshot = try helper.snapshot(cli)
        let refused = await cli.run(["case", "merge", duplicate, "into", survivor], operatorName: "oleg")
        #expect(refused.code == 1 && refused.err.contains("notice done"), "\(refused.code) \(refused.err)")
        #expect(try helper.snapshot(cli) == snapshot)
    }
}
