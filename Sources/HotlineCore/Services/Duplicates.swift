import Foundation
import GRDB

/// A case that may describe the same person as another.
public struct DuplicateCandidate: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let born: String?
    public let region: String
    public let status: String
    public let score: Double
}

/// Two open cases that probably describe one person.
public struct DuplicatePair: Encodable, Sendable, Equatable {
    public let first: DuplicateCandidate
    public let second: DuplicateCandidate
    public let score: Double
}

extension Hotline {
    /// The existing cases that likely describe `person`, best first (the intake check).
    func likelyDuplicates(of person: PersonDescription, excluding: Set<Int64> = [], in db: Database) throws
        -> [DuplicateCandidate]
    {
        let engine = SearchEngine(db: db, defaultCountry: rules.defaultCountry)
        var found: [DuplicateCandidate] = []
        for candidate in try engine.find(person.name).prefix(50) where !excluding.contains(candidate.caseId) {
            let record = try candidate.record(db)
            guard !excluding.contains(record.id!), let matchedName = candidate.matchedPerson else { continue }
            let theirs = PersonDescription(
                name: matchedName, born: record.born.flatMap { try? PartialDate(parsing: $0, field: "born") },
                region: record.region, unit: record.unit)
            var mine = person
            if let typed = candidate.typed { mine.name = typed }  // found retyped on the other layout
            guard let score = DuplicateRule.score(mine, theirs),
                score >= DuplicateRule.threshold,
                !found.contains(where: { $0.ref == record.ref })
            else { continue }
            found.append(
                DuplicateCandidate(
                    ref: record.ref, person: record.personName, born: record.born, region: record.region,
                    status: record.status, score: (score * 1000).rounded() / 1000))
        }
        return found.sorted { $0.score > $1.score }
    }

    /// Pairs of open cases that probably describe the same person, never a pair marked distinct:
    /// for each open case (of the region), by id, the open cases (of any region) the intake
    /// check would propose for its person; at least `limit` pairs when there are as many, best
    /// first. Found through `DuplicateFinder`: FTS5 queries for the first cases, then an index
    /// of every open case's names in memory if the walk goes on; unlike the search it never
    /// stops at 500 index entries or 50 cases per name (on 100,000 seeded cases, a small
    /// region's pairs went from 414 to 1,233, namesakes with agreeing births the search had
    /// cut off). Ctrl-C (`interrupt()`) stops it at the next case.
    public func duplicatePairs(region regionName: String? = nil, limit: Int = 100, as reader: OperatorName) throws
        -> [DuplicatePair]
    {
        try duplicatePairs(region: regionName, limit: limit, indexAfter: DuplicateFinder.defaultIndexAfter, as: reader)
    }

    /// `duplicatePairs` with the in-memory index built after `indexAfter` cases (0: at once;
    /// `Int.max`: never), for the tests and the benchmark to compare the two ways.
    func duplicatePairs(region regionName: String?, limit: Int, indexAfter: Int, as reader: OperatorName) throws
        -> [DuplicatePair]
    {
        let region = try regionName.map { name throws(HotlineError) in try rules.regions.region(name) }
        let openNames = rules.lifecycle.openStatuses.map(\.name)
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            var finder = DuplicateFinder(store: db.duplicates, openStatuses: openNames, indexAfter: indexAfter)
            return try pairs(of: region, limit: limit, openNames: openNames, in: db) { person, id in
                try finder.likelyDuplicates(of: person, caseId: id)
            }
        }
    }

    /// The same pairs found case by case, each through the intake search: the slow reference
    /// `DuplicateFinder` is checked against (53 s for 20,000 cases with distinct names), public
    /// for the benchmark's before-and-after row.
    public func duplicatePairsOneByOne(region regionName: String? = nil, limit: Int = 100, as reader: OperatorName)
        throws
        -> [DuplicatePair]
    {
        let region = try regionName.map { name throws(HotlineError) in try rules.regions.region(name) }
        let openNames = rules.lifecycle.openStatuses.map(\.name)
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            return try pairs(of: region, limit: limit, openNames: openNames, in: db) { person, id in
                try likelyDuplicates(of: person, excluding: [id], in: db)
            }
        }
    }

    /// Walks the open cases (of `region`) by id and pairs each with the cases `candidates`
    /// proposes for it, once per pair, skipping pairs marked distinct, until `limit` pairs.
    private func pairs(
        of region: Region?, limit: Int, openNames: [String], in db: Database,
        candidates: (PersonDescription, Int64) throws -> [DuplicateCandidate]
    ) throws -> [DuplicatePair] {
        let store = db.duplicates
        let distinct = try store.distinctPairs()
        var pairs: [DuplicatePair] = []
        var seen = Set<CasePair>()
        try store.forEachOpenCase(regionCode: region?.code, openStatuses: openNames) { record in
            guard pairs.count < limit else { return false }
            let me = PersonDescription(
                name: record.personName, born: record.born.flatMap { try? PartialDate(parsing: $0, field: "born") },
                region: record.region, unit: record.unit)
            for other in try candidates(me, record.id!) {  // records read from the database have ids
                guard openNames.contains(other.status), let otherId = try db.cases.record(ref: other.ref)?.id
                else { continue }
                let pair = CasePair(record.id!, otherId)
                guard !distinct.contains(pair), seen.insert(pair).inserted else { continue }
                let mine = DuplicateCandidate(
                    ref: record.ref, person: record.personName, born: record.born, region: record.region,
                    status: record.status, score: other.score)
                pairs.append(DuplicatePair(first: mine, second: other, score: other.score))
            }
            return true
        }
        return pairs.sorted { $0.score > $1.score }
    }

    /// Records that two cases are different people: the pair is never proposed again. The
    /// decision, who made it and when, goes into both histories.
    public func markDistinct(_ refA: String, _ refB: String, note: String? = nil, by actor: OperatorName) throws {
        let a = try CaseReference(parsing: refA)
        let b = try CaseReference(parsing: refB)
        let note = try TextRule.note("note").validate(note)
        let at = now()
        try database.write { db in
            try authorize(actor, as: .operator, in: db)
            let first = try PersonCaseRecord.fetch(ref: a, in: db)
            let second = try PersonCaseRecord.fetch(ref: b, in: db)
            guard first.id != second.id else {
                throw HotlineError.invalidField(
                    field: "case", value: "\(a) \(b)", problem: "both references name the same case",
                    accepted: "two different cases")
            }
            try db.duplicates.markDistinct(CasePair(first.id!, second.id!), at: at, by: actor.name)
            for (this, other) in [(first, second), (second, first)] {
                var history = HistoryWriter(caseId: this.id!, at: at, by: actor, db: db)
                try history.append(
                    kind: "distinct", to: other.ref, note: note ?? "a different person from \(other.ref)")
            }
        }
    }

    /// Merges the case `duplicateRef` into `survivorRef`: every inquiry, history entry and name
    /// moves to the survivor, both histories record the merge, and the old reference resolves
    /// to the survivor from then on.
    public func mergeCase(_ duplicateRef: String, into survivorRef: String, note: String? = nil, by actor: OperatorName)
        throws -> CaseDetail
    {
        let duplicateReference = try CaseReference(parsing: duplicateRef)
        let survivorReference = try CaseReference(parsing: survivorRef)
        let note = try TextRule.note("note").validate(note)
        let at = now()
        try database.write { db in
            try authorize(actor, as: .operator, in: db)
            var duplicate = try PersonCaseRecord.fetch(ref: duplicateReference, in: db)
            var survivor = try PersonCaseRecord.fetch(ref: survivorReference, in: db)
            guard duplicate.id != survivor.id else {
                throw HotlineError.invalidField(
                    field: "case", value: duplicateReference.description,
                    problem: duplicate.ref == duplicateReference.description
                        ? "a case cannot be merged into itself" : "it is already merged into \(survivor.ref)",
                    accepted: "two different, unmerged cases")
            }
            let (from, to) = (duplicate.id!, survivor.id!)
            try refuseWaitingMove(on: duplicate, in: db)
            try db.duplicates.moveRecords(from: from, to: to)

            var survivorHistory = HistoryWriter(caseId: to, at: at, by: actor, db: db)
            try moveNotices(from: duplicate, to: survivor, at: at, by: actor, history: &survivorHistory, in: db)
            if survivor.born == nil, let born = duplicate.born {
                survivor.born = born
                try survivorHistory.append(kind: "edit", field: "born", to: born, note: "from \(duplicate.ref)")
            }
            if survivor.unit == nil, let unit = duplicate.unit {
                survivor.unit = unit
                try survivorHistory.append(kind: "edit", field: "unit", to: unit, note: "from \(duplicate.ref)")
            }
            try survivorHistory.append(
                kind: "merged", from: duplicate.ref, to: survivor.ref,
                note: note ?? "\(duplicate.ref) (\(duplicate.status)) merged into this case")
            var duplicateHistory = HistoryWriter(caseId: from, at: at, by: actor, db: db)
            try duplicateHistory.append(
                kind: "merged", from: duplicate.ref, to: survivor.ref, note: note ?? "merged into \(survivor.ref)")

            survivor.inquiryCount += duplicate.inquiryCount
            survivor.lastInquiryAt = max(survivor.lastInquiryAt, duplicate.lastInquiryAt)
            survivor.lastActivityAt = at
            try survivor.update(db)
            duplicate.inquiryCount = 0
            duplicate.mergedInto = to
            duplicate.lastActivityAt = at
            try duplicate.update(db)
        }
        return try caseDetail(ref: survivorReference.description, as: actor)
    }
}
