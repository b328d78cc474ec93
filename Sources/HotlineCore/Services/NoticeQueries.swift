import Foundation
import GRDB

/// Which notices `notices` lists.
public struct NoticeFilter: Sendable {
    public var region: String?
    /// Only news of this status.
    public var status: String?
    /// Only these states; `nil`: every notice not delivered yet (pending and unreachable).
    public var state: String?
    /// Only news older than `notices.deliverWithinHours` whose retry time has come.
    public var overdue: Bool
    /// Only notices of cases owned by this operator (`--mine`: the reader).
    public var owner: String?
    public var limit: Int

    public init(
        region: String? = nil, status: String? = nil, state: String? = nil, overdue: Bool = false,
        owner: String? = nil, limit: Int = 50
    ) {
        self.region = region
        self.status = status
        self.state = state
        self.overdue = overdue
        self.owner = owner
        self.limit = limit
    }
}

/// One notice with everything an operator needs to deliver it.
public struct NoticeDetail: Encodable, Sendable, Equatable {
    public let notice: NoticeSummary
    /// The case's status now (it may have moved on since the news).
    public let caseStatus: String
    public let contacts: [ContactDetail]
    public let consent: InquirerConsent
    /// Attempts, the delivery, and newer news, oldest first.
    public let history: [NoticeAttempt]

    enum CodingKeys: String, CodingKey { case caseStatus, contacts, consent, history }

    /// The notice's own keys (as `notice list` writes them) plus these.
    public func encode(to encoder: any Encoder) throws {
        try notice.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseStatus, forKey: .caseStatus)
        try container.encode(contacts, forKey: .contacts)
        try container.encode(consent, forKey: .consent)
        try container.encode(history, forKey: .history)
    }
}

/// A family waiting with no news, due a call-back.
public struct CallbackDue: Encodable, Sendable, Equatable {
    public let inquirer: Int64
    public let name: String
    public let lastContact: Date
    /// When the call-back fell due.
    public let due: Date
    public let contacts: [ContactDetail]
    public let consent: InquirerConsent
    /// The cases they wait on.
    public let cases: [InquirerCase]
}

/// The families of one case, for `case show`: its owner, each inquirer's consent, its notices.
public struct CaseFamilies: Encodable, Sendable, Equatable {
    public struct Family: Encodable, Sendable, Equatable {
        public let inquirer: Int64
        public let name: String
        public let consent: InquirerConsent
    }
    public let owner: String?
    public let families: [Family]
    public let notices: [NoticeSummary]
}

extension Hotline {
    /// Notices oldest news first, at most `filter.limit`.
    public func notices(_ filter: NoticeFilter, as reader: OperatorName) throws -> [NoticeSummary] {
        let region = try filter.region.map { name throws(HotlineError) in try rules.regions.region(name).code }
        let status = try filter.status.map { name throws(HotlineError) in try rules.lifecycle.status(named: name).name }
        let states = try filter.state.map { text throws(HotlineError) in [try NoticeState(parsing: text)] }
        let owner = try filter.owner.map { name throws(HotlineError) in try OperatorName(name).name }
        guard (1...10_000).contains(filter.limit) else {
            throw HotlineError.invalidField(
                field: "limit", value: String(filter.limit), problem: "it is out of range",
                accepted: "a number from 1 to 10000")
        }
        let at = now()
        let newsBefore = filter.overdue ? at.addingTimeInterval(-rules.notices.deliverWithin) : nil
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            return try db.notices.summaries(
                states: states, region: region, status: status, newsBefore: newsBefore,
                readyAt: filter.overdue ? at : nil, owner: owner, limit: filter.limit)
        }
    }

    /// The notice `id` with the family's contacts and consent and every attempt.
    public func noticeDetail(_ id: Int64, as reader: OperatorName) throws -> NoticeDetail {
        try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let row = try existingNotice(id, in: db)
            let inquirer = try existingInquirer(row.inquirerId, in: db)
            guard let summary = try db.notices.summary(id: id), let personCase = try db.cases.record(id: row.caseId)
            else { throw HotlineError.databaseFailure("notice \(id) lost its case or inquirer") }
            return NoticeDetail(
                notice: summary, caseStatus: personCase.status,
                contacts: try db.notices.contacts(ofInquirer: row.inquirerId), consent: inquirer.consent,
                history: try db.notices.events(noticeId: id))
        }
    }

    /// The notices not delivered yet on these cases (a search's hits), oldest first.
    public func newsWaiting(onCases refs: [String], as reader: OperatorName) throws -> [NoticeSummary] {
        guard !refs.isEmpty else { return [] }
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let ids = try refs.compactMap { try db.cases.record(ref: $0)?.id }
            return try db.notices.undeliveredSummaries(caseIds: ids)
        }
    }

    /// Families waiting with no news whom we have not spoken with for `notices.callbackDays`,
    /// who did not refuse call-backs, longest waiting first.
    public func callbacksDue(region: String? = nil, owner: String? = nil, limit: Int = 50, as reader: OperatorName)
        throws -> [CallbackDue]
    {
        let region = try region.map { name throws(HotlineError) in try rules.regions.region(name).code }
        let owner = try owner.map { name throws(HotlineError) in try OperatorName(name).name }
        guard (1...10_000).contains(limit) else {
            throw HotlineError.invalidField(
                field: "limit", value: String(limit), problem: "it is out of range",
                accepted: "a number from 1 to 10000")
        }
        let interval = rules.notices.callbackInterval
        let cutoff = now().addingTimeInterval(-interval)
        let waiting = rules.notices.waitingStatuses(in: rules.lifecycle)
        let waitingJSON = String(decoding: try JSONEncoder().encode(waiting), as: UTF8.self)
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            return try db.notices.callbacksDue(
                cutoff: cutoff, waitingJSON: waitingJSON, region: region, owner: owner, limit: limit
            ).map { found in
                CallbackDue(
                    inquirer: found.id, name: found.name, lastContact: found.lastContact,
                    due: found.lastContact.addingTimeInterval(interval),
                    contacts: try db.notices.contacts(ofInquirer: found.id), consent: found.consent,
                    cases: try db.notices.cases(ofInquirer: found.id).filter { waiting.contains($0.status) })
            }
        }
    }

    /// The owner, the families' consent and the notices of case `ref`, for `case show`.
    public func caseFamilies(ref text: String, as reader: OperatorName) throws -> CaseFamilies {
        let ref = try CaseReference(parsing: text)
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let record = try PersonCaseRecord.fetch(ref: ref, in: db)
            let families = try db.notices.inquirers(ofCase: record.id!).map { found in  // read from the database
                let inquirer = try existingInquirer(found.id, in: db)
                return CaseFamilies.Family(inquirer: found.id, name: inquirer.name, consent: inquirer.consent)
            }
            return CaseFamilies(
                owner: try db.notices.owner(caseId: record.id!), families: families,
                notices: try db.notices.summaries(caseId: record.id!))
        }
    }

    /// Makes `operatorName` the owner of case `ref`: the coordinator shares the work. The owner
    /// must be an operator who may change cases.
    public func assignCase(ref text: String, to ownerName: String, by actor: OperatorName) throws -> CaseFamilies {
        let ref = try CaseReference(parsing: text)
        let owner = try OperatorName(ownerName)
        let at = now()
        try database.write { db in
            try authorize(actor, as: .operator, in: db)
            let record = try PersonCaseRecord.fetch(ref: ref, in: db)
            if try db.operators.hasOperators() {
                guard let stored = try Self.operatorRecord(owner, in: db), stored.disabledAt == nil,
                    (try? Role(parsing: stored.role)).map({ $0 >= .operator }) == true
                else {
                    throw HotlineError.invalidField(
                        field: "operator", value: ownerName, problem: "there is no enabled operator of this name",
                        accepted: "an operator or admin from `operator list`")
                }
            }
            let before = try db.notices.owner(caseId: record.id!)  // read from the database
            guard before != owner.name else { return }
            try db.notices.setOwner(caseId: record.id!, operator: owner.name, at: at, by: actor.name)
            var history = HistoryWriter(caseId: record.id!, at: at, by: actor, db: db)
            try history.append(kind: "edit", field: "owner", from: before, to: owner.name)
        }
        return try caseFamilies(ref: text, as: actor)
    }
}
