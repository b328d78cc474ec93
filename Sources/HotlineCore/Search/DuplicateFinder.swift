import Foundation
import GRDB

/// `case duplicates` from one pass over the name index: the person names of every open case
/// are read once into an in-memory index of their skeleton sets, and each case then looks up
/// only the names that could pass the duplicate rule. It used to run the intake search for
/// every case (a strict query, then one query per left-out word, scoring up to 500 index
/// entries each): 20,000 cases with distinct names took 53 s, 30,000 took 100 s.
///
/// It finds what that search found and the rule accepted. A pair passes the rule only if every
/// word of the shorter name (two words at least: one word is half evidence) matches a word of
/// the other at 0.82 or more, and the search found a name only if it held the skeletons of
/// every word of the case's name, or (when fewer than `NameMatchPlan.enough` names held them
/// all) of every word but one. So a candidate holds the skeletons of the whole name; or of all
/// but one word, and is that exactly; or of all but one word plus a skeleton near the missing
/// one's (one letter inserted, deleted or changed, or the same given name in Russian and
/// Ukrainian). Each candidate is then judged as the search judged it (its case's best name by
/// search score, then `DuplicateRule`), so `DuplicatePairTests` checks the result against the
/// case-by-case way on labelled and random cases.
///
/// Unlike the search, it never stops at 500 index entries or 50 cases per name, so in a large
/// database it finds pairs the case-by-case way cut off; a word matched by Jaro-Winkler alone
/// with a skeleton two edits away from the other's is not proposed (see the tests).
struct DuplicateFinder {
    /// One person name of an open case.
    struct Entry {
        let id: Int64
        let caseId: Int64
        /// Its skeletons (every reading), as vocabulary ids, sorted.
        let skeletons: [Int32]
    }

    private var vocabulary: [String: Int32] = [:]
    private var entries: [Entry] = []
    /// Entries by key: `exact` keys for every subset of two skeletons or more (up to
    /// `maxSubset`), `whole` keys for those subsets as long as the name is in words.
    private var postings: [Int: [Int32]] = [:]
    /// Skeletons of the vocabulary by each one-letter deletion of them, for `near`.
    private var byDeletion: [String: [Int32]] = [:]
    private var nearCache: [String: [Int32]] = [:]
    private var givenNameSkeletons: [String: Set<String>] = [:]

    /// Up to this many skeletons every subset is a key (57 for six).
    static let maxSubset = 6

    private enum Tag: Int {
        case exact = 1
        case whole = 2
    }

    private static func key(_ tag: Tag, _ ids: [Int32]) -> Int {
        var hasher = Hasher()
        hasher.combine(tag.rawValue)
        hasher.combine(ids)
        return hasher.finalize()
    }

    /// Reads the person names of every open, unmerged case.
    init(db: Database, openStatuses: [String]) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT name_entry.id, name_entry.case_id, name_entry.name FROM name_entry
                JOIN person_case ON person_case.id = name_entry.case_id
                WHERE name_entry.kind = 'person' AND person_case.merged_into IS NULL
                AND person_case.status IN (SELECT value FROM json_each(?))
                ORDER BY name_entry.id
                """, arguments: [String(decoding: try JSONEncoder().encode(openStatuses), as: UTF8.self)])
        // Spellings repeat (a common name is typed the same way in many cases): each is folded once.
        var folded: [String: (skeletons: [Int32], words: Int)] = [:]
        while let row = try rows.next() {
            let name: String = row[2]
            var shape = folded[name]
            if shape == nil {
                let readings = Self.skeletonReadings(of: name)
                shape = (
                    Array(Set(readings.flatMap { $0 }.map { intern($0) })).sorted(), readings.map(\.count).max() ?? 0
                )
                folded[name] = shape
            }
            let (sorted, words) = shape!  // set just above
            let index = Int32(entries.count)
            entries.append(Entry(id: row[0], caseId: row[1], skeletons: sorted))
            guard words >= 2 else { continue }  // one word never passes the rule
            Self.forEachSubset(of: sorted) { subset in
                postings[Self.key(.exact, subset), default: []].append(index)
                if subset.count == words { postings[Self.key(.whole, subset), default: []].append(index) }
            }
        }
        for (skeleton, id) in vocabulary {
            for deleted in Self.deletions(skeleton) { byDeletion[deleted, default: []].append(id) }
        }
        for group in GivenNames.allGroups {
            let skeletons = Set(group.map(NameFolding.skeleton))
            for skeleton in skeletons { givenNameSkeletons[skeleton, default: []].formUnion(skeletons) }
        }
    }

    private mutating func intern(_ skeleton: String) -> Int32 {
        if let id = vocabulary[skeleton] { return id }
        let id = Int32(vocabulary.count)
        vocabulary[skeleton] = id
        byDeletion[skeleton, default: []].append(id)
        return id
    }

    /// The skeletons the FTS row of `name` holds: those of every word of every reading.
    static func skeletons(of name: String) -> Set<String> { Set(skeletonReadings(of: name).flatMap { $0 }) }

    private var skeletonsBySpelling: [String: Set<String>] = [:]

    /// `skeletons(of:)`, each spelling folded once.
    private mutating func skeletons(of name: String) -> Set<String> {
        if let known = skeletonsBySpelling[name] { return known }
        let skeletons = Self.skeletons(of: name)
        skeletonsBySpelling[name] = skeletons
        return skeletons
    }

    /// Each reading's skeletons, once each, as `NameMatchPlan` takes them.
    static func skeletonReadings(of name: String) -> [[String]] {
        NameFolding.readings(name).map { reading in
            var seen = Set<String>()
            return reading.map(NameFolding.skeleton).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
    }

    /// Every subset of two or more of `ids` (sorted); of a longer set (a long name in two
    /// readings), its subsets of two and three and the whole.
    private static func forEachSubset(of ids: [Int32], _ body: ([Int32]) -> Void) {
        for mask in 1..<(1 << min(ids.count, 20)) {
            let size = mask.nonzeroBitCount
            guard size >= 2, ids.count <= maxSubset || size <= 3 else { continue }
            body(ids.indices.filter { mask & (1 << $0) != 0 }.map { ids[$0] })
        }
        if ids.count > maxSubset { body(ids) }
    }

    private static func deletions(_ text: String) -> [String] {
        let letters = Array(text.utf8)
        guard letters.count > 1 else { return [] }
        return letters.indices.map { index in
            var shorter = letters
            shorter.remove(at: index)
            return String(decoding: shorter, as: UTF8.self)
        }
    }

    /// Skeletons of the vocabulary one edit from `skeleton` (or the same given name), itself excluded.
    private mutating func near(_ skeleton: String) -> [Int32] {
        if let cached = nearCache[skeleton] { return cached }
        var found = Set<Int32>()
        for variant in [skeleton] + Self.deletions(skeleton) {
            found.formUnion(byDeletion[variant] ?? [])
        }
        for mate in givenNameSkeletons[skeleton] ?? [] {
            if let id = vocabulary[mate] { found.insert(id) }
        }
        if let own = vocabulary[skeleton] { found.remove(own) }
        let result = Array(found)
        nearCache[skeleton] = result
        return result
    }

    /// The entries the intake search for `name` could find that might pass the rule, as
    /// indexes into `entries`, and whether the search would have tried its left-out queries.
    mutating func candidates(for name: String) -> (entries: [Int32], plan: MatchTest) {
        let readings = Self.skeletonReadings(of: name).filter { $0.count >= 2 }
        var found = Set<Int32>()
        var strict = Set<Int32>()
        for reading in readings {
            guard let ids = ids(reading) else { continue }
            strict.formUnion(lookUp(.exact, ids).filter { contains(entries[Int($0)].skeletons, ids) })
        }
        found = strict
        let leftOut = strict.count < NameMatchPlan.enough
        if leftOut {
            for reading in readings {
                for (index, missing) in reading.enumerated() {
                    var rest = reading
                    rest.remove(at: index)
                    guard let restIds = ids(rest) else { continue }
                    if restIds.count >= 2 {
                        found.formUnion(
                            lookUp(.whole, restIds).filter { contains(entries[Int($0)].skeletons, restIds) })
                    }
                    for other in near(missing) where !restIds.contains(other) {
                        let wanted = (restIds + [other]).sorted()
                        found.formUnion(lookUp(.exact, wanted).filter { contains(entries[Int($0)].skeletons, wanted) })
                    }
                }
            }
        }
        return (Array(found).sorted(), MatchTest(readings: readings, leftOut: leftOut))
    }

    func entry(_ index: Int32) -> Entry { entries[Int(index)] }

    /// The open cases the intake check would propose for `person`, the name of case `caseId`,
    /// best first: `Hotline.likelyDuplicates` without the search.
    mutating func likelyDuplicates(of person: PersonDescription, caseId: Int64, in db: Database) throws
        -> [DuplicateCandidate]
    {
        let (found, test) = candidates(for: person.name)
        var caseIds: [Int64] = []
        var seen: Set<Int64> = [caseId]
        for index in found where seen.insert(entries[Int(index)].caseId).inserted {
            caseIds.append(entries[Int(index)].caseId)
        }
        guard !caseIds.isEmpty else { return [] }
        let queries = NameFolding.readings(person.name).map { NameSimilarity.words($0.joined(separator: " ")) }
        let statement = try db.cachedStatement(sql: "SELECT * FROM person_case WHERE id = ?")
        var records: [Int64: PersonCaseRecord] = [:]
        // As the search ranks them: each case by its best name the search would have found (an
        // inquirer's weighs 0.8 and, if best, hides the case), best first, then by id.
        var ranked: [(score: Double, caseId: Int64, name: String)] = []
        let names = try db.cachedStatement(
            sql: "SELECT kind, name, folded FROM name_entry WHERE case_id = ? ORDER BY id")
        for other in caseIds {
            // A birth date known on both sides that disagrees rules the case out whichever of
            // its names would rank best: most namesakes end here, before any name is scored.
            let record = try PersonCaseRecord.fetchOne(statement, arguments: [other])!  // ids from name_entry
            let born = record.born.flatMap { try? PartialDate(parsing: $0, field: "born") }
            if let mine = person.born, let born, !mine.agrees(with: born) { continue }
            records[other] = record
            var best: (score: Double, name: String?)?
            let rows = try Row.fetchCursor(names, arguments: [other])
            while let row = try rows.next() {
                let name: String = row[1]
                guard test.matches(skeletons(of: name)) else { continue }
                let words = NameSimilarity.words(row[2])
                var score = queries.map { NameSimilarity.score($0, words) }.max() ?? 0
                let isPerson = (row[0] as String) == "person"
                if !isPerson { score *= 0.8 }
                if score > (best?.score ?? -1) { best = (score, isPerson ? name : nil) }
            }
            if let best, let name = best.name { ranked.append((best.score, other, name)) }
        }
        ranked.sort { ($0.score, $1.caseId) > ($1.score, $0.caseId) }
        var proposed: [DuplicateCandidate] = []
        for candidate in ranked {
            let record = records[candidate.caseId]!  // read above
            let theirs = PersonDescription(
                name: candidate.name, born: record.born.flatMap { try? PartialDate(parsing: $0, field: "born") },
                region: record.region, unit: record.unit)
            guard let score = DuplicateRule.score(person, theirs), score >= DuplicateRule.threshold else { continue }
            proposed.append(
                DuplicateCandidate(
                    ref: record.ref, person: record.personName, born: record.born, region: record.region,
                    status: record.status, score: (score * 1000).rounded() / 1000))
        }
        return proposed.sorted { $0.score > $1.score }
    }

    /// Which names the search would have found: those holding every skeleton of a reading, or
    /// (with `leftOut`) all but one.
    struct MatchTest {
        let readings: [[String]]
        let leftOut: Bool

        func matches(_ skeletons: Set<String>) -> Bool {
            readings.contains { reading in
                let missing = reading.filter { !skeletons.contains($0) }.count
                return missing == 0 || (leftOut && missing == 1)
            }
        }
    }

    private func ids(_ skeletons: [String]) -> [Int32]? {
        var ids: [Int32] = []
        for skeleton in skeletons {
            guard let id = vocabulary[skeleton] else { return nil }
            ids.append(id)
        }
        return Array(Set(ids)).sorted()
    }

    private func lookUp(_ tag: Tag, _ ids: [Int32]) -> [Int32] {
        guard ids.count >= 2 else { return [] }
        return postings[Self.key(tag, ids)] ?? []
    }

    /// Whether sorted `set` holds every element of sorted `subset`.
    private func contains(_ set: [Int32], _ subset: [Int32]) -> Bool {
        var index = 0
        for element in subset {
            while index < set.count && set[index] < element { index += 1 }
            guard index < set.count && set[index] == element else { return false }
        }
        return true
    }
}
