import Foundation
import GRDB
import HotlineSchema

/// The hotline database: one SQLite file in WAL mode, its schema migrated on open. Internal:
/// front ends open a `Hotline` (`Hotline.open`) and never see the connection.
/// Every write is one IMMEDIATE transaction: it takes the write lock before reading, so
/// concurrent operators queue for up to the busy timeout instead of failing, and a killed
/// process leaves the command wholly in or wholly out.
struct HotlineDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Where the database lives, for messages; `:memory:` for an in-memory database.
    let path: String
    let busyTimeout: Double
    /// The shell's open `begin … commit` transaction: only on a session's copy (`makeSession()`),
    /// so no other caller of the same file can join it.
    let session: SessionTransaction?
    /// Where asynchronous writes wait to commit together (`run(_:) async`).
    let groupCommit = GroupCommit()
    /// Whether Ctrl-C asked the running command to stop; shared with a session's copy.
    var interruption = Interruption()

    /// Opens (creating if needed, with mode 0600 in a 0700 directory) the database at `path`
    /// and applies any pending migrations. A file that is not hotline's (another program's
    /// database, an empty file, one written by a newer hotline) is refused before anything is
    /// written to it, and so is a symbolic link at the path or beside it. `migrating: false`
    /// leaves pending migrations pending (`db version` shows them); a newer file is still refused.
    /// `oneShot`: one connection (a `DatabaseQueue`) for a process that runs one command; it
    /// opens and reads in 0.5 ms against the reader pool's 2 ms. The shell and servers keep the pool.
    static func open(path: String, busyTimeout: Double = 15, migrating: Bool = true, oneShot: Bool = false)
        throws(HotlineError)
        -> HotlineDatabase
    {
        guard !path.isEmpty else {
            throw .configuration(
                "the database path is empty (HOTLINE_DB or --db is set to nothing): give the path of the "
                    + "database file, or unset HOTLINE_DB to use ~/.local/share/hotline/hotline.sqlite")
        }
        do {
            try refuseLinks(path)
            try createIfMissing(path)
            let writer: any DatabaseWriter
            if oneShot {
                let queue = try DatabaseQueue(
                    path: path, configuration: configuration(busyTimeout: busyTimeout, inspecting: path))
                // WAL as the pool sets it (a no-op on a file already in WAL, as created).
                try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                writer = queue
            } else {
                let pool = try DatabasePool(
                    path: path, configuration: configuration(busyTimeout: busyTimeout, inspecting: path))
                // GRDB sets the writer to synchronous = NORMAL when it enables WAL, after
                // prepareDatabase ran: set FULL again, on the one connection that writes.
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                writer = pool
            }
            let database = HotlineDatabase(writer: writer, path: path, busyTimeout: busyTimeout, session: nil)
            try database.migrate(applyingPending: migrating)
            return database
        } catch let error as HotlineError {
            throw error
        } catch {
            throw .databaseUnavailable(path: path, reason: Self.explain(error))
        }
    }

    /// An empty in-memory database with the full schema, for tests and dry runs.
    static func inMemory() throws(HotlineError) -> HotlineDatabase {
        do {
            let queue = try DatabaseQueue(configuration: configuration(busyTimeout: 1))
            let database = HotlineDatabase(writer: queue, path: ":memory:", busyTimeout: 1, session: nil)
            try database.migrate()
            return database
        } catch let error as HotlineError {
            throw error
        } catch {
            throw .databaseUnavailable(path: ":memory:", reason: Self.explain(error))
        }
    }

    /// Each connection's page cache, in KiB. SQLite's default (2 MiB) holds 500 pages; one
    /// search reads up to 500 index entries scattered over a million cases' pages, and each
    /// page missed is a read(2) and a copy (a tenth of a search's CPU at 620,000 cases).
    static let pageCacheKiB = 16_384

    /// `inspecting`: the path of a file to refuse, when a connection opens, if it is not a
    /// hotline database; that is before GRDB switches the file to WAL mode (its first write).
    static func configuration(busyTimeout: Double, inspecting path: String? = nil) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            if let path { try refuseForeign(db, path: path) }
            // FULL: in WAL mode a commit that returned is on disk even through a power cut;
            // NORMAL could lose the last commits, and an operator was told "logged".
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -\(pageCacheKiB)")
        }
        return config
    }

    // MARK: - Files

    /// Refuses a symbolic link as the database or as one of SQLite's files beside it: SQLite
    /// would create the file where the link points, with whatever mode the umask gives.
    static func refuseLinks(_ path: String) throws(HotlineError) {
        for suffix in ["", "-wal", "-shm", "-journal"] where PrivateFiles.isSymbolicLink(path + suffix) {
            throw .databaseUnavailable(
                path: path,
                reason: "\(path + suffix) is a symbolic link, and hotline never creates or opens its files "
                    + "through one; give the real path of the database (see `readlink -f`)")
        }
    }

    /// Refuses, before anything is written to it, a file that is not a hotline database: a
    /// SQLite file with tables but no hotline migrations (another program's database, or
    /// hotline's tables without their migration record), or one with migrations this hotline
    /// does not know (written by a newer version). A blank SQLite file is set up as new.
    static func refuseForeign(_ db: Database, path: String) throws {
        let objects = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        guard !objects.isEmpty else { return }
        let known = Set(SchemaMigrations.all.map(\.identifier))
        let applied =
            objects.contains("grdb_migrations")
            ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        if applied.isDisjoint(with: known) && objects != ["grdb_migrations"] {
            throw HotlineError.databaseUnavailable(
                path: path,
                reason: "it is not a hotline database (it has tables but no hotline schema migrations); "
                    + "nothing was written to it. Give the path of a hotline database, or a new file")
        }
        if !applied.isSubset(of: known) {
            throw HotlineError.databaseUnavailable(
                path: path, reason: "it was written by a newer version of hotline; upgrade hotline to use it")
        }
    }

    /// Creates the database with mode 0600 (and its directory with 0700): made and migrated
    /// under a temporary name, then linked into place whole, so a process killed while
    /// creating it leaves no half-made database (and another creating it at the same moment
    /// simply wins). A family's data is never readable by other users of the machine.
    static func createIfMissing(_ path: String) throws {
        if PrivateFiles.somethingExists(at: path) {
            guard PrivateFiles.sizeAndDate(path)?.bytes ?? 0 > 0 else {
                throw HotlineError.databaseUnavailable(
                    path: path,
                    reason: "the file is empty (0 bytes), so it is not a hotline database; remove it to "
                        + "start a new database there, or give the path of the database")
            }
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !PrivateFiles.makePrivateFolder(directory) {
            throw HotlineError.databaseUnavailable(
                path: path, reason: "cannot create the folder \(HotlineError.shownPath(directory))")
        }
        let temporary = PrivateFiles.temporaryName(beside: path, purpose: "creating")
        try PrivateFiles.createExclusively(temporary)
        defer { PrivateFiles.removeTemporary(temporary) }
        let queue = try DatabaseQueue(path: temporary, configuration: configuration(busyTimeout: 15))
        try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        try migrator.migrate(queue)
        try queue.close()
        _ = try PrivateFiles.moveIntoPlace(temporary, to: path)  // false: another process made it first
    }

    /// A SQLite or Foundation error in words, without Foundation's domain codes.
    static func explain(_ error: any Error) -> Message {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: return "the file is not a SQLite database"
            case .SQLITE_CANTOPEN: return "the file cannot be opened (check the path and its permissions)"
            case .SQLITE_READONLY: return "the file is read-only"
            case .SQLITE_CORRUPT: return "the database file is corrupt"
            case .SQLITE_FULL:
                return "the disk is full; nothing was written. Free space on the disk that holds it "
                    + "(or move the database to a larger one), then try again"
            case .SQLITE_IOERR: return "the disk reported an input/output error (\(error.resultCode))"
            default: return .verbatim(error.message ?? "\(error.resultCode)")
            }
        }
        return .verbatim(error.localizedDescription)
    }
}

extension HotlineDatabase {
    /// The `PRAGMA synchronous` level the writer connection runs at (0 OFF, 1 NORMAL, 2 FULL,
    /// 3 EXTRA), read through the write path the services use.
    func writerSynchronousLevel() throws -> Int {
        try write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }
}
