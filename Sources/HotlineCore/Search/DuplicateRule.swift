/// What is known of a person sought, as far as telling two cases apart goes.
public struct PersonDescription: Sendable {
    public var name: String
    public var born: PartialDate?
    public var region: String?
    public var unit: String?

    public init(name: String, born: PartialDate? = nil, region: String? = nil, unit: String? = nil) {
        self.name = name
        self.born = born
        self.region = region
        self.unit = unit
    }
}

/// When two descriptions probably name the same person: names alike in any script and
/// romanisation, and nothing known that contradicts it. A birth date known on both sides that
/// disagrees rules a match out (namesakes are common; birth dates rarely are); an agreeing
/// birth date or unit adds confidence, and so does the same region.
public enum DuplicateRule {
    /// The score from which a duplicate is likely. Chosen on the labelled pairs in the tests.
    public static let threshold = 0.86

    /// The likelihood, 0 to 1, that `a` and `b` are one person; `nil` when something known rules it out.
    public static func score(_ a: PersonDescription, _ b: PersonDescription) -> Double? {
        var best = NameSimilarity.Match.none
        for first in NameFolding.readings(a.name) {
            for second in NameFolding.readings(b.name) {
                let match = NameSimilarity.matchDetail(
                    NameSimilarity.words(first.joined(separator: " ")),
                    NameSimilarity.words(second.joined(separator: " ")))
                if match.average > best.average { best = match }
            }
        }
        return score(match: best, a, b)
    }

    /// The likelihood given a name match and what it rests on: a name matched through initials
    /// is proposed only with a birth date known on both sides that agrees, and a surname that
    /// is another common surname (Носков, Носов) never.
    static func score(match: NameSimilarity.Match, _ a: PersonDescription, _ b: PersonDescription) -> Double? {
        guard var score = score(nameMatch: (match.average, match.weakest), a, b) else { return nil }
        let bornAgrees = a.born != nil && b.born != nil
        if (match.byInitials && !bornAgrees) || match.otherSurname != nil { score = min(score, threshold - 0.01) }
        return score
    }

    /// Every word of the shorter name must match this well: one perfect word must not carry
    /// another surname (Ivanov/Ivanenko), given name or patronymic.
    static let weakestWord = 0.82

    /// The likelihood given an already computed name similarity.
    static func score(nameMatch: (average: Double, weakest: Double), _ a: PersonDescription, _ b: PersonDescription)
        -> Double?
    {
        var score = nameMatch.average
        if let bornA = a.born, let bornB = b.born {
            guard bornA.agrees(with: bornB) else { return nil }
            score += bornA.month != nil && bornB.month != nil ? 0.1 : 0.06
        }
        if let unitA = a.unit, let unitB = b.unit, NameFolding.key(unitA) == NameFolding.key(unitB) {
            score += 0.06
        }
        if let regionA = a.region, let regionB = b.region {
            score += regionA == regionB ? 0.03 : -0.03
        }
        // A word that matches badly caps the pair below the threshold, whatever else agrees.
        if nameMatch.weakest < weakestWord { score = min(score, threshold - 0.01) }
        return min(1, max(0, score))
    }

    public static func isLikely(_ a: PersonDescription, _ b: PersonDescription) -> Bool {
        (score(a, b) ?? 0) >= threshold
    }
}
