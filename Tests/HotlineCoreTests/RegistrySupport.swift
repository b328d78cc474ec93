import Foundation
import Testing

@testable import HotlineCore

/// The headers a Russian list would have, for the fields a test table fills.
let russianHeaders: [RegistryField: String] = [
    .id: "№", .fullName: "ФИО", .surname: "Фамилия", .givenName: "Имя", .patronymic: "Отчество",
    .born: "Дата рождения", .unit: "В/ч", .serviceNumber: "Личный номер", .rank: "Звание", .region: "Регион",
    .says: "Статус", .date: "Дата", .place: "Место", .note: "Примечание", .evidence: "Evidence",
]

/// An imported list as the reader hands it over: `rows` in file order from row 2 (the header is row 1).
func importedTable(_ rows: [[RegistryField: String]], file: String = "list.csv", sha256: String? = nil)
    -> ImportedTable
{
    let fields = Set(rows.flatMap(\.keys))
    var columns: [RegistryField: String] = [:]
    for field in fields { columns[field] = russianHeaders[field] }
    if columns[.fullName] == nil && columns[.surname] == nil { columns[.fullName] = "ФИО" }
    return ImportedTable(
        fileName: file, sha256: sha256 ?? String(repeating: "ab", count: 32), format: "csv", encoding: "utf-8",
        headers: RegistryField.allCases.compactMap { columns[$0] }, columns: columns, ignoredHeaders: [],
        rows: rows.enumerated().map { ImportedRow(number: $0.offset + 2, values: $0.element) })
}

extension Fixture {
    @discardableResult
    func importList(
        _ table: ImportedTable, list: String = "ICRC 2024-05", received: String = "20.05.2024", says: String? = nil,
        check: Bool = false, skipInvalid: Bool = false, at now: Date = t0, by name: String = "anna"
    ) throws -> RegistryImportReport {
        try hotline(at: now).importRegistryList(
            table,
            options: RegistryImportOptions(
                list: list, received: received, originator: "ICRC", kind: "prisoners", says: says, check: check,
                skipInvalid: skipInvalid),
            by: OperatorName(name))
    }

    func matches(
        _ filter: MatchFilter = MatchFilter(states: MatchState.allCases.map(\.rawValue)), by name: String = "anna"
    )
        throws -> [MatchSummary]
    {
        try hotline().matches(filter, as: OperatorName(name))
    }

    func status(_ ref: String) throws -> String? {
        try strings("SELECT status FROM person_case WHERE ref = ?", [ref]).first ?? nil
    }
}

/// `draft(...)` with the person's service number.
func draft(
    person: String? = "Иванов Пётр Сергеевич", region: String? = "RU-KRS", born: String? = nil,
    unit: String? = nil, serviceNumber: String
) -> InquiryDraft {
    var inquiry = draft(person: person, region: region, born: born, unit: unit)
    inquiry.serviceNumber = serviceNumber
    return inquiry
}
