import Foundation
import GRDB

/// What signing in over the network needs from storage: `operator_password`, `operator_totp`,
/// `api_session` and the append-only `sign_in_event` log (Schema/v009_serve.sql, v010_auth.sql). The rules live in the
/// service (Services/SignIn.swift).
struct SQLiteSignInStore {
    let db: Database

    /// The bcrypt hash stored for the operator stored under exactly `name`.
    func passwordHash(ofStoredName name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT bcrypt FROM operator_password WHERE operator = ?", arguments: [name])
    }

    func setPassword(ofStoredName name: String, bcrypt: String, at: Date, by: String) throws {
        try db.execute(
            sql: """
                INSERT INTO operator_password (operator, bcrypt, set_at, set_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (operator) DO UPDATE SET bcrypt = excluded.bcrypt, set_at = excluded.set_at,
                    set_by = excluded.set_by
                """, arguments: [name, bcrypt, at, by])
    }

    /// Whether an enabled admin has a password: without one nobody could sign in to manage the server.
    func enabledAdminHasPassword() throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM operator JOIN operator_password ON operator_password.operator = operator.name
                    WHERE operator.role = 'admin' AND operator.disabled_at IS NULL)
                """) ?? false
    }

    /// The TOTP secret of the operator stored under exactly `name`, if they enrolled one.
    func totpSecret(ofStoredName name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT secret FROM operator_totp WHERE operator = ?", arguments: [name])
    }

    func setTOTP(ofStoredName name: String, secret: String, at: Date, by: String) throws {
        try db.execute(
            sql: """
                INSERT INTO operator_totp (operator, secret, set_at, set_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (operator) DO UPDATE SET secret = excluded.secret, set_at = excluded.set_at,
                    set_by = excluded.set_by
                """, arguments: [name, secret, at, by])
    }

    /// Remembers `step` as the operator's last accepted TOTP step if it is later than the one
    /// remembered; whether it was (a code of the same or an older step is a replay).
    func acceptTOTPStep(_ step: Int64, ofStoredName name: String) throws -> Bool {
        try db.execute(
            sql: "UPDATE operator_totp SET last_step = ? WHERE operator = ? AND (last_step IS NULL OR last_step < ?)",
            arguments: [step, name, step])
        return db.changesCount > 0
    }

    /// Removes the operator's TOTP secret; whether they had one.
    func removeTOTP(ofStoredName name: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM operator_totp WHERE operator = ?", arguments: [name])
        return db.changesCount > 0
    }

    func insertSession(tokenSHA256: String, operator name: String, at: Date, expires: Date) throws {
        try db.execute(
            sql: "INSERT INTO api_session (token_sha256, operator, created_at, expires_at) VALUES (?, ?, ?, ?)",
            arguments: [tokenSHA256, name, at, expires])
    }

    /// The operator whose unrevoked token hashes to `tokenSHA256`, if it has not expired at `now`
    /// and the operator is enabled (a disabled operator's tokens stop working at once).
    func liveSessionOperator(tokenSHA256: String, now: Date) throws -> String? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT operator.name FROM api_session JOIN operator ON operator.name = api_session.operator
                WHERE api_session.token_sha256 = ? AND api_session.revoked_at IS NULL
                    AND api_session.expires_at > ? AND operator.disabled_at IS NULL
                """)
        return try String.fetchOne(statement, arguments: [tokenSHA256, now])
    }

    /// Revokes one token; whether it was live.
    func revoke(tokenSHA256: String, at: Date) throws -> Bool {
        try db.execute(
            sql: "UPDATE api_session SET revoked_at = ? WHERE token_sha256 = ? AND revoked_at IS NULL",
            arguments: [at, tokenSHA256])
        return db.changesCount > 0
    }

    /// Revokes every unexpired token of the operator; how many.
    func revokeAll(ofStoredName name: String, at: Date) throws -> Int {
        try db.execute(
            sql: "UPDATE api_session SET revoked_at = ? WHERE operator = ? AND revoked_at IS NULL AND expires_at > ?",
            arguments: [at, name, at])
        return db.changesCount
    }

    /// The times of the failed sign-ins for `name` since `since`, oldest first.
    func failures(of name: String, since: Date) throws -> [Date] {
        try Date.fetchAll(
            db,
            sql: "SELECT at FROM sign_in_event WHERE operator = ? AND action = 'failed' AND at > ? ORDER BY at",
            arguments: [name, since])
    }

    /// The last successful sign-in of `name`: failures before it no longer count.
    func lastSignIn(of name: String) throws -> Date? {
        try Date.fetchOne(
            db, sql: "SELECT max(at) FROM sign_in_event WHERE operator = ? AND action = 'signed-in'", arguments: [name])
    }

    func log(_ action: String, operator name: String, at: Date, by: String? = nil) throws {
        try db.execute(
            sql: "INSERT INTO sign_in_event (at, operator, action, by) VALUES (?, ?, ?, ?)",
            arguments: [at, name, action, by])
    }
}

extension Database {
    /// The sign-in store on this transaction.
    var signIns: SQLiteSignInStore { SQLiteSignInStore(db: self) }
}
