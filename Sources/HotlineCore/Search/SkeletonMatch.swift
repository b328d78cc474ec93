/// Which indexed names `case duplicates` judges for a name: those the intake search could
/// have found that might pass `DuplicateRule`. One definition, which both ways of finding
/// them (`SkeletonIndex` in memory, `DuplicateFinder`'s FTS5 queries) return exactly.
///
/// A pair passes the rule only if every word of the shorter name (two words at least: one
/// word is half evidence) matches a word of the other at 0.82 or more, and the search found a
/// name only if it held the skeletons of every word of a reading of the case's name, or (when
/// fewer than `NameMatchPlan.enough` names held them all) of every word but one. So a
/// candidate holds the skeletons of a whole reading; or of all but one word, and is that
/// exactly; or of all but one word plus a skeleton `isNear` the missing one's. The index keys
/// only some subsets of a long name's skeletons (`isKept`), so the rule does too.
enum SkeletonMatch {
    /// Up to this many skeletons every subset of a name's is kept (57 for six).
    static let maxSubset = 6

    /// Whether a name of `shape` is found under the skeleton set `subset`.
    static func isKept(_ subset: Set<String>, in shape: NameShape) -> Bool {
        shape.words >= 2 && subset.count >= 2 && subset.isSubset(of: shape.skeletons)
            && (shape.skeletons.count <= maxSubset || subset.count <= 3 || subset.count == shape.skeletons.count)
    }

    /// Whether a name holding every skeleton of a reading is found strictly.
    static func isStrict(_ shape: NameShape, reading: Set<String>) -> Bool { isKept(reading, in: shape) }

    /// Whether a name is found with the word `missing` of a reading left out (`rest` the others).
    static func isLeftOut(_ shape: NameShape, rest: Set<String>, missing: String) -> Bool {
        if rest.count >= 2, rest.count == shape.words, isKept(rest, in: shape) { return true }
        return shape.skeletons.contains { other in
            !rest.contains(other) && isNear(missing, other) && isKept(rest.union([other]), in: shape)
        }
    }

    /// One letter inserted, deleted or changed (or two neighbours swapped: both leave the same
    /// string with one letter deleted), or the same given name in Russian and Ukrainian.
    static func isNear(_ skeleton: String, _ other: String) -> Bool {
        guard skeleton != other else { return false }
        if givenNameMates[skeleton]?.contains(other) == true { return true }
        let (a, b) = (skeleton.utf8.count, other.utf8.count)
        guard abs(a - b) <= 1 else { return false }
        let mine = Set([skeleton] + deletions(skeleton))
        return mine.contains(other) || deletions(other).contains(where: mine.contains)
    }

    /// `text` with each of its letters (bytes) deleted in turn; none for one letter.
    static func deletions(_ text: String) -> [String] {
        let letters = Array(text.utf8)
        guard letters.count > 1 else { return [] }
        return letters.indices.map { index in
            var shorter = letters
            shorter.remove(at: index)
            return String(decoding: shorter, as: UTF8.self)
        }
    }

    /// The skeletons of each given name's Russian and Ukrainian forms, by skeleton.
    static let givenNameMates: [String: Set<String>] = {
        var mates: [String: Set<String>] = [:]
        for group in GivenNames.allGroups {
            let skeletons = Set(group.map(NameFolding.skeleton))
            for skeleton in skeletons { mates[skeleton, default: []].formUnion(skeletons) }
        }
        return mates
    }()

    /// Each reading's skeletons, once each, as `NameMatchPlan` takes them.
    static func skeletonReadings(of name: String) -> [[String]] {
        NameFolding.readings(name).map { reading in
            var seen = Set<String>()
            return reading.map(NameFolding.skeleton).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
    }
}

/// A name as the index holds it: the skeletons of every word of every reading, and how many
/// words its longest reading has.
struct NameShape {
    let skeletons: Set<String>
    let words: Int
    /// The readings of two skeletons or more, as a query takes them.
    let queryReadings: [[String]]
}

/// `NameShape`s, each spelling folded once: a common name is typed the same way in many cases.
struct NameShapes {
    private var known: [String: NameShape] = [:]

    mutating func shape(of name: String) -> NameShape {
        if let shape = known[name] { return shape }
        let readings = SkeletonMatch.skeletonReadings(of: name)
        let shape = NameShape(
            skeletons: Set(readings.flatMap { $0 }), words: readings.map(\.count).max() ?? 0,
            queryReadings: readings.filter { $0.count >= 2 })
        known[name] = shape
        return shape
    }
}
