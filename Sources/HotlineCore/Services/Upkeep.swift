import Foundation

/// The schema migrations: which are applied, which are pending.
public struct SchemaVersion: Encodable, Sendable, Equatable {
    public let applied: [String]
    public let pending: [String]
    public let sqlite: String
}

extension Hotline {
    /// Applies pending migrations (they also apply when a database is opened) and reports.
    public func migrate(by actor: OperatorName) throws -> SchemaVersion {
        try database.read { db in try authorize(actor, as: .admin, in: db) }
        try database.migrate()
        return try schemaVersion()
    }

    /// The applied and pending migrations.
    public func schemaVersion() throws -> SchemaVersion {
        try database.schemaVersion()
    }

    /// Copies the database to a new file at `path` with SQLite's online backup API: one
    /// consistent snapshot, taken while other operators go on writing. The copy is written
    /// under a temporary name beside `path` (mode 0600) and takes its name only once complete
    /// and on disk: a backup killed or failing midway never leaves a partial file under `path`.
    public func backup(to path: String, by actor: OperatorName) throws {
        try database.read { db in try authorize(actor, as: .admin, in: db) }
        try Self.refuseTaken(path, field: "backup path")
        guard try database.copy(toFirstFreeOf: [path]) != nil else {
            throw Self.taken(path, field: "backup path")
        }
    }

    /// Replaces the database's content with the backup at `path`. Everything is checked on a
    /// private copy of the file before the database is touched: that it is a hotline database
    /// of this or an older version (older ones are migrated on the copy), that its schema is
    /// exactly the migrations' (no trigger added or dropped), and every `db check`. Then, holding
    /// the write lock throughout, it saves the current content beside the database (the path it
    /// returns) and puts the new content in place: writers that commit meanwhile wait and then
    /// write into the restored database, so no acknowledged write is in neither file.
    public func restore(from path: String, by actor: OperatorName) throws -> String {
        try database.read { db in try authorize(actor, as: .admin, in: db) }
        guard !database.isInSessionTransaction else {
            throw HotlineError.invalidField(
                field: "restore path", value: path, problem: "a restore cannot run inside a transaction",
                accepted: "commit or rollback first")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw HotlineError.invalidField(
                field: "restore path", value: path, problem: "there is no such file",
                accepted: "a file made by `db backup`")
        }
        guard !Self.sameFile(path, database.path) else {
            throw HotlineError.invalidField(
                field: "restore path", value: path, problem: "it is the database itself",
                accepted: "a file made by `db backup`")
        }
        let stage = try stageRestore(from: path)
        defer { PrivateFiles.removeTemporary(stage) }
        return try replaceContent(with: stage)
    }

    /// The files restores saved beside the database (`PATH.before-restore-…`), and what
    /// interrupted backups, restores and creations left there, oldest first.
    public func savedCopies(by actor: OperatorName) throws -> [SavedCopy] {
        try database.read { db in try authorize(actor, as: .admin, in: db) }
        let folder = (database.path as NSString).deletingLastPathComponent
        let base = (database.path as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        var copies: [SavedCopy] = []
        for name in names where name.hasPrefix(base + ".") {
            let rest = name.dropFirst(base.count + 1)
            let note: String
            if ["-journal", "-wal", "-shm"].contains(where: { rest.hasSuffix($0) }) {
                continue
            } else if rest.contains(".incomplete-") || rest.hasPrefix("restoring-") || rest.hasPrefix("creating-") {
                note = "incomplete: left by an interrupted backup, restore or creation; safe to delete"
            } else if rest.hasPrefix("before-restore-") {
                note = SavedCopy.beforeRestore
            } else {
                continue
            }
            let path = folder.isEmpty ? name : folder + "/" + name
            guard let (bytes, modified) = PrivateFiles.sizeAndDate(path) else { continue }
            copies.append(SavedCopy(path: path, bytes: bytes, modified: modified, note: note))
        }
        return copies.sorted { ($0.modified, $0.path) < ($1.modified, $1.path) }
    }

    /// Deletes all but the newest `keep` copies restores saved, and returns the ones deleted.
    /// Files interrupted operations left are not touched: one may belong to a restore running now.
    public func pruneSavedCopies(keeping keep: Int, by actor: OperatorName) throws -> [SavedCopy] {
        guard keep >= 0 else {
            throw HotlineError.invalidField(
                field: "--keep", value: String(keep), problem: "it is negative",
                accepted: "the number of saved copies to keep, 0 or more")
        }
        let saved = try savedCopies(by: actor).filter { $0.note == SavedCopy.beforeRestore }
        let doomed = saved.dropLast(keep)
        for copy in doomed {
            guard unlink(copy.path) == 0 else {
                throw HotlineError.databaseUnavailable(
                    path: copy.path, reason: "cannot delete it (\(String(cString: strerror(errno))))")
            }
        }
        return Array(doomed)
    }

    // MARK: - Restore steps

    /// Copies the file at `path` to a private file beside the database, migrates that copy and
    /// checks it; returns the copy's path. Nothing else is written.
    func stageRestore(from path: String) throws -> String {
        func refuse(_ problem: Message) -> HotlineError {
            .invalidField(
                field: "restore path", value: path, problem: problem,
                accepted: "a backup made by `db backup` of this or an older hotline, that passes `db check`")
        }
        let stage = PrivateFiles.temporaryName(beside: database.path, purpose: "restoring")
        let problems = try database.stageCopy(of: path, at: stage, refusing: refuse) { db in
            try Self.allProblems(in: db, lifecycle: rules.lifecycle)
        }
        guard problems.isEmpty else {
            PrivateFiles.removeTemporary(stage)
            let more: Message = problems.count > 3 ? "; and \(problems.count - 3) more" : ""
            throw refuse("the file fails db check (\(problems.prefix(3).map(\.description).joined(separator: "; "))\(more))")
        }
        return stage
    }

    /// Puts the checked copy at `stage` in place of the database's content, in one write
    /// transaction of SQLite's backup API, copying a page at a time. After the first page the
    /// transaction holds the write lock: only then is the current content saved, so no commit
    /// can fall between the saved copy and the restored content. Returns the saved copy's path.
    func replaceContent(with stage: String) throws -> String {
        let base = database.path + ".before-restore-" + Self.stamp(now())
        let names = [base] + (2...99).map { "\(base)-\($0)" }
        let saved = try database.replaceContent(
            with: stage, savingTheCurrentAsFirstFreeOf: names, ifAllTaken: Self.taken(base, field: "saved copy"))
        guard let saved else {
            // Unreachable: a checked hotline database has many pages, so the backup takes
            // more than one step. Said rather than crash.
            throw HotlineError.databaseUnavailable(
                path: database.path, reason: "the restore finished without saving the previous content")
        }
        return saved
    }

    // MARK: - Files

    /// A saved copy's time stamp, to the millisecond: `2026-11-30T102700.123Z`.
    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date).replacing(":", with: "")
    }

    /// Refuses an empty path, or one where something (a dangling link included) already is.
    static func refuseTaken(_ path: String, field: String) throws(HotlineError) {
        guard !path.isEmpty else {
            throw .invalidField(field: field, value: path, problem: "it is empty", accepted: "the path of a new file")
        }
        try PrivateFiles.refuseLink(path, field: field)
        if PrivateFiles.somethingExists(at: path) { throw taken(path, field: field) }
    }

    static func taken(_ path: String, field: String) -> HotlineError {
        .invalidField(
            field: field, value: path, problem: "a file is already there",
            accepted: "a path where no file exists (a backup never overwrites)")
    }

    /// Whether two paths name the same file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev
            && first.st_ino == second.st_ino
    }
}

/// A file beside the database that a restore saved or an interrupted operation left.
public struct SavedCopy: Encodable, Sendable, Equatable {
    public let path: String
    public let bytes: Int64
    public let modified: Date
    public let note: String

    /// The note of a copy a restore saved.
    public static let beforeRestore = "the content before a restore"
}
