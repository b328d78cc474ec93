import Foundation
import GRDB

/// How a list is imported: which list it is, and what to do with rows that break a rule.
public struct RegistryImportOptions: Sendable {
    /// The list's name; a list imported again under the same name is updated in place.
    public var list: String
    /// When the list was received: a date as lists write them.
    public var received: String
    public var originator: String?
    /// prisoners, wounded, remains, exchange or other.
    public var kind: String?
    /// What the whole list says, for a list without a status column.
    public var says: String?
    /// Whether its records may be told to families once confirmed.
    public var tellable: Bool
    /// Write nothing; report what would be done.
    public var check: Bool
    /// Import the valid rows and list the others, instead of refusing the whole file.
    public var skipInvalid: Bool

    public init(
        list: String, received: String, originator: String? = nil, kind: String? = nil, says: String? = nil,
        tellable: Bool = false, check: Bool = false, skipInvalid: Bool = false
    ) {
        self.list = list
        self.received = received
        self.originator = originator
        self.kind = kind
        self.says = says
        self.tellable = tellable
        self.check = check
        self.skipInvalid = skipInvalid
    }
}

extension Hotline {
    /// The kinds of list.
    public static let registryListKinds = ["prisoners", "wounded", "remains", "exchange", "other"]

    /// Imports a list read by `TableReader`, in one transaction: every row is validated first;
    /// one invalid row refuses the whole file (`RegistryImportRefused`, nothing written) unless
    /// `skipInvalid`. A record already imported from the list (the same id, else the same
    /// person) is updated in place, never duplicated. Every new or changed record is compared
    /// with the cases; the proposals wait for a person. The import is in the audit.
    /// The records are written first, then matched (on the pool's readers at once, when the
    /// database has them); `progress` is told how many of the new or changed records are matched.
    public func importRegistryList(
        _ table: ImportedTable, options: RegistryImportOptions, by operatorName: OperatorName,
        progress: (_ done: Int, _ of: Int) -> Void = { _, _ in }
    ) throws -> RegistryImportReport {
        let today = now()
        let listName = try TextRule.name("list").validate(options.list)
        let received = try RegistryRowRules.date(options.received, field: "received", today: today)
        let originator = try TextRule.line("originator").validate(options.originator)
        let kind = try options.kind.map { text throws(HotlineError) in
            let wanted = text.trimmingWhitespace().lowercased()
            guard Self.registryListKinds.contains(wanted) else {
                throw .invalidField(
                    field: "kind", value: text, problem: "it is not a kind of list",
                    accepted: .verbatim(Self.registryListKinds.joined(separator: ", ")))
            }
            return wanted
        }
        let defaultSays = try options.says.map { text throws(HotlineError) in try rules.registry.says(text) }
        guard table.columns[.fullName] != nil || table.columns[.surname] != nil else {
            throw HotlineError.invalidField(
                field: "file", value: table.fileName,
                problem: "no column holds the names (headers: \(table.headers.joined(separator: ", ")))",
                accepted: "a column ФИО / ПІБ / full name, or Фамилия / Прізвище / surname with Имя / Ім'я / "
                    + "given name, or --map COLUMN=fullName")
        }

        // Every row checked before anything is written.
        let rowRules = RegistryRowRules(rules: rules, today: today, defaultSays: defaultSays, columns: table.columns)
        var valid: [ValidRegistryRow] = []
        var refused: [RowRefusal] = []
        var rowOfKey: [String: Int] = [:]
        for row in table.rows {
            switch rowRules.validate(row) {
            case .success(let checked):
                if let first = rowOfKey[checked.key] {
                    let byId = checked.key.hasPrefix("id:")
                    refused.append(
                        RowRefusal(
                            row: row.number,
                            column: (byId ? table.columns[.id] : table.columns[.fullName] ?? table.columns[.surname])
                                ?? "",
                            value: byId ? String(checked.key.dropFirst(3)) : checked.names.first ?? "",
                            reason: byId
                                ? "row \(first) has the same id"
                                : "row \(first) names the same person (name, birth, service number)"))
                } else {
                    rowOfKey[checked.key] = row.number
                    valid.append(checked)
                }
            case .failure(let errors):
                refused += errors.refusals
            }
        }
        refused.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        let at = now()
        let shouldWrite = !options.check && (refused.isEmpty || options.skipInvalid)

        func run(_ db: Database) throws -> RegistryImportReport {
            try authorize(operatorName, as: .operator, in: db)
            var listId = try db.registry.list(named: listName)?.id
            // A newer version of the list: what it no longer holds is reported, not withdrawn.
            let missing = try listId.map { try db.registry.records(listId: $0, notIn: valid.map(\.key)) } ?? []
            if shouldWrite {
                if let id = listId {
                    let old = try db.registry.list(id: id)!  // just found
                    try db.registry.updateList(
                        id: id, kind: kind ?? old.kind, received: received.description,
                        originator: originator ?? old.originator, tellable: options.tellable || old.tellable)
                } else {
                    listId = try db.registry.insertList(
                        name: listName, kind: kind ?? "other", received: received.description, originator: originator,
                        tellable: options.tellable, at: at, by: operatorName.name)
                }
            }
            var (added, updated, unchanged, proposals) = (0, 0, 0, 0)
            // The records are written first and judged after (the judging reads only the
            // cases); each new or changed one with the id its proposals go to, and whether
            // they are written (`--check` counts them).
            var toJudge: [(record: RegistryRecordRow, recordId: Int64?, write: Bool)] = []
            for row in valid {
                var stored = row.stored(listId: listId ?? -1)
                guard let id = listId, let existing = try db.registry.record(listId: id, key: row.key) else {
                    added += 1
                    if shouldWrite {
                        toJudge.append((stored, try db.registry.insert(stored, at: at), true))
                    } else if options.check {
                        toJudge.append((stored, nil, false))  // a new record's every pair is new
                    }
                    continue
                }
                stored.withdrawn = existing.withdrawn
                if stored.sameContent(as: existing) {
                    unchanged += 1
                    if shouldWrite, existing.rowNumber != row.number {
                        try db.registry.setRowNumber(row.number, id: existing.id!)
                    }
                } else {
                    updated += 1
                    if shouldWrite {
                        try db.registry.update(id: existing.id!, to: stored, at: at)
                        toJudge.append((stored, existing.id!, true))
                    } else if options.check {
                        toJudge.append((stored, existing.id!, false))
                    }
                }
            }
            let records = toJudge.map(\.record)
            try judgePairs(of: records, concurrently: shouldWrite, in: db) { index, pairs in
                if shouldWrite, index % 100 == 0 { progress(index, records.count) }
                let item = toJudge[index]
                proposals += try storeProposals(pairs, recordId: item.recordId, at: at, write: item.write, in: db)
            }
            let report = RegistryImportReport(
                list: listName, file: table.fileName, sha256: table.sha256, rows: table.rows.count, added: added,
                updated: updated, unchanged: unchanged, refused: refused, proposals: proposals, written: shouldWrite,
                missing: missing)
            if shouldWrite {
                try db.registry.appendEvent(
                    at: at, by: operatorName.name, action: "import", subject: listName,
                    detail: "file \(table.fileName) (sha256 \(table.sha256)): \(table.rows.count) rows, "
                        + "\(added) added, \(updated) updated, \(unchanged) unchanged, \(refused.count) refused, "
                        + "\(proposals) match proposals")
            }
            return report
        }

        if shouldWrite { return try database.write(run) }
        let report = try database.read(run)
        if !options.check && !refused.isEmpty { throw RegistryImportRefused(report: report) }
        return report
    }
}
