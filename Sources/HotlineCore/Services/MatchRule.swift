import Foundation

/// What one side of a registry match knows of the person, its names folded once (folding
/// costs more than comparing: a record is compared with up to 50 cases).
struct MatchSide {
    let names: [String]
    let born: PartialDate?
    let unit: String?
    let region: String?
    let serviceNumber: ServiceNumber?
    /// Each name's readings as folded words.
    let readings: [[[NameSimilarity.Word]]]

    /// `readings` when the caller has folded the names already (`readings(of:)` for each).
    init(
        names: [String], readings: [[[NameSimilarity.Word]]]? = nil, born: PartialDate? = nil, unit: String? = nil,
        region: String? = nil, serviceNumber: ServiceNumber? = nil
    ) {
        self.names = names
        self.born = born
        self.unit = unit
        self.region = region
        self.serviceNumber = serviceNumber
        self.readings = readings ?? names.map(Self.readings(of:))
    }

    /// A name's readings as folded words.
    static func readings(of name: String) -> [[NameSimilarity.Word]] {
        NameFolding.readings(name).map { NameSimilarity.words($0.joined(separator: " ")) }
    }
}

/// Whether a registry record and a case name one person, and the evidence for and against.
/// The names and the rest are judged as the intake duplicate check judges two cases
/// (`DuplicateRule`: same folding, threshold and weights); the service number then decides:
/// one that agrees makes the pair near-certain, one that disagrees rules it out.
enum MatchRule {
    struct Verdict {
        let score: Double
        let why: String
        let evidence: [MatchEvidence]
    }

    /// A service number that agrees lifts the pair to this score (if the names are alike at all).
    static let agreeingServiceNumber = 0.99

    /// The verdict, or `nil` when something known on both sides rules the pair out, or the
    /// score stays under `DuplicateRule.threshold`.
    static func judge(_ record: MatchSide, _ person: MatchSide) -> Verdict? {
        var evidence: [MatchEvidence] = []
        // The service number first: it decides more than anything else.
        var numberAgrees: Bool?
        if let mine = record.serviceNumber, let theirs = person.serviceNumber {
            numberAgrees = mine.agrees(with: theirs)
            guard numberAgrees == true else { return nil }
            evidence.append(
                MatchEvidence(
                    kind: "service-number", agrees: true, detail: "service number \(mine.text) = \(theirs.text)"))
        } else if let known = record.serviceNumber ?? person.serviceNumber {
            evidence.append(
                MatchEvidence(
                    kind: "service-number", agrees: nil,
                    detail:
                        "service number \(known.text) known only \(record.serviceNumber != nil ? "to the list" : "on the case")"
                ))
        }
        // The best pair of spellings, by names alone, then with what else both sides know.
        var best: (name: Double, full: Double?, recordName: String, caseName: String)?
        for (recordName, recordReadings) in zip(record.names, record.readings) {
            for (caseName, caseReadings) in zip(person.names, person.readings) {
                // As DuplicateRule.score: the best pair of readings, then what else is known.
                var match: (average: Double, weakest: Double) = (0, 0)
                for first in recordReadings {
                    for second in caseReadings {
                        let candidate = NameSimilarity.match(first, second)
                        if candidate.average > match.average { match = candidate }
                    }
                }
                let names =
                    DuplicateRule.score(nameMatch: match, PersonDescription(name: ""), PersonDescription(name: "")) ?? 0
                guard best == nil || names > best!.name else { continue }
                let full = DuplicateRule.score(
                    nameMatch: match,
                    PersonDescription(name: recordName, born: record.born, region: record.region, unit: record.unit),
                    PersonDescription(name: caseName, born: person.born, region: person.region, unit: person.unit))
                best = (names, full, recordName, caseName)
            }
        }
        guard let best else { return nil }
        let namesAlike = best.name >= DuplicateRule.threshold - 0.1
        evidence.insert(
            MatchEvidence(
                kind: "name", agrees: namesAlike,
                detail: "\(best.recordName) ~ \(best.caseName) (\(rounded(best.name)))"), at: 0)
        if let a = record.born, let b = person.born {
            evidence.append(MatchEvidence(kind: "born", agrees: a.agrees(with: b), detail: "born \(a) / \(b)"))
        } else if let known = record.born ?? person.born {
            evidence.append(
                MatchEvidence(
                    kind: "born", agrees: nil,
                    detail: "born \(known) known only \(record.born != nil ? "to the list" : "on the case")"))
        }
        if let a = record.unit, let b = person.unit {
            evidence.append(
                MatchEvidence(
                    kind: "unit", agrees: NameFolding.key(a) == NameFolding.key(b) ? true : nil,
                    detail: "unit \(a) / \(b)"))
        }
        if let a = record.region, let b = person.region {
            evidence.append(MatchEvidence(kind: "region", agrees: a == b, detail: "region \(a) / \(b)"))
        }
        var score: Double
        if numberAgrees == true {
            // Near-certain, if the names are alike at all; a birth date that disagrees is shown
            // against it (one of the two was mistyped), and the pair is left to a person.
            guard best.name >= 0.6 else { return nil }
            score = best.full == nil ? 0.9 : (namesAlike ? agreeingServiceNumber : 0.9)
        } else {
            // A birth date known on both sides that disagrees rules the pair out.
            guard let full = best.full else { return nil }
            score = full
        }
        guard score >= DuplicateRule.threshold else { return nil }
        let why = evidence.filter { $0.agrees != nil }.map { ($0.agrees! ? "" : "against: ") + $0.detail }
            .joined(separator: "; ")
        return Verdict(score: rounded(score), why: why, evidence: evidence)
    }

    static func rounded(_ score: Double) -> Double { (score * 1000).rounded() / 1000 }

    /// Why a record contradicts a case, when it does: deceased for a case closed (as reunited,
    /// say), alive for a case already deceased, or a move the lifecycle forbids.
    static func conflict(says: RegistrySays, caseStatus: CaseStatus, lifecycle: Lifecycle) -> String? {
        if caseStatus.name == says.implies { return nil }
        let deceased = RegistryVocabulary.deceasedStatus
        if says.implies == deceased, !caseStatus.isOpen {
            return "the list says \(says.name), but the case is closed as \(caseStatus.name)"
        }
        if caseStatus.name == deceased {
            return "the list says \(says.name), but the case says deceased"
        }
        let next = lifecycle.statuses.first { $0.name == says.implies }
        if let next, !lifecycle.allowedMoves(from: caseStatus).contains(next) {
            return
                "the list says \(says.name) (\(says.implies)), but the case is \(caseStatus.name) and cannot move there"
        }
        return nil
    }
}
