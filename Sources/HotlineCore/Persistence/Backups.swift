import Foundation
import GRDB

// Copies of the database file, with SQLite's online backup API: `db backup`, and the steps
// of `db restore` (a checked private copy, then the content replaced under the write lock).

extension HotlineDatabase {
    /// The applied and pending migrations, and SQLite's version.
    func schemaVersion() throws -> SchemaVersion {
        try read { db in
            let migrator = Self.migrator
            let applied = try migrator.appliedIdentifiers(db)
            return SchemaVersion(
                applied: migrator.migrations.filter(applied.contains),
                pending: migrator.migrations.filter { !applied.contains($0) },
                sqlite: try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?")
        }
    }

    /// Copies this database (one consistent snapshot, while others write) to the first of
    /// `names` that is free; returns that name, or nil if all were taken.
    func copy(toFirstFreeOf names: [String]) throws -> String? {
        try mappingErrors { try Self.copy(from: writer, toFirstFreeOf: names) }
    }

    /// Copies the file at `path` to `stage` (a private file beside the database), migrates
    /// the copy and returns what `check` finds on it. The file at `path` is only read; a file
    /// that is no hotline database, or whose migrations fail, is refused with `refuse`'s error.
    func stageCopy(
        of path: String, at stage: String, refusing refuse: (Message) -> HotlineError,
        checking check: (Database) throws -> [CheckProblem]
    ) throws -> [CheckProblem] {
        var readOnly = Configuration()
        readOnly.readonly = true
        let candidate: DatabaseQueue
        do {
            candidate = try DatabaseQueue(path: path, configuration: readOnly)
            try candidate.read { db in
                try Self.refuseForeign(db, path: path)
                guard try db.tableExists("grdb_migrations"),
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 > 0
                else { throw refuse("it is empty, not a hotline database") }
            }
        } catch HotlineError.databaseUnavailable(_, let reason) {
            throw refuse(reason)
        } catch let error as HotlineError {
            throw error
        } catch {
            throw refuse(Self.explain(error))
        }
        let problems: [CheckProblem]
        do {
            try PrivateFiles.createExclusively(stage)
            let staged = try DatabaseQueue(path: stage, configuration: Self.configuration(busyTimeout: 1))
            try candidate.backup(to: staged)
            try candidate.close()
            // The live database is in WAL mode, where SQLite's backup cannot change the page
            // size: give the copy the live page size first.
            let pageSize = try read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096 }
            try staged.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                if try Int.fetchOne(db, sql: "PRAGMA page_size") != pageSize {
                    try db.execute(sql: "PRAGMA page_size = \(pageSize)")
                    try db.execute(sql: "VACUUM")
                }
            }
            do {
                try Self.migrator.migrate(staged)
            } catch {
                throw refuse("hotline's migrations fail on it (\(Self.explain(error)))")
            }
            problems = try staged.read(check)
            try staged.close()
        } catch {
            PrivateFiles.removeTemporary(stage)
            if let error = error as? HotlineError { throw error }
            throw HotlineError.databaseUnavailable(
                path: self.path,
                reason: "\(Self.explain(error)) (while checking the backup; nothing was changed)")
        }
        return problems
    }

    /// Puts the checked copy at `stage` in place of the database's content, in one write
    /// transaction of SQLite's backup API, copying a page at a time. After the first page the
    /// transaction holds the write lock: only then is the current content saved (to the first
    /// free of `names`; `allTaken` the error when none is), so no commit can fall between the
    /// saved copy and the restored content. Returns the saved copy's path.
    func replaceContent(
        with stage: String, savingTheCurrentAsFirstFreeOf names: [String], ifAllTaken allTaken: HotlineError
    ) throws -> String? {
        var saved: String?
        do {
            try mappingBusy {
                try writer.writeWithoutTransaction { live in
                    let staged = try DatabaseQueue(
                        path: stage, configuration: Self.configuration(busyTimeout: 1))
                    defer { try? staged.close() }
                    try staged.inDatabase { source in
                        try source.backup(to: live, pagesPerStep: 1) { _ in
                            guard saved == nil else { return }
                            // The write lock is held from here until the backup commits.
                            var readOnly = Configuration()
                            readOnly.readonly = true
                            let current = try DatabaseQueue(path: self.path, configuration: readOnly)
                            defer { try? current.close() }
                            saved = try Self.copy(from: current, toFirstFreeOf: names)
                            guard saved != nil else { throw allTaken }
                        }
                    }
                }
            }
        } catch let error as HotlineError {
            throw error
        } catch {
            throw HotlineError.databaseUnavailable(
                path: self.path, reason: "\(Self.explain(error)) (the restore changed nothing)")
        }
        return saved
    }

    /// Copies `source` with SQLite's backup API to a private temporary file, then gives it the
    /// first of `names` that is free. Returns that name, or nil if all were taken.
    static func copy(from source: any DatabaseReader, toFirstFreeOf names: [String]) throws -> String? {
        guard let first = names.first else { return nil }
        let temporary = PrivateFiles.temporaryName(beside: first)
        defer { PrivateFiles.removeTemporary(temporary) }
        do {
            try PrivateFiles.createExclusively(temporary)
        } catch {
            guard case .databaseUnavailable(_, let reason) = error else { throw error }
            throw HotlineError.databaseUnavailable(path: first, reason: "cannot create a file there (\(reason))")
        }
        do {
            let destination = try DatabaseQueue(path: temporary)
            try source.backup(to: destination)
            // A copy of a WAL database is marked WAL too; a standalone file is better without
            // (opening it would leave -wal and -shm files beside it).
            try destination.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            try destination.close()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        {
            throw error
        } catch {
            throw HotlineError.databaseUnavailable(path: first, reason: Self.explain(error))
        }
        for name in names where try PrivateFiles.moveIntoPlace(temporary, to: name) { return name }
        return nil
    }
}
