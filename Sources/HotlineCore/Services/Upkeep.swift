import Foundation
import GRDB

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
        try database.read { db in
            let migrator = HotlineDatabase.migrator
            let applied = try migrator.appliedIdentifiers(db)
            return SchemaVersion(
                applied: migrator.migrations.filter(applied.contains),
                pending: migrator.migrations.filter { !applied.contains($0) },
                sqlite: try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?")
        }
    }

    /// Copies the database to a new file at `path` with SQLite's online backup API: one
    /// consistent snapshot, taken while other operators go on writing.
    public func backup(to path: String, by actor: OperatorName) throws {
        try database.read { db in try authorize(actor, as: .admin, in: db) }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw HotlineError.invalidField(
                field: "backup path", value: path, problem: "a file is already there",
                accepted: "a path where no file exists (a backup never overwrites)")
        }
        try HotlineDatabase.createIfMissing(path)
        do {
            let destination = try DatabaseQueue(path: path)
            try database.writer.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw HotlineError.databaseUnavailable(path: path, reason: HotlineDatabase.explain(error))
        }
    }

    /// Replaces the database's content with the backup at `path`, if that file passes every
    /// `db check`. The current content is first saved beside the database, so a restore can
    /// itself be undone. Returns where that copy went.
    public func restore(from path: String, by actor: OperatorName) throws -> String {
        try database.read { db in try authorize(actor, as: .admin, in: db) }
        guard FileManager.default.fileExists(atPath: path) else {
            throw HotlineError.invalidField(
                field: "restore path", value: path, problem: "there is no such file",
                accepted: "a file made by `db backup`")
        }
        var readOnly = Configuration()
        readOnly.readonly = true
        let source: DatabaseQueue
        let problems: [CheckProblem]
        do {
            source = try DatabaseQueue(path: path, configuration: readOnly)
            problems = try source.read { db in try Self.problems(in: db, lifecycle: rules.lifecycle) }
        } catch {
            throw HotlineError.databaseUnavailable(path: path, reason: HotlineDatabase.explain(error))
        }
        guard problems.isEmpty else {
            throw HotlineError.invalidField(
                field: "restore path", value: path,
                problem: "the file fails db check (\(problems.prefix(3).map(\.description).joined(separator: "; ")))",
                accepted: "a backup that passes `db check`")
        }
        let stamp = ISO8601DateFormatter().string(from: now()).replacing(":", with: "")
        let saved = database.path + ".before-restore-" + stamp
        try backup(to: saved, by: actor)
        do {
            try source.backup(to: database.writer)
            try database.migrate()
        } catch {
            throw HotlineError.databaseUnavailable(path: database.path, reason: HotlineDatabase.explain(error))
        }
        return saved
    }
}
