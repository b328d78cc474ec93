import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// The pair terms of migration v012 (`NamePairs`): every whole-name query put on the pairs
/// finds exactly what the skeleton query finds, and v012 fills them for an older database.
@Suite struct NamePairsTests {
    /// The labelled names (each spelling a case), and the queries their plans run.
    static func loggedNames(_ f: Fixture) throws -> [String] {
        var names: [String] = []
        for pair in duplicatePairs.prefix(300) {
            for person in [pair.a, pair.b] where !names.contains(person.name) { names.append(person.name) }
        }
        for name in names { try f.log(draft(person: name, region: "RU-MOW", contacts: []), at: Date()) }
        return names
    }

    /// Every query of the plans that `NamePairs` can put on the pairs, and what each finds
    /// both ways; the count of those rewritten that found something.
    static func compare(_ names: [String], in db: Database) throws -> Int {
        var rewrittenFound = 0
        for name in names {
            let plan = NameMatchPlan(readings: NameFolding.readings(name))
            for query in [plan.strict, plan.familiar].compactMap({ $0 }) + plan.leftOut.map(\.query) {
                guard let pairs = NamePairs.query(rewriting: query) else { continue }
                let reference = try db.duplicates.entryIds(matching: query)
                let found = try db.duplicates.entryIds(matchingPairs: pairs)
                #expect(found == reference, "\(query) as \(pairs)")
                if !reference.isEmpty { rewrittenFound += 1 }
            }
        }
        return rewrittenFound
    }

    @Test func aWholeNameQueryOnThePairsFindsWhatTheSkeletonsFind() throws {
        let f = try Fixture()
        let names = try Self.loggedNames(f)
        let rewritten = try f.database.read { db in try Self.compare(names, in: db) }
        #expect(rewritten > 300, "only \(rewritten) rewritten queries found anything")
    }

    /// Search and the intake check ask the pairs with a limit and perhaps a region: the same
    /// entries, in the same order, as the skeleton query under that limit and region.
    @Test func searchsLimitedQueriesOnThePairsFindWhatTheSkeletonsFind() throws {
        let f = try Fixture()
        let names = try Self.loggedNames(f)
        try f.log(draft(person: names[0], region: "RU-KRS", contacts: []), at: Date())
        let compared = try f.database.read { db in
            var compared = 0
            for name in names {
                let plan = NameMatchPlan(readings: NameFolding.readings(name))
                for query in [plan.strict, plan.familiar].compactMap({ $0 }) {
                    guard let pairs = NamePairs.query(rewriting: query) else { continue }
                    for region in [nil, "RU-MOW", "RU-KRS"] {
                        for limit in [1, 500] {
                            let reference = try db.search.entryIds(matching: query, regionCode: region, limit: limit)
                            let found = try db.search.entryIds(matchingPairs: pairs, regionCode: region, limit: limit)
                            #expect(found == reference, "\(query) in \(region ?? "any region"), limit \(limit)")
                            if !reference.isEmpty { compared += 1 }
                        }
                    }
                }
            }
            return compared
        }
        #expect(compared > 600, "only \(compared) queries found anything")
    }

    @Test func onlyQueriesOfSkeletonsAreRewritten() {
        #expect(NamePairs.query(rewriting: #"(skeletons: "pr" AND skeletons: "fnf")"#) == #"("fnf_pr")"#)
        #expect(
            NamePairs.query(rewriting: #"((skeletons: "mkt" OR skeletons: "nkt") AND skeletons: "pr")"#)
                == #"(("mkt_pr" OR "nkt_pr"))"#)
        #expect(
            NamePairs.query(
                rewriting:
                    #"(skeletons: "a" AND skeletons: "b" AND skeletons: "c") OR (skeletons: "d" AND skeletons: "e")"#)
                == #"("a_b" AND "b_c") OR ("d_e")"#)
        #expect(NamePairs.query(rewriting: #"(skeletons: "pr" AND words: "1i")"#) == nil)  // an initial
        #expect(NamePairs.query(rewriting: #"(skeletons: "pr")"#) == nil)  // one word: no pair
        #expect(NamePairs.query(rewriting: #"(skeletons: "fnf") AND words: "ser"*"#) == nil)
        // Two choices sharing a skeleton: a name holding it alone matches, which no pair says.
        #expect(NamePairs.query(all: [["a", "b"], ["b", "c"]]) == nil)
        #expect(NamePairs.terms(["b", "a", "c", "a", ""]) == ["a_b", "a_c", "b_c"])
    }

    @Test func migrationV012FillsThePairsOfAnOlderIndex() throws {
        let f = try Fixture()
        let names = try Self.loggedNames(f)
        try f.database.write { db in
            try db.execute(sql: "DROP TABLE name_pairs")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v012_nameterms'")
        }
        let reopened = try HotlineDatabase.open(path: f.path)
        let rewritten = try reopened.read { db in try Self.compare(names, in: db) }
        #expect(rewritten > 300, "only \(rewritten) rewritten queries found anything")
    }
}
