import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// A command that said "logged" has its data on disk: the writing connection syncs every commit.
struct DurabilityTests {
    @Test func theWritingConnectionSyncsEveryCommit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hotline-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try HotlineDatabase.open(path: directory.appendingPathComponent("h.sqlite").path)
        // 2 is FULL; GRDB's WAL set-up leaves NORMAL (1), which a power cut can undo.
        let synchronous = try database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2)
        let journal = try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }
}
