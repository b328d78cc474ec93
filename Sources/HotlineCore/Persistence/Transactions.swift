import GRDB
import Synchronization

extension HotlineDatabase {

    /// Runs `body` as one IMMEDIATE transaction: all of it is written, or none of it.
    /// Inside a session transaction (`begin` in the shell) it runs in a savepoint of it
    /// instead, so a failing command undoes only itself.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try mappingErrors {
            if let db = session?.database { return try db.inSavepoint(returning: body) }
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
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mappingErrors {
            if let db = session?.database { return try body(db) }
            return try writer.read(body)
        }
    }

    /// Runs `body` inside one transaction that spans several commands: every `write` and
    /// `read` made meanwhile joins it. `body` returns whether to commit. It holds the write
    /// lock until it returns, so other operators' writes wait: keep it short. `check` runs
    /// first, inside the transaction (the operator's role); when it throws, nothing starts.
    func inSessionTransaction(
        check: (Database) throws -> Void = { _ in }, _ body: () throws -> Bool
    ) throws {
        guard let session else {
            throw HotlineError.invalidField(
                field: "begin", value: "begin", problem: "a transaction spanning commands needs a session of its own",
                accepted: "a session made with Hotline.makeSession()")
        }
        guard session.database == nil else {
            throw HotlineError.invalidField(
                field: "begin", value: "begin", problem: "a transaction is already open",
                accepted: "commit or rollback first")
        }
        try mappingErrors {
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
    var sessionChangesCount: Int? { session?.database?.totalChangesCount }

    /// Whether the session transaction is still open in SQLite (an interrupted write can
    /// make SQLite roll it back on its own).
    var isSessionTransactionAlive: Bool { session?.database?.isInsideTransaction ?? false }

    /// Stops the statements running on this database at their next step; they fail with
    /// SQLITE_INTERRUPT and their transaction is rolled back. Safe from any thread (Ctrl-C).
    func interrupt() {
        interruption.requested.withLock { $0 = true }
        writer.interrupt()
    }

    /// The command that Ctrl-C stopped has ended: what fails from now on fails for its own reason.
    func endInterruption() { interruption.requested.withLock { $0 = false } }

    /// Runs `body` in an IMMEDIATE transaction that `body` may commit and reopen as it goes
    /// (the bulk loader's batches). Whatever is pending when `body` returns is committed; when
    /// it throws, rolled back.
    func writeBatches<T>(_ body: (Database) throws -> T) throws -> T {
        guard session?.database == nil else {
            throw HotlineError.invalidField(
                field: "bulk", value: "bulk", problem: "a bulk load cannot run inside a transaction",
                accepted: "commit or rollback first")
        }
        return try mappingErrors {
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
    var isInSessionTransaction: Bool { session?.database != nil }

    /// Runs `body` with every SQLite error turned into a `HotlineError`, so no front end
    /// needs GRDB to tell a busy database, a full disk, Ctrl-C or a damaged file apart.
    func mappingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw mapped(error)
        }
    }

    /// Runs `body` with a busy database and a full disk turned into their `HotlineError`s, and
    /// any other error left to the caller (a restore says it changed nothing).
    func mappingBusy<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError
            where [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL].contains(error.resultCode)
        {
            throw mapped(error)
        }
    }

    /// `error` as the `HotlineError` a front end reports.
    func mapped(_ error: DatabaseError) -> HotlineError {
        // Interrupted inside SQLite's own set-up of a statement (opening the FTS table
        // `name_pairs`), SQLite says "vtable constructor failed", not SQLITE_INTERRUPT: a CI
        // run showed an operator's Ctrl-C as a database error. Whatever fails while Ctrl-C
        // stands failed because of it.
        if interruption.requested.withLock({ $0 }) { return .interrupted }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .databaseBusy(timeoutSeconds: busyTimeout)
        case .SQLITE_FULL: return .databaseUnavailable(path: path, reason: Self.explain(error))
        case .SQLITE_INTERRUPT: return .interrupted
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .databaseDamaged(error.message ?? "\(error.resultCode)")
        // Only reached by a defect or a damaged file: the services check their inputs first.
        default: return .databaseFailure(error.message ?? "\(error.resultCode)")
        }
    }
}

/// Set by Ctrl-C (`interrupt()`) until the command it stopped has ended (`endInterruption()`).
final class Interruption: Sendable {
    let requested = Mutex(false)
}

/// Holds the connection of the shell's open transaction while its commands run. Only touched
/// on the thread that runs the shell, inside the connection's own closure, hence unchecked.
final class SessionTransaction: @unchecked Sendable {
    var database: Database?
    init() {}
}

extension HotlineDatabase {
    /// A copy of this database with a session slot of its own: `inSessionTransaction` runs on
    /// it, and only the calls made through this copy (and its copies) join the transaction.
    func makeSession() -> HotlineDatabase {
        HotlineDatabase(
            writer: writer, path: path, busyTimeout: busyTimeout, session: SessionTransaction(),
            interruption: interruption)
    }
}

// MARK: - One service call's work, run from sync or async callers

/// What one service call does in the database, after its inputs passed their rules: a read on
/// one snapshot or a write in one transaction. A service builds it once and runs it from a
/// synchronous caller (the CLI, the shell) or an asynchronous one (a server), the same work
/// either way.
struct DatabaseWork<Value: Sendable>: Sendable {
    enum Access: Sendable { case read, write }
    let access: Access
    let body: @Sendable (Database) throws -> Value

    /// Work that reads one consistent snapshot.
    static func reading(_ body: @escaping @Sendable (Database) throws -> Value) -> DatabaseWork {
        DatabaseWork(access: .read, body: body)
    }

    /// Work that writes in one IMMEDIATE transaction, all or nothing.
    static func writing(_ body: @escaping @Sendable (Database) throws -> Value) -> DatabaseWork {
        DatabaseWork(access: .write, body: body)
    }
}

extension HotlineDatabase {
    /// Runs `work` on the calling thread (inside the shell's open transaction when there is one).
    func run<Value>(_ work: DatabaseWork<Value>) throws -> Value {
        switch work.access {
        case .read: try read(work.body)
        case .write: try write(work.body)
        }
    }

    /// Runs `work` on GRDB's own queues and suspends meanwhile, so a server's event loop never
    /// waits on SQLite (the busy timeout included). Each call is its own transaction: it cannot
    /// join a shell's open `begin`, whose connection belongs to the shell's thread. A cancelled
    /// task's work stops as Ctrl-C stops a command: `interrupted`, nothing of it written.
    ///
    /// Never call the synchronous `run`, `read` or `write` from a task instead (use
    /// `Hotline.offloaded` for a long synchronous call): on Linux Swift's tasks share a few
    /// Dispatch threads, and GRDB's async reads give their reader back only after their task
    /// resumes on one of them. A server whose case reads ran synchronously on those threads
    /// deadlocked under load, every thread waiting in GRDB's `Pool.get()` for a reader.
    func run<Value>(_ work: DatabaseWork<Value>) async throws -> Value {
        guard !isInSessionTransaction else {
            throw HotlineError.invalidField(
                field: "begin", value: "begin", problem: "an asynchronous call cannot join the open transaction",
                accepted: "commit or rollback first, or call the synchronous method")
        }
        let body = work.body
        // A read-only request let in on a token checked lately: its token is checked again in
        // this transaction, before the work (see `Hotline.authenticated`).
        let bearer = BearerCheck.current
        do {
            switch work.access {
            case .read:
                return try await writer.read { db in
                    try bearer?.verify(in: db)
                    return try body(db)
                }
            case .write:
                return try await groupCommit.write(on: writer) { db in
                    try bearer?.verify(in: db)
                    return try body(db)
                }
            }
        } catch let error as DatabaseError {
            throw mapped(error)
        } catch is CancellationError {
            throw HotlineError.interrupted
        }
    }
}

extension Database {
    /// Runs `body` in a savepoint and returns its result: when it throws, only what it did is
    /// undone and the enclosing transaction goes on (a shell command inside `begin`, one
    /// message of a Maildir batch).
    func inSavepoint<T>(returning body: (Database) throws -> T) throws -> T {
        var result: T?
        try inSavepoint {
            result = try body(self)
            return .commit
        }
        return result!  // set by the committed savepoint above
    }
}
