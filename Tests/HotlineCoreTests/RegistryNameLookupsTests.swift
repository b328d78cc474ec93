import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// `RegistryNameLookups` (the import's name queries, run once, a narrowed query's prefix
/// listed as words) against the plain FTS5 query it stands for, on every query the plan runs
/// for the labelled names, over cases named by them.
@Suite struct RegistryNameLookupsTests {
    @Test func everyQueryOfThePlanFindsWhatFTS5sOwnQueryFinds() throws {
        let f = try Fixture()
        var names: [String] = []
        for pair in duplicatePairs.prefix(300) {
            for person in [pair.a, pair.b] where !names.contains(person.name) { names.append(person.name) }
        }
        for name in names {
            try f.log(draft(person: name, region: "RU-MOW", contacts: []), at: Date())
        }
        var narrowedFound = 0
        var compared = 0
        try f.database.read { db in
            let lookups = RegistryNameLookups()
            for name in names {
                let plan = NameMatchPlan(readings: NameFolding.readings(name))
                let queries =
                    [plan.strict, plan.firstLetters].compactMap { $0 } + plan.leftOut.map(\.query)
                    + plan.leftOut.compactMap(\.narrowed)
                for query in queries {
                    for limit in [3, 500] {
                        let reference = try db.search.entryIds(matching: query, regionCode: nil, limit: limit)
                        // Twice: the second answer comes from what the first one kept.
                        for _ in 0..<2 {
                            let found = try lookups.entryIds(matching: query, limit: limit, in: db)
                            #expect(found == reference, "\(query) limit \(limit)")
                        }
                        compared += 1
                        if RegistryNameLookups.splitPrefix(query) != nil, !reference.isEmpty { narrowedFound += 1 }
                    }
                }
            }
        }
        // The narrowed queries (the ones listed as words) were among them, and found entries.
        #expect(narrowedFound > 50, "only \(narrowedFound) narrowed queries found anything in \(compared)")
    }

    @Test func onlyANarrowedQuerysPlainPrefixIsSplit() {
        let split = RegistryNameLookups.splitPrefix(#"(skeletons: "fnf" AND skeletons: "pr") AND words: "ser"*"#)
        #expect(split?.rest == #"(skeletons: "fnf" AND skeletons: "pr")"#)
        #expect(split?.prefix == "ser")
        #expect(RegistryNameLookups.splitPrefix(#"(skeletons: "fnf" AND skeletons: "pr")"#) == nil)
        #expect(RegistryNameLookups.splitPrefix(#"words: "ser"*"#) == nil)  // first letters: no rest to narrow
        #expect(RegistryNameLookups.splitPrefix(#"(skeletons: "fnf") AND words: "s r"*"#) == nil)
    }
}
