import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// The database file: private to its owner, migrated on open, refused when it is not ours.
@Suite struct DatabaseFileTests {
    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    @Test func databaseFileIsCreatedReadableByItsOwnerOnly() throws {
        // Given a path in a directory that does not exist yet
        let path = try Fixture.freshDirectory().appendingPathComponent("data/hotline.sqlite").path
        // When the database is opened and written to
        let database = try HotlineDatabase.open(path: path)
        _ = try Hotline(database: database, rules: .shipped, now: { t0 }).logInquiry(draft(), by: OperatorName("anna"))
        // Then the file is mode 0600 and its new directory 0700
        #expect(try mode(path) == 0o600)
        #expect(try mode((path as NSString).deletingLastPathComponent) == 0o700)
        // And so are SQLite's write-ahead log and shared-memory files, which hold the same data
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try mode(path + suffix) == 0o600, "\(suffix)")
        }
    }

    @Test func databaseFileInAnExistingDirectoryIsCreatedWithMode0600() throws {
        let fixture = try Fixture()
        #expect(try mode(fixture.path) == 0o600)
    }

    @Test func openingCreatesTheSchemaInWALMode() throws {
        let fixture = try Fixture()
        let tables = try fixture.strings("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for table in ["case_history", "contact", "inquirer", "inquiry", "person_case"] {
            #expect(tables.contains(table))
        }
        #expect(try fixture.strings("PRAGMA journal_mode") == ["wal"])
        #expect(try fixture.database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
        #expect(try fixture.database.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)  // FULL
    }

    @Test func reopeningKeepsTheDataAndDoesNotMigrateAgain() throws {
        // Given a database with a case
        let directory = try Fixture.freshDirectory()
        let path = directory.appendingPathComponent("hotline.sqlite").path
        let first = try HotlineDatabase.open(path: path)
        let logged = try Hotline(database: first, rules: .shipped, now: { t0 }).logInquiry(
            draft(), by: OperatorName("anna"))
        // When it is opened again
        let second = try HotlineDatabase.open(path: path)
        // Then the case is there
        let detail = try Hotline(database: second, rules: .shipped).caseDetail(
            ref: logged.ref, as: OperatorName("anna"))
        #expect(detail.person == "Иванов Пётр Сергеевич")
    }

    @Test func fileThatIsNotADatabaseIsRefused() throws {
        // Given a text file where the database should be
        let path = try Fixture.freshDirectory().appendingPathComponent("notes.txt").path
        try Data(String(repeating: "not a database at all\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        // When it is opened
        let error = #expect(throws: HotlineError.self) { try HotlineDatabase.open(path: path) }
        // Then it is refused as unavailable, saying why, and the file is untouched
        guard case .databaseUnavailable(let where_, let reason)? = error else {
            Issue.record("expected databaseUnavailable, got \(String(describing: error))")
            return
        }
        #expect(where_ == path)
        #expect(reason == "the file is not a SQLite database")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("not a database at all"))
    }

    @Test func databaseInAFolderThatCannotBeCreatedIsRefused() throws {
        // Given a path under a regular file
        let file = try Fixture.freshDirectory().appendingPathComponent("file").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        // Then opening a database below it fails as unavailable
        let error = #expect(throws: HotlineError.self) { try HotlineDatabase.open(path: file + "/sub/hotline.sqlite") }
        guard case .databaseUnavailable? = error else {
            Issue.record("expected databaseUnavailable, got \(String(describing: error))")
            return
        }
    }

    @Test func inMemoryDatabaseHasTheFullSchemaAndWorks() throws {
        // Given an in-memory database
        let database = try HotlineDatabase.inMemory()
        #expect(database.path == ":memory:")
        let hotline = Hotline(database: database, rules: .shipped, now: { t0 })
        // When a case is logged and moved
        let logged = try hotline.logInquiry(draft(), by: OperatorName("anna"))
        _ = try hotline.changeStatus(StatusChangeDraft(ref: logged.ref, status: "searching"), by: OperatorName("anna"))
        // Then it reads back, and its history is append-only there too
        let detail = try hotline.caseDetail(ref: logged.ref, as: OperatorName("anna"))
        #expect(detail.status == "searching")
        #expect(detail.history.map(\.kind) == ["opened", "inquiry", "status"])
        let refused = #expect(throws: HotlineError.self) {
            try database.write { db in try db.execute(sql: "DELETE FROM case_history") }
        }
        #expect(refused?.databaseMessage != nil, "SQLite refused it: \(String(describing: refused))")
    }

    @Test func foreignKeysAreEnforced() throws {
        let fixture = try Fixture()
        let refused = #expect(throws: HotlineError.self) {
            try fixture.database.write { db in
                try db.execute(
                    sql: "INSERT INTO contact (inquirer_id, kind, value) VALUES (999, 'phone', '+79161234567')")
            }
        }
        #expect(refused?.databaseMessage != nil, "SQLite refused it: \(String(describing: refused))")
    }

    @Test func writeWaitingLongerThanTheBusyTimeoutFailsAsBusyAndWritesNothing() throws {
        // Given a database whose writes wait at most 0.3 s for another writer
        let directory = try Fixture.freshDirectory()
        let path = directory.appendingPathComponent("hotline.sqlite").path
        let database = try HotlineDatabase.open(path: path, busyTimeout: 0.3)
        let hotline = Hotline(database: database, rules: .shipped, now: { t0 })
        let logged = try hotline.logInquiry(draft(), by: OperatorName("anna"))
        // And another operator's process holding the write lock
        let other = try DatabaseQueue(path: path)
        let started = Date()
        try other.inTransaction(.immediate) { db in
            try db.execute(sql: "UPDATE person_case SET unit = 'their change'")
            // When this operator tries to write
            #expect(throws: HotlineError.databaseBusy(timeoutSeconds: 0.3)) {
                try hotline.changeStatus(
                    StatusChangeDraft(ref: logged.ref, status: "searching"), by: OperatorName("anna"))
            }
            // Then it waited for the timeout, no longer
            let waited = Date().timeIntervalSince(started)
            #expect(waited >= 0.25 && waited < 5, "waited \(waited) s")
            // And reading still works meanwhile, seeing the last commit
            #expect(try hotline.caseDetail(ref: logged.ref, as: OperatorName("anna")).unit == nil)
            return .rollback
        }
        // And nothing was written
        #expect(try hotline.caseDetail(ref: logged.ref, as: OperatorName("anna")).status == "new")
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_history") } == 2)
    }

    @Test func concurrentOperatorsOnSeparateConnectionsAreAllWritten() throws {
        // Given one database file, opened separately by 6 operators as separate processes would
        let directory = try Fixture.freshDirectory()
        let path = directory.appendingPathComponent("hotline.sqlite").path
        _ = try HotlineDatabase.open(path: path)
        let failures = Failures()
        // When each logs 5 inquiries at the same time as the others
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            do {
                let hotline = Hotline(database: try HotlineDatabase.open(path: path), rules: .shipped, now: { t0 })
                for index in 0..<5 {
                    _ = try hotline.logInquiry(
                        draft(person: "Worker \(worker) case \(index)", contacts: ["8 916 000-00-0\(worker)"]),
                        by: OperatorName("operator\(worker)"))
                }
            } catch {
                failures.add("\(worker): \(error)")
            }
        }
        // Then every inquiry was written, each case whole
        #expect(failures.all == [])
        let database = try HotlineDatabase.open(path: path)
        let counts = try database.read { db in
            try ["person_case", "inquiry", "case_history", "inquirer", "contact"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1
            }
        }
        #expect(counts == [30, 30, 60, 6, 6])
    }

    @Test func defaultDatabasePathFollowsXDG() {
        #expect(
            HotlineSettings.defaultDatabasePath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/anna"])
                == "/data/hotline/hotline.sqlite")
        #expect(
            HotlineSettings.defaultDatabasePath(environment: ["XDG_DATA_HOME": "", "HOME": "/home/anna"])
                == "/home/anna/.local/share/hotline/hotline.sqlite")
        #expect(
            HotlineSettings.defaultDatabasePath(environment: ["HOME": "/home/anna"])
                == "/home/anna/.local/share/hotline/hotline.sqlite")
    }
}

/// Errors gathered from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}
