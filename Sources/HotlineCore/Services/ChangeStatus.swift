import Foundation
import GRDB

/// A status change as an operator enters it.
public struct StatusChangeDraft: Sendable {
    public var ref: String
    public var status: String
    /// Why.
    public var note: String?
    /// Where the news came from: a call, a published list, a video.
    public var source: String?
    /// When the news dates from: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var asOf: String?
    /// The case's version the change was decided on (`CaseDetail.version`, HTTP's `If-Match`):
    /// checked in the change's own transaction, so another operator's change in between
    /// refuses it (`caseChanged`) instead of being silently overridden. `nil`: whatever it is now.
    public var expectedVersion: String?

    public init(
        ref: String, status: String, note: String? = nil, source: String? = nil, asOf: String? = nil,
        expectedVersion: String? = nil
    ) {
        self.ref = ref
        self.status = status
        self.note = note
        self.source = source
        self.asOf = asOf
        self.expectedVersion = expectedVersion
    }
}

extension CaseDetail {
    /// The case's version (HTTP's `ETag`): its reference and last activity in milliseconds,
    /// which every change of the case moves.
    public var version: String { Hotline.caseVersion(ref: ref, lastActivity: lastActivity) }
}

/// What `changeStatus` wrote.
public struct StatusChanged: Encodable, Sendable, Equatable {
    public let ref: String
    public let from: String
    public let to: String
    public let at: Date
    public let by: String
    /// The move waits for a second operator (`approveStatus`): a move to deceased by hand.
    public var awaitingApproval: Bool = false
}

extension Hotline {
    /// Moves a case to another status, as the lifecycle allows, and records it in the history.
    public func changeStatus(_ draft: StatusChangeDraft, by operatorName: OperatorName) throws
        -> StatusChanged
    {
        try database.run(changeStatusWork(draft, by: operatorName))
    }

    /// `changeStatus` for asynchronous callers: the transaction runs on GRDB's writer queue.
    public func changeStatus(_ draft: StatusChangeDraft, by operatorName: OperatorName) async throws
        -> StatusChanged
    {
        try await database.run(changeStatusWork(draft, by: operatorName))
    }

    private func changeStatusWork(_ draft: StatusChangeDraft, by operatorName: OperatorName) throws
        -> DatabaseWork<StatusChanged>
    {
        let change = try ValidStatusChange(draft, rules: rules, today: now())
        let at = now()
        let expectedVersion = draft.expectedVersion
        return .writing { db in
            try authorize(operatorName, as: .operator, in: db)
            if let expectedVersion {
                let personCase = try PersonCaseRecord.fetch(ref: change.ref, in: db)
                let current = Self.caseVersion(ref: personCase.ref, lastActivity: personCase.lastActivityAt)
                guard current == expectedVersion else {
                    throw HotlineError.caseChanged(ref: personCase.ref, expected: expectedVersion, current: current)
                }
            }
            if change.next.name == RegistryVocabulary.deceasedStatus {
                return try requestApproval(of: change, by: operatorName, at: at, in: db)
            }
            return try writeStatusChange(change, by: operatorName, at: at, in: db)
        }
    }

    /// A case's version: see `CaseDetail.version`.
    static func caseVersion(ref: String, lastActivity: Date) -> String {
        "\(ref)@\(Int64((lastActivity.timeIntervalSince1970 * 1000).rounded()))"
    }

    /// Writes one validated status change inside the caller's transaction (also the bulk path).
    func writeStatusChange(_ change: ValidStatusChange, by operatorName: OperatorName, at: Date, in db: Database) throws
        -> StatusChanged
    {
        let personCase = try PersonCaseRecord.fetch(ref: change.ref, in: db)
        let current = try currentStatus(of: personCase)
        try rules.lifecycle.checkMove(of: change.ref, from: current, to: change.next)
        var history = HistoryWriter(caseId: personCase.id!, at: at, by: operatorName, db: db)
        try history.append(
            kind: "status", from: current.name, to: change.next.name, note: change.note, source: change.source,
            asOf: change.asOf?.description)
        // Only the columns that change: an UPDATE rewrites every index on the columns it sets.
        try db.cases.setStatus(change.next.name, lastActivity: at, caseId: personCase.id!)  // read from the database
        // News for the families is made in this transaction, so no change is ever left untold (issue 13).
        if rules.notices.isNews(change.next.name) {
            try writeNotices(
                for: personCase, status: change.next.name, source: change.source, asOf: change.asOf?.description,
                at: at, by: operatorName, in: db)
        }
        return StatusChanged(
            ref: personCase.ref, from: current.name, to: change.next.name, at: at, by: operatorName.name)
    }

    /// The case's stored status as a lifecycle status. A status the configured lifecycle does
    /// not know is a problem of what the database holds (a hand edit, a restore from another
    /// hotline, a status dropped from the lifecycle), found on this one case: the configuration
    /// itself passed its checks. `db check` lists every such case.
    func currentStatus(of personCase: PersonCaseRecord) throws(HotlineError) -> CaseStatus {
        guard let status = rules.lifecycle.statuses.first(where: { $0.name == personCase.status })
        else {
            throw .databaseDamaged(
                "case \(personCase.ref) is stored with status '\(personCase.status)', which the configured "
                    + "lifecycle does not list; an admin should run `hotline db check` (if the lifecycle dropped "
                    + "the status, add it back to lifecycle.open or lifecycle.closed)")
        }
        return status
    }
}

/// A status change whose every field passed its rule.
struct ValidStatusChange {
    let ref: CaseReference
    let next: CaseStatus
    let note: String?
    let source: String?
    let asOf: PartialDate?

    init(_ draft: StatusChangeDraft, rules: HotlineRules, today: Date) throws(HotlineError) {
        ref = try CaseReference(parsing: draft.ref)
        next = try rules.lifecycle.status(named: draft.status)
        note = try TextRule.note("note").validate(draft.note)
        source = try TextRule.line("source").validate(draft.source)
        asOf = try draft.asOf.map { text throws(HotlineError) in
            try PartialDate(parsing: text, field: "as-of", today: today)
        }
    }
}
