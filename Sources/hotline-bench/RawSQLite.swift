import Foundation
import GRDBSQLite

/// The SQLite C API with nothing on top: one connection, prepared statements reused, the same
/// PRAGMAs as hotline's connections (WAL, synchronous = FULL, foreign_keys = ON, busy timeout).
final class RawDatabase {
    let handle: OpaquePointer
    let path: String

    /// `synchronous` is FULL, as hotline documents; NORMAL only for like-for-like comparisons
    /// with a connection that actually runs at NORMAL.
    init(path: String, synchronous: String = "FULL") throws {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "code \(code)"
            if let connection { sqlite3_close_v2(connection) }
            throw BenchError("cannot open \(path): \(message)")
        }
        handle = connection
        self.path = path
        sqlite3_busy_timeout(handle, 15_000)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = \(synchronous)")
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        for statement in cache.values { sqlite3_finalize(statement.handle) }
        sqlite3_close_v2(handle)
    }

    /// Runs SQL text (one or more statements, no parameters), discarding rows.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "code \(code)"
            sqlite3_free(message)
            throw BenchError("SQLite: \(text) in \(sql.prefix(80))")
        }
    }

    private var cache: [String: RawStatement] = [:]

    /// The prepared statement for `sql`, prepared once and reused.
    func statement(_ sql: String) throws -> RawStatement {
        if let statement = cache[sql] {
            statement.reset()
            return statement
        }
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil) == SQLITE_OK,
            let prepared
        else {
            throw BenchError("SQLite: \(String(cString: sqlite3_errmsg(handle))) in \(sql)")
        }
        let statement = RawStatement(handle: prepared, database: self)
        cache[sql] = statement
        return statement
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// One value of a one-row query.
    func int(_ sql: String, _ arguments: [RawValue] = []) throws -> Int64? {
        let statement = try self.statement(sql)
        statement.bind(arguments)
        defer { statement.reset() }
        return try statement.step() ? statement.int(0) : nil
    }

    func text(_ sql: String, _ arguments: [RawValue] = []) throws -> String? {
        let statement = try self.statement(sql)
        statement.bind(arguments)
        defer { statement.reset() }
        return try statement.step() ? statement.text(0) : nil
    }
}

/// A bindable value.
enum RawValue {
    case int(Int64)
    case text(String)
    case null

    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
}

/// A prepared statement. `reset` before reuse; bindings are cleared with it.
final class RawStatement {
    let handle: OpaquePointer
    unowned let database: RawDatabase

    init(handle: OpaquePointer, database: RawDatabase) {
        self.handle = handle
        self.database = database
    }

    /// SQLite copies the bytes (SQLITE_TRANSIENT): the Swift string need not outlive the call.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        var text = value
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(
                handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                Int32(bytes.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ values: [RawValue]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .int(let number): bind(index, number)
            case .text(let text): bind(index, text)
            case .null: sqlite3_bind_null(handle, index)
            }
        }
    }

    /// Steps once: true when a row is ready, false when done.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = database.errorMessage
            sqlite3_reset(handle)
            throw BenchError("SQLite: \(message) in \(String(cString: sqlite3_sql(handle)))")
        }
    }

    /// Runs a statement that returns no rows.
    func run() throws {
        try step()
        sqlite3_reset(handle)
    }

    var columnCount: Int32 { sqlite3_column_count(handle) }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column as a Swift string (nil for NULL): what an app reading rows would build.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
