import Foundation
import HotlineTesting
import Testing

@testable import HotlineCore

/// `case duplicates` through `DuplicateFinder` against the slow reference, the intake search
/// run case by case, on one database: every labelled pair as two cases, plus random cases
/// (reordered, shortened, misspelt, other births and regions), some closed, merged or
/// marked distinct.
@Suite struct DuplicatePairTests {
    static let regions = ["RU-KRS", "UA-30", "RU-MOW"]

    /// Another way a family might give `name`: words reordered, one dropped, or one letter
    /// changed, doubled or dropped.
    static func variant(of name: String, using generator: inout SplitMix64) -> String {
        var words = name.split(separator: " ").map(String.init)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: words.shuffle(using: &generator)
        case 1 where words.count > 2: words.remove(at: Int.random(in: 0..<words.count, using: &generator))
        case 2, 3:
            let index = Int.random(in: 0..<words.count, using: &generator)
            var letters = Array(words[index])
            guard letters.count > 3 else { break }
            let at = Int.random(in: 1..<letters.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: letters.remove(at: at)
            case 1: letters.insert(letters[at], at: at)
            default: letters[at] = letters[Int.random(in: 1..<letters.count, using: &generator)]
            }
            words[index] = String(letters)
        default: break
        }
        return words.joined(separator: " ")
    }

    static func born(using generator: inout SplitMix64) -> String? {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0, 1: return nil
        case 2: return String(Int.random(in: 1990...1992, using: &generator))
        default: return "1991-0\(Int.random(in: 1...3, using: &generator))-1\(Int.random(in: 0...2, using: &generator))"
        }
    }

    /// The database: 754 labelled cases and 400 random ones.
    static func makeFixture() throws -> Fixture {
        let fixture = try Fixture()
        var generator = SplitMix64(seed: 10)
        var refs: [String] = []
        for (index, pair) in duplicatePairs.enumerated() {
            for person in [pair.a, pair.b] {
                let logged = try fixture.log(
                    draft(
                        person: person.name, region: person.region ?? regions[index % regions.count],
                        born: person.born?.description, unit: person.unit), at: Date())
                refs.append(logged.ref)
            }
        }
        let names = duplicatePairs.flatMap { [$0.a.name, $0.b.name] }
        for _ in 0..<400 {
            let name = variant(of: names.randomElement(using: &generator)!, using: &generator)
            let logged = try fixture.log(
                draft(
                    person: name, region: regions.randomElement(using: &generator)!,
                    born: born(using: &generator)), at: Date())
            refs.append(logged.ref)
        }
        let hotline = fixture.hotline(at: Date())
        let anna = try OperatorName("anna")
        for ref in refs where Int.random(in: 0..<10, using: &generator) == 0 {
            _ = try hotline.changeStatus(StatusChangeDraft(ref: ref, status: "closed"), by: anna)
        }
        for _ in 0..<20 {
            let (a, b) = (refs.randomElement(using: &generator)!, refs.randomElement(using: &generator)!)
            if Bool.random(using: &generator) {
                _ = try? hotline.mergeCase(a, into: b, by: anna)
            } else {
                try? hotline.markDistinct(a, b, by: anna)
            }
        }
        return fixture
    }

    static let fixture = Result { try makeFixture() }

    /// Compares each way `DuplicateFinder` can go (FTS5 queries only, the in-memory index
    /// from the start, and queries switching to the index after 50 cases) with the case-by-case way.
    func compare(region: String? = nil, limit: Int) throws {
        let hotline = try Self.fixture.get().hotline()
        let anna = try OperatorName("anna")
        let slow = try hotline.duplicatePairsOneByOne(region: region, limit: limit, as: anna)
        func show(_ pair: DuplicatePair) -> String {
            "\(pair.score) \(pair.first.ref) \(pair.first.person) / \(pair.second.ref) \(pair.second.person)"
        }
        #expect(!slow.isEmpty)
        for indexAfter in [Int.max, 0, 50] {
            let fast = try hotline.duplicatePairs(region: region, limit: limit, indexAfter: indexAfter, as: anna)
            for pair in slow where !fast.contains(pair) { print("missed: \(show(pair))") }
            for pair in fast where !slow.contains(pair) { print("extra: \(show(pair))") }
            print(
                "region \(region ?? "all"), limit \(limit), index after \(indexAfter): \(fast.count) pairs, "
                    + "\(slow.count) case by case")
            #expect(fast == slow, "index after \(indexAfter)")
        }
    }

    @Test func theWholeDatabaseMatchesTheCaseByCaseWay() throws { try compare(limit: 100_000) }

    @Test func aRegionMatchesTheCaseByCaseWay() throws { try compare(region: "UA-30", limit: 100_000) }

    @Test func theDefaultLimitMatchesTheCaseByCaseWay() throws { try compare(limit: 100) }
}
