import Foundation
import GRDB

extension Hotline {
    /// The alphabet of a TOTP secret: base32's, so the secret is plain text that
    /// authenticator apps and HummingbirdOTP agree on byte for byte.
    static let totpSecretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// Enrols `name` for a second sign-in factor (an admin for anyone, an operator for
    /// themself): a new secret of 160 random bits, replacing any earlier one; returned this once
    /// for the authenticator app. From now on `hotline serve` asks `name` for a code.
    public func enrolTOTP(of name: String, by actor: OperatorName) throws -> String {
        var generator = SystemRandomNumberGenerator()
        // The alphabet has 32 letters, so `randomElement` always finds one.
        let secret = String((0..<32).map { _ in Self.totpSecretAlphabet.randomElement(using: &generator)! })
        try changeTOTP(of: name, by: actor) { record, at, db in
            try db.signIns.setTOTP(ofStoredName: record.name, secret: secret, at: at, by: actor.name)
            try db.signIns.log("totp", operator: record.name, at: at, by: actor.name)
        }
        return secret
    }

    /// Removes `name`'s second factor (an admin for anyone, an operator for themself); whether
    /// they had one. A lost phone: remove, then enrol again.
    public func removeTOTP(of name: String, by actor: OperatorName) throws -> Bool {
        var removed = false
        try changeTOTP(of: name, by: actor) { record, at, db in
            removed = try db.signIns.removeTOTP(ofStoredName: record.name)
            if removed { try db.signIns.log("totp-removed", operator: record.name, at: at, by: actor.name) }
        }
        return removed
    }

    /// One transaction on an existing operator's second factor, as `actor` may change it.
    private func changeTOTP(
        of name: String, by actor: OperatorName, _ change: (OperatorRecord, Date, Database) throws -> Void
    ) throws {
        let subject = try OperatorName(name)
        let at = now()
        try database.write { db in
            try authorize(actor, as: actor == subject ? .viewer : .admin, in: db)
            guard let record = try Self.operatorRecord(subject, in: db) else {
                throw HotlineError.invalidField(
                    field: "operator", value: name, problem: "there is no such operator",
                    accepted: "a name from `operator list`")
            }
            try change(record, at, db)
        }
    }
}
