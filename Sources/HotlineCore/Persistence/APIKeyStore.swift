import Foundation
import GRDB

/// One API key as `apikey list` shows it (never the key itself, which is not stored).
public struct APIKeySummary: Encodable, Sendable, Equatable, FetchableRecord {
    public let name: String
    public let role: String
    public let note: String?
    public let createdAt: Date
    public let createdBy: String
    public let lastUsedAt: Date?
    public let revokedAt: Date?
    public let revokedBy: String?

    public init(row: Row) throws {
        name = row["name"]
        role = row["role"]
        note = row["note"]
        createdAt = row["created_at"]
        createdBy = row["created_by"]
        lastUsedAt = row["last_used_at"]
        revokedAt = row["revoked_at"]
        revokedBy = row["revoked_by"]
    }
}

/// A live key found by its hash: the key's name, role and when it was last used.
struct LiveAPIKey: Sendable {
    let name: String
    let role: String
    let lastUsedAt: Date?
}

/// What API keys need from storage: the `api_key` table (Schema/v014_apikeys.sql). The rules
/// live in the service (Services/APIKeys.swift).
struct SQLiteAPIKeyStore {
    let db: Database

    func exists(name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM api_key WHERE name = ?)", arguments: [name]) ?? false
    }

    func insert(name: String, keySHA256: String, role: String, note: String?, at: Date, by: String) throws {
        try db.execute(
            sql: """
                INSERT INTO api_key (name, key_sha256, role, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [name, keySHA256, role, note, at, by])
    }

    /// Every key, live and revoked, by name.
    func all() throws -> [APIKeySummary] {
        try APIKeySummary.fetchAll(
            db,
            sql: """
                SELECT name, role, note, created_at, created_by, last_used_at, revoked_at, revoked_by
                FROM api_key ORDER BY name
                """)
    }

    /// Revokes the key; whether it was live.
    func revoke(name: String, at: Date, by: String) throws -> Bool {
        try db.execute(
            sql: "UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE name = ? AND revoked_at IS NULL",
            arguments: [at, by, name])
        return db.changesCount > 0
    }

    /// The unrevoked key whose SHA-256 is `keySHA256`.
    func live(keySHA256: String) throws -> LiveAPIKey? {
        let statement = try db.cachedStatement(
            sql: "SELECT name, role, last_used_at FROM api_key WHERE key_sha256 = ? AND revoked_at IS NULL")
        return try Row.fetchOne(statement, arguments: [keySHA256]).map { row in
            LiveAPIKey(name: row["name"], role: row["role"], lastUsedAt: row["last_used_at"])
        }
    }

    /// The role of the unrevoked key named `name`, or `nil` for an unknown or revoked one.
    func liveRole(name: String) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT role FROM api_key WHERE name = ? AND revoked_at IS NULL")
        return try String.fetchOne(statement, arguments: [name])
    }

    /// Records a use of the key (and its first use, once).
    func markUsed(name: String, at: Date) throws {
        try db.execute(
            sql: "UPDATE api_key SET last_used_at = ?, first_used_at = coalesce(first_used_at, ?) WHERE name = ?",
            arguments: [at, at, name])
    }
}

extension Database {
    /// The API key store on this transaction.
    var apiKeys: SQLiteAPIKeyStore { SQLiteAPIKeyStore(db: self) }
}
