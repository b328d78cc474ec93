import Foundation
import GRDB

/// What intake did with an inquiry for a new case: logged it, or found that the person
/// probably has a case already and wrote nothing.
public enum IntakeOutcome: Sendable, Equatable {
    case logged(LoggedInquiry)
    /// Nothing was written: the inquiry belongs on one of these cases (log it again with
    /// `caseRef`), or it is someone else (again with `forceNewCase`). Best first.
    case likelyDuplicates([DuplicateCandidate])
    /// Filed by an intake key as a new case, without the duplicate check, for an operator to
    /// review (`duplicates` lists it beside a case it likely repeats): the answer holds only
    /// what the key sent in and the new case's reference, nothing of other families.
    case filed(FiledInquiry)
}

/// What an intake key learns of the inquiry it filed: its id and the new case's reference.
public struct FiledInquiry: Codable, Sendable, Equatable {
    public let ref: String
    public let inquiry: Int64
    /// Always true: an operator reviews what an intake key files.
    public var review = true

    enum CodingKeys: String, CodingKey {
        case ref = "case"
        case inquiry, review
    }
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
    /// new case without `forceNewCase`) and the write. An intake key's inquiry is filed for
    /// review (`filed`), or refused when the caller cannot take that answer (`filing` false).
    func intakeWork(_ draft: InquiryDraft, by operatorName: OperatorName, filing: Bool = true) throws
        -> DatabaseWork<IntakeOutcome>
    {
        let input = try ValidInquiry(draft, rules: rules, today: now())
        let at = now()
        return .writing { db in
            if try authorizeFiling(operatorName, in: db) {
                if !filing { try authorize(operatorName, as: .operator, in: db) }  // refuses an intake key
                return .filed(try fileForReview(input, draft, by: operatorName, at: at, in: db))
            }
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

    /// An intake key's inquiry, written as a new case without looking for duplicates: looking
    /// would tell the key about other families' cases. A key cannot name an existing case or
    /// inquirer for the same reason (it could then read back what they hold).
    private func fileForReview(
        _ input: ValidInquiry, _ draft: InquiryDraft, by operatorName: OperatorName, at: Date, in db: Database
    ) throws -> FiledInquiry {
        guard draft.caseRef == nil, draft.inquirerId == nil else {
            throw HotlineError.refused(
                operator: operatorName.name, reason: "is an intake key and cannot choose an existing case or inquirer",
                remedy: "leave out case and inquirerId: an operator links the inquiry to a case")
        }
        let logged = try writeInquiry(input, by: operatorName, at: at, in: db)
        return FiledInquiry(ref: logged.ref, inquiry: logged.inquiry)
    }

    /// The existing cases that likely describe the person of an inquiry for a new case, best
    /// first; none for an inquiry on a given case.
    func likelyDuplicates(of input: ValidInquiry, in db: Database) throws -> [DuplicateCandidate] {
        guard input.caseRef == nil, let name = input.person else { return [] }
        return try likelyDuplicates(
            of: PersonDescription(name: name, born: input.born, region: input.region?.code, unit: input.unit), in: db)
    }
}
