/// The FTS5 queries a name search runs against `name_search`, most specific first. Every one
/// is unranked and stops at the candidate limit: ranking (bm25) has to read every match, and
/// with a million cases a common surname matches a hundred thousand entries (a ranked fallback
/// took 0.4–1.5 s there).
public struct NameMatchPlan: Sendable, Equatable {
    /// One query of the fallback: the name with one word left out (a typo in that word), and
    /// the same narrowed to entries with a word starting like the left-out one, for when the
    /// rest alone is too common to list in full.
    public struct LeftOut: Sendable, Equatable {
        public let query: String
        public let narrowed: String?
    }

    /// Every word's skeleton, in one of the readings.
    public let strict: String?
    /// Tried when `strict` finds few entries; only for names of two words or more.
    public let leftOut: [LeftOut]
    /// A one-word name's first letters, tried when its skeleton finds few entries.
    public let firstLetters: String?

    /// Fewer strict matches than this and the fallbacks run too.
    public static let enough = 20

    public init(readings: [[String]]) {
        let readings = readings.map { reading in
            var seen = Set<String>()
            return reading.filter {
                !NameFolding.skeleton($0).isEmpty && seen.insert(NameFolding.skeleton($0)).inserted
            }
        }.filter { !$0.isEmpty }
        func all(_ words: [String]) -> String {
            "("
                + words.map { "skeletons: " + Self.quoted(NameFolding.skeleton($0)) }.sorted().joined(
                    separator: " AND ")
                + ")"
        }
        func prefix(_ word: String) -> String? {
            word.count >= 5 ? "words: " + Self.quoted(String(word.prefix(3))) + "*" : nil
        }
        let groups = Array(Set(readings.map(all))).sorted()
        strict = groups.isEmpty ? nil : groups.joined(separator: " OR ")
        var leftOut: [LeftOut] = []
        for reading in readings where reading.count >= 2 {
            for index in reading.indices {
                var rest = reading
                let word = rest.remove(at: index)
                let query = all(rest)
                guard !leftOut.contains(where: { $0.query == query }) else { continue }
                leftOut.append(LeftOut(query: query, narrowed: prefix(word).map { query + " AND " + $0 }))
            }
        }
        self.leftOut = leftOut
        let single = readings.filter { $0.count == 1 }.compactMap { prefix($0[0]) }
        firstLetters =
            readings.contains(where: { $0.count >= 2 }) || single.isEmpty
            ? nil : Array(Set(single)).sorted().joined(separator: " OR ")
    }

    /// Runs the plan: `entries(query)` returns the ids of at most `limit` entries matching an
    /// FTS5 query. The left-out queries are narrowed only when the whole name matched nothing
    /// (likely a misspelt word) and the rest alone fills the limit.
    public func run(limit: Int, _ entries: (String) throws -> [Int64]) rethrows -> [Int64] {
        guard let strict else { return [] }
        var found = try entries(strict)
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
    public static func quoted(_ word: String) -> String { "\"" + word.replacing("\"", with: "\"\"") + "\"" }
}
