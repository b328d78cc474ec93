import Foundation
import GRDB
import Testing

@testable import HotlineCommands

/// A Maildir run killed (SIGKILL) in the middle: every message is wholly stored or not at all,
/// none is in cur/ without being stored, and the next run takes the rest without a duplicate.
struct MailKillTests {
    @Test func aKilledMaildirRunLeavesNothingHalfStoredAndTheNextRunFinishes() throws {
        let cli = try CLI()
        let maildir = cli.directory.appendingPathComponent("Maildir")
        for folder in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(
                at: maildir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let template = String(
            decoding: try Data(contentsOf: MailIngestTests.corpus.appendingPathComponent("attachments.eml")),
            as: UTF8.self)
        let total = 400
        for index in 0..<total {
            // Each its own Message-ID and photo (a distinct blob per message).
            let message = template.replacing("<corpus-8@", with: "<kill-\(index)@")
                .replacing("AAECAwQFBgcICQoL", with: String(format: "%016d", index))
            try Data(message.utf8).write(to: maildir.appendingPathComponent("new/\(10_000 + index).host"))
        }
        _ = try MailIngestTests.hotline(["db", "version", "--db", cli.dbPath])  // created and migrated first

        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = ["mail", "ingest", "--maildir", maildir.path, "--db", cli.dbPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once some messages are in cur/ (and others are not yet).
        let cur = maildir.appendingPathComponent("cur").path
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try FileManager.default.contentsOfDirectory(atPath: cur).count) < 20 {
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let queue = try DatabaseQueue(path: cli.dbPath)
        let (stored, halfStored) = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM inbox_message")!,
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM inbox_message m
                        WHERE (SELECT count(*) FROM inbox_attachment a WHERE a.message_id = m.id) <> 2
                            OR NOT EXISTS (SELECT 1 FROM inbox_event e WHERE e.message_id = m.id)
                        """)!
            )
        }
        let moved = try FileManager.default.contentsOfDirectory(atPath: cur).count
        #expect(stored < total, "the run finished before the kill: make the Maildir bigger")
        #expect(halfStored == 0)
        // Moved only after the commit: at most the batch being moved when killed is stored and not moved.
        #expect(moved <= stored && stored <= moved + MailIngest.batchCount)

        let again = try MailIngestTests.hotline(["mail", "ingest", "--maildir", maildir.path, "--db", cli.dbPath])
        #expect(again.code == 0, "\(again.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cur).count == total)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path).isEmpty)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM inbox_message")! } == total)
    }
}
