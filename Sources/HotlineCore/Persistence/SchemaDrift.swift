import Foundation
import GRDB

/// The schema a database should have is the one Schema/'s migrations make, and nothing else:
/// an extra trigger in a restored file would run with every operator's writes, a dropped one
/// would lift a guarantee (case history that cannot be deleted). This compares a database's
/// `sqlite_master` with that of a fresh database migrated in memory.
enum SchemaDrift {
    /// One object of a schema: its kind (table, index, trigger, view), name and SQL.
    struct Object: Hashable {
        let type: String
        let name: String
        let table: String
        let sql: String
    }

    /// The objects the migrations make, computed once (a few milliseconds).
    static let expected: Result<[String: Object], DatabaseError> = {
        do {
            let queue = try DatabaseQueue()
            try HotlineDatabase.migrator.migrate(queue)
            return .success(try queue.read(objects))
        } catch let error as DatabaseError {
            return .failure(error)
        } catch {
            return .failure(DatabaseError(message: "\(error)"))
        }
    }()

    /// The schema objects of `db`'s main database by "type name", SQLite's own ones left out
    /// (its sequence and statistics tables, automatic indexes, which follow from the tables).
    static func objects(_ db: Database) throws -> [String: Object] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        var objects: [String: Object] = [:]
        for row in rows {
            let object = Object(
                type: row[0], name: row[1], table: row[2], sql: normalized(row[3] as String? ?? ""))
            objects["\(object.type) \(object.name)"] = object
        }
        return objects
    }

    /// SQL with runs of white space made one space, so only a real difference counts.
    static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every difference between `db`'s schema and the migrations', as `db check` problems:
    /// objects missing, objects the migrations do not make, objects defined differently.
    static func differences(in db: Database) throws -> [CheckProblem] {
        let expected = try Self.expected.get()
        let actual = try objects(db)
        var problems: [CheckProblem] = []
        for key in expected.keys.sorted() {
            guard let object = actual[key] else {
                problems.append(.init(check: "schema", detail: "the \(key) is missing (hotline's migrations make it)"))
                continue
            }
            if object != expected[key] {
                problems.append(
                    .init(check: "schema", detail: "the \(key) differs from the definition in hotline's migrations"))
            }
        }
        for key in actual.keys.sorted() where expected[key] == nil {
            problems.append(
                .init(
                    check: "schema",
                    detail: "the \(key) is not part of hotline's schema (the migrations do not make it)"))
        }
        return problems
    }
}

extension Hotline {
    /// Every `db check` problem of `db`: hotline's invariants, then schema drift, a damaged
    /// file (SQLite refusing to read a page) reported as a problem rather than thrown.
    static func allProblems(in db: Database, lifecycle: Lifecycle) throws -> [CheckProblem] {
        try reportingDamage {
            let problems = try problems(in: db, lifecycle: lifecycle)
            // Invariant checks stop early on a damaged or foreign file: no schema comparison then.
            if problems.contains(where: { $0.check == "integrity" || $0.check == "schema" }) { return problems }
            return problems + (try SchemaDrift.differences(in: db))
        }
    }

    /// The problems `body` finds, or the damage SQLite met while looking as the one problem.
    static func reportingDamage(_ body: () throws -> [CheckProblem]) throws -> [CheckProblem] {
        func problem(_ message: String) -> [CheckProblem] {
            [
                CheckProblem(
                    check: "integrity",
                    detail: "SQLite cannot read part of the file (\(message)): "
                        + "restore the last good backup (`db backups` lists the copies restores saved)")
            ]
        }
        do {
            return try body()
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
        {
            return problem(error.message ?? "\(error.resultCode)")
        } catch HotlineError.databaseDamaged(let message) {
            return problem(message)
        }
    }
}
