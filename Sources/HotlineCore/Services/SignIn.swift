import Foundation
import GRDB
import HummingbirdBcrypt

/// A bearer token as `POST /v1/sessions` hands it out. The token is shown this once: the
/// database keeps only its SHA-256.
public struct SessionToken: Encodable, Sendable, Equatable {
    public let token: String
    public let expiresAt: Date
}

/// How long a token lasts and when repeated failures lock a name.
public struct SignInPolicy: Sendable {
    /// A shift: a token expires this long after sign-in.
    public var tokenLifetime: TimeInterval = 12 * 3600
    /// This many failures for one name within `failureWindow` lock it ...
    public var maxFailures = 5
    public var failureWindow: TimeInterval = 15 * 60
    /// ... for this long after the last of them.
    public var lockDuration: TimeInterval = 15 * 60
    /// An admin who has not enrolled a second factor (`operator totp`) cannot sign in.
    public var totpRequiredForAdmins = false
    /// The codes valid at a time for a TOTP secret, with their time steps (the server computes
    /// them with HummingbirdOTP, keeping the core free of HTTP). None by default: an enrolled
    /// operator cannot sign in unless the caller says how codes are made.
    public var totpCodes: @Sendable (_ secret: String, _ at: Date) -> [TOTPCode] = { _, _ in [] }

    public init() {}
}

/// One TOTP code and the time step it belongs to (RFC 6238's T: seconds since 1970 / 30). A
/// code is accepted once: a sign-in remembers its step and refuses that step and older ones.
public struct TOTPCode: Sendable, Equatable {
    public let step: Int64
    public let code: String

    public init(step: Int64, code: String) {
        self.step = step
        self.code = code
    }
}

extension Hotline {
    /// bcrypt's work factor for new passwords: 2^12 rounds, about 0.25 s a check in a release
    /// build, which makes guessing from a stolen file slow and costs a sign-in little.
    public static let passwordCost: UInt8 = 12

    /// What a password must be: long enough to resist guessing, short enough for bcrypt, which
    /// reads only the first 72 bytes (a longer one would be silently cut).
    static let passwordBytes = 12...72

    /// The one answer to a sign-in that failed, whatever the reason.
    static let signInFailure = HotlineError.notSignedIn("the name or the password is wrong")

    /// Compared against when the name has no password, so an unknown name costs the same time
    /// as a wrong password and answers never tell which names exist.
    private static let decoyHash = Bcrypt.hash("hotline decoy password", cost: passwordCost)

    // MARK: - Passwords

    /// Sets `name`'s password (an admin for anyone, an operator for themself) and revokes their
    /// tokens, so a password changed after a leak locks the leaker out. `cost`: bcrypt's work
    /// factor (tests lower it).
    public func setPassword(
        of name: String, to password: String, by actor: OperatorName, cost: UInt8 = Hotline.passwordCost
    ) throws {
        let subject = try OperatorName(name)
        guard Self.passwordBytes.contains(password.utf8.count) else {
            throw HotlineError.invalidField(
                field: "password", value: "(\(password.utf8.count) bytes, not shown)",
                problem: "it is too \(password.utf8.count < Self.passwordBytes.lowerBound ? "short" : "long")",
                accepted: "\(Self.passwordBytes.lowerBound) to \(Self.passwordBytes.upperBound) bytes "
                    + "(a passphrase of several words is easiest to type)")
        }
        let hash = Bcrypt.hash(password, cost: cost)  // before the transaction: it takes a while
        let at = now()
        try database.write { db in
            guard try db.operators.hasOperators() else {
                throw HotlineError.invalidField(
                    field: "operator", value: name, problem: "this database has no operators yet",
                    accepted: "add the first operator (an admin) with `operator add NAME` first")
            }
            try authorize(actor, as: actor == subject ? .viewer : .admin, in: db)
            guard let record = try Self.operatorRecord(subject, in: db) else {
                throw HotlineError.invalidField(
                    field: "operator", value: name, problem: "there is no such operator",
                    accepted: "a name from `operator list`")
            }
            try db.signIns.setPassword(ofStoredName: record.name, bcrypt: hash, at: at, by: actor.name)
            _ = try db.signIns.revokeAll(ofStoredName: record.name, at: at)
            try db.signIns.log("password", operator: record.name, at: at, by: actor.name)
        }
    }

    /// Revokes every live token of `name` (an admin for anyone, an operator for themself); how many.
    public func revokeSessions(of name: String, by actor: OperatorName) throws -> Int {
        let subject = try OperatorName(name)
        let at = now()
        return try database.write { db in
            try authorize(actor, as: actor == subject ? .viewer : .admin, in: db)
            guard let record = try Self.operatorRecord(subject, in: db) else {
                throw HotlineError.invalidField(
                    field: "operator", value: name, problem: "there is no such operator",
                    accepted: "a name from `operator list`")
            }
            let count = try db.signIns.revokeAll(ofStoredName: record.name, at: at)
            try db.signIns.log("revoked", operator: record.name, at: at, by: actor.name)
            return count
        }
    }

    /// Whether an enabled admin has a password: a server refuses to start without one, since
    /// nobody could then sign in to manage it (set-up mode is for the local CLI only).
    public func hasAdminWithPassword() async throws -> Bool {
        try await database.run(.reading { db in try db.signIns.enabledAdminHasPassword() })
    }

    // MARK: - Sessions

    /// Exchanges a name and password (and a TOTP code, for an operator who enrolled one) for a
    /// bearer token lasting `policy.tokenLifetime`. An unknown name, a wrong password, a missing
    /// or wrong code and a disabled operator get the same answer in the same time;
    /// `policy.maxFailures` failures within `policy.failureWindow` lock the name (known or not)
    /// for `policy.lockDuration`. Every sign-in, failure and lock is logged.
    public func signIn(
        operator typed: String, password: String, totp: String? = nil, policy: SignInPolicy = SignInPolicy()
    ) async throws -> SessionToken {
        guard let name = try? OperatorName(typed), password.utf8.count <= 1024 else { throw Self.signInFailure }
        let started = now()
        let (stored, locked) = try await database.run(
            .reading { db in
                let record = try Self.operatorRecord(name, in: db)
                let hash = try record.flatMap { try db.signIns.passwordHash(ofStoredName: $0.name) }
                let enabled = record?.disabledAt == nil
                let secret = try record.flatMap { try db.signIns.totpSecret(ofStoredName: $0.name) }
                return (
                    // record is set when hash is
                    enabled
                        ? hash.map {
                            StoredCredentials(name: record!.name, role: record!.role, bcrypt: $0, totp: secret)
                        } : nil,
                    try Self.lockedFor(name.name, at: started, policy: policy, in: db)
                )
            })
        if let locked { throw HotlineError.signInLocked(retryAfterSeconds: locked) }
        let passwordMatches = Bcrypt.verify(password, hash: stored?.bcrypt ?? Self.decoyHash) && stored != nil
        let secondFactor = Self.secondFactor(stored, code: totp, at: started, policy: policy)
        let at = now()
        let token = Self.makeToken()
        let failed = try await database.run(
            .writing { db in
                // A code's step is checked and remembered in this transaction, so two sign-ins
                // racing with one code cannot both pass: a code works once.
                var matches = passwordMatches && secondFactor != nil
                if let stored, matches, case .code(let step) = secondFactor {
                    matches = try db.signIns.acceptTOTPStep(step, ofStoredName: stored.name)
                }
                guard let stored, matches else {
                    try db.signIns.log("failed", operator: name.name, at: at)
                    if try Self.lockedFor(name.name, at: at, policy: policy, in: db) != nil {
                        try db.signIns.log("locked", operator: name.name, at: at)
                    }
                    return true
                }
                try db.signIns.insertSession(
                    tokenSHA256: SHA256.hex(of: Array(token.utf8)), operator: stored.name, at: at,
                    expires: at.addingTimeInterval(policy.tokenLifetime))
                try db.signIns.log("signed-in", operator: stored.name, at: at)
                return false
            })
        if failed { throw Self.signInFailure }
        return SessionToken(token: token, expiresAt: at.addingTimeInterval(policy.tokenLifetime))
    }

    /// What a sign-in is checked against: the operator as stored, their password's hash and
    /// their TOTP secret if they enrolled one.
    private struct StoredCredentials: Sendable {
        let name: String
        let role: String
        let bcrypt: String
        let totp: String?
    }

    /// What the second factor asks of a sign-in that passes it.
    private enum SecondFactor: Equatable {
        /// No code: the operator did not enrol one (and need not).
        case notNeeded
        /// A right code, of this time step: it passes if no code of this step or a later one was accepted.
        case code(step: Int64)
    }

    /// Whether the second factor may let `stored` in (`nil`: it does not): a code among
    /// `policy.totpCodes` for an enrolled operator; nothing for the others, unless they are
    /// admins and `policy.totpRequiredForAdmins`.
    private static func secondFactor(
        _ stored: StoredCredentials?, code: String?, at: Date, policy: SignInPolicy
    ) -> SecondFactor? {
        guard let stored else { return nil }
        guard let secret = stored.totp else {
            return policy.totpRequiredForAdmins && stored.role == Role.admin.rawValue ? nil : .notNeeded
        }
        guard let code = code?.trimmingCharacters(in: .whitespaces), !code.isEmpty,
            let matching = policy.totpCodes(secret, at).first(where: { $0.code == code })
        else { return nil }
        return .code(step: matching.step)
    }

    /// Who a bearer token stands for: an operator, for a session token (`notSignedIn` when it
    /// is unknown, expired, revoked, or an operator's who has been disabled since), or a key's
    /// principal, for an API key (`notSignedIn` when it is unknown or revoked).
    /// A token that passes is remembered for `authenticated(token:readOnly:)`.
    public func authenticate(token: String) async throws -> Principal {
        let known =
            token.hasPrefix(Self.apiKeyPrefix)
            ? try await authenticate(apiKey: token) : try await authenticate(sessionToken: token)
        recentTokens.remember(digest: SHA256.hex(of: Array(token.utf8)), known)
        return known.principal
    }

    private func authenticate(sessionToken token: String) async throws -> KnownToken {
        guard token.utf8.count == 43 else { throw HotlineError.notSignedIn("the token is not one this server issued") }
        let digest = SHA256.hex(of: Array(token.utf8))
        let at = now()
        guard
            let stored = try await database.run(
                .reading { db in try db.signIns.liveSessionOperator(tokenSHA256: digest, now: at) })
        else { throw HotlineError.notSignedIn("the token is unknown, expired or revoked; sign in again") }
        return KnownToken(
            principal: Principal(name: try OperatorName(stored), apiKeyRole: nil), storedName: stored, isAPIKey: false,
            checkedAt: at)
    }

    /// Revokes one token (`DELETE /v1/sessions/current`). An API key is no session: an admin
    /// revokes it (`apikey revoke`).
    public func signOut(token: String) async throws {
        let digest = SHA256.hex(of: Array(token.utf8))
        let principal = try await authenticate(token: token)
        guard principal.apiKeyRole == nil else {
            throw HotlineError.refused(
                operator: principal.name.name, reason: "is an API key, which cannot sign out",
                remedy: "an admin revokes a key with `apikey revoke NAME`")
        }
        let operatorName = principal.name
        let at = now()
        try await database.run(
            .writing { db in
                if try db.signIns.revoke(tokenSHA256: digest, at: at) {
                    try db.signIns.log("signed-out", operator: operatorName.name, at: at, by: operatorName.name)
                }
            })
    }

    /// Seconds until `name` may try again, or `nil` when it is not locked: the failures since
    /// the last sign-in within the window reached the limit, and the last of them is recent.
    private static func lockedFor(_ name: String, at: Date, policy: SignInPolicy, in db: Database) throws -> Int? {
        var since = at.addingTimeInterval(-max(policy.failureWindow, policy.lockDuration))
        if let last = try db.signIns.lastSignIn(of: name), last > since { since = last }
        let failures = try db.signIns.failures(of: name, since: since)
        // Any `maxFailures` failures in a row no further apart than the window lock the name.
        guard failures.count >= policy.maxFailures, let last = failures.last else { return nil }
        let first = failures[failures.count - policy.maxFailures]
        guard last.timeIntervalSince(first) <= policy.failureWindow else { return nil }
        let remaining = last.addingTimeInterval(policy.lockDuration).timeIntervalSince(at)
        return remaining > 0 ? Int(remaining.rounded(.up)) : nil
    }

    /// 256 random bits from the system's generator (getrandom(2)), as 43 characters of base64url.
    static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
