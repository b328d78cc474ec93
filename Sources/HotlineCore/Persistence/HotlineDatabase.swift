import Foundation
import GRDB
import HotlineSchema

/// The hotline database: one SQLite file in WAL mode, its schema migrated on open.
/// Every write is one IMMEDIATE transaction: it takes the write lock before reading, so
/// concurrent operators queue for up to the busy timeout instead of failing, and a killed
/// process leaves the command wholly in or wholly out.
public struct HotlineDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Where the database lives, for messages; `:memory:` for an in-memory database.
    public let path: String
    let busyTimeout: Double
    /// The shell's open `begin … commit` transaction, if any.
    private let session = SessionTransaction()

    /// Opens (creating if needed, with mode 0600 in a 0700 directory) the database at `path`
    /// and applies any pending migrations. A file that is not hotline's (another program's
    /// database, an empty file, one written by a newer hotline) is refused before anything is
    /// written to it, and so is a symbolic link at the path or beside it. `migrating: false`
    /// leaves pending migrations pending (`db version` shows them); a newer file is still refused.
    /// `oneShot`: one connection (a `DatabaseQueue`) for a process that runs one command; it
    /// opens and reads in 0.5 ms against the reader pool's 2 ms. The shell and servers keep the pool.
    public static func open(path: String, busyTimeout: Double = 15, migrating: Bool = true, oneShot: Bool = false)
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
            let database = HotlineDatabase(writer: writer, path: path, busyTimeout: busyTimeout)
            try database.migrate(applyingPending: migrating)
            return database
        } catch let error as HotlineError {
            throw error
        } catch {
            throw .databaseUnavailable(path: path, reason: Self.explain(error))
        }
    }

    /// An empty in-memory database with the full schema, for tests and dry runs.
    public static func inMemory() throws(HotlineError) -> HotlineDatabase {
        do {
            let queue = try DatabaseQueue(configuration: configuration(busyTimeout: 1))
            let database = HotlineDatabase(writer: queue, path: ":memory:", busyTimeout: 1)
            try database.migrate()
            return database
        } catch let error as HotlineError {
            throw error
        } catch {
            throw .databaseUnavailable(path: ":memory:", reason: Self.explain(error))
        }
    }

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
        }
        return config
    }

    // MARK: - Schema

    /// The migrator over Schema/'s embedded SQL files, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in SchemaMigrations.all {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
                // The name index needs the folding code: fill it for the rows already there.
                if migration.identifier == "v003_search" { try NameIndex.rebuild(in: db) }
            }
        }
        return migrator
    }

    func migrate(applyingPending: Bool = true) throws {
        let migrator = Self.migrator
        // A file written by a newer hotline has migrations this one does not know: running
        // old code on it could break its invariants, so refuse.
        let (superseded, complete) = try writer.read { db in
            (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
        }
        if superseded {
            throw HotlineError.databaseUnavailable(
                path: path, reason: "it was written by a newer version of hotline; upgrade hotline to use it")
        }
        // Every command opens the database: only take the write lock when there is work.
        if !complete && applyingPending { try migrator.migrate(writer) }
    }

    // MARK: - Transactions

    /// Runs `body` as one IMMEDIATE transaction: all of it is written, or none of it.
    /// Inside a session transaction (`begin` in the shell) it runs in a savepoint of it
    /// instead, so a failing command undoes only itself.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try mappingBusy {
            if let db = session.database {
                var result: T?
                try db.inSavepoint {
                    result = try body(db)
                    return .commit
                }
                return result!  // set by the committed savepoint above
            }
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!  // set by the committed transaction above
            }
        }
    }

    /// Runs `body` on a consistent snapshot of the database (inside a session transaction:
    /// on that transaction, so it sees its uncommitted changes).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mappingBusy {
            if let db = session.database { return try body(db) }
            return try writer.read(body)
        }
    }

    /// Runs `body` inside one transaction that spans several commands: every `write` and
    /// `read` made meanwhile joins it. `body` returns whether to commit. It holds the write
    /// lock until it returns, so other operators' writes wait: keep it short. `check` runs
    /// first, inside the transaction (the operator's role); when it throws, nothing starts.
    public func inSessionTransaction(
        check: (Database) throws -> Void = { _ in }, _ body: () throws -> Bool
    ) throws {
        guard session.database == nil else {
            throw HotlineError.invalidField(
                field: "begin", value: "begin", problem: "a transaction is already open",
                accepted: "commit or rollback first")
        }
        try mappingBusy {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try check(db)
                    session.database = db
                    defer { session.database = nil }
                    let commit = try body()
                    // A statement interrupted by Ctrl-C can make SQLite roll the whole
                    // transaction back: then there is nothing left to commit (GRDB's
                    // rollback accepts a transaction already gone).
                    return commit && db.isInsideTransaction ? .commit : .rollback
                }
            }
        }
    }

    /// Rows changed so far on the session transaction's connection (`nil` outside one): a
    /// command that changed it wrote something that is pending until commit.
    public var sessionChangesCount: Int? { session.database?.totalChangesCount }

    /// Whether the session transaction is still open in SQLite (an interrupted write can
    /// make SQLite roll it back on its own).
    public var isSessionTransactionAlive: Bool { session.database?.isInsideTransaction ?? false }

    /// Stops the statements running on this database at their next step; they fail with
    /// SQLITE_INTERRUPT and their transaction is rolled back. Safe from any thread (Ctrl-C).
    public func interrupt() { writer.interrupt() }

    /// Runs `body` in an IMMEDIATE transaction that `body` may commit and reopen as it goes
    /// (the bulk loader's batches). Whatever is pending when `body` returns is committed; when
    /// it throws, rolled back.
    func writeBatches<T>(_ body: (Database) throws -> T) throws -> T {
        guard session.database == nil else {
            throw HotlineError.invalidField(
                field: "bulk", value: "bulk", problem: "a bulk load cannot run inside a transaction",
                accepted: "commit or rollback first")
        }
        return try mappingBusy {
            try writer.writeWithoutTransaction { db in
                try db.beginTransaction(.immediate)
                do {
                    let result = try body(db)
                    try db.commit()
                    return result
                } catch {
                    try? db.rollback()
                    throw error
                }
            }
        }
    }

    /// Whether a session transaction is open.
    public var isInSessionTransaction: Bool { session.database != nil }

    func mappingBusy<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        {
            throw HotlineError.databaseBusy(timeoutSeconds: busyTimeout)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw HotlineError.databaseUnavailable(path: path, reason: Self.explain(error))
        }
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
        let manager = FileManager.default
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
        if !directory.isEmpty && !manager.fileExists(atPath: directory) {
            do {
                try manager.createDirectory(
                    atPath: directory, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            } catch {
                throw HotlineError.databaseUnavailable(
                    path: path, reason: "cannot create the folder \(HotlineError.shownPath(directory))")
            }
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
    static func explain(_ error: any Error) -> String {
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
            default: return error.message ?? "\(error.resultCode)"
            }
        }
        return error.localizedDescription
    }
}

/// Holds the connection of the shell's open transaction while its commands run. Only touched
/// on the thread that runs the shell, inside the connection's own closure, hence unchecked.
private final class SessionTransaction: @unchecked Sendable {
    var database: Database?
}
