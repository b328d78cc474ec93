import Foundation
import GRDB

/// A client's `Idempotency-Key` for one request and the SHA-256 of the request's body: a
/// retry (the same key and body) gets the first answer, the same key with another body is refused.
public struct IdempotencyKey: Sendable, Equatable {
    public let key: String
    public let requestSHA256: String

    /// What a key may be: what clients use (a UUID, a counter) fits, and a header cannot flood the table.
    static let lengths = 1...255

    /// `key` for a request whose body is `body`; `invalidField` for an empty, long or non-ASCII key.
    public init(_ key: String, body: [UInt8]) throws(HotlineError) {
        guard Self.lengths.contains(key.utf8.count), key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else {
            throw HotlineError.invalidField(
                field: "Idempotency-Key", value: key, problem: "it is not a key this server keeps",
                accepted: "1 to 255 visible ASCII characters without spaces, such as a UUID")
        }
        self.key = key
        self.requestSHA256 = SHA256.hex(of: body)
    }
}

/// An answer as a front end gave it (status and body, byte for byte), kept for retries.
public struct RecordedAnswer: Sendable, Equatable {
    public let status: Int
    public let body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// What `intake(_:by:key:)` did: the first request under its key, or a retry of it.
public enum IdempotentIntake: Sendable {
    /// What intake did, and the answer recorded for retries (`nil`: nothing was recorded,
    /// as for likely duplicates, where nothing was written and a retry decides again).
    case first(IntakeOutcome, RecordedAnswer?)
    /// The answer of the first request under this key; nothing was written now.
    case retry(RecordedAnswer)
}

extension Hotline {
    /// How long a key is kept: a day covers any client's retries.
    public static let idempotencyKeyLifetime: TimeInterval = 24 * 3600

    /// `intake` under a client's `Idempotency-Key`: in one transaction, a retry of a request
    /// answered within `keyLifetime` gets its recorded answer and writes nothing; otherwise the
    /// inquiry is logged and `answer(outcome)` recorded with the key, so a crash after the
    /// commit, before the answer reached the client, still answers the retry with it. The same
    /// key with a different body is `idempotencyKeyReused`, nothing written. Keys are the
    /// operator's own.
    public func intake(
        _ draft: InquiryDraft, by operatorName: OperatorName, key: IdempotencyKey,
        keyLifetime: TimeInterval = Hotline.idempotencyKeyLifetime,
        answer: @escaping @Sendable (IntakeOutcome) throws -> RecordedAnswer?
    ) async throws -> IdempotentIntake {
        let intake = try intakeWork(draft, by: operatorName)
        let at = now()
        let since = at.addingTimeInterval(-keyLifetime)
        return try await database.run(
            .writing { db in
                _ = try authorizeFiling(operatorName, in: db)
                if let earlier = try db.idempotencyKeys.answer(operator: operatorName.name, key: key.key, since: since)
                {
                    guard earlier.requestSHA256 == key.requestSHA256 else {
                        throw HotlineError.idempotencyKeyReused(key.key)
                    }
                    return .retry(earlier.answer)
                }
                try db.idempotencyKeys.forget(before: since)
                let outcome = try intake.body(db)
                guard let recorded = try answer(outcome) else { return .first(outcome, nil) }
                try db.idempotencyKeys.record(
                    recorded, operator: operatorName.name, key: key.key, requestSHA256: key.requestSHA256, at: at)
                return .first(outcome, recorded)
            })
    }
}
