import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// Matching registry records with cases, and what confirming, approving and rejecting do,
/// through a real database file.
@Suite struct RegistryMatchTests {
    /// A record naming the person of `draft()` (Иванов Пётр Сергеевич, RU-KRS), in Latin letters.
    func record(
        _ extra: [RegistryField: String] = [:], says: String = "captured", id: String = "7"
    ) -> [RegistryField: String] {
        var row: [RegistryField: String] = [
            .id: id, .fullName: "Ivanov Petr Sergeevich", .says: says, .date: "12.05.2024",
        ]
        for (field, value) in extra { row[field] = value }
        return row
    }

    // MARK: - Evidence for and against

    @Test func aRecordIsProposedForTheCaseItNamesInAnotherScript() throws {
        let f = try Fixture()
        let logged = try f.log(draft(born: "1998"))
        let report = try f.importList(importedTable([record([.born: "14.03.1998", .region: "RU-KRS"])]))
        #expect(report.proposals == 1)
        let match = try #require(try f.matches().first)
        #expect(match.case == logged.ref && match.state == "proposed" && match.score >= DuplicateRule.threshold)
        let detail = try f.hotline().matchDetail(match.id, as: OperatorName("anna"))
        #expect(detail.evidence.first { $0.kind == "born" }?.agrees == true)
        #expect(detail.evidence.first { $0.kind == "region" }?.agrees == true)
        #expect(detail.evidence.first { $0.kind == "name" }?.agrees == true)
        // Nothing is applied without a person.
        #expect(try f.status(logged.ref) == "new")
    }

    /// An import judges its records on the pool's readers at once; a process with one
    /// connection judges them one after another. Both store the same proposals.
    @Test func anImportJudgedOnThePoolsReadersProposesWhatOneConnectionDoes() throws {
        let pooled = try Fixture()
        let path = try Fixture.freshDirectory().appendingPathComponent("one.sqlite").path
        let oneConnection = try HotlineDatabase.open(path: path, oneShot: true)
        let single = Hotline(database: oneConnection, rules: .shipped, now: { t0 })
        let people = [
            "Иванов Пётр Сергеевич", "Иванов Петр", "Петров Иван Сергеевич", "Коваль Дмитро Мар'янович",
            "Ковалёв Никита Константинович", "Соколова Ирина", "Сидоров Алексей",
        ]
        for (index, person) in people.enumerated() {
            let inquiry = draft(person: person, born: index % 2 == 0 ? "199\(index)" : nil)
            try pooled.log(inquiry)
            _ = try single.logInquiry(inquiry, by: OperatorName("anna"))
        }
        let written =
            people + [
                "Ivanov Petr Sergeevich", "Petrov Ivan", "Kovalov Mykyta Kostiantynovych", "Sokolova Irina",
                "Иванов Павел", "Сидоров Алексей Иванович", "Kovál Dmytro",
            ]
        let table = importedTable(
            (0..<60).map { index in
                var row: [RegistryField: String] = [
                    .id: "\(index)", .fullName: written[index % written.count],
                    .says: ["captured", "deceased", "wounded"][index % 3], .date: "12.05.2024",
                ]
                if index % 4 == 0 { row[.born] = "199\(index % 7)" }
                return row
            })
        let options = RegistryImportOptions(list: "ICRC", received: "20.05.2024")
        let pooledReport = try pooled.hotline().importRegistryList(table, options: options, by: OperatorName("anna"))
        let singleReport = try single.importRegistryList(table, options: options, by: OperatorName("anna"))
        let sql = """
            SELECT registry_record.row_key, registry_match.case_id, registry_match.score, registry_match.why,
                registry_match.state, registry_match.conflict
            FROM registry_match JOIN registry_record ON registry_record.id = registry_match.record_id
            ORDER BY registry_match.id
            """
        let pooledMatches = try pooled.rows(sql).map(\.description)
        let singleMatches = try oneConnection.read { db in try Row.fetchAll(db, sql: sql).map(\.description) }
        #expect(pooledReport.proposals == singleReport.proposals && pooledReport.proposals > 20)
        #expect(pooledMatches == singleMatches)

        // The same records judged on two readers at once and one after another, whatever the
        // machine's processors (the import uses as many as it has).
        let hotline = pooled.hotline()
        let records = try pooled.database.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM registry_record ORDER BY id").map {
                try db.registry.record(id: $0)!
            }
        }
        func line(_ index: Int, _ pairs: [Hotline.JudgedPair]) -> String {
            "\(index): "
                + pairs.map { "\($0.caseId) \($0.score) \($0.why) \($0.evidence) \($0.conflict ?? "-")" }.joined(
                    separator: "; ")
        }
        var concurrent: [String] = []
        var oneByOne: [String] = []
        let ran = try pooled.database.write { db in
            try hotline.judgePairs(of: records, concurrently: true, workers: 2, in: db) {
                concurrent.append(line($0, $1))
            }
        }
        try pooled.database.read { db in
            try hotline.judgePairs(of: records, concurrently: false, in: db) { oneByOne.append(line($0, $1)) }
        }
        #expect(ran)
        #expect(concurrent.count == 60 && concurrent == oneByOne)
    }

    @Test func aBirthDateKnownOnBothSidesThatDisagreesRulesThePairOut() throws {
        let f = try Fixture()
        try f.log(draft(born: "1998"))
        let report = try f.importList(importedTable([record([.born: "1999"])]))
        #expect(report.proposals == 0)
        #expect(try f.count("registry_match") == 0)
    }

    @Test func aDisagreeingServiceNumberRulesThePairOutAndAnAgreeingOneIsNearCertain() throws {
        let f = try Fixture()
        let a = try f.log(draft(born: "1998", serviceNumber: "АБ-123456"))
        let b = try f.log(
            draft(person: "Иванов Пётр Сергеевич", born: "1998", serviceNumber: "АБ 654321"), at: minutes(1))
        // Typed on a Latin keyboard with a space: the same number as the first case's.
        try f.importList(importedTable([record([.serviceNumber: "AB 123456", .born: "1998"])]))
        let matches = try f.matches()
        #expect(matches.map(\.case) == [a.ref])
        #expect(matches.first?.score == MatchRule.agreeingServiceNumber)
        #expect(!matches.contains { $0.case == b.ref })
        let detail = try f.hotline().matchDetail(matches[0].id, as: OperatorName("anna"))
        #expect(detail.evidence.contains { $0.kind == "service-number" && $0.agrees == true })
        #expect(detail.case.serviceNumber == "АБ-123456")
    }

    @Test func anAgreeingServiceNumberFindsACaseWhoseNameIsSpeltOtherwise() throws {
        let f = try Fixture()
        let logged = try f.log(draft(person: "Іванов Петро Сергійович", serviceNumber: "АБ-123456"))
        try f.importList(importedTable([record([.serviceNumber: "ab123456"])]))
        #expect(try f.matches().map(\.case) == [logged.ref])
    }

    @Test func namesThatDifferInOneWordAreNotProposed() throws {
        let f = try Fixture()
        try f.log(draft(person: "Иванов Павел Сергеевич"))
        try f.log(draft(person: "Ivanenko Petr Sergeevich"), at: minutes(1))
        try f.importList(importedTable([record()]))
        #expect(try f.count("registry_match") == 0)
    }

    @Test func aMatchingUnitIsEvidenceFor() throws {
        let f = try Fixture()
        try f.log(draft(unit: "в/ч 12345"))
        try f.importList(importedTable([record([.unit: "В/Ч 12345"])]))
        let match = try #require(try f.matches().first)
        let detail = try f.hotline().matchDetail(match.id, as: OperatorName("anna"))
        #expect(detail.evidence.first { $0.kind == "unit" }?.agrees == true)
        #expect(detail.why.contains("unit"))
    }

    // MARK: - Confirming

    @Test func confirmingMovesTheCaseThroughTheStatusPathAndLinksTheRecord() throws {
        let f = try Fixture()
        let logged = try f.log(draft())
        try f.importList(importedTable([record(says: "в плену")]))
        let match = try #require(try f.matches().first)
        let decision = try f.hotline(at: minutes(5)).confirmMatch(
            match.id, note: "mother confirmed the photo", by: OperatorName("anna"))
        #expect(decision.from == "new" && decision.to == "captured" && decision.state == "confirmed")
        #expect(try f.status(logged.ref) == "captured")
        let history = try f.detail(logged.ref).history.last!
        #expect(history.kind == "status" && history.to == "captured")
        #expect(history.source == "ICRC 2024-05" && history.asOf == "2024-05-12")
        #expect(history.note?.contains("match \(match.id) confirmed by anna") == true)
        #expect(history.note?.contains("mother confirmed the photo") == true)
        let links = try f.hotline().caseRecords(ref: logged.ref, as: OperatorName("anna")).records
        #expect(links.map(\.record) == [match.record])
        #expect(try f.hotline().registryRecord(match.record, as: OperatorName("anna")).cases.map(\.ref) == [logged.ref])
        // Once decided it cannot be confirmed or rejected again.
        #expect(throws: HotlineError.self) { try f.hotline().confirmMatch(match.id, by: OperatorName("anna")) }
        #expect(throws: HotlineError.self) {
            try f.hotline().rejectMatch(match.id, note: "x", by: OperatorName("anna"))
        }
    }

    @Test func aDeceasedRecordNeedsASecondDifferentOperatorBeforeAnythingChanges() throws {
        let f = try Fixture()
        let logged = try f.log(draft())
        try f.importList(importedTable([record(says: "погиб")]))
        let match = try #require(try f.matches().first)
        let casesBefore = try f.rows("SELECT * FROM person_case").map(\.description)
        let historyBefore = try f.count("case_history")
        // The first operator confirms: it waits.
        let first = try f.hotline(at: minutes(1)).confirmMatch(match.id, by: OperatorName("anna"))
        #expect(first.state == "awaiting-approval" && first.to == "new")
        #expect(try f.rows("SELECT * FROM person_case").map(\.description) == casesBefore)
        #expect(try f.count("case_history") == historyBefore)
        // The same operator cannot approve, under any spelling of their name.
        let before = try f.snapshot()
        #expect(throws: HotlineError.self) { try f.hotline().approveMatch(match.id, by: OperatorName("ANNA")) }
        #expect(try f.snapshot() == before)
        // Another operator can.
        let second = try f.hotline(at: minutes(2)).approveMatch(match.id, by: OperatorName("boris"))
        #expect(second.state == "confirmed" && second.to == "deceased")
        #expect(try f.status(logged.ref) == "deceased")
        let history = try f.detail(logged.ref).history.last!
        #expect(history.by == "boris" && history.note?.contains("confirmed by anna, approved by boris") == true)
        let audit = try f.hotline().audit(AuditFilter(), as: OperatorName("anna")).filter { $0.kind == "registry" }
        #expect(Set(audit.compactMap(\.field)) == ["import", "confirm", "approve"])
    }

    // MARK: - Conflicts

    @Test func aDeceasedRecordForACaseClosedAsReunitedIsAConflictNeverApplied() throws {
        let f = try Fixture()
        let logged = try f.log(draft())
        try f.changeStatus(StatusChangeDraft(ref: logged.ref, status: "reunited"), at: minutes(1))
        try f.importList(importedTable([record(says: "deceased")]), at: minutes(2))
        let match = try #require(try f.matches().first)
        #expect(match.state == "conflict")
        let detail = try f.hotline().matchDetail(match.id, as: OperatorName("anna"))
        #expect(detail.conflict?.contains("closed as reunited") == true)
        let before = try f.snapshot()
        let error = #expect(throws: HotlineError.self) {
            try f.hotline().confirmMatch(match.id, by: OperatorName("anna"))
        }
        #expect(invalidField(error)?.problem.contains("conflicts") == true)
        #expect(try f.snapshot() == before)
        #expect(try f.status(logged.ref) == "reunited")
    }

    @Test func aCapturedRecordForADeceasedCaseIsAConflict() throws {
        let f = try Fixture()
        let logged = try f.log(draft())
        try f.markDeceased(logged.ref, at: minutes(1))
        try f.importList(importedTable([record(says: "captured")]), at: minutes(2))
        let match = try #require(try f.matches().first)
        #expect(match.state == "conflict")
        let before = try f.snapshot()
        #expect(throws: HotlineError.self) { try f.hotline().confirmMatch(match.id, by: OperatorName("anna")) }
        #expect(try f.snapshot() == before)
    }

    @Test func aCaseThatChangedSinceTheProposalIsCheckedAgainAtConfirmation() throws {
        let f = try Fixture()
        let logged = try f.log(draft())
        try f.importList(importedTable([record(says: "captured")]))
        let match = try #require(try f.matches().first)
        #expect(match.state == "proposed")
        try f.markDeceased(logged.ref, at: minutes(1))
        let before = try f.snapshot()
        #expect(throws: HotlineError.self) { try f.hotline().confirmMatch(match.id, by: OperatorName("anna")) }
        #expect(try f.snapshot() == before)
    }

    // MARK: - Rejecting

    @Test func aRejectedPairIsNeverProposedAgain() throws {
        let f = try Fixture()
        let logged = try f.log(draft())
        let table = importedTable([record()])
        try f.importList(table)
        let match = try #require(try f.matches().first)
        _ = try f.hotline().rejectMatch(
            match.id, note: "another Ivanov: the mother says he has no brother", by: OperatorName("anna"))
        // Not on re-import of a corrected record, nor when the family calls again.
        var corrected = record()
        corrected[.note] = "corrected"
        let report = try f.importList(importedTable([corrected]), at: minutes(1))
        #expect(report.updated == 1 && report.proposals == 0)
        let again = try f.log(draft(person: nil, region: nil, caseRef: logged.ref), at: minutes(2))
        #expect(again.registry.isEmpty)
        #expect(try f.matches().map(\.state) == ["rejected"])
        #expect(try f.count("registry_match") == 1)
    }

    // MARK: - At intake

    @Test func anInquiryLogReportsTheRecordsThatMatchThePersonSought() throws {
        let f = try Fixture()
        try f.importList(importedTable([record([.born: "1998", .serviceNumber: "AB-123456"])]))
        let logged = try f.log(draft(born: "1998", serviceNumber: "аб 123456"), at: minutes(1))
        let hit = try #require(logged.registry.first)
        #expect(hit.list == "ICRC 2024-05" && hit.says == "captured" && hit.date == "2024-05-12")
        #expect(hit.score == MatchRule.agreeingServiceNumber && hit.why.contains("service number"))
        // The proposal is stored, and a second call about him reports it again.
        #expect(try f.matches().count == 1)
        let again = try f.log(draft(person: nil, region: nil, caseRef: logged.ref), at: minutes(2))
        #expect(again.registry.map(\.record) == [hit.record])
        // And someone else matches nothing: an empty list.
        let other = try f.log(draft(person: "Сидоров Захар Ильич"), at: minutes(3))
        #expect(other.registry.isEmpty)
    }

    @Test func aViewerCannotDecideMatches() throws {
        let f = try Fixture()
        let h = f.hotline()
        _ = try h.addOperator("admin", by: OperatorName("admin"))
        _ = try h.addOperator("vera", role: "viewer", by: OperatorName("admin"))
        _ = try h.addOperator("anna", role: "operator", by: OperatorName("admin"))
        try f.log(draft())
        try f.importList(importedTable([record()]))
        let match = try #require(try f.matches(by: "vera").first)
        let before = try f.snapshot()
        for call in [
            { _ = try h.confirmMatch(match.id, by: OperatorName("vera")) },
            { _ = try h.rejectMatch(match.id, note: "no", by: OperatorName("vera")) },
            { _ = try h.approveMatch(match.id, by: OperatorName("vera")) },
        ] {
            let error = #expect(throws: HotlineError.self) { try call() }
            guard case .refused? = error else {
                Issue.record("expected a refusal, got \(String(describing: error))")
                continue
            }
        }
        #expect(try f.snapshot() == before)
    }
}

@Suite struct RegistryWithdrawTests {
    @Test func aWithdrawnRecordIsKeptButNeitherConfirmedNorReportedAtIntake() throws {
        let f = try Fixture()
        let logged = try f.log(draft())
        try f.importList(importedTable([[.id: "1", .fullName: "Ivanov Petr Sergeevich", .says: "captured"]]))
        let match = try #require(try f.matches().first)
        let record = try f.hotline(at: minutes(1)).withdrawRegistryRecord(
            match.record, note: "ICRC: listed in error", by: OperatorName("anna"))
        #expect(record.withdrawn)
        #expect(try f.count("registry_record") == 1)
        #expect(try f.matches(MatchFilter()).isEmpty)
        let before = try f.snapshot()
        #expect(throws: HotlineError.self) { try f.hotline().confirmMatch(match.id, by: OperatorName("anna")) }
        #expect(try f.snapshot() == before)
        #expect(try f.status(logged.ref) == "new")
        let again = try f.log(draft(person: nil, region: nil, caseRef: logged.ref), at: minutes(2))
        #expect(again.registry.isEmpty)
    }

    @Test func aConfirmedRecordLaterWithdrawnIsFlaggedOnTheCase() throws {
        let f = try Fixture()
        let logged = try f.log(draft())
        try f.importList(importedTable([[.id: "1", .fullName: "Ivanov Petr Sergeevich", .says: "captured"]]))
        let match = try #require(try f.matches().first)
        _ = try f.hotline(at: minutes(1)).confirmMatch(match.id, by: OperatorName("anna"))
        #expect(
            try f.hotline().caseRecords(ref: logged.ref, as: OperatorName("anna")).records.map(\.withdrawn) == [false])
        _ = try f.hotline(at: minutes(2)).withdrawRegistryRecord(
            match.record, note: "ICRC: listed in error", by: OperatorName("anna"))
        // The case still rests on it (nothing undone by itself), and says so.
        let links = try f.hotline().caseRecords(ref: logged.ref, as: OperatorName("anna")).records
        #expect(links.map(\.record) == [match.record] && links.map(\.withdrawn) == [true])
        #expect(try f.status(logged.ref) == "captured")
    }
}
