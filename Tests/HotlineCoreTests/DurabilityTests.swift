import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// A command that said "logged" has its data on disk: the writing connection syncs every commit.
struct DurabilityTests {
    /// The shell's reader pool and a one-shot command's single connection alike.
    @Test(arguments: [false, true]) func theWritingConnectionSyncsEveryCommit(oneShot: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hotline-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try HotlineDatabase.open(
            path: directory.appendingPathComponent("h.sqlite").path, oneShot: oneShot)
        // 2 is FULL; GRDB's WAL set-up leaves NORMAL (1), which a power cut can undo.
        let synchronous = try database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2)
        let journal = try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }
}
