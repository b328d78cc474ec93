import Foundation
import GRDB

/// One operator as `operator list` shows them.
public struct OperatorInfo: Encodable, Sendable, Equatable {
    public let name: String
    public let displayName: String?
    public let role: String
    public let disabled: Bool
    public let created: Date
    public let createdBy: String
    /// Marked to deliver news of a death (`operator set NAME --death-notices yes`).
    public let deathNotices: Bool
}

extension Hotline {
    // MARK: - Authorization

    /// Checks that `name` may act with `role`'s rights, inside the command's transaction so a
    /// concurrent `operator disable` is seen. An empty operator table is set-up mode: anyone
    /// may act until the first operator (an admin) is added.
    func authorize(_ name: OperatorName, as role: Role, in db: Database) throws {
        if let key = APIKeyName(principal: name) { return try authorize(key: key, as: role, in: db) }
        let store = db.operators
        guard try store.hasOperators() else { return }
        var found = try store.access(ofStoredName: name.name)
        if found == nil, let legacy = try Self.storedBeforeNormalising(name, in: db) {
            found = try store.access(ofStoredName: legacy.name)
        }
        guard let record = found
        else {
            throw HotlineError.refused(
                operator: name.name, reason: "is not an operator of this hotline",
                remedy: "an admin can add them with `operator add \(name.name)`; use --as NAME to act as yourself")
        }
        guard !record.disabled else {
            throw HotlineError.refused(
                operator: name.name, reason: "is disabled", remedy: "an admin can re-enable them with `operator enable`"
            )
        }
        let has = try Role(parsing: record.role)
        guard has >= role else {
            throw HotlineError.refused(
                operator: name.name, reason: "is a \(has.rawValue) and cannot \(role.needed)",
                remedy: "an admin can change the role with `operator role \(name.name) \(role.rawValue)`")
        }
    }

    /// Checks that `name` may read (a viewer or more), for what reads no table of its own (the
    /// server's `GET /v1/regions`): an intake key may not.
    public func checkMayRead(as name: OperatorName) async throws {
        try await database.run(.reading { db in try authorize(name, as: .viewer, in: db) })
    }

    /// Runs `body` as one transaction spanning several commands (the shell's `begin`), for an
    /// operator with at least the operator role: it holds the write lock, so a viewer, a
    /// disabled or unknown operator must not be able to block every writer with it.
    public func inSessionTransaction(by name: OperatorName, _ body: () throws -> Bool) throws {
        try database.inSessionTransaction(check: { db in try authorize(name, as: .operator, in: db) }, body)
    }

    /// The operator's role, or `nil` in set-up mode; for `whoami`.
    public func role(of name: OperatorName) throws -> (role: Role?, setupMode: Bool) {
        try database.run(roleWork(of: name))
    }

    /// `role(of:)` for asynchronous callers (a server's authentication): the read runs on GRDB's queues.
    public func role(of name: OperatorName) async throws -> (role: Role?, setupMode: Bool) {
        try await database.run(roleWork(of: name))
    }

    private func roleWork(of name: OperatorName) -> DatabaseWork<(role: Role?, setupMode: Bool)> {
        .reading { db in
            if try !db.operators.hasOperators() { return (nil, true) }
            try authorize(name, as: .viewer, in: db)
            return (try Self.operatorRecord(name, in: db).map { try Role(parsing: $0.role) }, false)
        }
    }

    // MARK: - Managing operators

    /// Adds an operator. The first operator of a database is always an admin; after that only
    /// an admin adds operators.
    public func addOperator(
        _ name: String, role: String? = nil, displayName: String? = nil, by actor: OperatorName
    ) throws -> OperatorInfo {
        let newName = try OperatorName(name)
        guard !newName.name.hasPrefix(APIKeyName.principalPrefix) else {
            throw HotlineError.invalidField(
                field: "operator", value: name, problem: "names beginning with 'apikey:' are reserved for API keys",
                accepted: "a name without that prefix (`apikey add` makes keys)")
        }
        let requested = try role.map { text throws(HotlineError) in try Role(parsing: text) }
        let display = try TextRule.name("display name").validate(displayName)
        let at = now()
        return try database.write { db in
            let first = try !db.operators.hasOperators()
            if !first { try authorize(actor, as: .admin, in: db) }
            if first, let requested, requested != .admin {
                throw HotlineError.invalidField(
                    field: "role", value: requested.rawValue,
                    problem: "the first operator of a database must be an admin",
                    accepted: "admin (or leave --role out)")
            }
            if let existing = try Self.operatorRecord(newName, in: db) {
                throw HotlineError.invalidField(
                    field: "operator", value: name,
                    problem:
                        "there is already an operator with this name ('\(existing.name)'; case and width do not count)",
                    accepted: "a new name; `operator role` or `operator enable` change an existing one")
            }
            let record = OperatorRecord(
                name: newName.name, displayName: display, role: (first ? .admin : requested ?? .operator).rawValue,
                disabledAt: nil, createdAt: at, createdBy: actor.name)
            try db.operators.insert(record)
            try Self.log(
                at: at, by: actor, subject: newName.name, action: "added", to: record.role, in: db)
            return record.info
        }
    }

    /// Every operator, by name.
    public func operators(as reader: OperatorName) throws -> [OperatorInfo] {
        try database.run(operatorsWork(as: reader))
    }

    /// `operators` for asynchronous callers: the read runs on GRDB's queues.
    public func operators(as reader: OperatorName) async throws -> [OperatorInfo] {
        try await database.run(operatorsWork(as: reader))
    }

    private func operatorsWork(as reader: OperatorName) -> DatabaseWork<[OperatorInfo]> {
        .reading { db in
            try authorize(reader, as: .viewer, in: db)
            return try db.operators.all().map(\.info)
        }
    }

    /// Disables an operator: their name stays in every history, but they can no longer act.
    public func disableOperator(_ name: String, by actor: OperatorName) throws -> OperatorInfo {
        try changeOperator(name, by: actor) { record, at, db in
            guard record.disabledAt == nil else { return }
            try Self.keepAnAdmin(losing: record, in: db)
            record.disabledAt = at
            try Self.log(at: at, by: actor, subject: record.name, action: "disabled", in: db)
        }
    }

    /// Lets a disabled operator act again.
    public func enableOperator(_ name: String, by actor: OperatorName) throws -> OperatorInfo {
        try changeOperator(name, by: actor) { record, at, db in
            guard record.disabledAt != nil else { return }
            record.disabledAt = nil
            try Self.log(at: at, by: actor, subject: record.name, action: "enabled", in: db)
        }
    }

    /// Gives an operator another role.
    public func setRole(of name: String, to roleName: String, by actor: OperatorName) throws -> OperatorInfo {
        let role = try Role(parsing: roleName)
        return try changeOperator(name, by: actor) { record, at, db in
            guard record.role != role.rawValue else { return }
            if role != .admin { try Self.keepAnAdmin(losing: record, in: db) }
            try Self.log(
                at: at, by: actor, subject: record.name, action: "role", from: record.role, to: role.rawValue, in: db)
            record.role = role.rawValue
        }
    }

    /// Changes what `operator set` changes: whether the operator delivers news of a death, and the
    /// name shown for them. Admins only; each change goes to the operator log (and `audit`).
    public func setOperator(
        _ name: String, deathNotices: String? = nil, displayName: String? = nil, by actor: OperatorName
    ) throws -> OperatorInfo {
        let marked = try ConsentAnswer.parse(deathNotices, field: "death-notices")
        let display = try TextRule.name("display name").validate(displayName)
        guard marked != nil || display != nil else {
            throw HotlineError.invalidField(
                field: "operator set", value: name, problem: "nothing to change",
                accepted: "--death-notices yes|no, --display TEXT")
        }
        return try changeOperator(name, by: actor) { record, at, db in
            if let marked, marked != record.deathNotices {
                try Self.log(
                    at: at, by: actor, subject: record.name, action: "death-notices",
                    from: record.deathNotices ? "yes" : "no", to: marked ? "yes" : "no", in: db)
                record.deathNotices = marked
            }
            if let display, display != record.displayName {
                try Self.log(
                    at: at, by: actor, subject: record.name, action: "display", from: record.displayName, to: display,
                    in: db)
                record.displayName = display
            }
        }
    }

    private func changeOperator(
        _ name: String, by actor: OperatorName, _ change: (inout OperatorRecord, Date, Database) throws -> Void
    ) throws -> OperatorInfo {
        let at = now()
        return try database.write { db in
            try authorize(actor, as: .admin, in: db)
            // A name typed exactly as listed first: an operator stored before names were checked
            // (with an invisible character, say) can still be disabled.
            guard
                var record = try db.operators.record(storedAs: name)
                    ?? Self.operatorRecord(try OperatorName(name), in: db)
            else {
                throw HotlineError.invalidField(
                    field: "operator", value: name, problem: "there is no such operator",
                    accepted: "a name from `operator list`")
            }
            try change(&record, at, db)
            try db.operators.update(record)
            return record.info
        }
    }

    /// The operator called `name`: stored in its canonical form, or stored before names were
    /// normalised (`Anna`) with the same canonical form.
    static func operatorRecord(_ name: OperatorName, in db: Database) throws -> OperatorRecord? {
        if let record = try db.operators.record(storedAs: name.name) { return record }
        return try storedBeforeNormalising(name, in: db)
    }

    /// The one row stored before names were normalised whose canonical form is `name`'s
    /// (`Anna` for `anna`), found by reading every name: the table holds tens of rows, and this
    /// runs only when the canonical form itself is not stored. Of two such rows (`Anna`, `ANNA`)
    /// the one typed exactly is taken; otherwise the name is refused as ambiguous, never guessed.
    static func storedBeforeNormalising(_ name: OperatorName, in db: Database) throws -> OperatorRecord? {
        let matches = try db.operators.allAsStored().filter { OperatorName.canonical($0.name) == name.name }
        if matches.count > 1, let exact = matches.first(where: { $0.name == name.typed }) { return exact }
        guard matches.count <= 1 else {
            throw HotlineError.refused(
                operator: name.name,
                reason:
                    "matches several operators added before names were normalised (\(matches.map { "'\($0.name)'" }.joined(separator: ", ")))",
                remedy: "an admin can disable all but one, typing each name exactly as `operator list` shows it")
        }
        return matches.first
    }

    /// Every spelling recorded for `name`'s operator: the canonical form and the names stored
    /// before normalising with the same canonical form; for the audit filter.
    static func spellings(of name: OperatorName, in db: Database) throws -> [String] {
        let stored = try db.operators.names()
        return [name.name] + stored.filter { $0 != name.name && OperatorName.canonical($0) == name.name }
    }

    /// Refuses to disable or demote the last enabled admin: nobody could manage operators after.
    private static func keepAnAdmin(losing record: OperatorRecord, in db: Database) throws {
        guard record.role == Role.admin.rawValue, record.disabledAt == nil else { return }
        let admins = try db.operators.enabledAdminCount()
        if admins <= 1 {
            throw HotlineError.invalidField(
                field: "operator", value: record.name, problem: "this is the last enabled admin",
                accepted: "make another operator an admin first")
        }
    }
}

extension Hotline {
    /// Appends one entry to the operator log, stamped like the change it records.
    static func log(
        at: Date, by: OperatorName, subject: String, action: String, from: String? = nil, to: String? = nil,
        in db: Database
    ) throws {
        try db.operators.append(
            OperatorEventRecord(
                id: nil, at: at, by: by.name, subject: subject, action: action, fromValue: from, toValue: to))
    }
}
