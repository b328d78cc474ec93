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
        let names =
            NameFolding.readings(a.name).flatMap { first in
                NameFolding.readings(b.name).map { second in
                    NameSimilarity.score(
                        NameSimilarity.words(first.joined(separator: " ")),
                        NameSimilarity.words(second.joined(separator: " ")))
                }
            }.max() ?? 0
        return score(nameScore: names, a, b)
    }

    /// The likelihood given an already computed name similarity.
    static func score(nameScore: Double, _ a: PersonDescription, _ b: PersonDescription) -> Double? {
        var score = nameScore
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
        return min(1, max(0, score))
    }

    public static func isLikely(_ a: PersonDescription, _ b: PersonDescription) -> Bool {
        (score(a, b) ?? 0) >= threshold
    }
}
