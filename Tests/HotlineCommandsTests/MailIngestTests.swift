import Foundation
import GRDB
import Testing

@testable import HotlineCommands

/// `hotline mail ingest`, run as a mail server runs it: the built binary, one message on stdin,
/// messages made by Python's email package (Fixtures/Mail/make-corpus.py).
struct MailIngestTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Mail")

    struct Outcome {
        let code: Int32
        let out: String
        let err: String
    }

    /// Runs the built `hotline` with `arguments`, `input` on stdin.
    static func hotline(_ arguments: [String], input: Data = Data(), environment: [String: String] = [:]) throws
        -> Outcome
    {
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["HOTLINE_OPERATOR": "tester"].merging(environment) { $1 }
        ) { $1 }
        try process.run()
        // Written from another thread: a 27 MB message does not fit the pipe while we wait.
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            code: process.terminationStatus, out: String(decoding: out, as: UTF8.self),
            err: String(decoding: err, as: UTF8.self))
    }

    static func ingest(_ name: String, db: String, replacing: (String, String)? = nil) throws -> Outcome {
        var bytes = try Data(contentsOf: corpus.appendingPathComponent(name))
        if let (from, to) = replacing {
            bytes = Data(String(decoding: bytes, as: UTF8.self).replacing(from, with: to).utf8)
        }
        return try hotline(["mail", "ingest", "--db", db, "--format", "json"], input: bytes)
    }

    static func show(_ id: Int, cli: CLI, as name: String = "tester") async throws -> [String: Any] {
        let shown = await cli.run(["inbox", "show", String(id), "--format", "json"], operatorName: name)
        #expect(shown.code == 0, "\(shown.err)")
        return try #require(try shown.json as? [String: Any])
    }

    static func id(_ outcome: Outcome) throws -> Int {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.out.utf8)) as? [String: Any], "\(outcome.err)")
        return try #require(object["id"] as? Int)
    }

    static func count(_ table: String, db: String) throws -> Int {
        try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)")! }
    }

    static let letterName = "Иванов Пётр Сергеевич"

    @Test(arguments: ["utf8-8bit.eml", "koi8r-qp.eml", "cp1251-base64.eml", "iso8859-5-qp.eml", "utf8-base64.eml"])
    func eachCharsetAndTransferEncodingIsReadAsUTF8(name: String) async throws {
        let cli = try CLI()
        let stored = try Self.ingest(name, db: cli.dbPath)
        #expect(stored.code == 0, "\(stored.err)")
        let shown = try await Self.show(try Self.id(stored), cli: cli)
        let text = try #require(shown["text"] as? String)
        #expect(text.contains(Self.letterName))
        #expect(text.contains("Мать, Иванова Мария."))
        let subject = try #require(shown["subject"] as? String)
        #expect(subject.hasPrefix("Ищу сына") || subject == "Пётр")
        #expect(shown["channel"] as? String == "email")
        #expect(shown["state"] as? String == "new")
    }

    @Test func rfc2047SendersNameIsDecoded() async throws {
        let cli = try CLI()
        let stored = try Self.ingest("koi8r-qp.eml", db: cli.dbPath)
        let list = await cli.run(["inbox", "list", "--format", "json"])
        let items = try #require(try list.json as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["id"] as? Int == (try Self.id(stored)))
        #expect(items.first?["sender"] as? String == "Мария")
        #expect(items.first?["from"] as? String == "koi8@families.example")
        #expect(items.first?["receivedAt"] is String)
        #expect(items.first?.keys.contains("case") == true)
    }

    @Test func alternativeTakesTheTextPartAndHTMLOnlyIsReducedToText() async throws {
        let cli = try CLI()
        let alternative = try await Self.show(try Self.id(try Self.ingest("alternative.eml", db: cli.dbPath)), cli: cli)
        #expect((alternative["text"] as? String)?.contains(Self.letterName) == true)
        #expect((alternative["text"] as? String)?.contains("<") == false)
        #expect((alternative["attachments"] as? [Any])?.isEmpty == true)
        let html = try await Self.show(try Self.id(try Self.ingest("html-only.eml", db: cli.dbPath)), cli: cli)
        let text = try #require(html["text"] as? String)
        #expect(text.contains("«Иванов Пётр»"))
        #expect(text.contains("12345"))
        #expect(!text.contains("alert") && !text.contains("color") && !text.contains("<"))
    }

    @Test func attachmentsAreKeptWithTheirDecodedNamesAndContentHashes() async throws {
        let cli = try CLI()
        let shown = try await Self.show(try Self.id(try Self.ingest("attachments.eml", db: cli.dbPath)), cli: cli)
        let attachments = try #require(shown["attachments"] as? [[String: Any]])
        #expect(attachments.count == 2)
        #expect(attachments.first?["name"] as? String == "фото сына.jpg")
        #expect(attachments.first?["type"] as? String == "image/jpeg")
        #expect(attachments.first?["size"] as? Int == 10_240)
        // sha256sum of bytes 0...255 forty times, as make-corpus.py wrote them.
        let photo = Data((0..<40).flatMap { _ in (0...255).map(UInt8.init) })
        let file = cli.directory.appendingPathComponent("photo")
        try photo.write(to: file)
        let sum = try Self.shell("sha256sum \(file.path)").prefix(64)
        #expect(attachments.first?["sha256"] as? String == String(sum))
        #expect(attachments.last?["name"] as? String == "letter.pdf")
        // Stored inside the database: one blob per content.
        #expect(try Self.count("inbox_blob", db: cli.dbPath) == 2)
    }

    static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self)
    }

    @Test func brokenMIMEIsStoredWithWhatCouldBeRead() async throws {
        let cli = try CLI()
        let stored = try Self.ingest("broken-mime.eml", db: cli.dbPath)
        #expect(stored.code == 0, "\(stored.err)")
        let shown = try await Self.show(try Self.id(stored), cli: cli)
        #expect((shown["text"] as? String)?.contains(Self.letterName) == true)
    }

    @Test(arguments: [
        ("no-sender.eml", "From"), ("not-a-message.eml", "not an RFC 5322 message"),
    ])
    func aMessageThatCanNeverBeTakenExits65WithTheReasonAndWritesNothing(name: String, reason: String) throws {
        let cli = try CLI()
        _ = try Self.ingest("utf8-8bit.eml", db: cli.dbPath)
        let refused = try Self.ingest(name, db: cli.dbPath)
        #expect(refused.code == 65)
        #expect(refused.err.contains("refused") && refused.err.contains(reason), "\(refused.err)")
        #expect(refused.out.isEmpty)
        #expect(try Self.count("inbox_message", db: cli.dbPath) == 1)
    }

    @Test func aTwentyMegabyteAttachmentIsOverTheCapAndRefusedWhole() throws {
        let cli = try CLI()
        let made = try Self.shell(
            "python3 \(Self.corpus.appendingPathComponent("make-corpus.py").path) --big \(cli.directory.path) && echo made"
        )
        #expect(made.contains("made"))
        let bytes = try Data(contentsOf: cli.directory.appendingPathComponent("big-attachment.eml"))
        #expect(bytes.count > 20_000_000)
        let refused = try Self.hotline(["mail", "ingest", "--db", cli.dbPath], input: bytes)
        #expect(refused.code == 65)
        #expect(refused.err.contains("attachment is too large"), "\(refused.err)")
        #expect(try Self.count("inbox_message", db: cli.dbPath) == 0)
        #expect(try Self.count("inbox_blob", db: cli.dbPath) == 0)
    }

    @Test(arguments: ["utf8-8bit.eml", "no-message-id.eml"])
    func theSameMessageDeliveredTwiceIsStoredOnce(name: String) throws {
        let cli = try CLI()
        let first = try Self.ingest(name, db: cli.dbPath)
        let second = try Self.ingest(name, db: cli.dbPath)
        #expect(first.code == 0 && second.code == 0)
        #expect(try Self.id(first) == (try Self.id(second)))
        #expect(second.out.contains("\"duplicate\" : true") || second.out.contains("\"duplicate\":true"))
        #expect(try Self.count("inbox_message", db: cli.dbPath) == 1)
        #expect(try Self.count("inbox_event", db: cli.dbPath) == 1)
    }

    @Test func aReplyFromAKnownSenderOnTheThreadIsLoggedAsTheirInquiry() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(extra: ["--contact", "email:Maria@Families.example"])
        let before = try Self.count("inquiry", db: cli.dbPath)
        let stored = try Self.ingest("reply-thread.eml", db: cli.dbPath, replacing: ("0000-0000", ref))
        #expect(stored.code == 0, "\(stored.err)")
        let shown = try await Self.show(try Self.id(stored), cli: cli)
        #expect(shown["state"] as? String == "converted")
        #expect(shown["case"] as? String == ref)
        #expect(shown["inquiry"] is Int)
        #expect(try Self.count("inquiry", db: cli.dbPath) == before + 1)
        let channel = try await DatabaseQueue(path: cli.dbPath).read {
            try String.fetchOne($0, sql: "SELECT channel FROM inquiry ORDER BY id DESC LIMIT 1")
        }
        #expect(channel == "email")
        let history = await cli.run(["case", "show", ref])
        #expect(history.out.contains("via email"), "\(history.out)")
    }

    @Test func aReplyFromAStrangerOnTheThreadWaitsInTheInboxUnderTheCase() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let stored = try Self.ingest("reply-thread.eml", db: cli.dbPath, replacing: ("0000-0000", ref))
        let shown = try await Self.show(try Self.id(stored), cli: cli)
        #expect(shown["state"] as? String == "new")
        #expect(shown["case"] as? String == ref)
        let likely = try #require(shown["likelyCases"] as? [[String: Any]])
        #expect(likely.first?["ref"] as? String == ref)
    }

    @Test func aMaildirRunMovesEachCommittedMessageToCurAndLeavesRefusedOnesInNew() throws {
        let cli = try CLI()
        let maildir = cli.directory.appendingPathComponent("Maildir")
        for folder in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(
                at: maildir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let names = ["utf8-8bit.eml", "koi8r-qp.eml", "no-sender.eml", "attachments.eml"]
        for (index, name) in names.enumerated() {
            try FileManager.default.copyItem(
                at: Self.corpus.appendingPathComponent(name),
                to: maildir.appendingPathComponent("new/100\(index).host"))
        }
        let run = try Self.hotline(["mail", "ingest", "--maildir", maildir.path, "--db", cli.dbPath])
        #expect(run.code == 65)
        #expect(run.out.contains("3 stored, 1 refused"), "\(run.out)")
        #expect(run.err.contains("1002.host refused"), "\(run.err)")
        let new = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        let cur = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("cur").path)
        #expect(new == ["1002.host"])
        #expect(Set(cur) == ["1000.host:2,", "1001.host:2,", "1003.host:2,"])
        #expect(try Self.count("inbox_message", db: cli.dbPath) == 3)
    }

    @Test func aDatabaseThatTurnsBusyLeavesTheRestOfTheMaildirInNewAfterOneWait() throws {
        let cli = try CLI()
        _ = try Self.hotline(["db", "version", "--db", cli.dbPath])  // created and migrated first
        let maildir = cli.directory.appendingPathComponent("Maildir")
        for folder in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(
                at: maildir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let template = String(
            decoding: try Data(contentsOf: Self.corpus.appendingPathComponent("utf8-8bit.eml")), as: UTF8.self)
        let total = MailIngest.batchCount * 40
        for index in 0..<total {
            let message = template.replacingOccurrences(of: "Message-ID: <", with: "Message-ID: <busy-\(index)-")
            try Data(message.utf8).write(to: maildir.appendingPathComponent("new/\(10_000 + index).host"))
        }
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = ["mail", "ingest", "--maildir", maildir.path, "--db", cli.dbPath]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOTLINE_BUSY_TIMEOUT_SECONDS": "0.3"]) {
            $1
        }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Once the first batch is in cur/, another writer takes the database for the rest of the run.
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let holder = try DatabaseQueue(path: cli.dbPath, configuration: configuration)
        let cur = maildir.appendingPathComponent("cur").path
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, try FileManager.default.contentsOfDirectory(atPath: cur).count < MailIngest.batchCount
        {
            usleep(1_000)
        }
        let (out, err) = try holder.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (out, err)
        }
        let stored = try Self.count("inbox_message", db: cli.dbPath)
        let left = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path).count
        #expect(process.terminationStatus == 75, "\(err)")
        #expect(stored >= MailIngest.batchCount && stored < total, "the run finished before the lock: make it longer")
        #expect(stored + left == total)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cur).count == stored)
        // One wait, one line for them all: the rest of the Maildir was not tried batch by batch.
        #expect(err.contains("hotline: \(left) messages left in new/ for the next run"), "\(err)")
        #expect(err.split(separator: "\n").count == 1, "\(err)")
        #expect(out.contains("\(stored) stored, 0 refused, \(left) left for later (of \(total))"), "\(out)")
    }
}
