import Foundation
import Testing

@testable import HotlineCore

/// Keyset pages of the case list: what a server hands a client a page at a time.
@Suite struct CasePageTests {
    /// `count` cases, seven to a minute, so many share their activity time (the order's tie-break
    /// decides between them), in two regions.
    static func seeded(_ count: Int) throws -> Fixture {
        let fixture = try Fixture()
        for index in 0..<count {
            try fixture.log(
                draft(person: "Person \(index)", region: index % 3 == 0 ? "UA-63" : "RU-KRS"),
                at: minutes(index / 7))
        }
        return fixture
    }

    /// Every page from the first, with `between` run after each page.
    static func walk(
        _ hotline: Hotline, _ filter: CaseFilter, between: (Int) throws -> Void = { _ in }
    ) throws -> [CaseSummary] {
        var found: [CaseSummary] = []
        var cursor: CaseCursor?
        var pages = 0
        repeat {
            let page = try hotline.casePage(filter, after: cursor, as: OperatorName("anna"))
            #expect(page.cases.count <= filter.limit!)
            found += page.cases
            cursor = page.next
            pages += 1
            try between(pages)
        } while cursor != nil
        return found
    }

    @Test(arguments: [nil, "RU-KRS"])
    func aPageWalkIsTheStreamedListWhileCasesAreLoggedBetweenPages(region: String?) throws {
        let fixture = try Self.seeded(250)
        let hotline = fixture.hotline()
        let streamed = try hotline.cases(CaseFilter(region: region), as: OperatorName("anna"))

        let walked = try Self.walk(hotline, CaseFilter(region: region, limit: 23)) { page in
            // New cases (newest activity) would shift an offset-based page: a case listed twice.
            // Ties in activity time (seven a minute) would lose cases without the id tie-break.
            try fixture.log(draft(person: "New \(page)", region: "RU-KRS"), at: minutes(100 + page))
            try fixture.log(draft(person: "Newer \(page)", region: "UA-63"), at: minutes(100 + page))
        }

        #expect(walked.map(\.ref) == streamed.map(\.ref))
        #expect(Set(walked.map(\.ref)).count == walked.count)
    }

    @Test func theLastFullPageSaysNoMoreFollow() throws {
        let fixture = try Self.seeded(20)
        let page = try fixture.hotline().casePage(CaseFilter(limit: 20), after: nil, as: OperatorName("anna"))
        #expect(page.cases.count == 20)
        #expect(page.next == nil)
        let first = try fixture.hotline().casePage(CaseFilter(limit: 19), after: nil, as: OperatorName("anna"))
        #expect(first.next == CaseCursor(ref: first.cases[18].ref, lastActivity: first.cases[18].lastActivity))
    }

    @Test func aCursorReadsBackAsItWasWritten() throws {
        let fixture = try Self.seeded(3)
        let page = try fixture.hotline().casePage(CaseFilter(limit: 1), after: nil, as: OperatorName("anna"))
        let cursor = try #require(page.next)
        #expect(cursor.description.hasSuffix("@2024-05-29T16:26:40.000Z"))
        #expect(try CaseCursor(parsing: cursor.description) == cursor)
        let json = try JSONEncoder().encode(page)
        #expect(String(decoding: json, as: UTF8.self).contains("\"next\":\"\(cursor.description)\""))
    }

    @Test(arguments: [
        "", "garbage", "@2024-05-29T16:26:40.000Z", "1234-5678@2024-05-29T16:26:40.000Z",
        "REF@2024-05-29T16:26:40.000Z", "{ref}@2024-05-29 16:26:40.000", "{ref}@2024-02-30T16:26:40.000Z",
        "{ref}@2024-05-29T16:26:40Z", "{ref}",
    ])
    func aMalformedCursorIsRefusedNamingTheField(text: String) throws {
        let fixture = try Self.seeded(2)
        let ref = try fixture.cases()[0].ref
        let typed = text.replacingOccurrences(of: "{ref}", with: ref)
        let error = #expect(throws: HotlineError.self) { try CaseCursor(parsing: typed) }
        #expect(invalidField(error)?.field == "after")
    }

    @Test func aCursorNamingNoCaseIsRefused() throws {
        let fixture = try Self.seeded(2)
        let cursor = CaseCursor(ref: try fixture.unusedReference(), lastActivity: t0)
        let error = #expect(throws: HotlineError.self) {
            try fixture.hotline().casePage(CaseFilter(limit: 5), after: cursor, as: OperatorName("anna"))
        }
        #expect(invalidField(error)?.field == "after")
    }

    @Test(arguments: [0, -1, 1001])
    func aPageSizeOutOfRangeIsRefused(size: Int) throws {
        let fixture = try Self.seeded(1)
        let error = #expect(throws: HotlineError.self) {
            try fixture.hotline().casePage(CaseFilter(limit: size), after: nil, as: OperatorName("anna"))
        }
        #expect(invalidField(error)?.field == "limit")
    }

    @Test func asyncPagesWalkLikeSyncOnes() async throws {
        let fixture = try Self.seeded(60)
        let hotline = fixture.hotline()
        var walked: [CaseSummary] = []
        var cursor: CaseCursor?
        repeat {
            let page = try await hotline.casePage(CaseFilter(limit: 7), after: cursor, as: OperatorName("anna"))
            walked += page.cases
            cursor = page.next
        } while cursor != nil
        #expect(walked == (try await hotline.cases(CaseFilter(), as: OperatorName("anna"))))
    }
}
