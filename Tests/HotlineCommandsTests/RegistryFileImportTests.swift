import Foundation
import Testing

/// `registry import` on files real programs wrote (the reader's fixtures: LibreOffice's
/// windows-1251 CSV and XLSX of the same list, openpyxl's XLSX), through the command tree and a
/// real database file: what a coordinator's spreadsheet export does end to end.
@Suite struct RegistryFileImportTests {
    /// Tests/HotlineCoreTests/Fixtures/Lists, found from this file (the fixtures are the other
    /// test target's resources).
    static let lists = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HotlineCoreTests/Fixtures/Lists")

    func importList(_ cli: CLI, _ file: String, list: String = "ICRC Oct") async -> CLI.Result {
        await cli.run(
            [
                "registry", "import", Self.lists.appendingPathComponent(file).path, "--list", list,
                "--received", "2026-10-20", "--format", "json",
            ])
    }

    @Test func aWindows1251ExportThenTheSameListAsXLSXAddsOnceAndMatchesTheCase() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(
            person: "Иванов Иван Иванович", extra: ["--born", "1998", "--region", "Курская область"])

        let first = await importList(cli, "captured-1251-semicolon.csv")
        #expect(first.code == 0, "\(first.err)")
        let report = try #require(try first.json as? [String: Any])
        #expect(report["added"] as? Int == 6 && report["updated"] as? Int == 0)
        #expect((report["refused"] as? [Any])?.isEmpty == true)
        #expect(report["proposals"] as? Int == 1)

        // The same list saved by LibreOffice as XLSX (dates as date cells, a service number
        // stored as a number): the same records, nothing added twice.
        for file in ["captured-libreoffice.xlsx", "captured-openpyxl.xlsx", "captured-utf16le-tab.txt"] {
            let again = await importList(cli, file)
            #expect(again.code == 0, "\(file): \(again.err)")
            let counts = try #require(try again.json as? [String: Any])
            #expect(counts["added"] as? Int == 0 && counts["updated"] as? Int == 0, "\(file): \(again.out)")
            #expect(counts["unchanged"] as? Int == 6, "\(file): \(again.out)")
        }

        // The Cyrillic of the windows-1251 file arrived intact, and the case was proposed.
        let record = await cli.run(["registry", "show", "1", "--format", "json"])
        let shown = try #require(try record.json as? [String: Any])
        #expect((shown["names"] as? [String]) == ["Иванов Иван Иванович"])
        #expect(shown["serviceNumber"] as? String == "АБ-123456")
        #expect(shown["born"] as? String == "1998-03-12")
        let matches = try #require(try await cli.run(["match", "list", "--format", "json"]).json as? [[String: Any]])
        #expect(matches.count == 1 && matches.first?["case"] as? String == ref)
    }

    @Test func aUkrainianListInThreeNameColumnsReadsTheSameInEitherEncoding() async throws {
        let cli = try CLI()
        let utf8 = await importList(cli, "wounded-uk-semicolon.csv", list: "Wounded UA")
        #expect(utf8.code == 0, "\(utf8.err)")
        let added = try #require(try utf8.json as? [String: Any])["added"] as? Int
        #expect((added ?? 0) > 0)
        let cp1251 = await importList(cli, "wounded-uk-1251.csv", list: "Wounded UA")
        #expect(cp1251.code == 0, "\(cp1251.err)")
        let counts = try #require(try cp1251.json as? [String: Any])
        #expect(counts["added"] as? Int == 0 && counts["unchanged"] as? Int == added)
    }

    /// The import's summary in Russian and Ukrainian, check and real run alike. It was one
    /// message with a joined tail, a key no catalog held: the whole line came out in English.
    @Test func theSummaryIsInTheOperatorsLanguage() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry(
            person: "Иванов Иван Иванович", extra: ["--born", "1998", "--region", "Курская область"])
        let file = Self.lists.appendingPathComponent("captured-1251-semicolon.csv").path
        let words = ["registry", "import", file, "--list", "ICRC Oct", "--received", "2026-10-20"]
        let checked = await cli.run(words + ["--check", "--lang", "uk"])
        #expect(checked.code == 0, "\(checked.err)")
        #expect(checked.out.contains("(нічого не записано); пропозицій збігу було б: 1."), "\(checked.out)")
        let imported = await cli.run(words + ["--lang", "ru"])
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.contains("; предложений совпадения: 1."), "\(imported.out)")
        #expect(!imported.out.contains("rows") && !imported.out.contains("match proposals"), "\(imported.out)")
    }
}
