/// The name index's pair terms (`name_pairs`, migration v012): one term for each pair of a
/// name's skeletons. A name holds every one of a query's terms (each a skeleton, or a choice of
/// skeletons) exactly when it holds, for a chain of pairs linking all the terms, one pair of
/// their skeletons: so a whole-name query of skeletons alone is the same query on the pairs,
/// and starts from a pair's posting list (on 1,000,000 seeded cases, `smrnf` alone is in
/// 150,000 entries, `alksndr_smrnf` in 15,000) instead of a common skeleton's.
enum NamePairs {
    /// The pair terms of a name of these skeletons (every reading's), one per pair.
    static func terms(_ skeletons: [String]) -> [String] {
        let distinct = Array(Set(skeletons.filter { !$0.isEmpty })).sorted()
        var terms: [String] = []
        for (index, first) in distinct.enumerated() {
            for second in distinct[(index + 1)...] { terms.append(first + "_" + second) }
        }
        return terms
    }

    /// The term of two different skeletons.
    static func term(_ a: String, _ b: String) -> String { a < b ? a + "_" + b : b + "_" + a }

    /// The `name_pairs` query for names holding, for each element of `all`, one of its
    /// skeletons; nil when the query cannot be put so (fewer than two, or two sharing a skeleton:
    /// a name holding that one skeleton matches both, which no pair term says).
    static func query(all: [Set<String>]) -> String? {
        guard all.count >= 2, !all.contains(where: \.isEmpty) else { return nil }
        for (index, one) in all.enumerated() where all[(index + 1)...].contains(where: { !$0.isDisjoint(with: one) }) {
            return nil
        }
        let sorted = all.map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
        // A chain: each element paired with the next one covers them all.
        let links = zip(sorted, sorted.dropFirst()).map { a, b in
            let choices = a.flatMap { x in b.map { y in NameMatchPlan.quoted(term(x, y)) } }
            return choices.count == 1 ? choices[0] : "(" + choices.joined(separator: " OR ") + ")"
        }
        return links.joined(separator: " AND ")
    }

    /// `query` of a name-index query as `NameMatchPlan` writes its strict and familiar ones:
    /// groups `(T AND T …)` joined by OR, each T `skeletons: "x"` or `(skeletons: "x" OR
    /// skeletons: "y" …)`. Nil for any other query (initials, words, prefixes, a single term),
    /// which stays on `name_search`.
    static func query(rewriting text: String) -> String? {
        var groups: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            guard rest.hasPrefix("(") else { return nil }
            rest = rest.dropFirst()
            var all: [Set<String>] = []
            while true {
                var choices: Set<String> = []
                if rest.hasPrefix("(") {
                    rest = rest.dropFirst()
                    while true {
                        guard let skeleton = skeletonTerm(&rest) else { return nil }
                        choices.insert(skeleton)
                        if rest.hasPrefix(" OR ") { rest = rest.dropFirst(4) } else { break }
                    }
                    guard rest.hasPrefix(")") else { return nil }
                    rest = rest.dropFirst()
                } else {
                    guard let skeleton = skeletonTerm(&rest) else { return nil }
                    choices.insert(skeleton)
                }
                all.append(choices)
                if rest.hasPrefix(" AND ") { rest = rest.dropFirst(5) } else { break }
            }
            guard rest.hasPrefix(")"), let group = query(all: all) else { return nil }
            rest = rest.dropFirst()
            groups.append("(" + group + ")")
            if rest.hasPrefix(" OR ") { rest = rest.dropFirst(4) } else if !rest.isEmpty { return nil }
        }
        return groups.isEmpty ? nil : groups.joined(separator: " OR ")
    }

    /// `skeletons: "x"` at the start of `text`, consumed: x, when plain lower-case ASCII
    /// letters and digits (what the tokenizer keeps whole).
    private static func skeletonTerm(_ text: inout Substring) -> String? {
        let marker = "skeletons: \""
        guard text.hasPrefix(marker) else { return nil }
        let body = text.dropFirst(marker.count)
        guard let end = body.firstIndex(of: "\"") else { return nil }
        let skeleton = body[..<end]
        guard !skeleton.isEmpty,
            skeleton.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
        else { return nil }
        text = body[body.index(after: end)...]
        return String(skeleton)
    }
}

extension SearchStore {
    /// The ids of at most `limit` entries matching a name-index query as `NameMatchPlan` writes
    /// it: a whole name's skeletons are asked of the pair terms (the same entries, read from a
    /// pair's posting list instead of a common skeleton's: on a million cases `alksndr` is in
    /// 290,000 entries, `alksndr_smrnf` in 14,755), any other query of `name_search`.
    func entryIds(ofPlanQuery query: String, regionCode: String?, limit: Int) throws -> [Int64] {
        if let pairs = NamePairs.query(rewriting: query) {
            return try entryIds(matchingPairs: pairs, regionCode: regionCode, limit: limit)
        }
        return try entryIds(matching: query, regionCode: regionCode, limit: limit)
    }
}
