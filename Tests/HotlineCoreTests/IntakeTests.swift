import Foundation
import Testing

@testable import HotlineCore

/// The intake duplicate check as an answer: the candidates come back as a result, nothing is
/// written, and the front end logs again with the operator's choice.
@Suite struct IntakeTests {
    /// A case for Иванов Пётр, born 1998, and the same person asked about by his father.
    struct AskedTwice {
        let fixture: Fixture
        let first: LoggedInquiry
        let again = draft(
            person: "Ivanov Petr", born: "1998", inquirer: "Иванов Сергей", relationship: "father",
            contacts: ["phone:8 916 765-43-21"], forceNewCase: false)

        init() throws {
            fixture = try Fixture()
            first = try fixture.log(draft(person: "Иванов Пётр", born: "1998"))
        }
    }

    @Test func aLikelyExistingCaseIsReturnedWithNothingWritten() throws {
        let given = try AskedTwice()
        let before = try given.fixture.snapshot()

        let outcome = try given.fixture.hotline(at: minutes(1)).intake(given.again, by: OperatorName("anna"))

        guard case .likelyDuplicates(let candidates) = outcome else {
            Issue.record("expected candidates, got \(outcome)")
            return
        }
        #expect(candidates.map(\.ref) == [given.first.ref])
        #expect(try given.fixture.snapshot() == before)
        // logInquiry reports the same candidates as its error, for callers that cannot ask.
        #expect(throws: HotlineError.likelyDuplicates(candidates)) {
            try given.fixture.log(given.again, at: minutes(1))
        }
    }

    @Test func theOperatorsChoiceIsLoggedOnTheCaseOrANewOne() throws {
        let given = try AskedTwice()
        var onCase = given.again
        onCase.caseRef = given.first.ref
        var newCase = given.again
        newCase.forceNewCase = true

        let attached = try given.fixture.hotline(at: minutes(1)).intake(onCase, by: OperatorName("anna"))
        let opened = try given.fixture.hotline(at: minutes(2)).intake(newCase, by: OperatorName("anna"))

        guard case .logged(let added) = attached, case .logged(let new) = opened else {
            Issue.record("expected both logged, got \(attached) and \(opened)")
            return
        }
        #expect(added.ref == given.first.ref && !added.newCase)
        #expect(new.ref != given.first.ref && new.newCase)
        #expect(try given.fixture.count("inquiry") == 3)
    }

    @Test func asyncIntakeAnswersAlike() async throws {
        let given = try AskedTwice()
        let outcome = try await given.fixture.hotline(at: minutes(1)).intake(given.again, by: OperatorName("anna"))
        guard case .likelyDuplicates(let candidates) = outcome else {
            Issue.record("expected candidates, got \(outcome)")
            return
        }
        #expect(candidates.map(\.ref) == [given.first.ref])
        #expect(try given.fixture.count("inquiry") == 1)
    }
}
