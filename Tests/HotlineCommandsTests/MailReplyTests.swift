import Foundation
import GRDB
import Testing

/// `case reply` and `mail ingest --acknowledge` through a fake sendmail that saves what it is
/// given; Python's email package reads the saved messages back.
struct MailReplyTests {
    struct Setup {
        let cli: CLI
        let config: String
        let outbox: URL

        init(sendmailExits code: Int = 0) throws {
            cli = try CLI()
            outbox = cli.directory.appendingPathComponent("outbox")
            try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
            let script = cli.directory.appendingPathComponent("fake-sendmail")
            try """
            #!/bin/sh
            # Saves the message it is given, with its arguments, as sendmail -t -i would take it.
            n=$(ls "\(outbox.path)" | wc -l)
            echo "$@" > "\(outbox.path)/$n.args"
            cat > "\(outbox.path)/$n.eml"
            exit \(code)
            """.write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            config = cli.directory.appendingPathComponent("config.json").path
            try """
            {"mail": {"address": "hotline@example.org", "sendmail": "\(script.path) -t -i"}}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        }

        var sent: [URL] {
            ((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []).filter { $0.hasSuffix(".eml") }
                .sorted().map { outbox.appendingPathComponent($0) }
        }

        /// A header of a saved message as Python's email package decodes it.
        func header(_ name: String, of file: URL) throws -> String {
            try MailIngestTests.shell(
                """
                python3 -c 'import sys, email, email.policy; m = email.message_from_binary_file(open(sys.argv[1], "rb"), \
                policy=email.policy.default); print(m[sys.argv[2]] if sys.argv[2] != "body" else m.get_content(), end="")' \
                \(file.path) \(name)
                """)
        }
    }

    @Test func aReplyCarriesTheReferenceAndAnswersTheFamilysLatestMessage() async throws {
        let setup = try Setup()
        let cli = setup.cli
        let ref = try await cli.logInquiry(extra: ["--contact", "email:maria@families.example"])
        let inquirer = try await DatabaseQueue(path: cli.dbPath).read {
            try Int.fetchOne($0, sql: "SELECT id FROM inquirer")!
        }
        // Her letter on the thread: logged as her inquiry, and the one the reply answers.
        _ = try MailIngestTests.ingest("reply-thread.eml", db: cli.dbPath, replacing: ("0000-0000", ref))

        let reply = await cli.run([
            "case", "reply", ref, "--inquirer", String(inquirer), "--text", "Мы ищем. Ждите звонка.",
            "--config", setup.config, "--format", "json",
        ])
        #expect(reply.code == 0, "\(reply.err)")
        let file = try #require(setup.sent.first)
        #expect(try setup.header("Subject", of: file) == "Re: Your inquiry [HL \(ref)]")
        #expect(try setup.header("To", of: file) == "maria@families.example")
        #expect(try setup.header("From", of: file) == "hotline@example.org")
        #expect(try setup.header("In-Reply-To", of: file) == "<corpus-11@families.example>")
        #expect(try setup.header("body", of: file).contains("Мы ищем. Ждите звонка."))
        #expect(try setup.header("Auto-Submitted", of: file) == "None")
        let args = try String(contentsOf: setup.outbox.appendingPathComponent("0.args"), encoding: .utf8)
        #expect(args.trimmingCharacters(in: .whitespacesAndNewlines) == "-t -i")
        let history = await cli.run(["case", "show", ref])
        #expect(history.out.contains("e-mail reply to inquirer \(inquirer)"), "\(history.out)")

        // The family answers the reply: In-Reply-To alone threads it onto the case.
        let messageId = try #require(try reply.json as? [String: Any])["messageId"] as? String
        let answer = """
            From: maria@families.example
            To: hotline@example.org
            Message-ID: <answer-1@families.example>
            In-Reply-To: \(messageId ?? "")
            Subject: =?UTF-8?B?0KHQv9Cw0YHQuNCx0L4=?=

            Спасибо.
            """
        let stored = try MailIngestTests.hotline(
            ["mail", "ingest", "--db", cli.dbPath, "--format", "json"], input: Data(answer.utf8))
        #expect(stored.out.contains("\"state\" : \"converted\""), "\(stored.out) \(stored.err)")
        #expect(stored.out.contains(ref))
    }

    @Test func aFailedSendmailRecordsNothing() async throws {
        let setup = try Setup(sendmailExits: 75)
        let cli = setup.cli
        let ref = try await cli.logInquiry(extra: ["--contact", "email:maria@families.example"])
        let before = try cli.snapshot()
        let reply = await cli.run([
            "case", "reply", ref, "--inquirer", "1", "--text", "x", "--config", setup.config,
        ])
        #expect(reply.code == 1)
        #expect(reply.err.contains("mail.sendmail") && reply.err.contains("exited with 75"), "\(reply.err)")
        #expect(try cli.snapshot() == before)
    }

    @Test func anInquirerWithoutAnAddressOrNotOnTheCaseIsRefused() async throws {
        let setup = try Setup()
        let cli = setup.cli
        let ref = try await cli.logInquiry()
        let noAddress = await cli.run([
            "case", "reply", ref, "--inquirer", "1", "--text", "x", "--config", setup.config,
        ])
        #expect(noAddress.code == 1)
        #expect(noAddress.err.contains("no e-mail address"), "\(noAddress.err)")
        let other = await cli.run(["case", "reply", ref, "--inquirer", "99", "--text", "x", "--config", setup.config])
        #expect(other.err.contains("no inquiry of this inquirer"), "\(other.err)")
        #expect(setup.sent.isEmpty)
    }

    @Test func acknowledgementsFollowRFC3834() throws {
        let setup = try Setup()
        let db = setup.cli.dbPath
        func ingest(_ name: String) throws -> MailIngestTests.Outcome {
            try MailIngestTests.hotline(
                ["mail", "ingest", "--acknowledge", "--db", db, "--config", setup.config],
                input: try Data(contentsOf: MailIngestTests.corpus.appendingPathComponent(name)))
        }
        #expect(try ingest("utf8-8bit.eml").code == 0)
        #expect(setup.sent.count == 1)
        let ack = try #require(setup.sent.first)
        #expect(try setup.header("Auto-Submitted", of: ack) == "auto-replied")
        #expect(try setup.header("In-Reply-To", of: ack) == "<corpus-1@families.example>")
        #expect(try setup.header("body", of: ack).contains("номер у нас: 1"))
        // The same sender again the same day, and the same message again: no second one.
        #expect(try ingest("alternative.eml").code == 0)  // another sender: answered
        #expect(setup.sent.count == 2)
        #expect(try ingest("utf8-8bit.eml").code == 0)
        #expect(setup.sent.count == 2)
        // An auto-reply is stored, never answered.
        #expect(try ingest("auto-reply.eml").code == 0)
        #expect(setup.sent.count == 2)
        // Nor are bulk or list mail, a bounce, or our own address.
        for (header, from) in [
            ("Precedence: bulk", "a@x.example"), ("List-Id: <families.lists.example>", "b@x.example"),
            ("Return-Path: <>", "c@x.example"), ("X-Note: ours", "hotline@example.org"),
        ] {
            let message =
                "From: \(from)\nTo: hotline@example.org\n\(header)\nMessage-ID: <\(from)-\(header.count)@x>\n"
                + "Subject: hi\n\ntext\n"
            let stored = try MailIngestTests.hotline(
                ["mail", "ingest", "--acknowledge", "--db", db, "--config", setup.config], input: Data(message.utf8))
            #expect(stored.code == 0, "\(stored.err)")
        }
        #expect(setup.sent.count == 2)
    }
}
