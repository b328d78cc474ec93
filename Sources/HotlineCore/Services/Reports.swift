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
    /// opened, inquiry, status, edit, note; or operator for operator management.
    public let kind: String
    /// The case reference, or the operator changed.
    public let subject: String
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
            // Every spelling of the operator (`Anna` recorded before names were normalised,
            // `anna` after), or the text as typed if it is no valid name.
            let spellings = try filter.operatorName.map { typed in
                guard let name = try? OperatorName(typed) else { return [typed] }
                return try Self.spellings(of: name, in: db) + [typed]
            }
            let byJSON = try spellings.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            return try db.reports.auditEntries(
                byJSON: byJSON, since: since?.description, until: until?.description, limit: filter.limit)
        }
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
