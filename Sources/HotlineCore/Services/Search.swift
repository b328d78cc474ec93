import Foundation
import GRDB

/// What `search` looks for.
public struct SearchQuery: Sendable {
    /// A name in any script or romanisation, a phone number, an e-mail address, a messenger
    /// handle, a unit, or a case reference.
    public var text: String
    public var region: String?
    /// Only cases whose date of birth agrees (unknown births pass).
    public var born: String?
    public var openOnly: Bool
    public var limit: Int

    public init(text: String, region: String? = nil, born: String? = nil, openOnly: Bool = false, limit: Int = 20) {
        self.text = text
        self.region = region
        self.born = born
        self.openOnly = openOnly
        self.limit = limit
    }
}

/// One case found, with how well and why it matched.
public struct SearchHit: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let born: String?
    public let region: String
    public let status: String
    /// 0 to 1: how sure the match is.
    public let score: Double
    /// What matched: "person: Petr Ivanov", "inquirer's phone +79161234567", …
    public let why: String
}

extension Hotline {
    /// Cases matching `query`, best first, each with why it matched.
    public func search(_ query: SearchQuery, as reader: OperatorName) throws -> [SearchHit] {
        try database.run(searchWork(query, as: reader))
    }

    /// `search` for asynchronous callers: the read runs on GRDB's queues.
    public func search(_ query: SearchQuery, as reader: OperatorName) async throws -> [SearchHit] {
        try await database.run(searchWork(query, as: reader))
    }

    private func searchWork(_ query: SearchQuery, as reader: OperatorName) throws -> DatabaseWork<[SearchHit]> {
        let text = try TextRule.line("search text").validate(query.text)
        let region = try query.region.map { name throws(HotlineError) in try rules.regions.region(name) }
        let born = try query.born.map { text throws(HotlineError) in
            try PartialDate(parsing: text, field: "born", today: now())
        }
        guard (1...500).contains(query.limit) else {
            throw HotlineError.invalidField(
                field: "limit", value: String(query.limit), problem: "out of range", accepted: "1 to 500")
        }
        let openNames = Set(rules.lifecycle.openStatuses.map(\.name))
        return .reading { db in
            try authorize(reader, as: .viewer, in: db)
            let scored = try SearchEngine(db: db, defaultCountry: rules.defaultCountry, regionCode: region?.code)
                .find(text)
            // Best first; a case's row is read only until the page is full.
            var hits: [SearchHit] = []
            for candidate in scored where hits.count < query.limit {
                let record = try candidate.record(db)
                if let region, record.region != region.code { continue }
                if query.openOnly, !openNames.contains(record.status) { continue }
                if let born, let theirs = record.born.flatMap({ try? PartialDate(parsing: $0, field: "born") }),
                    !born.agrees(with: theirs)
                {
                    continue
                }
                hits.append(
                    SearchHit(
                        ref: record.ref, person: record.personName, born: record.born, region: record.region,
                        status: record.status, score: (candidate.score * 1000).rounded() / 1000, why: candidate.why))
            }
            return hits
        }
    }
}

extension PartialDate {
    /// Whether two partly known dates can be the same day: equal wherever both are known.
    public func agrees(with other: PartialDate) -> Bool {
        year == other.year && (month == nil || other.month == nil || month == other.month)
            && (day == nil || other.day == nil || day == other.day)
    }
}

/// The search itself, inside one read transaction.
struct SearchEngine {
    let db: Database
    let defaultCountry: String
    /// Only names of cases in this region, filtered inside the index query so a common name
    /// in a big region cannot crowd out the one asked for.
    var regionCode: String? = nil

    /// A case found, its score and the reason; its row is read once, on demand.
    final class Candidate {
        let caseId: Int64
        var score: Double
        var why: String
        /// The person's name as the matching index entry spells it, when a person's name matched.
        let matchedPerson: String?
        /// The text that matched, when it is not the text searched for: the name retyped on
        /// the other keyboard layout.
        let typed: String?
        private var cached: PersonCaseRecord?

        init(caseId: Int64, score: Double, why: String, matchedPerson: String? = nil, typed: String? = nil) {
            self.caseId = caseId
            self.score = score
            self.why = why
            self.matchedPerson = matchedPerson
            self.typed = typed
        }

        func record(_ db: Database) throws -> PersonCaseRecord {
            if let cached { return cached }
            // A cached statement: preparing one for each candidate was a tenth of a search.
            let own = try db.cases.record(id: caseId)!  // ids come from the database
            var record = own
            do {
                record = try PersonCaseRecord.survivor(of: own, in: db)
            } catch HotlineError.brokenMerge {
                // Found all the same (nothing may be hidden), under its own reference.
                why += " (its merge link is broken: an admin should run `hotline db check`)"
            }
            cached = record
            return record
        }
    }

    /// How many index entries the name search scores at most.
    static let candidateLimit = 500

    func find(_ text: String) throws -> [Candidate] {
        if let ref = try? CaseReference(parsing: text) {
            // No such case, or one whose merge link is broken (db check names it): no result.
            // Anything else (a busy or damaged database) is an error, not "nothing found".
            let record: PersonCaseRecord
            do {
                record = try PersonCaseRecord.fetch(ref: ref, in: db)
            } catch HotlineError.caseNotFound, HotlineError.brokenMerge {
                return []
            }
            return [Candidate(caseId: record.id!, score: 1, why: "case reference \(ref)")]  // read from the database
        }
        var found: [Candidate] = []
        if let contact = contactQuery(text) {
            found += try byContact(contact)
        }
        found += try byServiceNumber(text)
        found += try byName(text)
        // One line per case, the best reason first.
        var best: [Int64: Candidate] = [:]
        for candidate in found where (best[candidate.caseId]?.score ?? -1) < candidate.score {
            best[candidate.caseId] = candidate
        }
        return best.values.sorted { ($0.score, $1.caseId) > ($1.score, $0.caseId) }
    }

    // MARK: - Contacts

    /// The text as a normalised contact, if it reads as one.
    private func contactQuery(_ text: String) -> Contact? {
        switch Contact.guessedKind(ofBare: text) {
        case .email?, .telegram?: break
        // A unit number ("12345") is no phone: a number is searched as one from seven digits.
        case .phone? where text.filter(\.isNumber).count >= 7: break
        default: return nil
        }
        // `KIND:VALUE` with an @ in it (`email:…`) reads as that kind.
        return try? Contact(parsing: text, defaultCountry: defaultCountry)
    }

    func byContact(_ contact: Contact) throws -> [Candidate] {
        try db.search.cases(withContact: contact.value).map { found in
            Candidate(
                caseId: found.caseId, score: 1, why: "inquirer \(found.inquirer)'s \(found.kind) \(contact.value)")
        }
    }

    /// Cases with this service number, in any script or spacing (`AB 123456` finds `АБ-123456`).
    private func byServiceNumber(_ text: String) throws -> [Candidate] {
        guard text.contains(where: \.isNumber), let number = try? ServiceNumber(parsing: text) else { return [] }
        return try db.registry.caseIds(serviceNumberKey: number.key).map {
            Candidate(caseId: $0, score: 1, why: "service number \(number.text)")
        }
    }

    // MARK: - Names

    private func byName(_ text: String) throws -> [Candidate] {
        let readings = NameFolding.readings(text)
        let queryWords = Array(Set(readings.flatMap { $0 }))
        guard !queryWords.isEmpty else { return [] }
        let entries = try NameMatchPlan(readings: readings).run(limit: Self.candidateLimit) { query in
            try entryIds(matching: query)
        }
        let unit = try byUnit(queryWords)
        var candidates = try scored(entries: entries, readings: readings, typed: nil)
        // Little found as typed: perhaps it was typed on the other keyboard layout (`Bdfyjd`).
        if entries.count < NameMatchPlan.enough, KeyboardLayout.looksMistyped(text) {
            for retyped in KeyboardLayout.retyped(text) {
                let readings = NameFolding.readings(retyped)
                let entries = try NameMatchPlan(readings: readings).run(limit: Self.candidateLimit) { query in
                    try entryIds(matching: query)
                }
                candidates += try scored(entries: entries, readings: readings, typed: retyped)
            }
        }
        return candidates + unit
    }

    /// An inquirer's name is a weaker lead than the person's: its hits rank below theirs.
    static let inquirerWeight = 0.5
    /// A person's surname that is another common surname (Носков for Носов): a weak lead,
    /// never above a name that matches.
    static let otherSurnameCap = 0.6

    /// The index entries scored against the readings of what was searched.
    private func scored(entries: [Int64], readings: [[String]], typed: String?) throws -> [Candidate] {
        guard !entries.isEmpty else { return [] }
        let queries = readings.map { NameSimilarity.words($0.joined(separator: " ")) }
        var candidates: [Candidate] = []
        var known: [Substring: NameSimilarity.Word] = [:]  // the entries share most of their words
        // Namesakes share their folded spelling (a common name is most of the 500 entries), and
        // judging a spelling was most of a search's time: each is judged once.
        var judged: [String: NameSimilarity.Match?] = [:]
        // Cut into chunks in the plan's order, not a set's (random in each process): of a case's
        // entries that score alike, the first read is cited, and it must be the same every run.
        var seen: Set<Int64> = []
        let idList = entries.filter { seen.insert($0).inserted }
        for chunk in stride(from: 0, to: idList.count, by: 500).map({ Array(idList[$0..<min($0 + 500, idList.count)]) })
        {
            for entry in try db.search.entries(ids: chunk) {
                let match: NameSimilarity.Match?
                if let earlier = judged[entry.folded] {
                    match = earlier
                } else {
                    let words = NameSimilarity.words(entry.folded, known: &known)
                    match = queries.map { NameSimilarity.matchDetail($0, words) }.max { $0.average < $1.average }
                    judged[entry.folded] = match
                }
                var score = match?.average ?? 0
                var why = "\(entry.kind): \(entry.name)"
                if let (mine, theirs) = match?.otherSurname {
                    score = min(score, Self.otherSurnameCap)
                    why += " (weak: \(theirs) is another surname than \(mine))"
                }
                if entry.kind == "inquirer" { score *= Self.inquirerWeight }
                if let typed { why += " (typed on the other keyboard layout: \(typed))" }
                candidates.append(
                    Candidate(
                        caseId: entry.caseId, score: score, why: why,
                        matchedPerson: entry.kind == "person" ? entry.name : nil, typed: typed))
            }
        }
        return candidates
    }

    /// Cases whose unit contains all the words typed (a unit number, "в/ч 12345").
    private func byUnit(_ words: [String]) throws -> [Candidate] {
        guard words.contains(where: { $0.contains(where: \.isNumber) }) else { return [] }
        let ids = try entryIds(matching: "details: (\(words.map(NameMatchPlan.quoted).joined(separator: " AND ")))")
        guard !ids.isEmpty else { return [] }
        return try db.search.units(ofEntries: ids).map {
            Candidate(caseId: $0.caseId, score: 0.95, why: "unit: \($0.unit ?? "")")
        }
    }

    /// The ids of at most `candidateLimit` index entries matching an FTS5 query, unranked.
    private func entryIds(matching query: String) throws -> [Int64] {
        try db.search.entryIds(ofPlanQuery: query, regionCode: regionCode, limit: Self.candidateLimit)
    }
}
