import Foundation
import GRDB

/// What the operator rules (`authorize`, `operator add/disable/enable/role`) need from
/// storage: the `operator` table and its append-only `operator_event` log. The rules live in
/// the service (Services/Operators.swift); this holds only the reads and writes.
protocol OperatorStore {
    /// Whether any operator exists (none: set-up mode).
    func hasOperators() throws -> Bool
    /// The role (as stored) and whether the operator is disabled, for the name stored exactly.
    func access(ofStoredName name: String) throws -> (role: String, disabled: Bool)?
    /// The operator stored under exactly this name.
    func record(storedAs name: String) throws -> OperatorRecord?
    /// Every operator, by name.
    func all() throws -> [OperatorRecord]
    /// Every operator, in the table's own order (as added).
    func allAsStored() throws -> [OperatorRecord]
    /// Every stored name.
    func names() throws -> [String]
    /// How many admins are enabled.
    func enabledAdminCount() throws -> Int
    func insert(_ record: OperatorRecord) throws
    func update(_ record: OperatorRecord) throws
    /// Appends one entry to the operator log.
    func append(_ event: OperatorEventRecord) throws
}

/// The operator store on one SQLite transaction.
struct SQLiteOperatorStore: OperatorStore {
    let db: Database

    func hasOperators() throws -> Bool {
        // Cached statement: every command's authorization runs this first.
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM operator)")) ?? false
    }

    func access(ofStoredName name: String) throws -> (role: String, disabled: Bool)? {
        let statement = try db.cachedStatement(sql: "SELECT role, disabled_at FROM operator WHERE name = ?")
        guard let row = try Row.fetchOne(statement, arguments: [name]) else { return nil }
        return (row[0], !(row[1] as DatabaseValue).isNull)
    }

    func record(storedAs name: String) throws -> OperatorRecord? { try OperatorRecord.fetchOne(db, key: name) }

    func all() throws -> [OperatorRecord] { try OperatorRecord.order(Column("name")).fetchAll(db) }

    func allAsStored() throws -> [OperatorRecord] { try OperatorRecord.fetchAll(db) }

    func names() throws -> [String] { try String.fetchAll(db, sql: "SELECT name FROM operator") }

    func enabledAdminCount() throws -> Int {
        try OperatorRecord.filter(Column("role") == Role.admin.rawValue && Column("disabled_at") == nil).fetchCount(db)
    }

    func insert(_ record: OperatorRecord) throws {
        var record = record
        try record.insert(db)
    }

    func update(_ record: OperatorRecord) throws { try record.update(db) }

    func append(_ event: OperatorEventRecord) throws {
        var event = event
        try event.insert(db)
    }
}

extension Database {
    /// The operator store on this transaction.
    var operators: SQLiteOperatorStore { SQLiteOperatorStore(db: self) }
}

/// A row of `operator`.
struct OperatorRecord: SnakeCaseRecord {
    static let databaseTableName = "operator"
    var name: String
    var displayName: String?
    var role: String
    var disabledAt: Date?
    var createdAt: Date
    var createdBy: String
    /// May deliver news of a death (issue 13).
    var deathNotices: Bool = false

    var info: OperatorInfo {
        OperatorInfo(
            name: name, displayName: displayName, role: role, disabled: disabledAt != nil, created: createdAt,
            createdBy: createdBy, deathNotices: deathNotices)
    }
}

/// A row of `operator_event`.
struct OperatorEventRecord: SnakeCaseRecord {
    static let databaseTableName = "operator_event"
    var id: Int64?
    var at: Date
    var by: String
    var subject: String
    var action: String
    var fromValue: String?
    var toValue: String?
}
