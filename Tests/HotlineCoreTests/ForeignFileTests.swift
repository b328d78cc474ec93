import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// Files that are not hotline's are refused before anything is written to them; hotline never
/// creates its files through a symbolic link; a full disk is said in words.
@Suite struct ForeignFileTests {
    func reason(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let HotlineError.databaseUnavailable(_, reason) {
            return reason.description
        } catch {
            return "\(error)"
        }
    }

    /// Every file in `directory` with its bytes, to show nothing was written or created.
    func contents(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    @Test func anotherProgramsDatabaseIsRefusedUntouched() throws {
        let directory = try Fixture.freshDirectory()
        let path = directory.appendingPathComponent("app.db").path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        }
        let before = try contents(directory)
        let why = reason { _ = try HotlineDatabase.open(path: path) }
        #expect(why?.contains("not a hotline database") == true, "\(why ?? "opened")")
        #expect(try contents(directory) == before)  // no tables added, no switch to WAL, no -wal file
    }

    @Test func anEmptyFileIsRefusedUntouched() throws {
        let directory = try Fixture.freshDirectory()
        let path = directory.appendingPathComponent("empty.db").path
        FileManager.default.createFile(atPath: path, contents: Data())
        let why = reason { _ = try HotlineDatabase.open(path: path) }
        #expect(why?.contains("the file is empty (0 bytes)") == true, "\(why ?? "opened")")
        #expect(try contents(directory) == ["empty.db": Data()])
    }

    @Test func aFileFromANewerHotlineIsRefusedBeforeAnyWrite() throws {
        // Given a hotline database in rollback-journal mode that a newer hotline migrated further
        let directory = try Fixture.freshDirectory()
        let path = directory.appendingPathComponent("newer.sqlite").path
        _ = try HotlineDatabase.open(path: path)
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE; INSERT INTO grdb_migrations VALUES ('v999_future')")
        }
        let before = try contents(directory)
        // When it is opened, then it is refused and not even switched to WAL mode
        let why = reason { _ = try HotlineDatabase.open(path: path) }
        #expect(why?.contains("newer version of hotline") == true, "\(why ?? "opened")")
        #expect(try contents(directory) == before)
    }

    @Test func aBlankSQLiteFileIsSetUp() throws {
        let path = try Fixture.freshDirectory().appendingPathComponent("blank.sqlite").path
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 0") }
        let database = try HotlineDatabase.open(path: path)
        #expect(try database.read { db in try db.tableExists("person_case") })
    }

    @Test func aDatabaseIsCreatedWholeUnderItsNameAndNothingElseIsLeft() throws {
        let directory = try Fixture.freshDirectory()
        _ = try HotlineDatabase.open(path: directory.appendingPathComponent("new.sqlite").path)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names.filter { $0.contains("creating") } == [])
        #expect(names.contains("new.sqlite"))
    }

    @Test(arguments: ["", "-wal", "-shm", "-journal"])
    func aSymbolicLinkAsTheDatabaseOrBesideItIsRefused(_ suffix: String) throws {
        // Given a link (to nowhere, in a folder others can read) where a database file would go
        let directory = try Fixture.freshDirectory()
        let exposed = directory.appendingPathComponent("pub")
        try FileManager.default.createDirectory(at: exposed, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("hotline.sqlite").path
        if suffix != "" { _ = try HotlineDatabase.open(path: path) }
        try FileManager.default.createSymbolicLink(
            atPath: path + suffix, withDestinationPath: exposed.appendingPathComponent("leak").path)
        // When the database is opened, then it is refused and nothing is created at the target
        let saved = umask(0o022)
        defer { umask(saved) }
        let why = reason { _ = try HotlineDatabase.open(path: path) }
        #expect(why?.contains("is a symbolic link") == true, "\(why ?? "opened")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: exposed.path) == [])
    }

    @Test func aBackupOrSavedCopyIsNeverWrittenThroughASymbolicLink() throws {
        let fixture = try Fixture()
        let exposed = fixture.directory.appendingPathComponent("pub")
        try FileManager.default.createDirectory(at: exposed, withIntermediateDirectories: true)
        let link = fixture.directory.appendingPathComponent("backup.sqlite").path
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: exposed.appendingPathComponent("leak.sqlite").path)
        let error = #expect(throws: HotlineError.self) {
            try fixture.hotline().backup(to: link, by: OperatorName("anna"))
        }
        #expect(invalidField(error)?.problem.contains("symbolic link") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: exposed.path) == [])
        // A saved copy's name taken by a link: the copy goes to the next free name, 0600
        let good = fixture.directory.appendingPathComponent("good.sqlite").path
        try fixture.hotline().backup(to: good, by: OperatorName("anna"))
        let stamp = Hotline.stamp(t0)
        try FileManager.default.createSymbolicLink(
            atPath: fixture.path + ".before-restore-" + stamp,
            withDestinationPath: exposed.appendingPathComponent("saved.sqlite").path)
        let saved = try fixture.hotline(at: t0).restore(from: good, by: OperatorName("anna"))
        #expect(saved.hasSuffix("-2"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: exposed.path) == [])
        let mode = try FileManager.default.attributesOfItem(atPath: saved)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

/// A small tmpfs, when this process may mount one (root in a container usually may): the disk
/// really fills up, as it does for users.
final class SmallDisk {
    let path: String

    init?(megabytes: Int) {
        let directory = Fixture.root.appendingPathComponent("disk-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", directory]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return nil }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { return nil }
        path = directory
    }

    /// Fills the disk but for `spare` bytes.
    func fill(leaving spare: Int) throws {
        var status = statvfs()
        statvfs(path, &status)
        let free = Int(status.f_bavail) * Int(status.f_frsize)
        FileManager.default.createFile(
            atPath: path + "/filler", contents: Data(count: max(0, free - spare)))
    }

    deinit {
        let unmount = Process()
        unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
        unmount.arguments = [path]
        try? unmount.run()
        unmount.waitUntilExit()
    }
}

@Suite struct DiskFullTests {
    @Test func backupToAFullDiskSaysSoAndLeavesNothing() throws {
        guard let disk = SmallDisk(megabytes: 1) else {
            print("skipped: cannot mount a tmpfs here (needs root); disk-full behaviour untested")
            return
        }
        let fixture = try Fixture()
        for index in 0..<400 {
            try fixture.log(draft(person: "Person \(index)", note: String(repeating: "n", count: 2000)))
        }
        let target = disk.path + "/backup.sqlite"
        let error = #expect(throws: HotlineError.self) {
            try fixture.hotline().backup(to: target, by: OperatorName("anna"))
        }
        guard case .databaseUnavailable(_, let reason)? = error else {
            Issue.record("expected databaseUnavailable, got \(String(describing: error))")
            return
        }
        #expect(reason.description.contains("the disk is full"), "\(reason)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == [])
    }

    @Test func aWriteOnAFullDiskSaysSoAndWritesNothing() throws {
        guard let disk = SmallDisk(megabytes: 2) else {
            print("skipped: cannot mount a tmpfs here (needs root); disk-full behaviour untested")
            return
        }
        let database = try HotlineDatabase.open(path: disk.path + "/hotline.sqlite")
        let hotline = Hotline(database: database, rules: .shipped)
        _ = try hotline.logInquiry(draft(person: "Before"), by: OperatorName("anna"))
        try disk.fill(leaving: 0)
        var reason = ""
        for index in 0..<200 {
            do {
                _ = try hotline.logInquiry(
                    draft(person: "Person \(index)", note: String(repeating: "n", count: 3000)),
                    by: OperatorName("anna"))
            } catch let HotlineError.databaseUnavailable(_, why) {
                reason = why.description
                break
            }
        }
        #expect(reason.description.contains("the disk is full"), "\(reason)")
        #expect(try database.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") } == "ok")
    }

    @Test func aRestoreThatFillsTheDiskChangesNothing() throws {
        guard let disk = SmallDisk(megabytes: 3) else {
            print("skipped: cannot mount a tmpfs here (needs root); disk-full behaviour untested")
            return
        }
        // Given a small live database on a small disk, and a large backup elsewhere
        let big = try Fixture()
        for index in 0..<600 {
            try big.log(draft(person: "Person \(index)", note: String(repeating: "n", count: 3000)))
        }
        let backup = big.directory.appendingPathComponent("big.sqlite").path
        try big.hotline().backup(to: backup, by: OperatorName("anna"))
        let database = try HotlineDatabase.open(path: disk.path + "/hotline.sqlite")
        let hotline = Hotline(database: database, rules: .shipped)
        _ = try hotline.logInquiry(draft(person: "Live"), by: OperatorName("anna"))
        // When it is restored, then the full disk is said, and the live database is unchanged
        let error = #expect(throws: HotlineError.self) {
            _ = try hotline.restore(from: backup, by: OperatorName("anna"))
        }
        guard case .databaseUnavailable(_, let reason)? = error else {
            Issue.record("expected databaseUnavailable, got \(String(describing: error))")
            return
        }
        #expect(reason.description.contains("the disk is full"), "\(reason)")
        #expect(
            try database.read { db in try String.fetchAll(db, sql: "SELECT person_name FROM person_case") } == ["Live"])
        let left = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter {
            $0.contains("restoring") || $0.contains("incomplete")
        }
        #expect(left == [])
    }
}
