import Foundation
import GRDB

/// The answers recorded under clients' `Idempotency-Key`s (`idempotency_key`,
/// Schema/v010_auth.sql). The rules live in the service (Services/IdempotentIntake.swift).
struct SQLiteIdempotencyStore {
    let db: Database

    /// What `operator` was answered under `key` after `since`: the request's SHA-256 and the answer.
    func answer(operator name: String, key: String, since: Date) throws -> (
        requestSHA256: String, answer: RecordedAnswer
    )? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT request_sha256, status, response FROM idempotency_key
                    WHERE operator = ? AND key = ? AND created_at > ?
                    """, arguments: [name, key, since])
        else { return nil }
        let body: Data = row[2]
        return (row[0], RecordedAnswer(status: row[1], body: Array(body)))
    }

    func record(
        _ answer: RecordedAnswer, operator name: String, key: String, requestSHA256: String, at: Date
    ) throws {
        // REPLACE: an expired key of the same name may still be there until `forget` runs.
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO idempotency_key (operator, key, request_sha256, status, response, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [name, key, requestSHA256, answer.status, Data(answer.body), at])
    }

    /// Forgets the keys recorded up to `before`.
    func forget(before: Date) throws {
        try db.execute(sql: "DELETE FROM idempotency_key WHERE created_at <= ?", arguments: [before])
    }
}

extension Database {
    /// The idempotency-key store on this transaction.
    var idempotencyKeys: SQLiteIdempotencyStore { SQLiteIdempotencyStore(db: self) }
}
