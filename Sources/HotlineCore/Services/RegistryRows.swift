import Foundation

/// One row of an imported list whose every cell passed its rule: what the registry stores.
struct ValidRegistryRow {
    let number: Int
    /// `id:` + the file's own id, else `content:` + who the row names (names, birth, service
    /// number): what a re-import finds the stored record by.
    let key: String
    let names: [String]
    let born: PartialDate?
    let unit: String?
    let serviceNumber: ServiceNumber?
    let rank: String?
    let region: Region?
    let says: RegistrySays
    let date: PartialDate?
    let place: String?
    let note: String?
    let evidence: [EvidenceReference]

    func stored(listId: Int64) -> RegistryRecordRow {
        RegistryRecordRow(
            id: nil, listId: listId, rowKey: key, rowNumber: number, names: names, born: born?.description,
            unit: unit, serviceNumber: serviceNumber?.text, serviceNumberKey: serviceNumber?.key, rank: rank,
            region: region?.code, says: says.name, newsDate: date?.description, place: place, note: note,
            evidence: evidence, withdrawn: false)
    }
}

/// The rules every cell of an imported list obeys: the same as the CLI's for the same field,
/// plus the date and name forms lists are written in.
struct RegistryRowRules {
    let rules: HotlineRules
    let today: Date
    /// What the whole list says when it has no status column (`--says`).
    let defaultSays: RegistrySays?
    /// Header of each field, for messages.
    let columns: [RegistryField: String]

    /// The row made valid, or every cell that broke a rule.
    func validate(_ row: ImportedRow) -> Result<ValidRegistryRow, RowErrors> {
        var errors: [RowRefusal] = []
        func cell<T>(_ field: RegistryField, _ parse: (String) throws(HotlineError) -> T) -> T? {
            guard let text = row.values[field] else { return nil }
            do {
                return try parse(text)
            } catch {
                errors.append(refusal(row, field, text, error))
                return nil
            }
        }
        let id = cell(.id) { text throws(HotlineError) in try TextRule.line("id").validate(text) }
        var names: [String] = []
        if let full = row.values[.fullName] {
            // One cell may hold several spellings: "Иванов Пётр / Ivanov Petr".
            for spelling in full.split(whereSeparator: { $0 == "/" || $0 == ";" || $0 == "\n" }) {
                let name = String(spelling).trimmingWhitespace()
                guard !name.isEmpty else { continue }
                do {
                    names.append(try TextRule.name("name").validate(name))
                } catch {
                    errors.append(refusal(row, .fullName, full, error))
                }
            }
        }
        let parts = [RegistryField.surname, .givenName, .patronymic].compactMap { row.values[$0] }
        if !parts.isEmpty {
            let joined = parts.joined(separator: " ")
            do {
                let name = try TextRule.name("name").validate(joined)
                if !names.contains(where: { NameFolding.key($0) == NameFolding.key(name) }) { names.append(name) }
            } catch {
                errors.append(refusal(row, row.values[.surname] != nil ? .surname : .givenName, joined, error))
            }
        }
        if names.isEmpty, !errors.contains(where: { $0.column == header(.fullName) || $0.column == header(.surname) }) {
            errors.append(
                RowRefusal(
                    row: row.number, column: header(.fullName), value: "",
                    reason: "the row names nobody: a full name, or a surname and a given name, is needed"))
        } else if !names.isEmpty, !names.contains(where: { NameFolding.words($0).count >= 2 }) {
            errors.append(
                RowRefusal(
                    row: row.number, column: header(row.values[.fullName] != nil ? .fullName : .surname),
                    value: names[0], reason: "one word is not enough to find the person: surname and given name needed")
            )
        }
        let born = cell(.born) { text throws(HotlineError) in try Self.date(text, field: "born", today: today) }
        let unit = cell(.unit) { text throws(HotlineError) in try TextRule.line("unit").validate(text) }
        let serviceNumber = cell(.serviceNumber) { text throws(HotlineError) in try ServiceNumber(parsing: text) }
        let rank = cell(.rank) { text throws(HotlineError) in try TextRule.line("rank").validate(text) }
        let region = cell(.region) { text throws(HotlineError) in try rules.regions.region(text) }
        var says = cell(.says) { text throws(HotlineError) in try rules.registry.says(text) }
        if row.values[.says] == nil {
            says = defaultSays
            if says == nil {
                errors.append(
                    RowRefusal(
                        row: row.number, column: header(.says), value: "",
                        reason: "nothing says what became of the person: a status column, or --says for the whole list"
                    ))
            }
        }
        let date = cell(.date) { text throws(HotlineError) in try Self.date(text, field: "date", today: today) }
        let place = cell(.place) { text throws(HotlineError) in try TextRule.line("place").validate(text) }
        let note = cell(.note) { text throws(HotlineError) in try TextRule.note("note").validate(text) }
        let evidence = cell(.evidence) { text throws(HotlineError) in try Self.evidence(text) }

        guard errors.isEmpty, let says else { return .failure(RowErrors(refusals: errors)) }
        let key: String
        if let id {
            key = "id:" + id
        } else {
            // Who the row names, not what it says of them: a corrected date or status updates the record.
            let who = names.map(NameFolding.key).sorted().joined(separator: "/")
            key = "content:\(who)|\(born?.description ?? "")|\(serviceNumber?.key ?? "")"
        }
        return .success(
            ValidRegistryRow(
                number: row.number, key: key, names: names, born: born, unit: unit, serviceNumber: serviceNumber,
                rank: rank, region: region, says: says, date: date, place: place, note: note, evidence: evidence ?? []))
    }

    struct RowErrors: Error {
        let refusals: [RowRefusal]
    }

    private func header(_ field: RegistryField) -> String { columns[field] ?? field.rawValue }

    private func refusal(_ row: ImportedRow, _ field: RegistryField, _ value: String, _ error: HotlineError)
        -> RowRefusal
    {
        let reason: String
        if case .invalidField(_, _, let problem, let accepted) = error {
            reason = "\(problem); accepted: \(accepted)"
        } else {
            reason = error.description
        }
        return RowRefusal(row: row.number, column: header(field), value: value, reason: reason)
    }

    /// A date as lists write it: `DD.MM.YYYY`, `MM.YYYY`, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`
    /// (a spreadsheet's date cell arrives as `YYYY-MM-DD`, perhaps with a midnight time).
    static func date(_ text: String, field: String, today: Date) throws(HotlineError) -> PartialDate {
        var text = text.trimmingWhitespace()
        for suffix in [" 00:00:00", "T00:00:00", " 0:00:00", " 00:00"] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count))
        }
        do {
            return try PartialDate(parsing: text, field: field, today: today)
        } catch {
            guard case .invalidField(_, _, let problem, _) = error else { throw error }
            throw .invalidField(
                field: field, value: text, problem: problem,
                accepted: "DD.MM.YYYY, YYYY-MM-DD or YYYY (also MM.YYYY, YYYY-MM), from 1900 to today")
        }
    }

    /// Evidence references: a file name or URL, optionally followed by its SHA-256 (64 hex
    /// digits); several separated by `;`.
    static func evidence(_ text: String) throws(HotlineError) -> [EvidenceReference] {
        var found: [EvidenceReference] = []
        for part in text.split(separator: ";") {
            let words = part.split(whereSeparator: \.isWhitespace).map(String.init)
            guard !words.isEmpty else { continue }
            var sha: String?
            var refWords = words
            if words.count > 1, let last = words.last, last.count == 64, last.allSatisfy(\.isHexDigit) {
                sha = last.lowercased()
                refWords.removeLast()
            }
            let ref = try TextRule.line("evidence").validate(refWords.joined(separator: " "))
            found.append(EvidenceReference(ref: ref, sha256: sha))
        }
        return found
    }
}
