import Foundation
import HotlineCore
import HotlineTesting
import ZIPFoundation

/// `lists`: `TableReader` on a generated list of N rows (CSV in UTF-8 and in windows-1251,
/// XLSX with shared strings and date cells, as Excel writes it), each read in a child process
/// (`hotline-bench lists --read FILE`) so its peak memory is the reader's own.
enum ListReadingBenchmark {
    static func run(rows: Int, seed: UInt64, log: (String) -> Void = { Output.line($0) }) throws -> Table {
        let directory = NSTemporaryDirectory() + "hotline-bench-lists-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        log("  writing a \(Format.count(rows))-row list as CSV and XLSX…")
        let list = GeneratedList(rows: rows, seed: seed)
        let files = [
            ("CSV, UTF-8, ;", directory + "/list-utf8.csv", try list.csv(encoding: .utf8)),
            ("CSV, windows-1251, ;", directory + "/list-1251.csv", try list.csv(encoding: .windowsCP1251)),
            (
                "one-row CSV (baseline)", directory + "/one-row.csv",
                try GeneratedList(rows: 1, seed: seed).csv(encoding: .utf8)
            ),
        ]
        for (_, path, data) in files { try data.write(to: URL(fileURLWithPath: path)) }
        let workbook = directory + "/list.xlsx"
        try list.writeXLSX(to: URL(fileURLWithPath: workbook))

        var table = Table(
            title: "reading a list file (TableReader), \(Format.count(rows)) rows",
            columns: ["file", "size", "read", "rows/s", "peak RSS", "target", "verdict"])
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let timer = "/usr/bin/time"
        let viaTime = FileManager.default.isExecutableFile(atPath: timer)
        for (label, path) in [
            (files[2].0, files[2].1), (files[0].0, files[0].1), (files[1].0, files[1].1),
            ("XLSX, shared strings, dates", workbook),
        ] {
            log("  reading \(label)…")
            let report = directory + "/rss"
            let child = [me, "lists", "--read", path]
            let run = try Spawn.run(viaTime ? [timer, "-f", "%M", "-o", report] + child : child)
            guard run.exitCode == 0 else { throw BenchError("reading \(path) exited \(run.exitCode): \(run.stderr)") }
            // The child prints "ROWS SECONDS" on stderr; /usr/bin/time writes the peak to `report`.
            let figures = run.stderr.split(whereSeparator: \.isWhitespace)
            guard figures.count >= 2, let read = Int(figures[0]), let seconds = Double(figures[1]) else {
                throw BenchError("reading \(path) printed \(run.stderr)")
            }
            let kilobytes =
                viaTime
                ? (try? String(contentsOfFile: report, encoding: .utf8)).flatMap {
                    Double($0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
                } : nil
            let megabytes = kilobytes.map { $0 / 1024 } ?? Double(run.peakBytes) / 1_048_576
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let baseline = read == 1
            // The import as a whole must reach 200 rows/s under 200 MB; reading is to be a small
            // part of it: 20 times that speed, a quarter of the memory.
            let met = seconds > 0 && Double(read) / seconds >= 4_000 && megabytes < 50
            table.add([
                label, String(format: "%.1f MB", Double(size) / 1_000_000), Format.time(seconds),
                baseline ? "" : Format.count(Int(Double(read) / seconds)), String(format: "%.1f MB", megabytes),
                baseline ? "" : ">= 4,000/s, < 50 MB", baseline ? "" : Format.verdict(met),
            ])
        }
        table.notes = [
            "Each file read by `hotline-bench lists --read FILE` in its own process: the time is",
            "TableReader.read alone (decode, parse, headers, SHA-256); peak RSS from /usr/bin/time,",
            "the whole process's (the one-row file shows what the process costs without a list).",
            "Target: a small part of the whole import's >= 200 rows/s and < 200 MB (issue 12).",
        ]
        return table
    }

    /// The child's side: read `path` once, print the row count and seconds on stderr.
    static func readOnce(_ path: String) throws {
        let clock = Stopwatch()
        let table = try TableReader.read(path: path)
        let seconds = clock.seconds
        FileHandle.standardError.write(Data("\(table.rows.count) \(seconds)\n".utf8))
    }
}

/// A list as the other side sends it: a row id, the name, birth date, unit, service number,
/// rank, region, status, date and place of the news, a note.
struct GeneratedList {
    struct Row {
        let id: Int
        let name: String
        let born: (year: Int, month: Int, day: Int)
        let unit: String
        let serviceNumber: String
        let region: String
        let says: String
        let date: (year: Int, month: Int, day: Int)
        let note: String
    }

    static let headers = [
        "№", "ФИО", "Дата рождения", "В/ч", "Личный номер", "Звание", "Регион", "Статус", "Дата", "Место",
        "Примечание",
    ]
    let rows: [Row]

    init(rows count: Int, seed: UInt64) {
        let generator = LoadGenerator(seed: seed)
        var rng = SplitMix64(seed: seed, stream: 77, item: 0)
        let letters = Array("АБВГДЕЖИКЛМНПРСТ")
        let statuses = ["captured", "wounded", "deceased", "released", "exchanged"]
        rows = (0..<count).map { index in
            let person = generator.person(index, fresh: true)
            let prefix = String([letters[rng.below(letters.count)], letters[rng.below(letters.count)]])
            return Row(
                id: index + 1, name: "\(person.surname) \(person.given) \(person.patronymic.male)",
                born: person.born, unit: person.unit ?? "",
                serviceNumber: "\(prefix)-\(100_000 + rng.below(900_000))",
                region: person.region.ru ?? person.region.en,
                says: statuses[rng.below(statuses.count)], date: (2026, rng.within(1...10), rng.within(1...28)),
                note: rng.chance(0.1) ? "сведения уточняются,\nпо словам сослуживцев" : "")
        }
    }

    static func dotted(_ date: (year: Int, month: Int, day: Int)) -> String {
        String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
    }

    static let ranks = ["рядовой", "ефрейтор", "младший сержант", "сержант", "лейтенант"]

    func csv(encoding: String.Encoding) throws -> Data {
        func quoted(_ cell: String) -> String {
            cell.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        var text = Self.headers.joined(separator: ";") + "\r\n"
        for row in rows {
            let cells = [
                String(row.id), row.name, Self.dotted(row.born), row.unit, row.serviceNumber,
                Self.ranks[row.id % Self.ranks.count], row.region, row.says, Self.dotted(row.date), "Курская обл.",
                row.note,
            ]
            text += cells.map(quoted).joined(separator: ";") + "\r\n"
        }
        guard let data = text.data(using: encoding) else { throw BenchError("the list cannot be encoded") }
        return data
    }

    /// An XLSX as Excel writes it: every text cell a shared string, dates as serial numbers in
    /// a cell format with the built-in date format 14.
    func writeXLSX(to url: URL) throws {
        var strings: [String] = []
        var index: [String: Int] = [:]
        func shared(_ text: String) -> Int {
            if let known = index[text] { return known }
            strings.append(text)
            index[text] = strings.count - 1
            return strings.count - 1
        }
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        func serial(_ date: (year: Int, month: Int, day: Int)) -> Int {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let epoch = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30))!
            let day = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
            return Int((day.timeIntervalSince(epoch) / 86_400).rounded())
        }
        let columns = Array("ABCDEFGHIJK")
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        sheet += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        sheet += "<row r=\"1\">"
        for (column, header) in Self.headers.enumerated() {
            sheet += "<c r=\"\(columns[column])1\" t=\"s\"><v>\(shared(header))</v></c>"
        }
        sheet += "</row>"
        for (offset, row) in rows.enumerated() {
            let r = offset + 2
            sheet += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(row.id)</v></c>"
            sheet += "<c r=\"B\(r)\" t=\"s\"><v>\(shared(row.name))</v></c>"
            sheet += "<c r=\"C\(r)\" s=\"1\"><v>\(serial(row.born))</v></c>"
            if !row.unit.isEmpty { sheet += "<c r=\"D\(r)\" t=\"s\"><v>\(shared(row.unit))</v></c>" }
            sheet += "<c r=\"E\(r)\" t=\"s\"><v>\(shared(row.serviceNumber))</v></c>"
            sheet += "<c r=\"F\(r)\" t=\"s\"><v>\(shared(Self.ranks[row.id % Self.ranks.count]))</v></c>"
            sheet += "<c r=\"G\(r)\" t=\"s\"><v>\(shared(row.region))</v></c>"
            sheet += "<c r=\"H\(r)\" t=\"s\"><v>\(shared(row.says))</v></c>"
            sheet += "<c r=\"I\(r)\" s=\"1\"><v>\(serial(row.date))</v></c>"
            sheet += "<c r=\"J\(r)\" t=\"s\"><v>\(shared("Курская обл."))</v></c>"
            if !row.note.isEmpty { sheet += "<c r=\"K\(r)\" t=\"s\"><v>\(shared(row.note))</v></c>" }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        var sst = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        sst += "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\">"
        for text in strings { sst += "<si><t xml:space=\"preserve\">\(escaped(text))</t></si>" }
        sst += "</sst>"
        let relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
            ),
            (
                "_rels/.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(relationship)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>"
            ),
            (
                "xl/workbook.xml",
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"\(relationship)\">"
                    + "<sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(relationship)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"\(relationship)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"\(relationship)/styles\" Target=\"styles.xml\"/>"
                    + "</Relationships>"
            ),
            (
                "xl/styles.xml",
                "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs>"
                    + "</styleSheet>"
            ),
            ("xl/sharedStrings.xml", sst),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
    }
}
