/// The person names of every open case in memory, keyed by sets of their skeletons: what
/// `DuplicateFinder` uses when a query walks most of the database (built in about 1 s per
/// 100,000 cases, then a few hash lookups per case instead of the FTS5 queries of
/// `DuplicateFinder.lookUp`). It finds exactly the names `SkeletonMatch` accepts.
struct SkeletonIndex {
    /// One person name of an open case.
    struct Entry {
        let entryId: Int64
        let caseId: Int64
        /// Its skeletons (every reading), as vocabulary ids, sorted.
        let skeletons: [Int32]
    }

    private var vocabulary: [String: Int32] = [:]
    private(set) var entries: [Entry] = []
    /// Entries by key: `exact` keys for every subset `SkeletonMatch.isKept` keeps, `whole`
    /// keys for those as long as the name is in words.
    private var postings: [Int: [Int32]] = [:]
    /// Skeletons of the vocabulary by each one-letter deletion of them, for `near`.
    private var byDeletion: [String: [Int32]] = [:]
    private var nearCache: [String: [Int32]] = [:]

    private enum Tag: Int {
        case exact = 1
        case whole = 2
    }

    private static func key(_ tag: Tag, _ ids: [Int32]) -> Int {
        var hasher = Hasher()
        hasher.combine(tag.rawValue)
        hasher.combine(ids)
        return hasher.finalize()
    }

    /// Reads the person names of every open, unmerged case.
    init(store: some DuplicateStore, openStatuses: [String], shapes: inout NameShapes) throws {
        try store.forEachOpenPersonName(openStatuses: openStatuses) { name in
            let shape = shapes.shape(of: name.name)
            let sorted = shape.skeletons.map { intern($0) }.sorted()
            let index = Int32(entries.count)
            entries.append(Entry(entryId: name.entryId, caseId: name.caseId, skeletons: sorted))
            guard shape.words >= 2 else { return }  // one word never passes the rule
            Self.forEachKeptSubset(of: sorted) { subset in
                postings[Self.key(.exact, subset), default: []].append(index)
                if subset.count == shape.words { postings[Self.key(.whole, subset), default: []].append(index) }
            }
        }
        for (skeleton, id) in vocabulary {
            for deleted in SkeletonMatch.deletions(skeleton) { byDeletion[deleted, default: []].append(id) }
        }
    }

    private mutating func intern(_ skeleton: String) -> Int32 {
        if let id = vocabulary[skeleton] { return id }
        let id = Int32(vocabulary.count)
        vocabulary[skeleton] = id
        byDeletion[skeleton, default: []].append(id)
        return id
    }

    /// Every subset of `ids` (sorted) that `SkeletonMatch.isKept` keeps: of up to
    /// `SkeletonMatch.maxSubset` skeletons every one of two or more; of a longer set (a long
    /// name in two readings), those of two and three and the whole.
    private static func forEachKeptSubset(of ids: [Int32], _ body: ([Int32]) -> Void) {
        guard ids.count > SkeletonMatch.maxSubset else {
            for mask in 1..<(1 << ids.count) where mask.nonzeroBitCount >= 2 {
                body(ids.indices.filter { mask & (1 << $0) != 0 }.map { ids[$0] })
            }
            return
        }
        for a in ids.indices {
            for b in (a + 1)..<ids.count {
                body([ids[a], ids[b]])
                for c in (b + 1)..<ids.count { body([ids[a], ids[b], ids[c]]) }
            }
        }
        body(ids)
    }

    /// Skeletons of the vocabulary `SkeletonMatch.isNear` `skeleton`.
    private mutating func near(_ skeleton: String) -> [Int32] {
        if let cached = nearCache[skeleton] { return cached }
        var found = Set<Int32>()
        for variant in [skeleton] + SkeletonMatch.deletions(skeleton) {
            found.formUnion(byDeletion[variant] ?? [])
        }
        for mate in SkeletonMatch.givenNameMates[skeleton] ?? [] {
            if let id = vocabulary[mate] { found.insert(id) }
        }
        if let own = vocabulary[skeleton] { found.remove(own) }
        let result = Array(found)
        nearCache[skeleton] = result
        return result
    }

    /// The entries `SkeletonMatch` accepts for a name of these readings (each of two
    /// skeletons or more), as indexes into `entries`, ascending; and whether the strict
    /// matches were few, so the left-out words were tried.
    mutating func candidates(for readings: [[String]]) -> (entries: [Int32], leftOut: Bool) {
        var strict = Set<Int32>()
        for reading in readings {
            guard let ids = ids(reading) else { continue }
            strict.formUnion(lookUp(.exact, ids).filter { contains(entries[Int($0)].skeletons, ids) })
        }
        var found = strict
        let leftOut = strict.count < NameMatchPlan.enough
        if leftOut {
            for reading in readings {
                for (index, missing) in reading.enumerated() {
                    var rest = reading
                    rest.remove(at: index)
                    guard let restIds = ids(rest) else { continue }
                    if restIds.count >= 2 {
                        found.formUnion(
                            lookUp(.whole, restIds).filter { contains(entries[Int($0)].skeletons, restIds) })
                    }
                    for other in near(missing) where !restIds.contains(other) {
                        let wanted = (restIds + [other]).sorted()
                        found.formUnion(lookUp(.exact, wanted).filter { contains(entries[Int($0)].skeletons, wanted) })
                    }
                }
            }
        }
        return (found.sorted(), leftOut)
    }

    private func ids(_ skeletons: [String]) -> [Int32]? {
        var ids: [Int32] = []
        for skeleton in skeletons {
            guard let id = vocabulary[skeleton] else { return nil }
            ids.append(id)
        }
        return Array(Set(ids)).sorted()
    }

    private func lookUp(_ tag: Tag, _ ids: [Int32]) -> [Int32] {
        guard ids.count >= 2 else { return [] }
        return postings[Self.key(tag, ids)] ?? []
    }

    /// Whether sorted `set` holds every element of sorted `subset`.
    private func contains(_ set: [Int32], _ subset: [Int32]) -> Bool {
        var index = 0
        for element in subset {
            while index < set.count && set[index] < element { index += 1 }
            guard index < set.count && set[index] == element else { return false }
        }
        return true
    }
}
