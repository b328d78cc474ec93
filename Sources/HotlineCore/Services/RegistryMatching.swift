import Foundation
import GRDB

/// Finding the pairs: a registry record against the cases, a case against the registry. Both
/// look candidates up by name (the cases' name index for a record, the registry's for a case,
/// with the intake check's folding and query plan) and by service number, then judge each pair
/// with `MatchRule`. Proposals are stored; nothing is applied without a person confirming it.
extension Hotline {
    /// How many cases (or records) one name's search offers for judging, as the intake check.
    static let matchCandidateLimit = 50

    /// What one import has looked up already: a list names many people alike (a common name,
    /// the same person in two spellings), and nothing the import writes changes a case.
    final class MatchCache {
        /// Beyond this many entries a map is emptied: memory stays bounded on a long list (a
        /// 10,000-row list kept ~90,000 case sides, 295 MB, before this).
        static let limit = 5_000

        func trim() {
            if found.count > Self.limit { found.removeAll(keepingCapacity: true) }
            if sides.count > Self.limit { sides.removeAll(keepingCapacity: true) }
            if cases.count > Self.limit * 5 { cases.removeAll(keepingCapacity: true) }
        }

        /// The cases a name's search found, with the spelling that matched.
        var found: [String: [(caseId: Int64, name: String)]] = [:]
        /// Each case's side, by case id and the names it was judged under.
        var sides: [String: MatchSide] = [:]
        var cases: [Int64: PersonCaseRecord] = [:]
    }

    /// Proposes the cases (unmerged, open or closed: a closed one can conflict) that `record`
    /// probably names; returns how many new proposals it stored. A pair proposed before (and
    /// so a rejected pair) is never proposed again; an undecided one is brought up to date.
    func proposeCases(
        for record: RegistryRecordRow, recordId: Int64, at: Date, cache: MatchCache = MatchCache(), in db: Database
    ) throws -> Int {
        guard !record.withdrawn, let says = rules.registry.stored(record.says) else { return 0 }
        let mine = try matchSide(of: record)
        var sides: [Int64: (record: PersonCaseRecord, names: [String])] = [:]
        var order: [Int64] = []
        func add(_ personCase: PersonCaseRecord, name: String) {
            let id = personCase.id!  // read from the database
            if sides[id] == nil {
                sides[id] = (personCase, [personCase.personName])
                order.append(id)
            }
            if !sides[id]!.names.contains(name) { sides[id]!.names.append(name) }
        }
        let engine = SearchEngine(db: db, defaultCountry: rules.defaultCountry)
        cache.trim()
        for name in record.names {
            if cache.found[name] == nil || cache.found[name]!.contains(where: { cache.cases[$0.caseId] == nil }) {
                var found: [(caseId: Int64, name: String)] = []
                for candidate in try engine.find(name).prefix(Self.matchCandidateLimit) {
                    guard let matched = candidate.matchedPerson,
                        let own = try db.cases.record(id: candidate.caseId)  // a cached statement: `candidate.record`'s
                    else { continue }  // query-interface read was an eighth of an import's time
                    var personCase = own
                    do {
                        personCase = try PersonCaseRecord.survivor(of: own, in: db)
                    } catch HotlineError.brokenMerge {
                        continue  // `db check` reports it; a damaged case is proposed for nothing
                    }
                    cache.cases[personCase.id!] = personCase  // read from the database
                    found.append((personCase.id!, matched))
                }
                cache.found[name] = found
            }
            for (caseId, matched) in cache.found[name]! {  // filled above
                add(cache.cases[caseId]!, name: matched)  // cached with it
            }
        }
        if let key = record.serviceNumberKey {
            for id in try db.registry.caseIds(serviceNumberKey: key) {
                guard let personCase = try db.cases.record(id: id) else { continue }
                add(personCase, name: personCase.personName)
            }
        }
        var proposed = 0
        for caseId in order {
            let (personCase, names) = sides[caseId]!  // filled above
            guard personCase.mergedInto == nil, let status = try? currentStatus(of: personCase) else { continue }
            let sideKey = "\(caseId)|" + names.joined(separator: "|")
            let theirs = try cache.sides[sideKey] ?? caseSide(personCase, names: names, in: db)
            cache.sides[sideKey] = theirs
            guard let verdict = MatchRule.judge(mine, theirs) else { continue }
            let conflict = MatchRule.conflict(says: says, caseStatus: status, lifecycle: rules.lifecycle)
            let proposal = MatchProposal(
                recordId: recordId, caseId: caseId, score: verdict.score, why: verdict.why, evidence: verdict.evidence,
                state: conflict == nil ? .proposed : .conflict, conflict: conflict)
            if try db.registry.propose(proposal, at: at) != nil {
                proposed += 1
            } else {
                try db.registry.refresh(proposal)
            }
        }
        return proposed
    }

    /// Compares the person of case `caseId` with the registry, stores new proposals, and
    /// returns every record matched to the case and not rejected, best first: what the
    /// operator on the phone sees.
    func registryHits(forCase caseId: Int64, at: Date, in db: Database) throws -> [RegistryHit] {
        guard let personCase = try db.cases.record(id: caseId) else { return [] }
        var names = [personCase.personName]
        for name in try db.registry.personNames(caseId: caseId) where !names.contains(name) { names.append(name) }
        let theirs = try caseSide(personCase, names: names, in: db)
        // As the intake check: the index's candidates ranked by name alone (folded once, on
        // both sides), and only the best `matchCandidateLimit` judged in full.
        var quick: [Int64: Double] = [:]
        let queries = theirs.readings.flatMap { $0 }
        for name in names {
            let plan = NameMatchPlan(readings: NameFolding.readings(name))
            var entries: [(recordId: Int64, folded: String)] = []
            _ = try plan.run(limit: Self.matchCandidateLimit * 4) { query in
                let found = try db.registry.nameEntries(matching: query, limit: Self.matchCandidateLimit * 4)
                entries += found
                return found.map(\.recordId)
            }
            for entry in entries {
                let words = NameSimilarity.words(entry.folded)
                let score = queries.map { NameSimilarity.score($0, words) }.max() ?? 0
                quick[entry.recordId] = max(quick[entry.recordId] ?? 0, score)
            }
        }
        var recordIds = quick.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Self.matchCandidateLimit)
            .map(\.key)
        var seen = Set(recordIds)
        if let key = theirs.serviceNumber?.key {
            for id in try db.registry.recordIds(serviceNumberKey: key) where seen.insert(id).inserted {
                recordIds.append(id)
            }
        }
        if let status = try? currentStatus(of: personCase) {
            for id in recordIds {
                guard let record = try db.registry.record(id: id), !record.withdrawn,
                    let says = rules.registry.stored(record.says),
                    let verdict = MatchRule.judge(try matchSide(of: record), theirs)
                else { continue }
                let conflict = MatchRule.conflict(says: says, caseStatus: status, lifecycle: rules.lifecycle)
                let proposal = MatchProposal(
                    recordId: id, caseId: caseId, score: verdict.score, why: verdict.why, evidence: verdict.evidence,
                    state: conflict == nil ? .proposed : .conflict, conflict: conflict)
                if try db.registry.propose(proposal, at: at) == nil { try db.registry.refresh(proposal) }
            }
        }
        return try db.registry.matches(caseId: caseId).compactMap { match in
            guard let record = try db.registry.record(id: match.recordId), !record.withdrawn,
                let list = try db.registry.list(id: record.listId)
            else { return nil }
            return RegistryHit(
                record: match.recordId, list: list.name, says: record.says, date: record.newsDate, score: match.score,
                why: match.why, match: match.id, state: match.state.rawValue, name: record.names.first ?? "",
                tellable: list.tellable)
        }
    }

    func matchSide(of record: RegistryRecordRow) throws -> MatchSide {
        MatchSide(
            names: record.names, born: record.born.flatMap { try? PartialDate(parsing: $0, field: "born") },
            unit: record.unit, region: record.region,
            serviceNumber: record.serviceNumber.flatMap { try? ServiceNumber(parsing: $0) })
    }

    func caseSide(_ personCase: PersonCaseRecord, names: [String], in db: Database) throws -> MatchSide {
        MatchSide(
            names: names, born: personCase.born.flatMap { try? PartialDate(parsing: $0, field: "born") },
            unit: personCase.unit, region: personCase.region,
            serviceNumber: try db.registry.serviceNumber(caseId: personCase.id!).flatMap {
                try? ServiceNumber(parsing: $0.text)
            })
    }
}
