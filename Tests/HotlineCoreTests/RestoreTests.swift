import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// `db restore` and `db backup`: nothing acknowledged is lost, nothing unchecked is taken,
/// nothing half-made is left under a real name.
@Suite struct RestoreTests {
    /// A database with one case, and a backup of it taken by `db backup`.
    struct Given {
        let fixture: Fixture
        let backup: String

        init() throws {
            fixture = try Fixture()
            try fixture.log(draft(person: "Backed Up"))
            backup = fixture.directory.appendingPathComponent("backup.sqlite").path
            try fixture.hotline().backup(to: backup, by: OperatorName("anna"))
        }

        /// A copy of the backup, changed by `sql` as a hand edit or another program would.
        func edited(_ sql: String, name: String = "edited.sqlite") throws -> String {
            let path = fixture.directory.appendingPathComponent(name).path
            try FileManager.default.copyItem(atPath: backup, toPath: path)
            try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: sql) }
            return path
        }

        func restore(_ path: String, at now: Date = t0) throws -> String {
            try fixture.hotline(at: now).restore(from: path, by: OperatorName("anna"))
        }
    }

    func persons(at path: String) throws -> Set<String> {
        try DatabaseQueue(path: path).read { db in
            Set(try String.fetchAll(db, sql: "SELECT person_name FROM person_case"))
        }
    }

    @Test func writesCommittedDuringARestoreAreInTheRestoredDatabaseOrTheSavedCopy() throws {
        // Given a backup with some weight, and four operators writing on their own connections
        let given = try Given()
        let hotline = given.fixture.hotline()
        for index in 0..<300 { try given.fixture.log(draft(person: "Old \(index)")) }
        try FileManager.default.removeItem(atPath: given.backup)
        try hotline.backup(to: given.backup, by: OperatorName("anna"))
        let stop = Failures()  // non-empty once the writers should stop
        let acknowledged = Failures()
        let failures = Failures()
        let finished = DispatchSemaphore(value: 0)
        for worker in 0..<4 {
            Thread.detachNewThread {
                defer { finished.signal() }
                do {
                    let own = Hotline(database: try HotlineDatabase.open(path: given.fixture.path), rules: .shipped)
                    var index = 0
                    while stop.all.isEmpty {
                        let person = "Writer \(worker) inquiry \(index)"
                        _ = try own.logInquiry(draft(person: person), by: OperatorName("operator\(worker)"))
                        acknowledged.add(person)
                        index += 1
                    }
                } catch {
                    failures.add("\(worker): \(error)")
                }
            }
        }
        func waitForWrites(_ count: Int) {
            let deadline = Date().addingTimeInterval(20)
            while acknowledged.all.count < count && Date() < deadline && failures.all.isEmpty {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
        // When the database is restored three times while they write
        var saved: [String] = []
        for round in 0..<3 {
            waitForWrites(acknowledged.all.count + 20)
            saved.append(try given.restore(given.backup, at: minutes(round)))
        }
        waitForWrites(acknowledged.all.count + 20)
        stop.add("stop")
        for _ in 0..<4 { finished.wait() }
        // Then every write that was acknowledged is in the final database or in a saved copy
        #expect(failures.all == [])
        var found = try persons(at: given.fixture.path)
        for copy in saved { found.formUnion(try persons(at: copy)) }
        let lost = acknowledged.all.filter { !found.contains($0) }
        #expect(lost == [], "\(lost.count) of \(acknowledged.all.count) acknowledged inquiries lost")
        #expect(acknowledged.all.count > 20)
        #expect(Set(saved).count == 3)
    }

    @Test(arguments: [
        "INSERT INTO grdb_migrations VALUES ('v999_future')",
        "DROP TABLE grdb_migrations",
        "DELETE FROM grdb_migrations",
    ])
    func aCandidateThatCannotBeOpenedIsRefusedBeforeAnythingIsTouched(_ edit: String) throws {
        // Given a backup from a newer hotline, or with hotline's tables but no migration record
        let given = try Given()
        let candidate = try given.edited(edit)
        try given.fixture.log(draft(person: "Logged after the backup"))
        let before = try given.fixture.snapshot()
        // When it is restored
        let error = #expect(throws: HotlineError.self) { try given.restore(candidate) }
        // Then it is refused, saying why, and the database is as it was and still opens
        let parts = try #require(invalidField(error))
        #expect(parts.field == "restore path")
        #expect(parts.problem.contains("newer version") || parts.problem.contains("not a hotline database"), "\(parts)")
        #expect(try given.fixture.snapshot() == before)
        _ = try HotlineDatabase.open(path: given.fixture.path)
        #expect(try given.fixture.hotline().savedCopies(by: OperatorName("anna")) == [])
    }

    @Test func aCandidateWhoseSchemaDriftsIsRefusedAndDbCheckReportsTheDrift() throws {
        // Given a backup edited to drop the history's guard and add a trigger that makes everyone admin
        let given = try Given()
        let candidate = try given.edited(
            """
            DROP TRIGGER case_history_no_delete;
            CREATE TRIGGER z AFTER INSERT ON inquiry BEGIN UPDATE operator SET role = 'admin'; END;
            """)
        let before = try given.fixture.snapshot()
        // When it is restored, then it is refused, naming both differences
        let error = #expect(throws: HotlineError.self) { try given.restore(candidate) }
        let problem = try #require(invalidField(error)).problem
        #expect(problem.contains("trigger case_history_no_delete is missing"), "\(problem)")
        #expect(problem.contains("trigger z is not part of hotline's schema"), "\(problem)")
        #expect(try given.fixture.snapshot() == before)
        // And db check on a database edited the same way reports the drift
        try given.fixture.database.write { db in
            try db.execute(
                sql: "CREATE TRIGGER z AFTER INSERT ON inquiry BEGIN UPDATE operator SET role = 'admin'; END")
            try db.execute(sql: "CREATE INDEX extra ON inquiry(note)")
        }
        let problems = try given.fixture.hotline().checkDatabase(by: OperatorName("anna"))
        #expect(
            problems.map(\.description) == [
                "schema: the index extra is not part of hotline's schema (the migrations do not make it)",
                "schema: the trigger z is not part of hotline's schema (the migrations do not make it)",
            ])
    }

    @Test func aBackupFromAnOlderHotlineIsMigratedOnTheCopyAndRestored() throws {
        // Given a backup written before the search migration, and the file's bytes
        let given = try Given()
        let older = given.fixture.directory.appendingPathComponent("older.sqlite").path
        let queue = try DatabaseQueue(path: older)
        try HotlineDatabase.migrator.migrate(queue, upTo: "v002_operators")
        try queue.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: older))
        // When it is restored, then the database has every migration and passes db check
        _ = try given.restore(older)
        let version = try given.fixture.hotline().schemaVersion()
        #expect(version.pending == [])
        #expect(try given.fixture.hotline().checkDatabase(by: OperatorName("anna")) == [])
        // And the backup file itself was only read
        #expect(try Data(contentsOf: URL(fileURLWithPath: older)) == bytes)
    }

    @Test func aRestoreInsideATransactionIsRefused() throws {
        let given = try Given()
        let session = given.fixture.hotline().makeSession()
        try session.database.inSessionTransaction {
            let error = #expect(throws: HotlineError.self) {
                try session.restore(from: given.backup, by: OperatorName("anna"))
            }
            #expect(invalidField(error)?.problem == "a restore cannot run inside a transaction")
            return false
        }
    }

    @Test func aFreshDatabaseHasExactlyTheMigrationsSchema() throws {
        let fixture = try Fixture()
        #expect(try fixture.database.read { db in try SchemaDrift.differences(in: db) } == [])
    }

    @Test func aBackupWithAnotherPageSizeRestores() throws {
        // Given a backup whose pages are 8192 bytes (the live database has SQLite's 4096)
        let given = try Given()
        let candidate = try given.edited("PRAGMA journal_mode = DELETE; PRAGMA page_size = 8192; VACUUM;")
        #expect(try DatabaseQueue(path: candidate).read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 8192)
        try given.fixture.log(draft(person: "Replaced"))
        // When it is restored, then it is in place
        _ = try given.restore(candidate)
        #expect(try persons(at: given.fixture.path) == ["Backed Up"])
        #expect(try given.fixture.hotline().checkDatabase(by: OperatorName("anna")) == [])
    }

    @Test func twoRestoresInTheSameMillisecondSaveTwoCopies() throws {
        let given = try Given()
        let first = try given.restore(given.backup)
        let second = try given.restore(given.backup)
        #expect(first != second)
        #expect(second == first + "-2")
        let listed = try given.fixture.hotline().savedCopies(by: OperatorName("anna"))
        #expect(Set(listed.map(\.path)) == [first, second])
        #expect(listed.allSatisfy { $0.bytes > 0 && $0.note == "the content before a restore" })
    }

    @Test func aRestoreWaitingForAnotherWriterFailsAsBusyAndChangesNothing() throws {
        let given = try Given()
        try given.fixture.log(draft(person: "Current"))
        let database = try HotlineDatabase.open(path: given.fixture.path, busyTimeout: 0.3)
        let hotline = Hotline(database: database, rules: .shipped)
        let before = try given.fixture.snapshot()
        try DatabaseQueue(path: given.fixture.path).inTransaction(.immediate) { _ in
            #expect(throws: HotlineError.databaseBusy(timeoutSeconds: 0.3)) {
                try hotline.restore(from: given.backup, by: OperatorName("anna"))
            }
            return .rollback
        }
        #expect(try given.fixture.snapshot() == before)
        #expect(try hotline.savedCopies(by: OperatorName("anna")) == [])
    }

    @Test func aCorruptPageIsAProblemOfDbCheckNotAnError() throws {
        // Given a database whose case table's pages are overwritten with garbage
        let given = try Given()
        for index in 0..<200 {
            try given.fixture.log(draft(person: "Filler \(index)", note: String(repeating: "x", count: 300)))
        }
        let path = given.fixture.path
        try given.fixture.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let root = try given.fixture.database.read { db in
            try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'inquiry'") ?? 0
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()
        // When it is checked, then the damage is a problem line, not a thrown error
        let fresh = Hotline(database: try HotlineDatabase.open(path: path), rules: .shipped)
        let problems = try fresh.checkDatabase(by: OperatorName("anna"))
        #expect(problems.first?.check == "integrity", "\(problems)")
    }
}
