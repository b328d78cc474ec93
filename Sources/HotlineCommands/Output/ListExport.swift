import ArgumentParser
import Foundation
import HotlineCore
import Synchronization

/// Where a list goes: the terminal, or a file a coordinator opens (`--output kursk.xlsx`).
struct OutputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write the list to this file instead: .xlsx (an Excel workbook), .csv or .json; "
                + "another name gets --format's output.",
            valueName: "file"),
        completion: .file())
    var output: String?

    @Flag(help: "CSV for a spreadsheet: starts with a UTF-8 byte order mark, so Excel reads Cyrillic right.")
    var excel = false
}

/// A command that prints a list, which `--output` and `--excel` apply to.
protocol ListCommand {
    var listOutput: OutputOptions { get }
}

/// Runs a list command with its output options: the command prints its list as it always
/// does (CSV for a workbook, which is then typed cell by cell), and the file is put in place
/// only when the command succeeded, so a refused filter leaves no file (and no half of one).
enum ListExport {
    /// What a file's name asks for.
    enum Kind: Equatable {
        case xlsx, csv, json
        /// Another name: the output of `--format`.
        case asFormatted
    }

    static func kind(of path: String) -> Kind {
        switch (path as NSString).pathExtension.lowercased() {
        case "xlsx": return .xlsx
        case "csv": return .csv
        case "json": return .json
        default: return .asFormatted
        }
    }

    /// Runs `body` with the format it is to print in, sending what it prints where `options` say.
    static func run(_ options: OutputOptions, format: OutputFormat, _ body: (OutputFormat) throws -> Void) throws {
        guard let path = options.output else {
            guard options.excel else { return try body(format) }
            Console.write("\u{FEFF}")
            return try body(.csv)
        }
        try refuseUnusable(path)
        let kind = kind(of: path)
        let printed: OutputFormat
        switch kind {
        case .xlsx, .csv: printed = .csv
        case .json: printed = .json
        case .asFormatted: printed = options.excel ? .csv : format
        }
        let captured = CapturedOutput()
        let errors = Console.current.writeErr
        try Console.$current.withValue(Console(out: captured.console.writeOut, err: errors)) { try body(printed) }
        let bytes: Data
        let rows: Int?
        switch kind {
        case .xlsx:
            let records = CSVRecords.parse(captured.out)
            let headers = records.first ?? []
            let body = Array(records.dropFirst())
            let typed = typedRows(body, columns: headers.count)
            bytes = try workbook(headers: headers, rows: typed, sheetName: sheetName(for: path))
            rows = body.count
        case .csv,
            .asFormatted where printed == .csv:
            bytes = Data(((options.excel ? "\u{FEFF}" : "") + captured.out).utf8)
            rows = max(0, CSVRecords.parse(captured.out).count - 1)
        default:
            bytes = Data(captured.out.utf8)
            rows = (try? JSONSerialization.jsonObject(with: bytes) as? [Any])?.map(\.count)
        }
        try write(bytes, to: path)
        // Whole messages: a count spliced in as text stayed English in a Russian sentence.
        let count = rows ?? 0
        let wrote: Message =
            rows == nil ? "Wrote \(path)." : count == 1 ? "Wrote 1 row to \(path)." : "Wrote \(count) rows to \(path)."
        Console.print(wrote)
    }

    /// A path a list cannot be written to is refused before the command runs.
    private static func refuseUnusable(_ path: String) throws {
        var isFolder: ObjCBool = false
        if path.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue)
        {
            throw HotlineError.invalidField(
                field: "--output", value: path, problem: "it is a folder", accepted: "a file name, such as kursk.xlsx")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty
            && !(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue)
        {
            throw HotlineError.invalidField(
                field: "--output", value: path, problem: "the folder \(HotlineError.quoted(folder)) does not exist",
                accepted: "a file in an existing folder (~ is the home folder)")
        }
        if PrivateFiles.isSymbolicLink(path) {
            throw HotlineError.invalidField(
                field: "--output", value: path, problem: "it is a symbolic link, and hotline never writes through one",
                accepted: "the real path of the file")
        }
    }

    /// Writes the file whole under a temporary name (mode 0600: it holds families' data), then
    /// renames it over `path`, so a reader never sees half a list.
    private static func write(_ bytes: Data, to path: String) throws {
        let temporary = "\(path).incomplete-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw unwritable(path, String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary)
            throw unwritable(path, "\(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw unwritable(path, reason)
        }
    }

    private static func unwritable(_ path: String, _ reason: String) -> HotlineError {
        .invalidField(
            field: "--output", value: path, problem: "it cannot be written: \(reason)",
            accepted: "a file in a folder you can write")
    }

    private static func workbook(headers: [String], rows: [[XLSXWriter.Cell]], sheetName: String) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("list.xlsx")
        try XLSXWriter.write(headers: headers, rows: rows, sheetName: sheetName, to: file)
        return try Data(contentsOf: file)
    }

    /// The sheet's name: the file's, within Excel's 31 characters and without the ones it refuses.
    static func sheetName(for path: String) -> String {
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let cleaned = String(base.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return cleaned.isEmpty ? "hotline" : cleaned
    }

    /// The CSV a list command printed, as cells a spreadsheet types: a UTC time or a whole
    /// date (as CSV and JSON write them) becomes a date; a column of whole numbers only (no
    /// leading zero, so a unit `0123` stays text) becomes numbers; the apostrophe that keeps
    /// a CSV cell from running as a formula is dropped (a workbook's text never runs).
    static func typedRows(_ rows: [[String]], columns: Int) -> [[XLSXWriter.Cell]] {
        let numeric = (0..<columns).map { column in
            rows.allSatisfy { row in
                let value = column < row.count ? row[column] : ""
                return value.isEmpty || isWholeNumber(value)
            } && rows.contains { column < $0.count && !$0[column].isEmpty }
        }
        return rows.map { row in
            row.enumerated().map { column, value in
                if value.isEmpty { return .empty }
                if column < numeric.count, numeric[column], let number = Int(value) { return .number(number) }
                if let date = day(value) { return .date(year: date.0, month: date.1, day: date.2) }
                if let time = utcTime(value) { return .time(time) }
                if value.count > 1, value.first == "'", let second = value.dropFirst().first,
                    "=+-@\t\r".contains(second)
                {
                    return .text(String(value.dropFirst()))
                }
                return .text(value)
            }
        }
    }

    private static func isWholeNumber(_ text: String) -> Bool {
        text.count <= 15 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
            && (text == "0" || text.first != "0")
    }

    /// `2024-03-02`, a whole date. Read digit by digit: Swift's Regex and ISO 8601 parser cost
    /// a millisecond a cell in a debug build (10,000 rows took 10 s).
    private static func day(_ text: String) -> (Int, Int, Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
            (1...12).contains(month), (1...31).contains(day), year >= 1900
        else { return nil }
        return (year, month, day)
    }

    /// `2026-11-30T11:35:14Z`, as the lists write times.
    private static func utcTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let date = day(String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
            hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilCalendar.days(fromCivil: date.0, date.1, date.2)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    /// The value of ASCII digits, or nil when one is not a digit.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}

/// RFC 4180 records, as `Render.csvRecord` writes them: the lists' own CSV read back.
enum CSVRecords {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.unicodeScalars.append(character)
                }
                continue
            }
            switch character {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ",":
                record.append(field)
                field = ""
                atFieldStart = true
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                atFieldStart = true
            case "\r":
                continue
            default:
                field.unicodeScalars.append(character)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
