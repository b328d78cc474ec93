import Foundation
import HotlineCore

/// Formats shared by every command's output.
enum Render {
    /// Times in tables: the operator's local time, to the minute.
    static func time(_ date: Date) -> String {
        localTime.string(from: date)
    }

    /// Times in lists: the local minute in a table; in CSV, ISO 8601 UTC to the second, as in
    /// JSON (a spreadsheet or script reading the file must not guess the zone or lose seconds).
    static func time(_ date: Date, for format: OutputFormat) -> String {
        format == .table ? time(date) : timestamp(date)
    }

    /// A time as JSON writes it: ISO 8601 UTC, `2026-11-30T11:35:14Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// A region's name in the operator's language, English where it has none.
    static func name(of region: Region) -> String {
        switch Language.current {
        case .en: region.en
        case .ru: region.ru ?? region.en
        case .uk: region.uk ?? region.en
        }
    }

    private static let localTime: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    /// JSON for scripts, in the core's contract (`HotlineJSON`).
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try HotlineJSON.makeEncoder().encode(value), as: UTF8.self)
    }

    /// One CSV record (RFC 4180): fields quoted when they hold a comma, quote or line break.
    static func csvRecord(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacing("\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }

    /// Free text in a CSV cell that a spreadsheet would run as a formula gets a leading
    /// apostrophe: a family's "=HYPERLINK(…)" stays text.
    static func csvText(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}

extension Render {
    /// Prints a short list (already in memory) as a table, JSON array or CSV.
    static func list<T: Encodable>(_ items: [T], format: OutputFormat, columns: [(String, (T) -> String)]) throws {
        switch format {
        case .json:
            Console.print(try json(items))
        case .csv:
            Console.print(csvRecord(columns.map(\.0)))
            for item in items { Console.print(csvRecord(columns.map { csvText($0.1(item)) })) }
        case .table:
            guard !items.isEmpty else { return Console.print("Nothing to list.") }
            // A column's header is its CSV name in capitals, a message key like any other.
            var table = TextTable(columns.map { Message(stringLiteral: $0.0.uppercased()) })
            for item in items { table.append(columns.map { $0.1(item) }) }
            Console.print(table.render())
        }
    }
}
