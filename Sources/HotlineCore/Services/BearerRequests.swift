import Foundation
import GRDB
import Synchronization

extension Hotline {
    /// Runs `body` as the principal a bearer `token` stands for (a session token or an API key),
    /// or throws `notSignedIn`.
    ///
    /// A request that may write (`readOnly: false`) is checked first with a read of its own, as
    /// `authenticate(token:)` does, so nothing is ever written under a dead token. A read-only
    /// request (a GET) whose token passed that check within the last minute skips that read:
    /// the token is checked again inside the transaction of every read and write the request
    /// makes (one cached statement on the connection the work holds anyway), and a request that
    /// made none (the regions, a refused parameter) is checked fully before its answer is
    /// returned. So a token revoked, expired or whose operator was disabled (from any process)
    /// stops at once, as before; the separate read cost a third of a case's GET at 1M cases.
    public func authenticated<Value>(
        token: String, readOnly: Bool, _ body: (Principal) async throws -> Value
    ) async throws -> Value {
        let digest = SHA256.hex(of: Array(token.utf8))
        let at = now()
        guard readOnly, let known = recentTokens.known(digest: digest, at: at) else {
            return try await body(try await authenticate(token: token))
        }
        let check = BearerCheck(digest: digest, known: known, at: at)
        do {
            let value = try await BearerCheck.$current.withValue(check) { try await body(known.principal) }
            if !check.passed { _ = try await checkedAgain(token: token, digest: digest) }
            return value
        } catch {
            // A dead token answers 401 whatever else went wrong (a 404, a 400 before any read).
            if !check.passed { _ = try await checkedAgain(token: token, digest: digest) }
            throw error
        }
    }

    /// The full check, forgetting the token when it fails.
    private func checkedAgain(token: String, digest: String) async throws -> Principal {
        do {
            return try await authenticate(token: token)
        } catch let error as HotlineError {
            if case .notSignedIn = error { recentTokens.forget(digest: digest) }
            throw error
        }
    }
}

/// A token that passed the full check: whom it stands for and the name stored with it.
struct KnownToken: Sendable {
    let principal: Principal
    /// The operator's name as stored (session tokens) or the key's name (API keys).
    let storedName: String
    let isAPIKey: Bool
    let checkedAt: Date
}

/// Tokens that passed the full check in the last minute. Only tokens that passed are kept, so
/// nobody can fill it with guesses; it is bounded anyway and emptied when full.
final class RecentTokens: Sendable {
    static let capacity = 10_000
    /// How long a full check stands for read-only requests, each of whose reads checks again.
    /// A key that only reads still gets its `last used` written once a minute or so, at its
    /// next full check (`apiKeyUseInterval`).
    static let lifetime: TimeInterval = 60

    private let tokens = Mutex<[String: KnownToken]>([:])

    func known(digest: String, at: Date) -> KnownToken? {
        tokens.withLock { tokens in
            guard let known = tokens[digest] else { return nil }
            let age = at.timeIntervalSince(known.checkedAt)
            guard age >= 0, age < Self.lifetime else {
                tokens[digest] = nil
                return nil
            }
            return known
        }
    }

    func remember(digest: String, _ known: KnownToken) {
        tokens.withLock { tokens in
            if tokens.count >= Self.capacity { tokens.removeAll(keepingCapacity: true) }
            tokens[digest] = known
        }
    }

    func forget(digest: String) {
        _ = tokens.withLock { $0.removeValue(forKey: digest) }
    }
}

/// A read-only request's token, checked inside each transaction the request's work runs in
/// (`HotlineDatabase.run`), where a separate read used to check it before the work.
final class BearerCheck: Sendable {
    @TaskLocal static var current: BearerCheck?

    let digest: String
    let known: KnownToken
    let at: Date
    private let checks = Mutex(0)

    init(digest: String, known: KnownToken, at: Date) {
        self.digest = digest
        self.known = known
        self.at = at
    }

    /// Whether a transaction of the request found the token live.
    var passed: Bool { checks.withLock { $0 > 0 } }

    /// Throws `notSignedIn` unless the token is live in this transaction's view of the database.
    func verify(in db: Database) throws {
        let live =
            known.isAPIKey
            ? try db.apiKeys.live(keySHA256: digest)?.name == known.storedName
            : try db.signIns.liveSessionOperator(tokenSHA256: digest, now: at) == known.storedName
        guard live else { throw HotlineError.notSignedIn("the token is unknown, expired or revoked; sign in again") }
        checks.withLock { $0 += 1 }
    }
}
