import GRDB
import HotlineSchema

/// One schema migration: its embedded SQL file (Schema/, never edited once shipped) and, when
/// the new tables need what only Swift can compute, a step run after the SQL in the same
/// transaction.
struct Migration {
    let identifier: String
    let sql: String
    /// Fills what the SQL cannot: `v003_search`'s name index needs the folding code.
    let step: (@Sendable (Database) throws -> Void)?

    /// The Swift steps, by the migration they follow. A step is part of its migration for good,
    /// like its SQL: it reads only the tables that migration knows.
    static let steps: [String: @Sendable (Database) throws -> Void] = [
        "v003_search": { db in try NameIndex.rebuild(in: db) },
        "v007_names": { db in try NameIndex.rebuild(in: db) },
        "v012_nameterms": { db in try NameIndex.rebuildPairs(in: db) },
    ]

    /// Every migration, in order.
    static var all: [Migration] {
        SchemaMigrations.all.map { Migration(identifier: $0.identifier, sql: $0.sql, step: steps[$0.identifier]) }
    }
}

extension HotlineDatabase {
    /// The migrator over the migrations, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Migration.all {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
                try migration.step?(db)
            }
        }
        return migrator
    }

    /// `applyingPending: false` only checks (a newer file is refused): `db version` shows what is pending.
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
}
