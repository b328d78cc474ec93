import Foundation

extension Hotline {
    /// `case list --with-contacts`: the cases that pass `filter`, each with its inquirers'
    /// names, relationships and contacts, streamed to `body`. Families' contacts leave the
    /// database here, so only operators and admins may, and each export is one row of the
    /// export log (who, when, `described`: the filter as typed, how many cases, the `file`
    /// written or `nil` for standard output), which `audit` lists, in the same transaction: no
    /// contact leaves unrecorded. (One row per export rather than a note in every case's
    /// history: a 10,000-case export wrote 10,000 notes.)
    public func listCasesWithContacts(
        _ filter: CaseFilter, as reader: OperatorName, described: String, file: String? = nil,
        _ body: (CaseSummary, _ contacts: String) throws -> Void
    ) throws {
        let list = try ValidCaseList(filter, rules: rules)
        let at = now()
        try database.write { db in
            try authorize(reader, as: .operator, in: db)
            var cases = 0
            try list.stream(in: db) { summary in
                cases += 1
                try body(summary, try db.cases.inquirerContacts(ref: summary.ref))
            }
            try db.recordContactExport(at: at, by: reader.name, filter: described, cases: cases, file: file)
        }
    }
}
