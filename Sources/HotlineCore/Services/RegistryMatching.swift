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

        /// The limit of this cache: a share of `limit` when several judge at once, so that
        /// together they hold what one would.
        let limit: Int

        init(share: Double = 1) {
            limit = max(100, Int(Double(Self.limit) * share))
            lookups = RegistryNameLookups(heldLimit: Int(Double(RegistryNameLookups.heldLimit) * share))
        }

        func trim() {
            if found.count > limit { found.removeAll(keepingCapacity: true) }
            if sides.count > limit { sides.removeAll(keepingCapacity: true) }
            if cases.count > limit * 5 { cases.removeAll(keepingCapacity: true) }
        }

        /// The name index's queries, each run once (nothing the import writes changes them).
        let lookups: RegistryNameLookups

        /// The cases a name's search found, with the spelling that matched.
        var found: [String: [(caseId: Int64, name: String)]] = [:]
        /// Each case's side, by case id and the names it was judged under.
        var sides: [String: MatchSide] = [:]
        var cases: [Int64: PersonCaseRecord] = [:]
        /// Each name's readings as folded words, by the name as written: namesakes are common
        /// and folding a name costs more than comparing two (a tenth of an import before).
        var readings: [String: [[NameSimilarity.Word]]] = [:]

        /// Folded spellings of the index as words: a common surname's entries come back for
        /// record after record (splitting them was half the name lookup).
        var words: [String: [NameSimilarity.Word]] = [:]

        func words(of folded: String) -> [NameSimilarity.Word] {
            if let known = words[folded] { return known }
            if words.count > limit * 4 { words.removeAll(keepingCapacity: true) }
            let split = NameSimilarity.words(folded)
            words[folded] = split
            return split
        }

        func readings(of name: String) -> [[NameSimilarity.Word]] {
            if let known = readings[name] { return known }
            if readings.count > limit * 4 { readings.removeAll(keepingCapacity: true) }
            let folded = MatchSide.readings(of: name)
            readings[name] = folded
            return folded
        }
    }

    /// The cases whose person a record's name may name, best first, at most
    /// `matchCandidateLimit`: the intake search's query plan on the name index, as
    /// `SearchEngine.find` runs it, but only the person sought on each case (an inquirer's
    /// entry took a place among the 50 and was then dropped), and each distinct spelling
    /// scored once. The import spent most of its time here scoring 500 entries per record
    /// (72 rows/s on 100k cases), and the entries of namesakes share their folded spelling.
    func nameCandidates(_ name: String, cache: MatchCache, in db: Database) throws -> [(
        caseId: Int64, name: String
    )] {
        let readings = NameFolding.readings(name)
        let limit = SearchEngine.candidateLimit
        let entryIds = try NameMatchPlan(readings: readings).run(limit: limit) { query in
            try cache.lookups.entryIds(matching: query, limit: limit, in: db)
        }
        guard !entryIds.isEmpty else { return [] }
        let queries = readings.map { NameSimilarity.words($0.joined(separator: " ")) }
        var scoreOf: [String: Double] = [:]
        var best: [Int64: (score: Double, name: String)] = [:]
        // Cut into chunks in the plan's order, not a set's (random in each process): which
        // spelling of a case wins a tie must not change from run to run.
        var seen: Set<Int64> = []
        let ids = entryIds.filter { seen.insert($0).inserted }
        for start in stride(from: 0, to: ids.count, by: 500) {
            for entry in try db.registry.personEntries(ids: Array(ids[start..<min(start + 500, ids.count)])) {
                let score: Double
                if let known = scoreOf[entry.folded] {
                    score = known
                } else {
                    let words = cache.words(of: entry.folded)
                    score = queries.map { NameSimilarity.score($0, words) }.max() ?? 0
                    scoreOf[entry.folded] = score
                }
                if (best[entry.caseId]?.score ?? -1) < score { best[entry.caseId] = (score, entry.name) }
            }
        }
        return best.sorted { ($0.value.score, $1.key) > ($1.value.score, $0.key) }.prefix(Self.matchCandidateLimit)
            .map { ($0.key, $0.value.name) }
    }

    /// A case a record probably names, judged: what `storeProposals` stores.
    struct JudgedPair: Sendable {
        let caseId: Int64
        let score: Double
        let why: String
        let evidence: [MatchEvidence]
        /// Why the news disagrees with the case's status, if it does.
        let conflict: String?
    }

    /// The cases (unmerged, open or closed: a closed one can conflict) that `record` probably
    /// names, judged: the reading half of matching. It reads only the cases' side (their rows,
    /// name index and service numbers), nothing a list's import writes, so an import runs it on
    /// the pool's readers while its writer inserts.
    func judgedPairs(for record: RegistryRecordRow, cache: MatchCache, in db: Database) throws -> [JudgedPair] {
        guard !record.withdrawn, let says = rules.registry.stored(record.says) else { return [] }
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
        cache.trim()
        for name in record.names {
            if cache.found[name] == nil || cache.found[name]!.contains(where: { cache.cases[$0.caseId] == nil }) {
                var found: [(caseId: Int64, name: String)] = []
                for candidate in try nameCandidates(name, cache: cache, in: db) {
                    guard let own = try db.cases.record(id: candidate.caseId) else { continue }  // a cached statement
                    var personCase = own
                    do {
                        personCase = try PersonCaseRecord.survivor(of: own, in: db)
                    } catch HotlineError.brokenMerge {
                        continue  // `db check` reports it; a damaged case is proposed for nothing
                    }
                    cache.cases[personCase.id!] = personCase  // read from the database
                    found.append((personCase.id!, candidate.name))
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
        var pairs: [JudgedPair] = []
        for caseId in order {
            let (personCase, names) = sides[caseId]!  // filled above
            guard personCase.mergedInto == nil, let status = try? currentStatus(of: personCase) else { continue }
            let sideKey = "\(caseId)|" + names.joined(separator: "|")
            let theirs = try cache.sides[sideKey] ?? caseSide(personCase, names: names, cache: cache, in: db)
            cache.sides[sideKey] = theirs
            guard let verdict = MatchRule.judge(mine, theirs) else { continue }
            pairs.append(
                JudgedPair(
                    caseId: caseId, score: verdict.score, why: verdict.why, evidence: verdict.evidence,
                    conflict: MatchRule.conflict(says: says, caseStatus: status, lifecycle: rules.lifecycle)))
        }
        return pairs
    }

    /// Judges each record (`judgedPairs`) and hands its pairs to `consume`, in record order.
    /// `concurrently` (inside the import's write, which holds the write lock, so the pool's
    /// readers see the cases as the writer does): on as many of the pool's spare readers as
    /// there are processors, each with its own cache (of a share of the memory), while
    /// `consume` stores on the writer; matching is nearly all of an import's time. Otherwise,
    /// or without a pool (a one-connection process, a shell transaction), one after another on `db`.
    /// Returns whether they were judged concurrently.
    @discardableResult
    func judgePairs(
        of records: [RegistryRecordRow], concurrently: Bool,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, in db: Database,
        consume: (_ record: Int, [JudgedPair]) throws -> Void
    ) throws -> Bool {
        let workers = min(workers, database.spareReaders)
        if concurrently,
            try database.readConcurrently(
                items: records.count, workers: workers, makeWorker: { MatchCache(share: 1 / Double(workers)) },
                { [self] cache, item, db in try judgedPairs(for: records[item], cache: cache, in: db) },
                consume: consume)
        {
            return true
        }
        let cache = MatchCache()
        for (index, record) in records.enumerated() {
            try consume(index, try judgedPairs(for: record, cache: cache, in: db))
        }
        return false
    }

    /// Stores the judged pairs of a record as proposals; returns how many are new. A pair
    /// proposed before (and so a rejected pair) is never proposed again; an undecided one is
    /// brought up to date. Without `write` (`registry import --check`), or for a record not
    /// stored (`recordId` nil), nothing is written and the count is of the proposals it would store.
    func storeProposals(_ pairs: [JudgedPair], recordId: Int64?, at: Date, write: Bool = true, in db: Database)
        throws -> Int
    {
        var proposed = 0
        for pair in pairs {
            guard write, let recordId else {
                if try recordId.map({ !(try db.registry.hasMatch(recordId: $0, caseId: pair.caseId)) }) ?? true {
                    proposed += 1
                }
                continue
            }
            let proposal = MatchProposal(
                recordId: recordId, caseId: pair.caseId, score: pair.score, why: pair.why, evidence: pair.evidence,
                state: pair.conflict == nil ? .proposed : .conflict, conflict: pair.conflict)
            if try db.registry.propose(proposal, at: at) != nil {
                proposed += 1
            } else {
                try db.registry.refresh(proposal)
            }
        }
        return proposed
    }

    /// Compares the person of case `ref` with the registry, stores new proposals, and
    /// returns every record matched to the case and not rejected, best first: what the
    /// operator on the phone sees. The registry is probed first, so intake reads nothing more
    /// until a list was imported.
    func registryHits(forCase ref: String, at: Date, in db: Database) throws -> [RegistryHit] {
        guard try !db.registry.isEmpty(), let personCase = try db.cases.record(ref: ref), let caseId = personCase.id
        else { return [] }
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

    func caseSide(
        _ personCase: PersonCaseRecord, names: [String], cache: MatchCache? = nil, in db: Database
    ) throws -> MatchSide {
        MatchSide(
            names: names, readings: cache.map { cache in names.map(cache.readings(of:)) },
            born: personCase.born.flatMap { try? PartialDate(parsing: $0, field: "born") },
            unit: personCase.unit, region: personCase.region,
            serviceNumber: try db.registry.serviceNumber(caseId: personCase.id!).flatMap {
                try? ServiceNumber(parsing: $0.text)
            })
    }
}
