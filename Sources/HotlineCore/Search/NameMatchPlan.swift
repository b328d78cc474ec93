/// The FTS5 queries a name search runs against `name_search`, most specific first. Every one
/// is unranked and stops at the candidate limit: ranking (bm25) has to read every match, and
/// with a million cases a common surname matches a hundred thousand entries (a ranked fallback
/// took 0.4–1.5 s there).
///
/// A given name is looked for in each of its full forms (Микита, Никита), and in its familiar
/// ones (Саша for Александр, Александр for Саша) when those find little; an initial (`И.`) is
/// looked for as the index's initial token (`Initials.token`), never as a word of its own.
public struct NameMatchPlan: Sendable, Equatable {
    /// One query of the fallback: the name with one word left out (a typo in that word), and
    /// the same narrowed to entries with a word starting like the left-out one, for when the
    /// rest alone is too common to list in full.
    public struct LeftOut: Sendable, Equatable {
        public let query: String
        public let narrowed: String?
    }

    /// Every word's skeleton (a given name's full forms' skeletons), in one of the readings.
    public let strict: String?
    /// As `strict`, with the familiar forms of the given names; when they add something.
    public let familiar: String?
    /// Tried when `strict` finds few entries; only for names of two words or more.
    public let leftOut: [LeftOut]
    /// A one-word name's first letters, tried when its skeleton finds few entries.
    public let firstLetters: String?

    /// Fewer strict matches than this and the fallbacks run too.
    public static let enough = 20

    public init(readings: [[String]]) {
        // Each word's skeleton made once: a plan asks for them many times over.
        var skeletons: [String: String] = [:]
        func skeleton(_ word: String) -> String {
            if let known = skeletons[word] { return known }
            let made = NameFolding.skeleton(word)
            skeletons[word] = made
            return made
        }
        let readings = readings.map { reading in
            var seen = Set<String>()
            return reading.filter { !skeleton($0).isEmpty && seen.insert(skeleton($0)).inserted }
        }.filter { !$0.isEmpty }
        func isInitial(_ word: String) -> Bool { word.utf8.count <= 2 && !word.contains(where: \.isNumber) }
        func term(_ word: String, forms: (String) -> Set<String>) -> String {
            let skeletons = Set(forms(word).map(skeleton) + [skeleton(word)])
                .filter { !$0.isEmpty }.sorted()
            let terms = skeletons.map { "skeletons: " + Self.quoted($0) }
            return terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " OR ") + ")"
        }
        func initials(_ words: [String]) -> [String] {
            Array(Set(words.filter(isInitial).map { "words: " + Self.quoted(Initials.token(of: $0)) })).sorted()
        }
        // Initials narrow a query, never make one: a name of initials only finds nothing.
        func all(_ words: [String], forms: (String) -> Set<String> = GivenNames.fullForms) -> String? {
            let whole = words.filter { !isInitial($0) }
            guard !whole.isEmpty else { return nil }
            return "(" + (whole.map { term($0, forms: forms) }.sorted() + initials(words)).joined(separator: " AND ")
                + ")"
        }
        func prefix(_ word: String) -> String? {
            word.count >= 5 ? "words: " + Self.quoted(String(word.prefix(3))) + "*" : nil
        }
        let groups = Array(Set(readings.compactMap { all($0) })).sorted()
        strict = groups.isEmpty ? nil : groups.joined(separator: " OR ")
        let familiarGroups = Array(Set(readings.compactMap { all($0, forms: GivenNames.allForms) })).sorted()
        familiar = familiarGroups == groups || familiarGroups.isEmpty ? nil : familiarGroups.joined(separator: " OR ")
        var leftOut: [LeftOut] = []
        for reading in readings where reading.filter({ !isInitial($0) }).count >= 2 {
            for (index, word) in reading.enumerated() where !isInitial(word) {
                var rest = reading
                rest.remove(at: index)
                // Skeletons only, as `DuplicateFinder` leaves a word out (its pairs must stay the
                // intake's): a misspelt word and another language's given name together are
                // too little to go on.
                guard let query = all(rest, forms: { _ in [] }), !leftOut.contains(where: { $0.query == query })
                else { continue }
                leftOut.append(LeftOut(query: query, narrowed: prefix(word).map { query + " AND " + $0 }))
            }
        }
        self.leftOut = leftOut
        // A name of one whole word (and perhaps initials): its first letters, with the initials.
        let single = readings.filter { $0.filter { !isInitial($0) }.count == 1 }.compactMap { reading in
            prefix(reading.first { !isInitial($0) }!).map { ([$0] + initials(reading)).joined(separator: " AND ") }
        }
        firstLetters =
            readings.contains(where: { $0.filter { !isInitial($0) }.count >= 2 }) || single.isEmpty
            ? nil
            : Array(Set(single)).sorted().map { $0.contains(" AND ") ? "(" + $0 + ")" : $0 }.joined(separator: " OR ")
    }

    /// Runs the plan: `entries(query)` returns the ids of at most `limit` entries matching an
    /// FTS5 query. The left-out queries are narrowed only when the whole name matched nothing
    /// (likely a misspelt word) and the rest alone fills the limit.
    public func run(limit: Int, _ entries: (String) throws -> [Int64]) rethrows -> [Int64] {
        guard let strict else { return [] }
        var found = try entries(strict)
        if found.count < Self.enough, let familiar { found += try entries(familiar) }
        guard found.count < Self.enough else { return found }
        let misspelt = found.isEmpty
        // Broadening a name that matched stops at the limit; a misspelt one tries every word.
        for clause in leftOut where misspelt || found.count < limit {
            let rest = try entries(clause.query)
            if misspelt, rest.count >= limit, let narrowed = clause.narrowed {
                found += try entries(narrowed)
            } else {
                found += rest
            }
        }
        if found.count < Self.enough, let firstLetters { found += try entries(firstLetters) }
        return found
    }

    /// An FTS5 string: folded words are plain ASCII letters and digits, but quote anyway.
    public static func quoted(_ word: String) -> String {
        // `replacing` costs even with nothing to replace, and a plan quotes every word's forms.
        "\"" + (word.contains("\"") ? word.replacing("\"", with: "\"\"") : word) + "\""
    }
}
