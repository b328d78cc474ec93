import Foundation
import GRDB

/// What intake did with an inquiry for a new case: logged it, or found that the person
/// probably has a case already and wrote nothing.
public enum IntakeOutcome: Sendable, Equatable {
    case logged(LoggedInquiry)
    /// Nothing was written: the inquiry belongs on one of these cases (log it again with
    /// `caseRef`), or it is someone else (again with `forceNewCase`). Best first.
    case likelyDuplicates([DuplicateCandidate])
}

extension Hotline {
    /// Logs one inquiry as `logInquiry` does, except that a likely existing case of the same
    /// person is an answer, not an error: the front end shows the candidates (the shell asks
    /// which one; the CLI prints them and exits 3) and logs again with the choice.
    public func intake(_ draft: InquiryDraft, by operatorName: OperatorName) throws -> IntakeOutcome {
        try database.run(intakeWork(draft, by: operatorName))
    }

    /// `intake` for asynchronous callers: the transaction runs on GRDB's writer queue.
    public func intake(_ draft: InquiryDraft, by operatorName: OperatorName) async throws -> IntakeOutcome {
        try await database.run(intakeWork(draft, by: operatorName))
    }

    /// The inquiry validated now; then, in one transaction, the role, the duplicate check (a
    /// new case without `forceNewCase`) and the write.
    func intakeWork(_ draft: InquiryDraft, by operatorName: OperatorName) throws -> DatabaseWork<IntakeOutcome> {
        let input = try ValidInquiry(draft, rules: rules, today: now())
        let at = now()
        return .writing { db in
            try authorize(operatorName, as: .operator, in: db)
            if !draft.forceNewCase {
                let candidates = try likelyDuplicates(of: input, in: db)
                if !candidates.isEmpty { return .likelyDuplicates(candidates) }
            }
            var logged = try writeInquiry(input, by: operatorName, at: at, in: db)
            // What the other side's lists say about this person, for the operator to read out
            // once checked (issue 12): found in the same transaction as the inquiry.
            logged.registry = try registryHits(forCase: logged.ref, at: at, in: db)
            // News waiting for this family, for the operator to tell them now (issue 13).
            logged.newsWaiting = try db.notices.undeliveredSummaries(inquirerId: logged.inquirer)
            return .logged(logged)
        }
    }

    /// The existing cases that likely describe the person of an inquiry for a new case, best
    /// first; none for an inquiry on a given case.
    func likelyDuplicates(of input: ValidInquiry, in db: Database) throws -> [DuplicateCandidate] {
        guard input.caseRef == nil, let name = input.person else { return [] }
        return try likelyDuplicates(
            of: PersonDescription(name: name, born: input.born, region: input.region?.code, unit: input.unit), in: db)
    }
}
