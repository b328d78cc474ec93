import Foundation
import GRDB

/// The cases' name-index queries of one import, each run once, and its first-letters queries
/// run without FTS5's prefix search. What they find is exactly what the query plan's own
/// queries find; only the cost differs.
///
/// Measured on 1,000,000 seeded cases (2,000 rows of the benchmark's list): the name queries
/// took 57 of the import's 91 s. A narrowed query (`rest AND words: "ser"*`) cost 47 ms: FTS5
/// merges the whole doclist of every word starting with "ser" before it intersects; the same
/// query with those words listed (`rest AND (words: "sergey" OR words: "sergei" OR …)`) finds
/// the same entries in a quarter to a half of the CPU time (14 and 23 ms against 56 and 54
/// in `sqlite3`), since each listed word's doclist is skipped through. And the list's namesakes repeat the queries: a fifth were run before.
final class RegistryNameLookups {
    /// Beyond this many entry ids held, the found queries are forgotten (8 bytes an id).
    static let heldLimit = 1_000_000
    /// A prefix matching more words than this is left to FTS5.
    static let expansionLimit = 200

    /// This one's limit: a share of `heldLimit` when several imports' workers each have one.
    private let heldLimit: Int

    init(heldLimit: Int = RegistryNameLookups.heldLimit) { self.heldLimit = heldLimit }

    private var found: [String: [Int64]] = [:]
    private var held = 0
    /// The index's `words` column vocabulary, sorted: read the first time a prefix is expanded.
    private var words: [String]?
    private var expansions: [String: [String]] = [:]

    /// The ids of at most `limit` name index entries matching `query`, as
    /// `SearchStore.entryIds(matching:regionCode:limit:)` with no region finds them.
    func entryIds(matching query: String, limit: Int, in db: Database) throws -> [Int64] {
        let key = "\(limit) " + query
        if let known = found[key] { return known }
        let ids = try lookUp(query, limit: limit, in: db)
        if held + ids.count > heldLimit {
            found.removeAll(keepingCapacity: true)
            held = 0
        }
        found[key] = ids
        held += ids.count
        return ids
    }

    private func lookUp(_ query: String, limit: Int, in db: Database) throws -> [Int64] {
        guard let (rest, prefix) = Self.splitPrefix(query) else {
            return try db.search.entryIds(ofPlanQuery: query, regionCode: nil, limit: limit)
        }
        let listed = try words(startingWith: prefix, in: db)
        if listed.isEmpty { return [] }  // no word of the index starts so: the prefix matches nothing
        guard listed.count <= Self.expansionLimit else {
            return try db.search.entryIds(matching: query, regionCode: nil, limit: limit)
        }
        let alternatives = listed.map { "words: " + NameMatchPlan.quoted($0) }.joined(separator: " OR ")
        return try db.search.entryIds(matching: rest + " AND (" + alternatives + ")", regionCode: nil, limit: limit)
    }

    /// The index's words that start with `prefix`.
    private func words(startingWith prefix: String, in db: Database) throws -> [String] {
        if let known = expansions[prefix] { return known }
        if words == nil { words = try db.duplicates.terms(ofColumn: "words").sorted() }
        let sorted = words!  // read just above
        // The first word not before the prefix, then every word starting with it.
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        var listed: [String] = []
        while low < sorted.count, sorted[low].hasPrefix(prefix) {
            listed.append(sorted[low])
            low += 1
        }
        expansions[prefix] = listed
        return listed
    }

    /// `rest AND words: "abc"*` as the query plan narrows a query (`NameMatchPlan.LeftOut`):
    /// the rest and the prefix, when the prefix is plain lower-case ASCII letters and digits
    /// (what the tokenizer keeps as one token); nil for any other query.
    static func splitPrefix(_ query: String) -> (rest: String, prefix: String)? {
        let marker = " AND words: \""
        guard query.hasSuffix("\"*"), let range = query.range(of: marker, options: .backwards) else { return nil }
        let prefix = query[range.upperBound..<query.index(query.endIndex, offsetBy: -2)]
        guard !prefix.isEmpty, prefix.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
        else { return nil }
        return (String(query[..<range.lowerBound]), String(prefix))
    }
}
