import Foundation
import GRDB

/// Which cases `listCases` returns.
public struct CaseFilter: Sendable {
    /// Only cases whose status is open.
    public var openOnly: Bool
    /// Only cases with this status.
    public var status: String?
    /// Only cases of this region: code or name.
    public var region: String?
    /// At most this many, newest activity first.
    public var limit: Int?
    /// Only cases this operator owns (`case assign`).
    public var owner: String?

    public init(
        openOnly: Bool = false, status: String? = nil, region: String? = nil, limit: Int? = nil, owner: String? = nil
    ) {
        self.owner = owner
        self.openOnly = openOnly
        self.status = status
        self.region = region
        self.limit = limit
    }
}

/// One line of a case list.
public struct CaseSummary: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let born: String?
    /// The region's ISO 3166-2 code.
    public let region: String
    public let unit: String?
    public let status: String
    public let open: Bool
    public let opened: Date
    public let lastInquiry: Date
    public let lastActivity: Date
    /// How many inquiries the case has.
    public let inquiries: Int
}

/// Everything about one case.
public struct CaseDetail: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let born: String?
    public let region: String
    public let regionName: String
    public let unit: String?
    public let status: String
    public let open: Bool
    public let opened: Date
    public let openedBy: String
    public let lastActivity: Date
    /// The statuses the case may move to now.
    public let allowedMoves: [String]
    public let inquiries: [InquiryDetail]
    public let history: [HistoryItem]
    /// A move waiting for a second operator's approval (a move to deceased by hand).
    public var pending: PendingStatusChange? = nil
}

/// One inquiry of a case, with its inquirer and their contacts.
public struct InquiryDetail: Encodable, Sendable, Equatable {
    public let id: Int64
    public let at: Date
    public let by: String
    public let channel: String
    public let relationship: String
    public let note: String?
    /// The person sought as this inquirer named and described them.
    public let person: String
    public let born: String?
    public let region: String
    public let unit: String?
    public let inquirer: InquirerDetail
}

public struct InquirerDetail: Encodable, Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let contacts: [ContactDetail]
}

public struct ContactDetail: Encodable, Sendable, Equatable {
    public let kind: String
    public let value: String
}

/// One entry of a case's history: who, when, what changed (from, to), why.
public struct HistoryItem: Encodable, Sendable, Equatable {
    public let id: Int64
    /// opened, inquiry, status, edit or note.
    public let kind: String
    public let at: Date
    public let by: String
    public let field: String?
    public let from: String?
    public let to: String?
    public let note: String?
    public let source: String?
    public let asOf: String?
    public let inquiry: Int64?
}

extension Hotline {
    /// Streams the cases that pass `filter`, newest activity first, to `body`, one at a time:
    /// a list of a million cases never sits in memory. It holds one snapshot until the list
    /// ends; a server hands out pages (`casePage`) instead.
    public func listCases(_ filter: CaseFilter, as reader: OperatorName, _ body: (CaseSummary) throws -> Void) throws {
        let list = try ValidCaseList(filter, rules: rules)
        try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            try list.stream(in: db, body)
        }
    }

    /// All the cases that pass `filter`, for callers that want an array.
    public func cases(_ filter: CaseFilter, as reader: OperatorName) throws -> [CaseSummary] {
        try database.run(caseListWork(filter, after: nil, as: reader))
    }

    /// `cases` for asynchronous callers: the read runs on GRDB's queues.
    public func cases(_ filter: CaseFilter, as reader: OperatorName) async throws -> [CaseSummary] {
        try await database.run(caseListWork(filter, after: nil, as: reader))
    }

    /// The cases that pass `filter` and come after `cursor`, as one read.
    func caseListWork(_ filter: CaseFilter, after cursor: CaseCursor?, as reader: OperatorName) throws
        -> DatabaseWork<[CaseSummary]>
    {
        let list = try ValidCaseList(filter, rules: rules)
        return .reading { db in
            try authorize(reader, as: .viewer, in: db)
            if let cursor, try !db.cases.isTaken(ref: cursor.ref) {
                throw HotlineError.invalidField(
                    field: "after", value: cursor.description, problem: "its case reference names no case",
                    accepted: "the `next` value of the previous page, as it was given (REF@TIME)")
            }
            var found: [CaseSummary] = []
            try list.stream(in: db, after: cursor) { found.append($0) }
            return found
        }
    }

    /// The case `ref` with its inquiries, inquirers, contacts and history.
    public func caseDetail(ref text: String, as reader: OperatorName) throws -> CaseDetail {
        try database.run(caseDetailWork(ref: text, as: reader))
    }

    /// `caseDetail` for asynchronous callers: the read runs on GRDB's queues.
    public func caseDetail(ref text: String, as reader: OperatorName) async throws -> CaseDetail {
        try await database.run(caseDetailWork(ref: text, as: reader))
    }

    private func caseDetailWork(ref text: String, as reader: OperatorName) throws -> DatabaseWork<CaseDetail> {
        let ref = try CaseReference(parsing: text)
        return .reading { db in
            try authorize(reader, as: .viewer, in: db)
            let record = try PersonCaseRecord.fetch(ref: ref, in: db)
            let (inquiries, history) = try db.cases.inquiriesAndHistory(caseId: record.id!)  // read from the database
            let status = rules.lifecycle.statuses.first { $0.name == record.status }
            var detail = CaseDetail(
                ref: record.ref, person: record.personName, born: record.born, region: record.region,
                regionName: rules.regions.region(code: record.region)?.en ?? record.region,
                unit: record.unit,
                status: record.status, open: status?.isOpen ?? false, opened: record.openedAt,
                openedBy: record.openedBy, lastActivity: record.lastActivityAt,
                allowedMoves: status.map { rules.lifecycle.allowedMoves(from: $0).map(\.name) } ?? [],
                inquiries: inquiries, history: history)
            detail.pending = try pendingStatusChange(caseId: record.id!, in: db)
            return detail
        }
    }
}

/// A case filter whose names passed their rules: a status and a region the rules know, a
/// positive limit.
struct ValidCaseList: Sendable {
    let region: String?
    let status: String?
    let openOnly: Bool
    let openNames: [String]
    let limit: Int?
    let owner: String?

    init(_ filter: CaseFilter, rules: HotlineRules) throws {
        owner = try filter.owner.map { name throws(HotlineError) in try OperatorName(name).name }
        status = try filter.status.map { name throws(HotlineError) in try rules.lifecycle.status(named: name).name }
        region = try filter.region.map { name throws(HotlineError) in try rules.regions.region(name).code }
        if let limit = filter.limit, limit < 1 {
            throw HotlineError.invalidField(
                field: "limit", value: String(limit), problem: "it is not positive",
                accepted: "a number from 1")
        }
        openOnly = filter.openOnly
        openNames = rules.lifecycle.openStatuses.map(\.name)
        limit = filter.limit
    }

    /// Streams the list (after `cursor`, when given) to `body`.
    func stream(in db: Database, after cursor: CaseCursor? = nil, _ body: (CaseSummary) throws -> Void) throws {
        try db.cases.summaries(
            region: region, status: status, openOnly: openOnly, openNames: openNames, limit: limit, after: cursor,
            owner: owner, body)
    }
}

extension Hotline {
    /// Up to `limit` case references starting with `prefix`, for completion.
    public func caseReferences(startingWith prefix: String, limit: Int) throws -> [String] {
        try database.read { db in try db.cases.references(startingWith: prefix, limit: limit) }
    }
}
