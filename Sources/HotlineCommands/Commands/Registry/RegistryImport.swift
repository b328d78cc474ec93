import ArgumentParser
import Foundation
import HotlineCore

/// `hotline registry import FILE --list NAME --received DATE`: a list file into the registry.
struct RegistryImport: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a list (CSV or XLSX) into the registry and propose matches with the cases.",
        discussion: """
            Headers in Russian, Ukrainian or English are recognised (ФИО / ПІБ / full name, or Фамилия +
            Имя + Отчество; Дата рождения; В/ч; Личный номер; Звание; Регион; Статус; Дата; Место;
            Примечание); --map COLUMN=FIELD names any other. One invalid row refuses the whole file and
            nothing is written, unless --skip-invalid. Importing the list again (or a corrected version)
            updates its records in place. Nothing is applied to a case: matches wait in `match list`.
            Fields: \(RegistryField.allCases.map(\.rawValue).joined(separator: ", ")).
            Example:
              hotline registry import list-0512.csv --list "ICRC 2024-05-12" --received 12.05.2024 \\
                --originator ICRC --kind prisoners --says captured
            """)
    /// The pool: the records are matched on its readers at once while the import holds the write lock.
    static var oneConnection: Bool { false }

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The list file: .csv (comma, semicolon or tab) or .xlsx.")
    var file: String

    @Option(help: "The list's name; importing under the same name again updates it.")
    var list: String

    @Option(help: "When the list was received: DD.MM.YYYY, YYYY-MM-DD or YYYY.")
    var received: String

    @Option(help: "Who sent the list.")
    var originator: String?

    @Option(help: "prisoners, wounded, remains, exchange or other.")
    var kind: String?

    @Option(
        name: .customLong("map"), parsing: .unconditionalSingleValue,
        help: "COLUMN=FIELD: read the column with this header as this field (repeatable).")
    var maps: [String] = []

    @Option(help: "What the whole list says of everyone on it, when it has no status column (captured, deceased, …).")
    var says: String?

    @Option(help: "The file's text encoding: utf-8, utf-16 or windows-1251 (detected when left out).")
    var encoding: String?

    @Flag(help: "Its records may be told to families once a match is confirmed.")
    var tellable = false

    @Flag(help: "Write nothing: report the rows that would be refused and what would be added or updated.")
    var check = false

    @Flag(help: "Import the valid rows and list the refused ones, instead of refusing the whole file.")
    var skipInvalid = false

    @Option(help: "Write the refused rows to this CSV file (row, column, value, reason).")
    var rejects: String?

    func execute(_ context: CommandContext) throws {
        let encoding = try self.encoding.map { name in
            try TableEncoding(rawValue: name.lowercased()).orThrow(
                HotlineError.invalidField(
                    field: "encoding", value: name, problem: "it is not an encoding lists are read in",
                    accepted: .verbatim(TableEncoding.allCases.map(\.rawValue).joined(separator: ", "))))
        }
        let maps = try Self.parseMaps(maps)
        let table = try TableReader.read(path: file, encoding: encoding, maps: maps)
        let importOptions = RegistryImportOptions(
            list: list, received: received, originator: originator, kind: kind, says: says, tellable: tellable,
            check: check, skipInvalid: skipInvalid)
        let report: RegistryImportReport
        do {
            // A progress line on a terminal for long lists (matching takes milliseconds a row).
            let showsProgress = isatty(2) == 1 && table.rows.count >= 1_000
            report = try context.hotline.importRegistryList(
                table, options: importOptions, by: try context.operatorName()
            ) { done, total in
                if showsProgress { Console.writeError("\r  \(done) of \(total) new or changed rows matched…") }
            }
            if showsProgress { Console.writeError("\r\u{1B}[K") }
        } catch let refused as RegistryImportRefused {
            try writeRejects(refused.report.refused)
            show(refused.report, context: context)
            throw refused
        }
        try writeRejects(report.refused)
        show(report, context: context)
        // A check that finds rows the import would refuse fails like the import would.
        if check && !skipInvalid && !report.refused.isEmpty { throw ExitCode(1) }
    }

    /// `COLUMN=FIELD` pairs; the field by its name in `RegistryField`.
    static func parseMaps(_ words: [String]) throws -> [String: RegistryField] {
        var maps: [String: RegistryField] = [:]
        for word in words {
            let accepted: Message =
                "COLUMN=FIELD, FIELD one of \(RegistryField.allCases.map(\.rawValue).joined(separator: ", "))"
            guard let equals = word.lastIndex(of: "=") else {
                throw HotlineError.invalidField(
                    field: "map", value: word, problem: "there is no '='", accepted: accepted)
            }
            let column = String(word[..<equals]).trimmingCharacters(in: .whitespaces)
            let fieldName = String(word[word.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty,
                let field = RegistryField.allCases.first(where: { $0.rawValue.lowercased() == fieldName.lowercased() })
            else {
                throw HotlineError.invalidField(
                    field: "map", value: word, problem: column.isEmpty ? "no column is named" : "no such field",
                    accepted: accepted)
            }
            maps[column] = field
        }
        return maps
    }

    private func writeRejects(_ refused: [RowRefusal]) throws {
        guard let rejects else { return }
        var text = Render.csvRecord(["row", "column", "value", "reason"]) + "\n"
        for refusal in refused {
            text +=
                Render.csvRecord([String(refusal.row), refusal.column, Render.csvText(refusal.value), refusal.reason])
                + "\n"
        }
        guard FileManager.default.createFile(atPath: rejects, contents: Data(text.utf8)) else {
            throw HotlineError.invalidField(
                field: "rejects", value: rejects, problem: "the file cannot be written",
                accepted: "a path in a folder you can write to")
        }
    }

    private func show(_ report: RegistryImportReport, context: CommandContext) {
        if context.format == .json {
            Console.print((try? Render.json(report)) ?? "{}")
            return
        }
        if !report.refused.isEmpty {
            var table = TextTable(["ROW", "COLUMN", "VALUE", "REASON"])
            for refusal in report.refused {
                table.append([String(refusal.row), refusal.column, refusal.value, refusal.reason])
            }
            Console.printError(table.render())
        }
        // One whole message per outcome: a joined tail would make a key no catalog holds.
        let summary: Message =
            report.written
            ? "List \(report.list), \(report.file): \(report.rows) rows; \(report.added) added, "
                + "\(report.updated) updated, \(report.unchanged) unchanged, \(report.refused.count) refused; "
                + "\(report.proposals) match proposals\(context.pending)."
            : "List \(report.list), \(report.file): \(report.rows) rows; \(report.added) added, "
                + "\(report.updated) updated, \(report.unchanged) unchanged, \(report.refused.count) refused "
                + "(would be; nothing written); \(report.proposals) match proposals would be made."
        Console.print(summary)
        if report.written && report.proposals > 0 {
            Console.print("Review them: hotline match list --list \(ShellQuoting.word(report.list))")
        }
        if !report.missing.isEmpty {
            // Reported, never withdrawn here: a list can leave a person out by mistake.
            Console.print(
                "\(report.missing.count) records of list \(report.list) are not in this file; they stay as they were "
                    + "(hotline registry withdraw ID --note WHY withdraws one the source has withdrawn):")
            var table = TextTable(["RECORD", "ROW", "NAME"])
            for record in report.missing { table.append([String(record.record), String(record.row), record.name]) }
            Console.print(table.render())
        }
    }
}

/// A word as a shell would need it typed.
enum ShellQuoting {
    static func word(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "-_.:/".contains($0) }
            ? text : "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
