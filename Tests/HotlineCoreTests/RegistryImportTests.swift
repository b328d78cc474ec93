import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// `registry import` on lists built as the reader hands them over, through a real database file.
@Suite struct RegistryImportTests {
    let ivanov: [RegistryField: String] = [
        .id: "1", .fullName: "Иванов Пётр Сергеевич", .born: "14.03.1998", .unit: "в/ч 12345",
        .serviceNumber: "АБ-123456", .region: "Курская область", .says: "в плену", .date: "2024-05-12",
        .place: "Ростов", .evidence: "https://example.org/list.pdf " + String(repeating: "c", count: 64),
    ]
    let petrenko: [RegistryField: String] = [
        .id: "2", .surname: "Петренко", .givenName: "Іван", .patronymic: "Олексійович", .born: "1995",
        .region: "UA-63", .says: "captured",
    ]

    @Test func aValidListIsStoredAsWrittenWithEveryFieldChecked() throws {
        let f = try Fixture()
        let report = try f.importList(importedTable([ivanov, petrenko]))
        #expect(report.added == 2 && report.updated == 0 && report.unchanged == 0 && report.refused.isEmpty)
        #expect(report.written)
        let rows = try f.rows(
            "SELECT names, born, service_number, service_number_key, region, says, news_date, evidence FROM registry_record ORDER BY id"
        )
        #expect(rows[0]["names"] as String == #"["Иванов Пётр Сергеевич"]"#)
        #expect(rows[0]["born"] as String == "1998-03-14")
        #expect(rows[0]["service_number"] as String == "АБ-123456")
        #expect(rows[0]["service_number_key"] as String == ServiceNumber.key("AB 123456"))
        #expect(rows[0]["region"] as String == "RU-KRS")
        #expect(rows[0]["says"] as String == "captured")
        #expect(rows[0]["news_date"] as String == "2024-05-12")
        #expect((rows[0]["evidence"] as String).contains(String(repeating: "c", count: 64)))
        // Surname, given name and patronymic columns make one name.
        #expect(rows[1]["names"] as String == #"["Петренко Іван Олексійович"]"#)
        #expect(rows[1]["born"] as String == "1995")
        // The import is in the audit, with the file's SHA-256 and the counts.
        let audit = try f.hotline().audit(AuditFilter(), as: OperatorName("anna"))
        let entry = try #require(audit.first { $0.kind == "registry" })
        #expect(entry.subject == "ICRC 2024-05")
        #expect(entry.note?.contains(String(repeating: "ab", count: 32)) == true)
        #expect(entry.note?.contains("2 added") == true)
    }

    /// One row per kind of error; the file is refused whole and nothing is written.
    @Test func everyKindOfRowErrorIsReportedAndRefusesTheFile() throws {
        let f = try Fixture()
        try f.log(draft())
        let before = try f.snapshot()
        let bad: [[RegistryField: String]] = [
            [.fullName: "Сидоров Алексей", .born: "31.02.1990", .says: "captured"],  // no such day
            [.fullName: "Сидоров Борис", .born: "1990-13-01", .says: "captured"],  // no month 13
            [.fullName: "Сидоров Вадим", .date: "01.01.2030", .says: "captured"],  // news in the future
            [.fullName: "Сидоров Глеб", .region: "Atlantis", .says: "captured"],
            [.fullName: "Сидоров Денис", .serviceNumber: "AB#12", .says: "captured"],
            [.fullName: "Сидоров Егор", .says: "missing in space"],
            [.born: "1990", .says: "captured"],  // no name
            [.fullName: "Сидоров", .says: "captured"],  // one word
            [.fullName: "Сидоров Жора", .unit: String(repeating: "x", count: 501), .says: "captured"],
            [.fullName: "Сидоров Захар"],  // nothing says what became of him
            [.fullName: "Сидоров\u{0007} Игорь", .says: "captured"],  // a control character
            [.fullName: "Сидоров Кирилл", .born: "01.1990.5", .says: "captured"],
        ]
        let table = importedTable([ivanov] + bad + [ivanov])  // and a repeated id
        let error = #expect(throws: RegistryImportRefused.self) { try f.importList(table) }
        let refused = try #require(error?.report.refused)
        #expect(Set(refused.map(\.row)) == Set(3...(2 + bad.count + 1)))
        #expect(refused.first { $0.row == 3 }?.column == "Дата рождения")
        #expect(refused.first { $0.row == 3 }?.reason.contains("no such day") == true)
        #expect(refused.first { $0.row == 6 }?.column == "Регион")
        #expect(refused.first { $0.row == 7 }?.column == "Личный номер")
        #expect(refused.first { $0.row == 8 }?.column == "Статус")
        #expect(refused.first { $0.row == 9 }?.reason.contains("names nobody") == true)
        #expect(refused.first { $0.row == 10 }?.reason.contains("one word") == true)
        #expect(refused.first { $0.row == 12 }?.reason.contains("nothing says") == true)
        #expect(refused.last?.reason.contains("row 2 has the same id") == true)
        #expect(error?.report.written == false)
        #expect(try f.snapshot() == before)

        // --check writes nothing and reports the same rows, with what would be added.
        let check = try f.importList(table, check: true)
        #expect(check.refused == refused && check.added == 1 && !check.written)
        #expect(try f.snapshot() == before)

        // --skip-invalid imports the valid row and lists the others.
        let skipped = try f.importList(table, skipInvalid: true)
        #expect(skipped.added == 1 && skipped.refused == refused && skipped.written)
        #expect(try f.count("registry_record") == 1)
    }

    @Test func aListWithoutANameColumnIsRefusedSayingWhichHeadersItHas() throws {
        let f = try Fixture()
        let table = ImportedTable(
            fileName: "x.csv", sha256: "", format: "csv", encoding: "utf-8", headers: ["Дата", "Статус"],
            columns: [.date: "Дата", .says: "Статус"], ignoredHeaders: [], rows: [])
        let error = #expect(throws: HotlineError.self) { try f.importList(table) }
        #expect(invalidField(error)?.field == "file")
        #expect(invalidField(error)?.problem.contains("Дата, Статус") == true)
        #expect(try f.count("registry_list") == 0)
    }

    @Test func theListsSaysAppliesToRowsWithoutAStatus() throws {
        let f = try Fixture()
        try f.importList(importedTable([[.fullName: "Сидоров Захар Ильич"]]), says: "KIA")
        #expect(try f.strings("SELECT says FROM registry_record") == ["deceased"])
    }

    @Test func reimportingTheSameListChangesNothingAndACorrectedOneUpdatesInPlace() throws {
        let f = try Fixture()
        let first = try f.importList(importedTable([ivanov, petrenko]))
        #expect(first.added == 2)
        let ids = try f.strings("SELECT id FROM registry_record ORDER BY id")
        let before = try f.snapshot()
        // The same file again: nothing written but the audit entry.
        let again = try f.importList(importedTable([ivanov, petrenko]), at: minutes(5))
        #expect(again.added == 0 && again.updated == 0 && again.unchanged == 2)
        #expect(
            try f.snapshot().counts.filter { $0.key != "registry_event" }
                == before.counts.filter { $0.key != "registry_event" })
        #expect(try f.strings("SELECT updated_at FROM registry_record ORDER BY id") == [t0Text, t0Text])
        // A corrected version, re-sorted: the record keyed by its id is updated, not duplicated.
        var corrected = ivanov
        corrected[.says] = "обменян"
        corrected[.date] = "25.05.2024"
        let third = try f.importList(importedTable([petrenko, corrected]), at: minutes(10))
        #expect(third.added == 0 && third.updated == 1 && third.unchanged == 1)
        #expect(try f.strings("SELECT id FROM registry_record ORDER BY id") == ids)
        #expect(try f.strings("SELECT says FROM registry_record WHERE row_key = 'id:1'") == ["exchanged"])
    }

    @Test func aNewerVersionReportsTheRecordsItNoLongerHoldsAndWithdrawsNone() throws {
        let f = try Fixture()
        try f.importList(importedTable([ivanov, petrenko]))
        let petrenkoId = try f.strings("SELECT id FROM registry_record WHERE row_key = 'id:2'").first!!
        // Checked first: reported, nothing written.
        let before = try f.snapshot()
        let check = try f.importList(importedTable([ivanov]), check: true, at: minutes(1))
        #expect(check.missing.map(\.record) == [Int64(petrenkoId)!] && check.missing.first?.row == 3)
        #expect(check.missing.first?.name == "Петренко Іван Олексійович")
        #expect(try f.snapshot() == before)
        // Imported: reported again, and the record stays as it was.
        let report = try f.importList(importedTable([ivanov]), at: minutes(2))
        #expect(report.missing.map(\.record) == [Int64(petrenkoId)!])
        #expect(try f.strings("SELECT count(*) FROM registry_record WHERE withdrawn_at IS NULL") == ["2"])
        // A first import of a list, and a full one, miss nothing.
        #expect(try f.importList(importedTable([ivanov]), list: "other", at: minutes(3)).missing.isEmpty)
        #expect(try f.importList(importedTable([ivanov, petrenko]), at: minutes(4)).missing.isEmpty)
    }

    @Test func checkReportsTheProposalsTheImportWouldMakeAndWritesNothing() throws {
        let f = try Fixture()
        try f.log(draft())
        try f.log(draft(person: "Петренко Иван Алексеевич", region: "UA-63"))
        let before = try f.snapshot()
        let check = try f.importList(importedTable([ivanov, petrenko]), check: true)
        #expect(try f.snapshot() == before)
        let report = try f.importList(importedTable([ivanov, petrenko]), at: minutes(1))
        #expect(report.proposals >= 1)
        #expect(check.proposals == report.proposals && !check.written)
        // Once proposed, a corrected list would make no new ones for the same pairs.
        var corrected = ivanov
        corrected[.note] = "seen in a video"
        #expect(try f.importList(importedTable([corrected, petrenko]), check: true, at: minutes(2)).proposals == 0)
    }

    @Test func withoutAnIdColumnRowsAreKeyedByWhoTheyName() throws {
        let f = try Fixture()
        var row: [RegistryField: String] = [.fullName: "Сидоров Захар Ильич", .born: "1990", .says: "captured"]
        try f.importList(importedTable([row]))
        // The same person in Latin letters is another spelling, so another row; the same
        // spelling with a corrected status is the same record.
        row[.says] = "released"
        row[.note] = "released 2024-05-20"
        let report = try f.importList(importedTable([row]), at: minutes(1))
        #expect(report.updated == 1 && report.added == 0)
        #expect(try f.count("registry_record") == 1)
        // Two rows naming the same person in one file: the second is refused.
        let error = #expect(throws: RegistryImportRefused.self) {
            try f.importList(importedTable([row, row]), list: "other")
        }
        #expect(error?.report.refused.first?.reason.contains("names the same person") == true)
    }

    @Test func aViewerCannotImportButCanReadTheRegistry() throws {
        let f = try Fixture()
        let h = f.hotline()
        _ = try h.addOperator("admin", by: OperatorName("admin"))
        _ = try h.addOperator("vera", role: "viewer", by: OperatorName("admin"))
        _ = try h.addOperator("anna", role: "operator", by: OperatorName("admin"))
        let before = try f.snapshot()
        #expect(throws: HotlineError.self) { try f.importList(importedTable([ivanov]), by: "vera") }
        #expect(try f.snapshot() == before)
        try f.importList(importedTable([ivanov]), by: "anna")
        #expect(try h.registryLists(as: OperatorName("vera")).map(\.records) == [1])
        #expect(try h.registryRecords(as: OperatorName("vera")).count == 1)
    }
}

extension ServiceNumber {
    static func key(_ text: String) -> String { try! ServiceNumber(parsing: text).key }
}
