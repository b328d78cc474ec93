import Foundation
import GRDB
import Testing

/// `inbox list/show/convert/attach/discard`: an operator's triage of what families wrote.
struct InboxCommandTests {
    func stored(_ name: String, _ cli: CLI) throws -> Int {
        try MailIngestTests.id(try MailIngestTests.ingest(name, db: cli.dbPath))
    }

    func inboxRows(_ cli: CLI) throws -> [String] {
        try DatabaseQueue(path: cli.dbPath).read { db in
            try ["inbox_message", "inbox_event"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map { "\(table): \($0)" }
            }
        }
    }

    @Test func showOffersTheCaseOfTheSendersAddressAndOfTheNameInTheText() async throws {
        let cli = try CLI()
        let byName = try await cli.logInquiry()
        let byAddress = try await cli.logInquiry(
            person: "Сидоров Алексей", extra: ["--contact", "email:maria@families.example"])
        let id = try stored("utf8-8bit.eml", cli)
        let shown = try await MailIngestTests.show(id, cli: cli)
        let likely = try #require(shown["likelyCases"] as? [[String: Any]]).compactMap { $0["ref"] as? String }
        #expect(likely.contains(byName))
        #expect(likely.contains(byAddress))
        let table = await cli.run(["inbox", "show", String(id)])
        #expect(table.out.contains("Likely cases:") && table.out.contains(byName))
    }

    @Test func convertLogsAnInquiryWithTheSendersAddressThroughTheDuplicateCheck() async throws {
        let cli = try CLI()
        let existing = try await cli.logInquiry()
        let id = try stored("utf8-8bit.eml", cli)
        let words = [
            "inbox", "convert", String(id), "--person", "Иванов Пётр Сергеевич", "--region", "RU-KRS",
            "--relationship", "мать", "--format", "json",
        ]
        let before = try cli.snapshot()
        let duplicate = await cli.run(words)
        #expect(duplicate.code == 3)
        #expect(try cli.snapshot() == before)
        #expect(try await MailIngestTests.show(id, cli: cli)["state"] as? String == "new")

        let converted = await cli.run(words + ["--case", existing])
        #expect(converted.code == 0, "\(converted.err)")
        let logged = try #require(try converted.json as? [String: Any])
        #expect(logged["case"] as? String == existing)
        #expect(logged["inquirer"] is Int)
        #expect(logged["registry"] is [Any])
        let contact = try await DatabaseQueue(path: cli.dbPath).read {
            try String.fetchOne($0, sql: "SELECT value FROM contact WHERE kind = 'email'")
        }
        #expect(contact == "maria@families.example")
        let shown = try await MailIngestTests.show(id, cli: cli)
        #expect(shown["state"] as? String == "converted")
        #expect(shown["inquiry"] as? Int == logged["inquiry"] as? Int)
        // The sender's name from the From header is the inquirer's.
        let inquirer = try await DatabaseQueue(path: cli.dbPath).read {
            try String.fetchOne($0, sql: "SELECT name FROM inquirer ORDER BY id DESC LIMIT 1")
        }
        #expect(inquirer == "Мария Иванова")

        let twice = await cli.run(words + ["--case", existing])
        #expect(twice.code == 1)
        #expect(twice.err.contains("it is converted"), "\(twice.err)")
    }

    @Test func attachNotesTheMessageInTheCasesHistoryAndDiscardSaysWhy() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let photo = try stored("attachments.eml", cli)
        let spam = try stored("html-only.eml", cli)
        let attached = await cli.run(["inbox", "attach", String(photo), "--case", ref, "--note", "фото"])
        #expect(attached.code == 0, "\(attached.err)")
        let history = await cli.run(["case", "show", ref])
        #expect(history.out.contains("inbox \(photo)"), "\(history.out)")
        let discarded = await cli.run(["inbox", "discard", String(spam), "--reason", "spam", "--format", "json"])
        #expect(discarded.code == 0, "\(discarded.err)")
        #expect(try #require(try discarded.json as? [String: Any])["state"] as? String == "discarded")

        let newOnly = await cli.run(["inbox", "list", "--state", "new", "--format", "json"])
        #expect((try newOnly.json as? [Any])?.isEmpty == true)
        let audit = await cli.run(["audit", "--format", "json"])
        #expect(audit.out.contains("\"discarded\"") && audit.out.contains("\"attached\""), "\(audit.out)")
    }

    @Test func badInputIsRefusedNamingTheFieldAndWritesNothing() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let id = try stored("utf8-8bit.eml", cli)
        let before = try inboxRows(cli)
        let snapshot = try cli.snapshot()
        let cases: [([String], String)] = [
            (["inbox", "discard", String(id), "--reason", "boring"], "spam, duplicate, other"),
            (["inbox", "attach", "999", "--case", ref], "no inbox item has this id"),
            (["inbox", "attach", String(id), "--case", "1234-5679"], "case"),
            (["inbox", "list", "--channel", "fax"], "email, telegram"),
            (["inbox", "list", "--state", "old"], "new, converted, attached, discarded"),
            (["inbox", "convert", String(id), "--relationship", "mother"], "person"),
        ]
        for (words, said) in cases {
            let refused = await cli.run(words)
            #expect(refused.code == 1, "\(words)")
            #expect(refused.err.contains(said), "\(words): \(refused.err)")
        }
        #expect(try inboxRows(cli) == before)
        #expect(try cli.snapshot() == snapshot)
    }

    @Test func aViewerReadsTheInboxButCannotSortIt() async throws {
        let cli = try CLI()
        #expect(await cli.run(["operator", "add", "boss", "--role", "admin"], operatorName: "boss").code == 0)
        #expect(await cli.run(["operator", "add", "vera", "--role", "viewer"], operatorName: "boss").code == 0)
        let id = try stored("utf8-8bit.eml", cli)
        #expect(await cli.run(["inbox", "list"], operatorName: "vera").code == 0)
        let refused = await cli.run(["inbox", "discard", String(id), "--reason", "spam"], operatorName: "vera")
        #expect(refused.code == 77)
        #expect(try await MailIngestTests.show(id, cli: cli, as: "boss")["state"] as? String == "new")
    }
}
