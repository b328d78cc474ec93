import Foundation
import Testing

@testable import HotlineCore

/// Matching precision and recall on the labelled pairs of the duplicate check: each pair's
/// first description as a registry record, its second as a case. Reported, and held to at least
/// the intake check's own figures on the same pairs.
@Suite struct RegistryPrecisionTests {
    struct Figures {
        let precision: Double
        let recall: Double
        let missed: Int
        let falseAlarms: Int

        init(_ outcomes: [(same: Bool, proposed: Bool)]) {
            let truePositives = outcomes.filter { $0.same && $0.proposed }.count
            falseAlarms = outcomes.filter { !$0.same && $0.proposed }.count
            missed = outcomes.filter { $0.same && !$0.proposed }.count
            precision = Double(truePositives) / Double(max(1, truePositives + falseAlarms))
            recall = Double(truePositives) / Double(max(1, truePositives + missed))
        }
    }

    /// The rule alone, pair by pair, next to the intake check's rule.
    @Test func theMatchRuleIsAtLeastAsGoodAsTheIntakeCheckOnTheLabelledPairs() {
        let matching = Figures(
            duplicatePairs.map { pair in
                let record = MatchSide(
                    names: [pair.a.name], born: pair.a.born, unit: pair.a.unit, region: pair.a.region)
                let person = MatchSide(
                    names: [pair.b.name], born: pair.b.born, unit: pair.b.unit, region: pair.b.region)
                return (pair.same, MatchRule.judge(record, person) != nil)
            })
        let intake = Figures(duplicatePairs.map { ($0.same, DuplicateRule.isLikely($0.a, $0.b)) })
        print(
            String(
                format:
                    "registry matching (rule) on %d labelled pairs: precision %.3f, recall %.3f (intake check: %.3f, %.3f)",
                duplicatePairs.count, matching.precision, matching.recall, intake.precision, intake.recall))
        #expect(matching.precision >= intake.precision)
        #expect(matching.recall >= intake.recall)
    }

    /// The whole path: every second description logged as a case, every first imported as a
    /// record of one list; a pair counts as proposed when the import proposed that record for
    /// that case (through the name index search, as in production).
    @Test func importingThePairsProposesTheSamePeople() throws {
        let f = try Fixture()
        var refs: [String] = []
        var rows: [[RegistryField: String]] = []
        for (index, pair) in duplicatePairs.enumerated() {
            let logged = try f.log(
                draft(
                    person: pair.b.name, region: pair.b.region ?? "RU-MOW", born: pair.b.born?.description,
                    unit: pair.b.unit, contacts: []),
                at: Date())
            refs.append(logged.ref)
            var row: [RegistryField: String] = [.id: String(index), .fullName: pair.a.name, .says: "captured"]
            row[.born] = pair.a.born?.description
            row[.unit] = pair.a.unit
            // A region the case only has because a case needs one is not evidence.
            if pair.b.region != nil { row[.region] = pair.a.region }
            rows.append(row)
        }
        let report = try f.importList(importedTable(rows), at: Date())
        #expect(report.refused.isEmpty, "\(report.refused.prefix(3))")
        let proposed = Set(
            try f.rows(
                """
                SELECT r.row_key, c.ref FROM registry_match m JOIN registry_record r ON r.id = m.record_id
                JOIN person_case c ON c.id = m.case_id
                """
            ).map { "\($0[0] as String)|\($0[1] as String)" })
        let outcomes = duplicatePairs.enumerated().map { index, pair in
            (pair.same, proposed.contains("id:\(index)|\(refs[index])"))
        }
        let figures = Figures(outcomes)
        let intake = Figures(duplicatePairs.map { ($0.same, DuplicateRule.isLikely($0.a, $0.b)) })
        print(
            String(
                format:
                    "registry matching (import through the index) on %d labelled pairs: precision %.3f, recall %.3f; %d missed, %d false alarms; %d proposals in all",
                duplicatePairs.count, figures.precision, figures.recall, figures.missed, figures.falseAlarms,
                report.proposals))
        #expect(figures.precision >= intake.precision)
        #expect(figures.recall >= intake.recall - 0.02)
    }
}
