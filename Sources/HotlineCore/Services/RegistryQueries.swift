import Foundation
import GRDB

/// Which matches `matches` lists.
public struct MatchFilter: Sendable {
    public var list: String?
    /// Code or name; a match is listed when its case or its record is of the region.
    public var region: String?
    public var minScore: Double
    /// States to list; empty: the undecided ones (proposed, awaiting approval, conflict).
    public var states: [String]
    public var limit: Int

    public init(
        list: String? = nil, region: String? = nil, minScore: Double = 0, states: [String] = [], limit: Int = 100
    ) {
        self.list = list
        self.region = region
        self.minScore = minScore
        self.states = states
        self.limit = limit
    }
}

extension Hotline {
    /// Every list, newest received first.
    public func registryLists(as reader: OperatorName) throws -> [RegistryListInfo] {
        try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            return try db.registry.lists()
        }
    }

    /// Records, newest first: of one list, only those without a proposed or confirmed case.
    public func registryRecords(list: String? = nil, unmatched: Bool = false, limit: Int = 100, as reader: OperatorName)
        throws -> [RegistryRecordSummary]
    {
        try Self.checkLimit(limit)
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let listId = try list.map { name in try listRow(named: name, in: db).id }
            return try db.registry.summaries(listId: listId, unmatchedOnly: unmatched, limit: limit)
        }
    }

    /// One record, with the cases it is linked to.
    public func registryRecord(_ id: Int64, as reader: OperatorName) throws -> RegistryRecordDetail {
        try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            return try recordDetail(id, in: db)
        }
    }

    /// Matches, best first.
    public func matches(_ filter: MatchFilter, as reader: OperatorName) throws -> [MatchSummary] {
        try Self.checkLimit(filter.limit)
        let region = try filter.region.map { name throws(HotlineError) in try rules.regions.region(name) }
        guard filter.minScore.isFinite, (0...1).contains(filter.minScore) else {
            throw HotlineError.invalidField(
                field: "min-score", value: String(filter.minScore), problem: "it is out of range",
                accepted: "a number from 0 to 1")
        }
        let known = MatchState.allCases.map(\.rawValue)
        for state in filter.states where !known.contains(state) {
            throw HotlineError.invalidField(
                field: "state", value: state, problem: "there is no such state", accepted: .verbatim(known.joined(separator: ", "))
            )
        }
        let states = filter.states.isEmpty ? ["proposed", "awaiting-approval", "conflict"] : filter.states
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let listId = try filter.list.map { name in try listRow(named: name, in: db).id }
            return try db.registry.summaries(
                listId: listId, region: region?.code, minScore: filter.minScore, states: states, limit: filter.limit)
        }
    }

    /// One match: both sides, the evidence for and against, and what was decided.
    public func matchDetail(_ id: Int64, as reader: OperatorName) throws -> MatchDetail {
        try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let match = try existingMatch(id, in: db)
            let personCase = try db.cases.record(id: match.caseId)!  // a foreign key
            return MatchDetail(
                id: match.id, state: match.state.rawValue, score: match.score, why: match.why, evidence: match.evidence,
                conflict: match.conflict, record: try recordDetail(match.recordId, in: db),
                case: MatchCaseSide(
                    ref: personCase.ref, person: personCase.personName, born: personCase.born,
                    region: personCase.region, unit: personCase.unit,
                    serviceNumber: try db.registry.serviceNumber(caseId: match.caseId)?.text,
                    status: personCase.status),
                confirmedBy: match.confirmedBy, approvedBy: match.approvedBy, rejectedBy: match.rejectedBy,
                note: match.note)
        }
    }

    /// The records confirmed (or awaiting approval) for a case, and its service number.
    public func caseRecords(ref: String, as reader: OperatorName) throws -> (
        serviceNumber: String?, records: [CaseRecordLink]
    ) {
        let reference = try CaseReference(parsing: ref)
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let personCase = try PersonCaseRecord.fetch(ref: reference, in: db)
            return (
                try db.registry.serviceNumber(caseId: personCase.id!)?.text,
                try db.registry.links(caseId: personCase.id!)
            )
        }
    }

    /// Record or match ids starting with `prefix`, newest first, for the shell's completion.
    public func registryIds(startingWith prefix: String, matches: Bool, limit: Int = 50) throws -> [String] {
        guard prefix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return [] }
        return try database.read { db in
            matches
                ? try db.registry.matchIds(startingWith: prefix, limit: limit)
                : try db.registry.recordIds(startingWith: prefix, limit: limit)
        }
    }

    private func listRow(named name: String, in db: Database) throws -> RegistryListRow {
        guard let list = try db.registry.list(named: name) else {
            throw HotlineError.invalidField(
                field: "list", value: name, problem: "there is no such list", accepted: "a name from `registry lists`")
        }
        return list
    }

    /// Match `id`, or the error an operator sees for an id that names none.
    func existingMatch(_ id: Int64, in db: Database) throws -> MatchRow {
        guard let match = try db.registry.match(id: id) else {
            throw HotlineError.invalidField(
                field: "match", value: String(id), problem: "there is no such match",
                accepted: "an id from `match list`")
        }
        return match
    }

    /// Registry record `id`, or the error an operator sees for an id that names none.
    func existingRecord(_ id: Int64, in db: Database) throws -> RegistryRecordRow {
        guard let record = try db.registry.record(id: id) else {
            throw HotlineError.invalidField(
                field: "record", value: String(id), problem: "there is no such registry record",
                accepted: "an id from `registry list`")
        }
        return record
    }

    private func recordDetail(_ id: Int64, in db: Database) throws -> RegistryRecordDetail {
        let record = try existingRecord(id, in: db)
        let list = try db.registry.list(id: record.listId)!  // a foreign key
        return RegistryRecordDetail(
            id: id, list: list.name, names: record.names, born: record.born, unit: record.unit,
            serviceNumber: record.serviceNumber, rank: record.rank, region: record.region, says: record.says,
            implies: rules.registry.stored(record.says)?.implies ?? "?", date: record.newsDate, place: record.place,
            note: record.note, evidence: record.evidence, row: record.rowNumber, withdrawn: record.withdrawn,
            tellable: list.tellable, cases: try db.registry.links(recordId: id))
    }

    private static func checkLimit(_ limit: Int) throws(HotlineError) {
        guard (1...10_000).contains(limit) else {
            throw .invalidField(
                field: "limit", value: String(limit), problem: "it is out of range", accepted: "1 to 10000")
        }
    }
}

extension Hotline {
    /// Registry records by name (any script or romanisation, as the case search) or by
    /// service number, best first; withdrawn records are left out.
    public func searchRegistry(_ text: String, limit: Int = 20, as reader: OperatorName) throws
        -> [RegistrySearchHit]
    {
        let text = try TextRule.line("search text").validate(text)
        guard (1...500).contains(limit) else {
            throw HotlineError.invalidField(
                field: "limit", value: String(limit), problem: "out of range", accepted: "1 to 500")
        }
        let number = text.contains(where: \.isNumber) ? try? ServiceNumber(parsing: text) : nil
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            var scored: [Int64: (score: Double, why: String)] = [:]
            if let number {
                for id in try db.registry.recordIds(serviceNumberKey: number.key) {
                    scored[id] = (1, "service number \(number.text)")
                }
            }
            let readings = NameFolding.readings(text)
            let queries = readings.map { NameSimilarity.words($0.joined(separator: " ")) }
            let ids = try NameMatchPlan(readings: readings).run(limit: 500) { query in
                try db.registry.recordIds(matching: query, limit: 500)
            }
            for id in Set(ids) where scored[id] == nil {
                guard let record = try db.registry.record(id: id) else { continue }
                var best: (Double, String)?
                for name in record.names {
                    let words = NameSimilarity.words(NameFolding.key(name))
                    let score = queries.map { NameSimilarity.score($0, words) }.max() ?? 0
                    if score > (best?.0 ?? -1) { best = (score, "name: \(name)") }
                }
                if let best { scored[id] = best }
            }
            var hits: [RegistrySearchHit] = []
            for (id, found) in scored.sorted(by: { ($0.value.score, $1.key) > ($1.value.score, $0.key) }) {
                guard hits.count < limit, let record = try db.registry.record(id: id), !record.withdrawn,
                    let list = try db.registry.list(id: record.listId)
                else { continue }
                hits.append(
                    RegistrySearchHit(
                        id: id, list: list.name, name: record.names.first ?? "", born: record.born, says: record.says,
                        date: record.newsDate, score: MatchRule.rounded(found.score), why: found.why))
            }
            return hits
        }
    }
}
