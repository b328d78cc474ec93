import Foundation
import GRDB
import HotlineCore
import Testing

@testable import HotlineCommands

/// `db backup`, `db restore` and `db backups` through the command tree; files hotline refuses.
struct RestoreCommandTests {
    @Test func aRefusedRestoreLeavesEveryCommandWorking() async throws {
        // Given a copy of the database that a newer hotline would have written
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let candidate = cli.directory.appendingPathComponent("f.sqlite").path
        #expect(await cli.run(["db", "backup", candidate]).code == 0)
        try await DatabaseQueue(path: candidate).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v999')")
        }
        // When it is restored, then it is refused (bad input, exit 1) and the database still works
        let restored = await cli.run(["db", "restore", candidate])
        #expect(restored.code == 1, "\(restored.err)")
        #expect(restored.err.contains("written by a newer version of hotline"))
        #expect(await cli.run(["case", "show", ref]).code == 0)
        #expect(await cli.run(["db", "check"]).code == 0)
    }

    @Test func dbBackupsListsTheCopiesRestoresSaved() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry()
        #expect(await cli.run(["db", "backups"]).out.contains("No saved copies"))
        let backup = cli.directory.appendingPathComponent("b.sqlite").path
        #expect(await cli.run(["db", "backup", backup]).code == 0)
        #expect(await cli.run(["db", "restore", backup]).code == 0)
        #expect(await cli.run(["db", "restore", backup]).code == 0)
        let listed = try #require(try await cli.run(["db", "backups", "--format", "json"]).json as? [[String: Any]])
        #expect(listed.count == 2)
        #expect(listed.allSatisfy { ($0["path"] as? String)?.contains(".before-restore-") == true })
        #expect(listed.allSatisfy { ($0["bytes"] as? Int ?? 0) > 0 })
        let table = await cli.run(["db", "backups"])
        #expect(table.out.contains("BYTES") && table.out.contains("the content before a restore"))
        // Nothing but the database, its backup and the two saved copies is left in the folder
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(names.filter { $0.contains("incomplete") || $0.contains("restoring") || $0.contains("creating") } == [])
        #expect(!names.contains("b.sqlite-journal") && !names.contains("b.sqlite-wal"))
        // --keep 1 deletes the older copy
        let pruned = await cli.run(["db", "backups", "--keep", "1", "--format", "json"])
        #expect(pruned.code == 0 && pruned.err.contains("Deleted"), "\(pruned.err)")
        let left = try #require(try pruned.json as? [[String: Any]])
        #expect(left.map { $0["path"] as? String } == [listed.last?["path"] as? String])
        #expect(await cli.run(["db", "backups", "--keep=-1"]).code == 1)
    }

    @Test func anEmptyDatabasePathIsAConfigurationError() async throws {
        let captured = CapturedOutput()
        let code = await Console.$current.withValue(captured.console) {
            await CommandRunner.run(["case", "list", "--db", ""])
        }
        #expect(code == 78)
        #expect(captured.err.contains("the database path is empty"), "\(captured.err)")
        #expect(!captured.err.contains("cannot open the database at :"))
    }

    @Test func anotherProgramsDatabaseIsRefusedByEveryCommand() async throws {
        let cli = try CLI()
        let app = cli.directory.appendingPathComponent("app.db").path
        try await DatabaseQueue(path: app).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: app))
        let captured = CapturedOutput()
        let result = await Console.$current.withValue(captured.console) {
            await CommandRunner.run(["case", "list", "--db", app])
        }
        #expect(result == 74)
        #expect(captured.err.contains("not a hotline database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: app)) == before)
        #expect(!FileManager.default.fileExists(atPath: app + "-wal"))
    }

    @Test func theShellHistoryIsNeverWrittenThroughASymbolicLink() throws {
        let cli = try CLI()
        let exposed = cli.directory.appendingPathComponent("pub").path
        try FileManager.default.createDirectory(atPath: exposed, withIntermediateDirectories: true)
        let history = cli.directory.appendingPathComponent("shell_history").path
        try FileManager.default.createSymbolicLink(atPath: history, withDestinationPath: exposed + "/leak")
        #expect(!EditLineSource.createPrivately(history))
        #expect(try FileManager.default.contentsOfDirectory(atPath: exposed) == [])
        // A real path is created 0600 whatever the umask
        let saved = umask(0o022)
        defer { umask(saved) }
        let real = cli.directory.appendingPathComponent("history2").path
        #expect(EditLineSource.createPrivately(real))
        #expect(try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? Int == 0o600)
    }
}
