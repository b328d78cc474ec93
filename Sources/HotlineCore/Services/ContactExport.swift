import Foundation

extension Hotline {
    /// `case list --with-contacts`: the cases that pass `filter`, each with its inquirers'
    /// names, relationships and contacts, streamed to `body`. Families' contacts leave the
    /// database here, so only operators and admins may, and every case whose contacts were
    /// handed out gets a `note` in its history (who, when, `described`: the command as typed),
    /// which `audit` and `case show` list, in the same transaction: no contact leaves unrecorded.
    /// (A note per case rather than one operator-log row: the logs' kinds are fixed by shipped
    /// migrations, and a family's case is where a coordinator looks for who saw their number.)
    public func listCasesWithContacts(
        _ filter: CaseFilter, as reader: OperatorName, described: String,
        _ body: (CaseSummary, _ contacts: String) throws -> Void
    ) throws {
        let list = try ValidCaseList(filter, rules: rules)
        let at = now()
        try database.write { db in
            try authorize(reader, as: .operator, in: db)
            var refs: [String] = []
            try list.stream(in: db) { summary in
                refs.append(summary.ref)
                try body(summary, try db.cases.inquirerContacts(ref: summary.ref))
            }
            let note = "the inquirers' contacts were exported (\(described))"
            for ref in refs {
                guard let id = try db.cases.record(ref: ref)?.id else { continue }
                var history = HistoryWriter(caseId: id, at: at, by: reader, db: db)
                try history.append(kind: "note", note: note)
            }
        }
    }
}
