import Foundation
import Testing

@testable import HotlineCore

/// The `case list` job: which cases, in which order.
@Suite struct CaseListTests {
    /// Three cases: A (Kursk) opened at t0, B (Kharkiv) at t0+1, C (Kursk) at t0+2; then A moved to
    /// searching at t0+3 and B closed as reunited at t0+4.
    struct ThreeCases {
        let fixture: Fixture
        let a: String
        let b: String
        let c: String

        init() throws {
            fixture = try Fixture()
            a = try fixture.log(draft(person: "A", region: "RU-KRS"), at: minutes(0)).ref
            b = try fixture.log(draft(person: "B", region: "UA-63"), at: minutes(1)).ref
            c = try fixture.log(draft(person: "C", region: "Kursk"), at: minutes(2)).ref
            try fixture.changeStatus(StatusChangeDraft(ref: a, status: "searching"), at: minutes(3))
            try fixture.changeStatus(StatusChangeDraft(ref: b, status: "reunited"), at: minutes(4))
        }

        func refs(_ filter: CaseFilter) throws -> [String] { try fixture.cases(filter).map(\.ref) }
    }

    @Test func casesAreListedNewestActivityFirst() throws {
        let given = try ThreeCases()
        #expect(try given.refs(CaseFilter()) == [given.b, given.a, given.c])
    }

    @Test func aNewInquiryMovesACaseToTheTop() throws {
        let given = try ThreeCases()
        try given.fixture.log(draft(person: nil, region: nil, caseRef: given.c), at: minutes(5))
        #expect(try given.refs(CaseFilter()) == [given.c, given.b, given.a])
    }

    @Test func casesWithTheSameActivityTimeAreListedLatestOpenedFirst() throws {
        let fixture = try Fixture()
        let first = try fixture.log(draft(person: "first"), at: t0).ref
        let second = try fixture.log(draft(person: "second"), at: t0).ref
        let third = try fixture.log(draft(person: "third"), at: t0).ref
        #expect(try fixture.cases().map(\.ref) == [third, second, first])
    }

    @Test func openOnlyLeavesOutClosedCases() throws {
        let given = try ThreeCases()
        #expect(try given.refs(CaseFilter(openOnly: true)) == [given.a, given.c])
    }

    @Test func statusFilterKeepsOnlyThatStatus() throws {
        let given = try ThreeCases()
        #expect(try given.refs(CaseFilter(status: "searching")) == [given.a])
        #expect(try given.refs(CaseFilter(status: "New")) == [given.c])
        #expect(try given.refs(CaseFilter(status: "reunited")) == [given.b])
        #expect(try given.refs(CaseFilter(status: "located")) == [])
    }

    @Test func regionFilterTakesACodeOrAName() throws {
        let given = try ThreeCases()
        #expect(try given.refs(CaseFilter(region: "RU-KRS")) == [given.a, given.c])
        #expect(try given.refs(CaseFilter(region: "Курская область")) == [given.a, given.c])
        #expect(try given.refs(CaseFilter(region: "Kharkiv")) == [given.b])
        #expect(try given.refs(CaseFilter(region: "Kyiv")) == [])
    }

    @Test func filtersCombine() throws {
        let given = try ThreeCases()
        #expect(try given.refs(CaseFilter(openOnly: true, region: "UA-63")) == [])
        #expect(try given.refs(CaseFilter(openOnly: true, region: "RU-KRS")) == [given.a, given.c])
        #expect(try given.refs(CaseFilter(status: "new", region: "RU-KRS")) == [given.c])
    }

    @Test func limitKeepsTheNewest() throws {
        let given = try ThreeCases()
        #expect(try given.refs(CaseFilter(limit: 2)) == [given.b, given.a])
        #expect(try given.refs(CaseFilter(openOnly: true, limit: 1)) == [given.a])
        #expect(try given.refs(CaseFilter(limit: 100)) == [given.b, given.a, given.c])
    }

    @Test func summaryCarriesTheCaseAtAGlance() throws {
        let given = try ThreeCases()
        try given.fixture.log(draft(person: nil, region: nil, born: "1990", caseRef: given.a), at: minutes(6))
        let summaries = try given.fixture.cases()
        let a = try #require(summaries.first { $0.ref == given.a })
        #expect(a.person == "A")
        #expect(a.born == "1990")
        #expect(a.region == "RU-KRS")
        #expect(a.status == "searching")
        #expect(a.open)
        #expect(a.opened == t0)
        #expect(a.lastInquiry == minutes(6))
        #expect(a.lastActivity == minutes(6))
        #expect(a.inquiries == 2)
        let b = try #require(summaries.first { $0.ref == given.b })
        #expect(!b.open)
        #expect(b.lastInquiry == minutes(1))
        #expect(b.lastActivity == minutes(4))
    }

    @Test func listingStreamsOneCaseAtATime() throws {
        let given = try ThreeCases()
        var seen: [String] = []
        try given.fixture.hotline().listCases(CaseFilter(), as: OperatorName("anna")) { seen.append($0.ref) }
        #expect(seen == [given.b, given.a, given.c])
    }

    @Test func emptyDatabaseListsNoCases() throws {
        let fixture = try Fixture()
        #expect(try fixture.cases(CaseFilter(openOnly: true)) == [])
    }

    @Test func badFilterIsRefusedNamingTheField() throws {
        let fixture = try Fixture()
        #expect(
            invalidField(#expect(throws: HotlineError.self) { try fixture.cases(CaseFilter(status: "lost")) })?.field
                == "status")
        #expect(
            invalidField(#expect(throws: HotlineError.self) { try fixture.cases(CaseFilter(region: "Atlantis")) })?
                .field == "region")
        #expect(
            invalidField(#expect(throws: HotlineError.self) { try fixture.cases(CaseFilter(limit: 0)) })?.field
                == "limit")
        #expect(
            invalidField(#expect(throws: HotlineError.self) { try fixture.cases(CaseFilter(limit: -5)) })?.field
                == "limit")
    }
}
