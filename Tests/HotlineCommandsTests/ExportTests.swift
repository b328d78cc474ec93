import Foundation
import HotlineCore
import Testing

@testable import HotlineCommands

/// Issue 17, items 10-11: lists written to a file a coordinator opens, read back by the
/// project's own XLSX reader and by real programs (openpyxl, LibreOffice) where installed.
struct ExportTests {
    /// Two cases, one with a full date of birth and a unit a spreadsheet would run as a formula.
    private func twoCases(_ cli: CLI) async throws -> (String, String) {
        let first = try await cli.logInquiry(
            person: "Иванов Пётр Сергеевич", extra: ["--born", "1998-03-02", "--unit", "=HYPERLINK(\"x\")"])
        let second = try await cli.logInquiry(person: "Шевченко Тарас", region: "UA-32", extra: ["--born", "1990"])
        return (first, second)
    }

    @Test func anXLSXExportReadsBackWithCyrillicDatesAndNumbers() async throws {
        let cli = try CLI()
        let (first, second) = try await twoCases(cli)
        let path = cli.directory.appendingPathComponent("cases.xlsx").path
        let result = await cli.run(["case", "list", "--output", path])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out == "Wrote 2 rows to \(path).\n")
        let russianPath = cli.directory.appendingPathComponent("дела.xlsx").path
        let russian = await cli.run(["case", "list", "--output", russianPath, "--lang", "ru"])
        #expect(russian.out == "Записано строк: 2; файл \(russianPath).\n", "\(russian.out)")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // The project's own reader (the one `registry import` uses).
        let table = try TableReader.read(
            path: path, maps: ["ref": .id, "person": .fullName, "born": .born, "unit": .unit, "opened": .date])
        #expect(table.format == "xlsx")
        #expect(
            table.headers == [
                "ref", "person", "born", "region", "unit", "status", "opened", "lastInquiry", "inquiries",
            ])
        let rows = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.values[.id] ?? "", $0.values) })
        #expect(rows[first]?[.fullName] == "Иванов Пётр Сергеевич")
        #expect(rows[first]?[.born] == "1998-03-02")  // a date cell: the reader gives dates as ISO
        #expect(rows[first]?[.unit] == "=HYPERLINK(\"x\")")  // text, never a formula, no apostrophe
        #expect(rows[second]?[.fullName] == "Шевченко Тарас")
        #expect(rows[second]?[.born] == "1990")  // a year alone stays text
        let today = Render.timestamp(Date()).prefix(10)
        #expect(rows[first]?[.date]?.hasPrefix(String(today)) == true, "\(rows[first]?[.date] ?? "")")

        // The cells' types, as the workbook's XML states them.
        let parts = XLSXWriter.parts(
            headers: ["a"],
            rows: ListExport.typedRows([["2024-05-01", "7", "0123", "2026-11-30T11:35:14Z"]], columns: 4),
            sheetName: "x")
        let sheet = try #require(parts.first { $0.0 == "xl/worksheets/sheet1.xml" }?.1)
        #expect(sheet.contains("<c r=\"A2\" s=\"2\"><v>45413</v></c>"))  // 2024-05-01 is day 45413
        #expect(sheet.contains("<c r=\"B2\"><v>7</v></c>"))
        #expect(sheet.contains("<t xml:space=\"preserve\">0123</t>"))
        #expect(sheet.contains("<c r=\"D2\" s=\"3\"><v>46356.48280092"))
    }

    @Test func openpyxlReadsTheWorkbook() async throws {
        guard let python = Self.program("python3"), Self.succeeds(python, ["-c", "import openpyxl"]) else { return }
        let cli = try CLI()
        let (first, _) = try await twoCases(cli)
        let path = cli.directory.appendingPathComponent("Курск.xlsx").path
        #expect(await cli.run(["case", "list", "--output", path]).code == 0)
        let script = """
            import openpyxl, sys, datetime
            sheet = openpyxl.load_workbook(sys.argv[1]).active
            rows = list(sheet.iter_rows(values_only=True))
            print(sheet.title)
            for row in rows: print("|".join(type(v).__name__ + ":" + str(v) for v in row))
            """
        let out = try Self.output(python, ["-W", "error", "-c", script, path])
        #expect(out.hasPrefix("Курск\n"), "\(out)")
        #expect(
            out.contains("str:\(first)|str:Иванов Пётр Сергеевич|datetime:1998-03-02 00:00:00|str:RU-KRS"), "\(out)")
        #expect(out.contains("|int:1\n"), "\(out)")  // the inquiries column: a number
    }

    @Test func libreOfficeConvertsTheWorkbookToCSV() async throws {
        guard let office = Self.program("soffice") else { return }
        let cli = try CLI()
        let (first, _) = try await twoCases(cli)
        let path = cli.directory.appendingPathComponent("cases.xlsx").path
        #expect(await cli.run(["case", "list", "--output", path]).code == 0)
        let converted = cli.directory.appendingPathComponent("converted")
        _ = try Self.output(
            office,
            [
                "-env:UserInstallation=file://\(cli.directory.path)/lo-profile", "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,true", "--outdir", converted.path, path,
            ])
        let csv = try String(contentsOf: converted.appendingPathComponent("cases.csv"), encoding: .utf8)
        let line = try #require(csv.split(separator: "\n").first { $0.hasPrefix(first) })
        // As the spreadsheet shows the cells: the date formatted as a date, the name intact.
        #expect(line.contains("Иванов Пётр Сергеевич") && line.contains("RU-KRS"), "\(csv)")
        #expect(!line.contains("1998-03-02T") && line.contains("98"), "\(csv)")
    }

    @Test func excelCSVStartsWithAByteOrderMarkAndOutputNamesTheFormat() async throws {
        let cli = try CLI()
        _ = try await twoCases(cli)
        let csv = cli.directory.appendingPathComponent("cases.csv").path
        #expect(await cli.run(["case", "list", "--output", csv, "--excel"]).code == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("ref,person,born"))
        // To standard output too, as CSV whatever the format.
        let printed = await cli.run(["audit", "--excel"])
        #expect(printed.out.hasPrefix("\u{FEFF}at,"), "\(printed.out.prefix(40))")
        let json = cli.directory.appendingPathComponent("audit.json").path
        #expect(await cli.run(["audit", "--output", json]).code == 0)
        let entries = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [Any]
        let printedJSON = try await cli.run(["audit", "--format", "json"]).json as? [Any]
        #expect(entries?.count == printedJSON?.count && entries?.isEmpty == false)
    }

    @Test func aRefusedListWritesNoFile() async throws {
        let cli = try CLI()
        _ = try await twoCases(cli)
        let path = cli.directory.appendingPathComponent("bad.xlsx").path
        let refused = await cli.run(["case", "list", "--status", "nosuch", "--output", path])
        #expect(refused.code == 1)
        let missingFolder = await cli.run(["case", "list", "--output", "/nonexistent-hotline/x.csv"])
        #expect(
            missingFolder.code == 1 && missingFolder.err.contains("the folder '/nonexistent-hotline' does not exist"))
        let folder = await cli.run(["case", "list", "--output", cli.directory.path])
        #expect(folder.code == 1 && folder.err.contains("it is a folder"))
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(left.allSatisfy { !$0.hasPrefix("bad.xlsx") }, "\(left)")
    }

    @Test func contactsAreForOperatorsAndAdminsAndRecordedInTheCases() async throws {
        let cli = try CLI()
        #expect(await cli.run(["operator", "add", "anna"], operatorName: "anna").code == 0)
        #expect(await cli.run(["operator", "add", "oleg", "--role", "operator"], operatorName: "anna").code == 0)
        #expect(await cli.run(["operator", "add", "vera", "--role", "viewer"], operatorName: "anna").code == 0)
        let ref = try await cli.logInquiry(operatorName: "oleg")
        let second = await cli.run(
            [
                "inquiry", "log", "--case", ref, "--inquirer", "Іванов Сергій", "--relationship", "father",
                "--channel", "phone", "--contact", "phone:8 916 123-45-67", "--contact", "email:S@example.org",
            ], operatorName: "oleg")
        #expect(second.code == 0, "\(second.err)")
        let contacts = "Иванова Мария (mother); Іванов Сергій (father): email:s@example.org, phone:+79161234567"
        let path = cli.directory.appendingPathComponent("contacts.xlsx").path

        let before = try cli.snapshot()
        let refused = await cli.run(["case", "list", "--with-contacts", "--output", path], operatorName: "vera")
        #expect(refused.code == 77, "\(refused.err)")
        #expect(try cli.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: path))
        // Without contacts, a viewer still lists the cases.
        #expect(await cli.run(["case", "list"], operatorName: "vera").code == 0)

        let done = await cli.run(["case", "list", "--with-contacts", "--output", path], operatorName: "oleg")
        #expect(done.code == 0, "\(done.err)")
        let table = try TableReader.read(path: path, maps: ["ref": .id, "person": .fullName, "contacts": .note])
        #expect(table.headers.last == "contacts")
        #expect(table.rows.first?.values[.note] == contacts)
        let audit = try #require(
            try await cli.run(["audit", "--format", "json"], operatorName: "vera").json as? [[String: Any]])
        // One audit row for the export (who, the file, how many cases, the filter), no notes.
        let exports = audit.filter { $0["kind"] as? String == "export" }
        #expect(exports.count == 1, "\(audit)")
        let export = try #require(exports.first)
        #expect(export["subject"] as? String == path && export["by"] as? String == "oleg", "\(export)")
        #expect(export["field"] as? String == "contacts" && export["to"] as? String == "1", "\(export)")
        #expect(export["note"] as? String == "case list --with-contacts", "\(export)")
        #expect(!audit.contains { $0["kind"] as? String == "note" }, "\(audit)")
        let history = try #require(
            try await cli.run(["case", "show", ref, "--format", "json"], operatorName: "vera").json as? [String: Any])
        #expect(!"\(history)".contains("exported"))
        let filtered = await cli.run(
            ["case", "list", "--with-contacts", "--region", "RU-KRS", "--open", "--format", "json"],
            operatorName: "anna")
        #expect(filtered.code == 0, "\(filtered.err)")
        let latest = try #require(
            try await cli.run(["audit", "--format", "json", "--limit", "1"], operatorName: "vera").json
                as? [[String: Any]])
        #expect(latest.first?["subject"] as? String == "(standard output)", "\(latest)")
        #expect(
            latest.first?["note"] as? String == "case list --with-contacts --open --region RU-KRS", "\(latest)")
        let json = try #require(
            try await cli.run(["case", "list", "--with-contacts", "--format", "json"], operatorName: "anna").json
                as? [[String: Any]])
        #expect(json.first?["contacts"] as? String == contacts)
    }

    @Test func everyListCommandTakesOutput() {
        // The list commands: those that print in CSV (every format) take --output and --excel.
        for (path, command) in CommandTree.hotline.descendants() where command.subcommands.isEmpty {
            let isList = command.option("--output") != nil
            #expect(isList == (command.option("--excel") != nil), "\(path)")
        }
        for path in [
            ["case", "list"], ["search"], ["audit"], ["registry", "list"], ["match", "list"], ["operator", "list"],
        ] {
            #expect(CommandTree.hotline.command(namedBy: path).command.option("--output") != nil, "\(path)")
        }
    }

    // MARK: - Real programs

    static func program(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + name }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
            ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/\(name)" }.first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
    }

    static func succeeds(_ executable: String, _ arguments: [String]) -> Bool {
        (try? output(executable, arguments)) != nil
    }

    /// Runs a program; its standard output, or an error when it fails.
    static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }
}
