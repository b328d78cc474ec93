import Foundation

/// The service layer: the hotline's jobs over one database, under one set of rules.
/// Every method that writes is one transaction; every input is validated here, whatever the
/// front end, before anything is written.
public struct Hotline: Sendable {
    let database: HotlineDatabase
    public let rules: HotlineRules
    /// The clock, injectable so tests can pin times.
    let now: @Sendable () -> Date
    /// Bearer tokens that passed a full check lately (`authenticated(token:readOnly:)`).
    let recentTokens = RecentTokens()

    init(database: HotlineDatabase, rules: HotlineRules, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.rules = rules
        self.now = now
    }

    /// The hotline over the database at `path` (created if missing, with mode 0600 in a 0700
    /// folder; pending migrations applied), under `rules`. A file that is not hotline's (another
    /// program's database, an empty file, one written by a newer hotline) or a symbolic link is
    /// refused before anything is written to it. `busyTimeout`: how long a write waits for
    /// another's lock, in seconds. `migrating: false` leaves pending migrations pending (`db
    /// version` shows them). `oneShot`: one connection, for a process that runs one command; the
    /// shell and servers keep a pool of readers beside the writer.
    public static func open(
        path: String, rules: HotlineRules, busyTimeout: Double = 15, migrating: Bool = true, oneShot: Bool = false,
        now: @escaping @Sendable () -> Date = Date.init
    ) throws(HotlineError) -> Hotline {
        let database = try HotlineDatabase.open(
            path: path, busyTimeout: busyTimeout, migrating: migrating, oneShot: oneShot)
        return Hotline(database: database, rules: rules, now: now)
    }

    /// A hotline over an empty in-memory database with the full schema, for tests and dry runs.
    public static func inMemory(rules: HotlineRules, now: @escaping @Sendable () -> Date = Date.init)
        throws(HotlineError) -> Hotline
    {
        Hotline(database: try HotlineDatabase.inMemory(), rules: rules, now: now)
    }

    /// Where the database lives, for messages; `:memory:` for an in-memory database.
    public var databasePath: String { database.path }

    // MARK: - Sessions

    /// A session of this hotline for one front end's user (the shell): the same database and
    /// rules, with a transaction slot of its own. `inSessionTransaction` runs only on a session,
    /// and only calls made through it (and its copies) join its transaction; the hotline it was
    /// made from, and every other session, never do.
    public func makeSession() -> Hotline {
        Hotline(database: database.makeSession(), rules: rules, now: now)
    }

    /// Whether this session's transaction is open.
    public var isInSessionTransaction: Bool { database.isInSessionTransaction }

    /// Rows changed so far in this session's transaction (`nil` outside one): a command that
    /// changed it wrote something that is pending until commit.
    public var sessionChangesCount: Int? { database.sessionChangesCount }

    /// Whether this session's transaction is still open in SQLite (an interrupted write can make
    /// SQLite roll it back on its own).
    public var isSessionTransactionAlive: Bool { database.isSessionTransactionAlive }

    /// Stops the statements running on the database at their next step; they fail with
    /// `HotlineError.interrupted` and their transaction is rolled back. Safe from any thread (Ctrl-C).
    public func interrupt() { database.interrupt() }

    /// The command Ctrl-C stopped has ended (the shell's watcher stopped).
    public func endInterruption() { database.endInterruption() }
}

extension Hotline {
    /// The `PRAGMA synchronous` level of the connection that writes (2 is FULL: a commit that
    /// returned survives a power cut), for the benchmark's and `db version`'s checks.
    public func writerSynchronousLevel() throws -> Int { try database.writerSynchronousLevel() }
}

extension Hotline {
    /// Closes the database: waits for running statements, checkpoints the WAL, releases the
    /// file. A server calls it last, once every request has finished; nothing after may use it.
    public func close() throws {
        do { try database.writer.close() } catch { throw HotlineError.databaseFailure("\(error)") }
    }
}
