import Foundation
import GRDB

/// Which changes `audit` lists.
public struct AuditFilter: Sendable {
    public var operatorName: String?
    /// From this date on (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, UTC).
    public var since: String?
    /// Up to and including this date.
    public var until: String?
    public var limit: Int

    public init(operatorName: String? = nil, since: String? = nil, until: String? = nil, limit: Int = 100) {
        self.operatorName = operatorName
        self.since = since
        self.until = until
        self.limit = limit
    }
}

/// One change, on a case or to an operator.
public struct AuditEntry: Codable, Sendable, Equatable {
    public let at: Date
    public let by: String
    /// opened, inquiry, status, edit, note; operator for operator management; registry; export
    /// for an export of the families' contacts (subject: the file, to: how many cases, note: the
    /// filter); or sign-in for the server's sign-ins, failures, locks, passwords and revocations
    /// (`field` says which: signed-in, failed, locked, password, signed-out, revoked); or apikey
    /// for an API key (subject `apikey:NAME`; `field` added, first-used or revoked).
    public let kind: String
    /// The case reference, or the operator changed.
    public let subject: String
    /// The person sought, for an entry of a case's history.
    public let person: String?
    public let field: String?
    public let from: String?
    public let to: String?
    public let note: String?
}

/// Counts for coordinators.
public struct HotlineStats: Encodable, Sendable, Equatable {
    public struct Count: Codable, Sendable, Equatable {
        public let key: String
        public let count: Int
    }
    public let openByRegion: [Count]
    public let byStatus: [Count]
    public let inquiriesPerDay: [Count]
    /// Telling the families: informed, waiting, time to inform, call-backs overdue (issue 13).
    public let families: FamilyFigures
}

extension Hotline {
    /// Recent changes across all cases and operators, newest first.
    public func audit(_ filter: AuditFilter, as reader: OperatorName) throws -> [AuditEntry] {
        try database.run(auditWork(filter, as: reader))
    }

    /// `audit` for asynchronous callers: the read runs on GRDB's queues.
    public func audit(_ filter: AuditFilter, as reader: OperatorName) async throws -> [AuditEntry] {
        try await database.run(auditWork(filter, as: reader))
    }

    private func auditWork(_ filter: AuditFilter, as reader: OperatorName) throws -> DatabaseWork<[AuditEntry]> {
        let since = try filter.since.map { text throws(HotlineError) in try PartialDate(parsing: text, field: "since") }
        let until = try filter.until.map { text throws(HotlineError) in try PartialDate(parsing: text, field: "until") }
        guard filter.limit > 0 else {
            throw HotlineError.invalidField(
                field: "limit", value: String(filter.limit), problem: "it is not positive", accepted: "a number from 1")
        }
        return .reading { db in
            try authorize(reader, as: .viewer, in: db)
            let byJSON = try filter.operatorName.map { typed in
                String(decoding: try JSONEncoder().encode(try Self.auditSpellings(of: typed, in: db)), as: UTF8.self)
            }
            return try db.reports.auditEntries(
                byJSON: byJSON, since: since?.description, until: until?.description, limit: filter.limit)
        }
    }

    /// Every spelling the changes of the operator `typed` were recorded under, found as the
    /// operator commands find an operator (exactly as listed, else the canonical name, so
    /// `Taras` is `taras`), else by display name. A name nobody acts or acted under is refused
    /// rather than answered with an empty list that would hide a colleague's work.
    private static func auditSpellings(of typed: String, in db: Database) throws -> [String] {
        let name = try? OperatorName(typed)
        var record = try db.operators.record(storedAs: typed)
        if record == nil, let name { record = try operatorRecord(name, in: db) }
        if record == nil {
            let canonical = OperatorName.canonical(typed)
            let byDisplay = try db.operators.all().filter { $0.displayName.map(OperatorName.canonical) == canonical }
            if byDisplay.count == 1 { record = byDisplay[0] }
        }
        if let record {
            let canonical = try? OperatorName(record.name)
            return [record.name] + (try canonical.map { try spellings(of: $0, in: db) } ?? [])
        }
        // Set-up mode, or a name recorded before the operator table: what the history holds.
        let recorded = [name?.name, typed].compactMap { $0 }
        let json = String(decoding: try JSONEncoder().encode(recorded), as: UTF8.self)
        guard try db.reports.hasEntries(byJSON: json) else {
            throw HotlineError.invalidField(
                field: "operator", value: typed, problem: "there is no such operator and nobody acted under that name",
                accepted: "a name from `operator list` (letter case does not matter), or a display name")
        }
        return recorded
    }

    /// Open cases by region and by status, and inquiries per day over the last `days` days.
    public func stats(days: Int = 30, as reader: OperatorName) throws -> HotlineStats {
        try database.run(statsWork(days: days, as: reader))
    }

    /// `stats` for asynchronous callers: the read runs on GRDB's queues.
    public func stats(days: Int = 30, as reader: OperatorName) async throws -> HotlineStats {
        try await database.run(statsWork(days: days, as: reader))
    }

    private func statsWork(days: Int, as reader: OperatorName) throws -> DatabaseWork<HotlineStats> {
        // A century at most: 9223372036854775807 days went back before year 1 of the calendar.
        guard (1...36_600).contains(days) else {
            throw HotlineError.invalidField(
                field: "days", value: String(days), problem: "it is out of range", accepted: "a number from 1 to 36600")
        }
        let openNames = String(
            decoding: try JSONEncoder().encode(rules.lifecycle.openStatuses.map(\.name)), as: UTF8.self)
        let since = now().addingTimeInterval(-Double(days) * 86_400)
        return .reading { db in
            try authorize(reader, as: .viewer, in: db)
            return HotlineStats(
                openByRegion: try db.reports.caseCountsByRegion(statusesJSON: openNames),
                byStatus: try db.reports.caseCountsByStatus(),
                inquiriesPerDay: try db.reports.inquiryCountsPerDay(since: since),
                families: try familyFigures(in: db))
        }
    }
}
