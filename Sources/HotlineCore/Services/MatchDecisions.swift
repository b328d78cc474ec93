import Foundation
import GRDB

/// What a decision on a match did.
public struct MatchDecision: Encodable, Sendable, Equatable {
    public let id: Int64
    public let state: String
    /// The case reference.
    public let `case`: String
    /// The case's status before and after (equal when the case already had it, or nothing
    /// changed yet).
    public let from: String
    public let to: String
    /// What happens next, in English: the JSON's, the same in every language.
    public let message: String
    /// The same words in the operator's language, for the table.
    public let said: Message

    init(id: Int64, state: String, case ref: String, from: String, to: String, said: Message) {
        self.id = id
        self.state = state
        self.case = ref
        self.from = from
        self.to = to
        self.said = said
        message = said.rendered(in: .en)
    }

    private enum CodingKeys: String, CodingKey {
        case id, state, `case`, from, to, message
    }
}

extension Hotline {
    /// Confirms that a match's record and case are one person. The case moves to the status
    /// the record implies (through the status change path: source the list, as-of the record's
    /// date) and the two are linked; a record implying deceased only waits for a second,
    /// different operator's `approveMatch`, and nothing changes before. A record that
    /// contradicts the case is refused as a conflict, never applied.
    public func confirmMatch(_ id: Int64, note: String? = nil, by operatorName: OperatorName) throws -> MatchDecision {
        let note = try TextRule.note("note").validate(note)
        let at = now()
        return try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let (match, record, says, personCase, status) = try decidable(id, in: db)
            guard match.state == .proposed || match.state == .conflict else {
                throw HotlineError.invalidField(
                    field: "match", value: String(id), problem: "it is \(match.state.rawValue) already",
                    accepted: "a proposed match (`match list` shows them)")
            }
            try refuseConflict(match: match, says: says, status: status, ref: personCase.ref)
            if says.needsSecondOperator {
                try db.registry.setAwaitingApproval(matchId: id, by: operatorName.name, at: at, note: note)
                try db.registry.appendEvent(
                    at: at, by: operatorName.name, action: "confirm", subject: "match \(id)",
                    detail:
                        "record \(match.recordId) for case \(personCase.ref) (\(says.name)): awaiting a second operator"
                )
                let said: Message =
                    "the record says \(says.name): another operator must approve it (`match approve \(id)`) "
                    + "before the case changes"
                return MatchDecision(
                    id: id, state: MatchState.awaitingApproval.rawValue, case: personCase.ref, from: status.name,
                    to: status.name, said: said)
            }
            try db.registry.setConfirmed(matchId: id, by: operatorName.name, at: at, note: note)
            let to = try apply(
                match: match, record: record, says: says, to: personCase, note: note, by: operatorName, at: at, in: db)
            try db.registry.appendEvent(
                at: at, by: operatorName.name, action: "confirm", subject: "match \(id)",
                detail: "record \(match.recordId) for case \(personCase.ref): \(status.name) -> \(to)")
            let said: Message = status.name == to ? "linked; the case was \(to) already" : "case moved to \(to)"
            return MatchDecision(
                id: id, state: MatchState.confirmed.rawValue, case: personCase.ref, from: status.name, to: to,
                said: said)
        }
    }

    /// The second operator's approval of a confirmed match whose record implies deceased: only
    /// now does the case change. The operator who confirmed it cannot approve it.
    public func approveMatch(_ id: Int64, note: String? = nil, by operatorName: OperatorName) throws -> MatchDecision {
        let note = try TextRule.note("note").validate(note)
        let at = now()
        return try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let (match, record, says, personCase, status) = try decidable(id, in: db)
            guard match.state == .awaitingApproval else {
                throw HotlineError.invalidField(
                    field: "match", value: String(id), problem: "it is \(match.state.rawValue), not awaiting approval",
                    accepted: "a match confirmed by another operator whose record says deceased")
            }
            if let confirmer = match.confirmedBy,
                OperatorName.canonical(confirmer) == OperatorName.canonical(operatorName.name)
            {
                throw HotlineError.refused(
                    operator: operatorName.name, reason: "confirmed this match and cannot also approve it",
                    remedy: "a record saying deceased needs a second, different operator to approve it")
            }
            try refuseConflict(match: match, says: says, status: status, ref: personCase.ref)
            try db.registry.setApproved(matchId: id, by: operatorName.name, at: at)
            let combined = [match.note, note].compactMap { $0 }.joined(separator: "\n")
            let to = try apply(
                match: match, record: record, says: says, to: personCase, note: combined.isEmpty ? nil : combined,
                by: operatorName, confirmedBy: match.confirmedBy, at: at, in: db)
            try db.registry.appendEvent(
                at: at, by: operatorName.name, action: "approve", subject: "match \(id)",
                detail:
                    "record \(match.recordId) for case \(personCase.ref), confirmed by \(match.confirmedBy ?? "?"): "
                    + "\(status.name) -> \(to)")
            let said: Message = "approved; case moved to \(to)"
            return MatchDecision(
                id: id, state: MatchState.confirmed.rawValue, case: personCase.ref, from: status.name, to: to,
                said: said)
        }
    }

    /// Records that a match's record and case are different people: the pair is never proposed again.
    public func rejectMatch(_ id: Int64, note: String, by operatorName: OperatorName) throws -> MatchDecision {
        let note = try TextRule.note("note").validate(note)
        let at = now()
        return try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let (match, _, _, personCase, status) = try decidable(id, in: db)
            guard match.state != .rejected, match.state != .confirmed else {
                throw HotlineError.invalidField(
                    field: "match", value: String(id), problem: "it is \(match.state.rawValue) already",
                    accepted: match.state == .confirmed
                        ? "an undecided match; a confirmed one changed the case: change its status back with `case status`"
                        : "an undecided match")
            }
            try db.registry.setRejected(matchId: id, by: operatorName.name, at: at, note: note)
            try db.registry.appendEvent(
                at: at, by: operatorName.name, action: "reject", subject: "match \(id)",
                detail: "record \(match.recordId) is not case \(personCase.ref): \(note)")
            let said: Message = "rejected; this pair is never proposed again"
            return MatchDecision(
                id: id, state: MatchState.rejected.rawValue, case: personCase.ref, from: status.name, to: status.name,
                said: said)
        }
    }

    /// The match and everything a decision on it needs.
    private func decidable(_ id: Int64, in db: Database) throws -> (
        MatchRow, RegistryRecordRow, RegistrySays, PersonCaseRecord, CaseStatus
    ) {
        let match = try existingMatch(id, in: db)
        let record = try db.registry.record(id: match.recordId)!  // a foreign key
        guard let says = rules.registry.stored(record.says) else {
            throw HotlineError.configuration(
                "registry record \(record.id!) says '\(record.says)', which registry.says no longer lists")
        }
        if let problem = says.problem { throw HotlineError.configuration(problem) }
        guard !record.withdrawn else {
            throw HotlineError.invalidField(
                field: "match", value: String(id), problem: "its record \(record.id!) was withdrawn by its source",
                accepted: "a match of a record its source still stands by")
        }
        guard let stored = try db.cases.record(id: match.caseId) else {
            throw HotlineError.caseNotFound("id \(match.caseId)")
        }
        let personCase = try PersonCaseRecord.survivor(of: stored, in: db)
        return (match, record, says, personCase, try currentStatus(of: personCase))
    }

    /// Refuses a decision that would contradict the case as it is now.
    private func refuseConflict(match: MatchRow, says: RegistrySays, status: CaseStatus, ref: String) throws {
        guard let conflict = MatchRule.conflict(says: says, caseStatus: status, lifecycle: rules.lifecycle) else {
            return
        }
        throw HotlineError.invalidField(
            field: "match", value: String(match.id), problem: "it conflicts with the case: \(conflict)",
            accepted: "check with the family and the source; if the list is right, change the case's status by hand "
                + "(`case status \(ref) ...`) and confirm again, else `match reject \(match.id) --note WHY`")
    }

    /// Moves the case to the status the record implies, through the status change path, or
    /// notes the link when the case has it already. Returns the case's status after.
    private func apply(
        match: MatchRow, record: RegistryRecordRow, says: RegistrySays, to personCase: PersonCaseRecord, note: String?,
        by operatorName: OperatorName, confirmedBy: String? = nil, at: Date, in db: Database
    ) throws -> String {
        let list = try db.registry.list(id: record.listId)!  // a foreign key
        var why =
            "registry record \(record.id!) (\(record.names.first ?? "")) of list \(list.name) says \(says.name); "
            + "match \(match.id) confirmed by \(confirmedBy ?? operatorName.name)"
        if confirmedBy != nil { why += ", approved by \(operatorName.name)" }
        if let note { why += "\n" + note }
        if personCase.status == says.implies {
            var history = HistoryWriter(caseId: personCase.id!, at: at, by: operatorName, db: db)
            try history.append(kind: "note", note: why, source: list.name, asOf: record.newsDate)
            return personCase.status
        }
        let change = try ValidStatusChange(
            StatusChangeDraft(
                ref: personCase.ref, status: says.implies, note: why, source: list.name, asOf: record.newsDate),
            rules: rules, today: at)
        return try writeStatusChange(change, by: operatorName, at: at, in: db).to
    }
}

extension Hotline {
    /// Marks a record its source withdrew: it is kept (never deleted), shown as withdrawn, no
    /// longer matched or reported at intake, and its undecided matches can no longer be confirmed.
    /// A case it already changed is left for a person to review (its links show the record withdrawn).
    public func withdrawRegistryRecord(_ id: Int64, note: String, by operatorName: OperatorName) throws
        -> RegistryRecordDetail
    {
        let note = try TextRule.note("note").validate(note)
        let at = now()
        try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let record = try existingRecord(id, in: db)
            guard !record.withdrawn else { return }
            try db.registry.setWithdrawn(id: id, at: at)
            try db.registry.appendEvent(
                at: at, by: operatorName.name, action: "withdraw", subject: "record \(id)", detail: note)
        }
        return try registryRecord(id, as: operatorName)
    }
}
