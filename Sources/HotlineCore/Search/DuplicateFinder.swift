import Foundation

/// `case duplicates` without the intake search: for each case, the names `SkeletonMatch`
/// accepts, judged as the search judged them (each candidate case by its best name by search
/// score, then `DuplicateRule`), so `DuplicatePairTests` checks the result against the
/// case-by-case way on labelled and random cases. The case-by-case way ran the intake search
/// for every case (a strict query, then one query per left-out word, scoring up to 500 index
/// entries each): 20,000 cases with distinct names took 53 s, 30,000 took 100 s.
///
/// The names come from FTS5 queries on the name index, a few per case, as long as the query
/// has looked at few cases: a region's or the first pairs' cost follows their candidates, not
/// the database. Once it has walked `indexAfter` cases it reads every open case's names into
/// a `SkeletonIndex` (about 1 s per 100,000 cases) and looks up the rest in memory.
///
/// Unlike the search, it never stops at 500 index entries or 50 cases per name, so in a large
/// database it finds pairs the case-by-case way cut off (on 100,000 seeded cases, 1,233 of a
/// small region's pairs instead of 414: namesakes with agreeing births); a word matched by
/// Jaro-Winkler alone with a skeleton two edits away from the other's is not proposed (see
/// the tests).
struct DuplicateFinder {
    private let store: any DuplicateStore
    private let openStatuses: [String]
    /// How many cases are looked up through FTS5 before the index is built.
    private let indexAfter: Int
    private var lookedUp = 0
    private var index: SkeletonIndex?
    private var shapes = NameShapes()
    /// The skeletons in the name index near each skeleton, for a left-out word's queries.
    private var vocabulary: [String]?
    private var nearCache: [String: [String]] = [:]

    /// After how many cases a walk builds the in-memory index. The lookups' cost per case and
    /// the index's build both grow with the database, so the point where the index pays is a
    /// number of cases, not a share; 2,000 keeps a small region (about 1,200 open cases in
    /// 1,000,000) on lookups. Not tuned: the machine was too loaded to measure it.
    static let defaultIndexAfter = 2_000

    /// `indexAfter`: after how many cases the in-memory index pays (0: from the start).
    init(store: any DuplicateStore, openStatuses: [String], indexAfter: Int) {
        self.store = store
        self.openStatuses = openStatuses
        self.indexAfter = indexAfter
    }

    /// The open cases the intake check would propose for `person`, the name of case `caseId`,
    /// best first: `Hotline.likelyDuplicates` without the search.
    mutating func likelyDuplicates(of person: PersonDescription, caseId: Int64) throws -> [DuplicateCandidate] {
        let readings = shapes.shape(of: person.name).queryReadings
        var caseIds: [Int64] = []
        var seen: Set<Int64> = [caseId]
        for candidate in try candidates(for: readings) where seen.insert(candidate).inserted {
            caseIds.append(candidate)
        }
        guard !caseIds.isEmpty else { return [] }
        let test = MatchTest(readings: readings, leftOut: lastWasLeftOut)
        let queries = NameFolding.readings(person.name).map { NameSimilarity.words($0.joined(separator: " ")) }
        var records: [Int64: PersonCaseRecord] = [:]
        // As the search ranks them: each case by its best name the search would have found (an
        // inquirer's weighs 0.8 and, if best, hides the case), best first, then by id.
        var ranked: [(score: Double, caseId: Int64, name: String)] = []
        for other in caseIds {
            // A birth date known on both sides that disagrees rules the case out whichever of
            // its names would rank best: most namesakes end here, before any name is scored.
            // The birth date read with the name rules most namesakes out without reading them.
            if let mine = person.born, let theirs = bornOfCase[other] ?? nil, !mine.agrees(with: theirs) { continue }
            guard let record = try store.record(id: other) else { continue }
            let born = record.born.flatMap { try? PartialDate(parsing: $0, field: "born") }
            if let mine = person.born, let born, !mine.agrees(with: born) { continue }
            records[other] = record
            var best: (score: Double, name: String?)?
            for entry in try store.names(ofCase: other) {
                guard test.matches(shapes.shape(of: entry.name).skeletons) else { continue }
                let words = NameSimilarity.words(entry.folded)
                var score = queries.map { NameSimilarity.score($0, words) }.max() ?? 0
                let isPerson = entry.kind == "person"
                if !isPerson { score *= 0.8 }
                if score > (best?.score ?? -1) { best = (score, isPerson ? entry.name : nil) }
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

    /// Whether the last `candidates` call tried the left-out words (the strict matches were few).
    private var lastWasLeftOut = false

    /// The cases of the names `SkeletonMatch` accepts for a name of these readings, in the
    /// order of their index entries.
    private mutating func candidates(for readings: [[String]]) throws -> [Int64] {
        lookedUp += 1
        if index == nil, lookedUp > indexAfter {
            index = try SkeletonIndex(store: store, openStatuses: openStatuses, shapes: &shapes)
        }
        if var index {
            self.index = nil  // a unique reference: the lookup's caches grow in place
            defer { self.index = index }
            let (found, leftOut) = index.candidates(for: readings)
            lastWasLeftOut = leftOut
            return found.map { index.entries[Int($0)].caseId }
        }
        return try lookUp(readings)
    }

    /// `SkeletonIndex.candidates` through FTS5: one query per reading, and when they find few,
    /// one per left-out word (with the skeletons near it when one word is left).
    private mutating func lookUp(_ readings: [[String]]) throws -> [Int64] {
        var found: [Int64: Int64] = [:]  // case by entry
        for reading in readings {
            let wanted = Set(reading)
            for (entryId, name) in try openPersonNames(holding: wanted.map { [$0] })
            where SkeletonMatch.isStrict(name.shape, reading: wanted) {
                found[entryId] = name.caseId
            }
        }
        lastWasLeftOut = found.count < NameMatchPlan.enough
        if lastWasLeftOut {
            for reading in readings {
                for (index, missing) in reading.enumerated() {
                    var rest = reading
                    rest.remove(at: index)
                    let restSet = Set(rest)
                    var all = rest.map { Set([$0]) }
                    if rest.count < 2 {
                        // One word left: only names with a skeleton near the missing one's.
                        let near = try nearSkeletons(missing).filter { !restSet.contains($0) }
                        guard !near.isEmpty else { continue }
                        all.append(Set(near))
                    }
                    for (entryId, name) in try openPersonNames(holding: all)
                    where found[entryId] == nil && SkeletonMatch.isLeftOut(name.shape, rest: restSet, missing: missing)
                    {
                        found[entryId] = name.caseId
                    }
                }
            }
        }
        return found.sorted { $0.key < $1.key }.map(\.value)
    }

    /// A person name of an open case, as a lookup judges it.
    private struct KnownName {
        let caseId: Int64
        let shape: NameShape
    }

    /// Index entries already read, by id: a person name of an open case, or nil for any other.
    /// The cases of a region share names (the common ones match most queries), so each entry
    /// is read and folded once.
    private var known: [Int64: KnownName?] = [:]
    /// The birth dates of the cases of the names in `known` (nil inside: none or unreadable).
    private var bornOfCase: [Int64: PartialDate?] = [:]

    /// The person names of open cases among the entries holding, for each element of `all`,
    /// one of its skeletons: through the pair terms when they can say it (a pair's posting
    /// list is far shorter than a common skeleton's), else the skeletons.
    private mutating func openPersonNames(holding all: [Set<String>]) throws -> [(Int64, KnownName)] {
        let ids =
            try NamePairs.query(all: all).map { try store.entryIds(matchingPairs: $0) }
            ?? store.entryIds(matching: Self.query(all))
        let unknown = ids.filter { known[$0] == nil }
        if !unknown.isEmpty {
            for name in try store.openPersonNames(entries: unknown, openStatuses: openStatuses) {
                known[name.entryId] = KnownName(caseId: name.caseId, shape: shapes.shape(of: name.name))
                if bornOfCase[name.caseId] == nil {
                    bornOfCase[name.caseId] = .some(name.born.flatMap { try? PartialDate(parsing: $0, field: "born") })
                }
            }
            for id in unknown where known[id] == nil { known[id] = .some(nil) }
        }
        return ids.compactMap { id in known[id]!.map { (id, $0) } }  // every id is known by now
    }

    /// For each element of `all`, one of its skeletons, as an FTS5 query on `name_search`.
    private static func query(_ all: [Set<String>]) -> String {
        "("
            + all.map { choices in
                let terms = choices.sorted().map { "skeletons: " + NameMatchPlan.quoted($0) }
                return terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " OR ") + ")"
            }.sorted().joined(separator: " AND ") + ")"
    }

    /// The skeletons in the name index `SkeletonMatch.isNear` `skeleton`; the index's
    /// vocabulary is read the first time one is needed.
    private mutating func nearSkeletons(_ skeleton: String) throws -> [String] {
        if let known = nearCache[skeleton] { return known }
        if vocabulary == nil { vocabulary = try store.skeletons() }
        let near = vocabulary!.filter { SkeletonMatch.isNear(skeleton, $0) }  // read just above
        nearCache[skeleton] = near
        return near
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
}
