import Foundation
import HotlineCore
import Testing

/// The index queries of a name search: unranked, most specific first, and still finding a
/// misspelt name when the rest of it is too common to list in full.
struct NameMatchPlanTests {
    @Test func everyQueryIsUnrankedAndLeavesOutOneWordAtATime() {
        let plan = NameMatchPlan(readings: NameFolding.readings("Иванов Пётр"))
        #expect(plan.strict == #"(skeletons: "afnf" AND skeletons: "ptr")"#)
        #expect(plan.leftOut.map(\.query) == [#"(skeletons: "ptr")"#, #"(skeletons: "afnf")"#])
        #expect(plan.leftOut.map(\.narrowed) == [#"(skeletons: "ptr") AND words: "iva"*"#, nil])
        #expect(plan.firstLetters == nil)
        for query in [plan.strict] + plan.leftOut.flatMap({ [$0.query, $0.narrowed] }) {
            #expect(!(query ?? "").contains("rank"))
        }
    }

    @Test func aOneWordNameFallsBackToItsFirstLetters() {
        let plan = NameMatchPlan(readings: NameFolding.readings("Ivanov"))
        #expect(plan.strict == #"(skeletons: "afnf")"#)
        #expect(plan.leftOut.isEmpty)
        #expect(plan.firstLetters == #"words: "iva"*"#)
    }

    @Test func aNameThatMatchesEnoughRunsNoFallback() throws {
        let plan = NameMatchPlan(readings: NameFolding.readings("Иванов Пётр"))
        var asked: [String] = []
        let found = plan.run(limit: 500) { query in
            asked.append(query)
            return Array(1...30)
        }
        #expect(asked == [plan.strict])
        #expect(found.count == 30)
    }

    @Test func aMisspeltSurnameIsFoundAmongMoreNamesakesThanTheCandidateLimit() throws {
        let fixture = try Fixture()
        let hotline = fixture.hotline()
        let me = try OperatorName("anna")
        // 600 men called Пётр with other surnames, logged first so they come first in the index.
        let surnames = ["Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов"]
        _ = try hotline.bulk(by: me, batchSize: 600) { writer in
            for index in 0..<600 {
                _ = try writer.log(draft(person: "\(surnames[index % surnames.count]) Пётр", inquirer: "Мать \(index)"))
            }
        }
        let sought = try fixture.log(draft(person: "Иванов Пётр Сергеевич"))
        let hits = try hotline.search(SearchQuery(text: "Иваморв Пётр"), as: me)
        #expect(hits.first?.ref == sought.ref, "\(hits.prefix(3))")
    }
}
