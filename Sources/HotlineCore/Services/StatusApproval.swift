import Foundation
import GRDB

/// A status change waiting for a second operator, as `case show` shows it.
public struct PendingStatusChange: Encodable, Sendable, Equatable {
    public let status: String
    public let requestedBy: String
    public let at: Date
    public let source: String
    public let note: String?
    public let asOf: String?
}

/// What `approveStatus` or `rejectStatus` did.
public struct StatusDecision: Encodable, Sendable, Equatable {
    public let ref: String
    /// approved or rejected.
    public let state: String
    /// The case's status before and after (equal for a rejection).
    public let from: String
    public let to: String
    public let requestedBy: String
}

/// A move to deceased by hand follows the registry's two-person rule (`MatchDecisions`): a
/// wrong "your son is dead" is the worst mistake the hotline can make, so one operator asks
/// (with the source of the news) and a second, different operator approves before the case
/// changes; the approval writes the change through the ordinary status change path.
extension Hotline {
    /// Records the request instead of the move; nothing about the case's status changes.
    func requestApproval(of change: ValidStatusChange, by operatorName: OperatorName, at: Date, in db: Database)
        throws -> StatusChanged
    {
        let personCase = try PersonCaseRecord.fetch(ref: change.ref, in: db)
        let current = try currentStatus(of: personCase)
        try rules.lifecycle.checkMove(of: change.ref, from: current, to: change.next)
        guard let source = change.source else {
            throw HotlineError.invalidField(
                field: "source", value: "", problem: "a move to \(change.next.name) needs the source of the news",
                accepted: "--source: the list, the call or the document that says so; a second operator then "
                    + "approves the move (`case approve \(personCase.ref)`)")
        }
        if let waiting = try db.statusRequests.waiting(caseId: personCase.id!) {
            throw HotlineError.invalidField(
                field: "status", value: change.next.name,
                problem: "case \(personCase.ref) already has a move to \(waiting.status) waiting, asked by \(waiting.requestedBy)",
                accepted: "another operator's `case approve \(personCase.ref)` or `case reject \(personCase.ref) "
                    + "--note WHY` first")
        }
        try db.statusRequests.insert(
            caseId: personCase.id!, status: change.next.name, note: change.note, source: source,
            asOf: change.asOf?.description, at: at, by: operatorName.name)
        var history = HistoryWriter(caseId: personCase.id!, at: at, by: operatorName, db: db)
        let asked = "asked to move the case from \(current.name) to \(change.next.name); waiting for a second operator"
        try history.append(
            kind: "note", note: [asked, change.note].compactMap { $0 }.joined(separator: "\n"), source: source,
            asOf: change.asOf?.description)
        var changed = StatusChanged(
            ref: personCase.ref, from: current.name, to: change.next.name, at: at, by: operatorName.name)
        changed.awaitingApproval = true
        return changed
    }

    /// A second, different operator's approval of the move waiting on case `ref`: only now
    /// does the case change, through the status change path (its history names both).
    public func approveStatus(ref text: String, note: String? = nil, by operatorName: OperatorName) throws
        -> StatusDecision
    {
        let ref = try CaseReference(parsing: text)
        let note = try TextRule.note("note").validate(note)
        let at = now()
        return try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let (personCase, request) = try waitingRequest(ref, in: db)
            if OperatorName.canonical(request.requestedBy) == operatorName.name {
                throw HotlineError.refused(
                    operator: operatorName.name, reason: "asked for this move and cannot also approve it",
                    remedy: "a move to \(request.status) needs a second, different operator to approve it")
            }
            try db.statusRequests.decide(id: request.id, approved: true, at: at, by: operatorName.name, note: note)
            let why = ["asked by \(request.requestedBy), approved by \(operatorName.name)", request.note, note]
                .compactMap { $0 }.joined(separator: "\n")
            let change = try ValidStatusChange(
                StatusChangeDraft(
                    ref: personCase.ref, status: request.status, note: why, source: request.source,
                    asOf: request.asOf), rules: rules, today: at)
            let changed = try writeStatusChange(change, by: operatorName, at: at, in: db)
            return StatusDecision(
                ref: personCase.ref, state: "approved", from: changed.from, to: changed.to,
                requestedBy: request.requestedBy)
        }
    }

    /// Drops the move waiting on case `ref`, saying why; the case stays as it is.
    public func rejectStatus(ref text: String, note: String, by operatorName: OperatorName) throws -> StatusDecision {
        let ref = try CaseReference(parsing: text)
        let note = try TextRule.note("note").validate(note)
        let at = now()
        return try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let (personCase, request) = try waitingRequest(ref, in: db)
            try db.statusRequests.decide(id: request.id, approved: false, at: at, by: operatorName.name, note: note)
            var history = HistoryWriter(caseId: personCase.id!, at: at, by: operatorName, db: db)
            try history.append(
                kind: "note",
                note: "rejected the move to \(request.status) asked by \(request.requestedBy)\n\(note)",
                source: request.source)
            return StatusDecision(
                ref: personCase.ref, state: "rejected", from: personCase.status, to: personCase.status,
                requestedBy: request.requestedBy)
        }
    }

    /// The case and the move waiting on it; refused when none waits.
    private func waitingRequest(_ ref: CaseReference, in db: Database) throws -> (PersonCaseRecord, StatusRequestRow) {
        let personCase = try PersonCaseRecord.fetch(ref: ref, in: db)
        guard let request = try db.statusRequests.waiting(caseId: personCase.id!) else {
            throw HotlineError.invalidField(
                field: "case", value: personCase.ref, problem: "no status change is waiting for approval on it",
                accepted: "a case another operator moved to deceased (`case show` says when one waits)")
        }
        return (personCase, request)
    }

    /// A case merged away would leave its waiting move behind, out of reach of `case approve`:
    /// the move is decided first.
    func refuseWaitingMove(on duplicate: PersonCaseRecord, in db: Database) throws {
        guard let waiting = try db.statusRequests.waiting(caseId: duplicate.id!) else { return }
        throw HotlineError.invalidField(
            field: "case", value: duplicate.ref,
            problem: "a move to \(waiting.status) asked by \(waiting.requestedBy) waits on it",
            accepted: "a case with no move waiting: `case approve \(duplicate.ref)` or `case reject \(duplicate.ref) "
                + "--note WHY` first")
    }

    /// The move waiting on a case, for `case show`.
    func pendingStatusChange(caseId: Int64, in db: Database) throws -> PendingStatusChange? {
        try db.statusRequests.waiting(caseId: caseId).map {
            PendingStatusChange(
                status: $0.status, requestedBy: $0.requestedBy, at: $0.requestedAt, source: $0.source, note: $0.note,
                asOf: $0.asOf)
        }
    }
}
