import Foundation
import GRDB

/// A key as `apikey add` makes it: shown this once, stored only as its SHA-256.
public struct NewAPIKey: Encodable, Sendable, Equatable {
    public let name: String
    public let role: String
    /// `hlk_` and 256 random bits in base64url (47 characters).
    public let key: String
    /// Who requests made with the key act as in histories and `audit`: `apikey:NAME`.
    public let principal: String
}

/// Who a bearer token or API key stands for: an operator, or a key's principal and its role.
public struct Principal: Sendable, Equatable {
    public let name: OperatorName
    /// The key's role for an API key; `nil` for an operator's session token.
    public let apiKeyRole: APIKeyRole?
}

extension Hotline {
    /// What every key begins with: a key is told from a session token by it, and a secret
    /// scanner (or a person) recognises one pasted where it should not be.
    public static let apiKeyPrefix = "hlk_"

    /// A key's use is written at most this often: `last used` stays useful without a write on
    /// every request of a busy web form.
    static let apiKeyUseInterval: TimeInterval = 60

    /// Makes an API key for an integration (admins only): `role` intake, viewer or operator.
    /// The key is returned this once; the database keeps its SHA-256. A name is never reused,
    /// even after its key is revoked, so `apikey:NAME` in a history always means one key.
    public func addAPIKey(name: String, role: String, note: String? = nil, by actor: OperatorName) throws -> NewAPIKey {
        let keyName = try APIKeyName(name)
        let keyRole = try APIKeyRole(parsing: role)
        let note = try TextRule.line("note").validate(note)
        let key = Self.apiKeyPrefix + Self.makeToken()
        let at = now()
        try database.write { db in
            try authorize(actor, as: .admin, in: db)
            guard try !db.apiKeys.exists(name: keyName.name) else {
                throw HotlineError.invalidField(
                    field: "name", value: name, problem: "there is already an API key with this name",
                    accepted: "a new name (a revoked key keeps its name, so that histories stay unambiguous)")
            }
            try db.apiKeys.insert(
                name: keyName.name, keySHA256: SHA256.hex(of: Array(key.utf8)), role: keyRole.rawValue,
                note: note.flatMap { $0.isEmpty ? nil : $0 }, at: at, by: actor.name)
        }
        return NewAPIKey(name: keyName.name, role: keyRole.rawValue, key: key, principal: keyName.principal.name)
    }

    /// Every API key, live and revoked, by name (admins only).
    public func apiKeys(as reader: OperatorName) throws -> [APIKeySummary] {
        try database.read { db in
            try authorize(reader, as: .admin, in: db)
            return try db.apiKeys.all()
        }
    }

    /// Revokes an API key (admins only): requests made with it are refused from now on.
    public func revokeAPIKey(name: String, by actor: OperatorName) throws {
        let keyName = try APIKeyName(name)
        let at = now()
        try database.write { db in
            try authorize(actor, as: .admin, in: db)
            guard try db.apiKeys.exists(name: keyName.name) else {
                throw HotlineError.invalidField(
                    field: "name", value: name, problem: "there is no such API key",
                    accepted: "a name from `apikey list`")
            }
            guard try db.apiKeys.revoke(name: keyName.name, at: at, by: actor.name) else {
                throw HotlineError.invalidField(
                    field: "name", value: name, problem: "this API key is already revoked",
                    accepted: "a live key's name from `apikey list`")
            }
        }
    }

    /// The principal an API key stands for; `notSignedIn` for a key that is unknown or revoked.
    /// The key's use is recorded (its first use, and its last at most once a minute).
    func authenticate(apiKey: String) async throws -> KnownToken {
        guard apiKey.utf8.count == Self.apiKeyPrefix.utf8.count + 43 else {
            throw HotlineError.notSignedIn("the API key is not one this server issued")
        }
        let digest = SHA256.hex(of: Array(apiKey.utf8))
        guard let live = try await database.run(.reading { db in try db.apiKeys.live(keySHA256: digest) }) else {
            throw HotlineError.notSignedIn("the API key is unknown or revoked")
        }
        let at = now()
        if live.lastUsedAt.map({ at.timeIntervalSince($0) >= Self.apiKeyUseInterval }) ?? true {
            try await database.run(.writing { db in try db.apiKeys.markUsed(name: live.name, at: at) })
        }
        // A stored name and role passed the checks (and the table's CHECK) when the key was made.
        let name = try APIKeyName(live.name)
        return KnownToken(
            principal: Principal(name: name.principal, apiKeyRole: try APIKeyRole(parsing: live.role)),
            storedName: live.name, isAPIKey: true, checkedAt: at)
    }

    // MARK: - Roles of keys

    /// `authorize` for an API key's principal: a live key whose role covers `role`; an intake
    /// key never passes (it only files inquiries, through `authorizeFiling`).
    func authorize(key: APIKeyName, as role: Role, in db: Database) throws {
        let principal = key.principal.name
        guard let stored = try db.apiKeys.liveRole(name: key.name) else {
            throw HotlineError.refused(
                operator: principal, reason: "is an API key that is unknown or revoked",
                remedy: "an admin can make a new one with `apikey add NAME --role ROLE`")
        }
        let keyRole = try APIKeyRole(parsing: stored)
        guard let has = keyRole.operatorRole else {
            throw HotlineError.refused(
                operator: principal, reason: "is an intake key and can only file inquiries",
                remedy: "sign in as an operator for anything else")
        }
        guard has >= role else {
            throw HotlineError.refused(
                operator: principal, reason: "is a \(has.rawValue) key and cannot \(role.needed)",
                remedy: "an admin can make a key with another role: `apikey add NAME --role operator`")
        }
    }

    /// Whether `name` may log an inquiry, and how: `false` for an operator (or an operator
    /// key), who sees likely duplicates and chooses; `true` for an intake key, which only
    /// files the inquiry, as a new case, for an operator to review: it must not learn what
    /// other families asked.
    func authorizeFiling(_ name: OperatorName, in db: Database) throws -> Bool {
        if let key = APIKeyName(principal: name), try db.apiKeys.liveRole(name: key.name) == APIKeyRole.intake.rawValue
        {
            return true
        }
        try authorize(name, as: .operator, in: db)
        return false
    }
}
