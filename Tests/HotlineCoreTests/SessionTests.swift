import Foundation
import Testing

@testable import HotlineCore

/// A session owns its transaction: only calls made through it join it.
struct SessionTests {
    @Test func onlyTheSessionSeesItsTransaction() throws {
        // Given a hotline and two sessions of it
        let fixture = try Fixture()
        let hotline = fixture.hotline()
        let session = hotline.makeSession()
        let other = hotline.makeSession()
        // When the first session begins a transaction and writes in it
        try session.inSessionTransaction(by: OperatorName("anna")) {
            _ = try session.logInquiry(draft(), by: OperatorName("anna"))
            // Then it is open, with the write pending, for that session and its copies only
            #expect(session.isInSessionTransaction)
            #expect(session.sessionChangesCount != nil)
            let copy = session
            #expect(copy.isInSessionTransaction)
            #expect(!hotline.isInSessionTransaction && hotline.sessionChangesCount == nil)
            #expect(!other.isInSessionTransaction && other.sessionChangesCount == nil)
            return false
        }
        // And after the rollback nothing remains
        #expect(!session.isInSessionTransaction)
        #expect(try fixture.rows("SELECT id FROM person_case").isEmpty)
    }

    @Test func aHotlineThatIsNoSessionCannotBegin() throws {
        let fixture = try Fixture()
        let error = #expect(throws: HotlineError.self) {
            try fixture.hotline().inSessionTransaction(by: OperatorName("anna")) { true }
        }
        #expect(invalidField(error)?.field == "begin")
    }

    @Test func everySwiftStepFollowsAKnownMigration() {
        let known = Set(Migration.all.map(\.identifier))
        #expect(Set(Migration.steps.keys).isSubset(of: known))
        #expect(Migration.all.first { $0.identifier == "v003_search" }?.step != nil)
    }
}
