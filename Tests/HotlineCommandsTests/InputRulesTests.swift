import Foundation
import GRDB
import HotlineCore
import Testing

@testable import HotlineCommands

/// Settings that are numbers, configuration files that are not JSON, references typed with
/// typographic dashes, lookalike operators, phone numbers of another country, combining-mark
/// floods: refused with words (exit 78 for configuration), never a crash (issue 10).
struct InputRulesTests {
    @Test(arguments: ["3e6", "nan", "inf", "-inf", "-1e308", "-1", "abc", "", "1e-400x", "2147484"])
    func aBadBusyTimeoutInTheEnvironmentIsAConfigurationError(value: String) async throws {
        let error = await #expect(throws: HotlineError.self) {
            try await CommandContext.loadSettings(
                try GlobalOptions.parse([]),
                environment: ["HOTLINE_BUSY_TIMEOUT_SECONDS": value, "HOME": "/nonexistent"])
        }
        guard case .configuration(let message)? = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(message.description.contains("busyTimeoutSeconds"))
        #expect(message.description.contains("HOTLINE_BUSY_TIMEOUT_SECONDS"))
        #expect(message.description.contains("a number from 0 to 3600"))
    }

    @Test(arguments: [
        #"{"busyTimeoutSeconds": 2147484}"#, #"{"busyTimeoutSeconds": -1}"#, #"{"busyTimeoutSeconds": "abc"}"#,
        #"{"busyTimeoutSeconds": 1e308}"#, #"{"busyTimeoutSeconds": [1]}"#, #"{"version": 2}"#,
        #"{"version": "one"}"#,
    ])
    func aBadNumberInTheFileExits78NamingTheKey(json: String) async throws {
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("config.json")
        try Data(json.utf8).write(to: file)
        let result = await cli.run(["case", "list", "--config", file.path])
        #expect(result.code == 78)
        #expect(result.err.contains(json.contains("version") ? "version" : "busyTimeoutSeconds"), "\(result.err)")
        #expect(result.err.contains(file.path))
    }

    @Test func goodNumbersAreTaken() async throws {
        let settings = try await CommandContext.loadSettings(
            try GlobalOptions.parse([]), environment: ["HOTLINE_BUSY_TIMEOUT_SECONDS": "2.5", "HOME": "/nonexistent"])
        #expect(settings.busyTimeoutSeconds == 2.5)
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("config.json")
        try Data(#"{"busyTimeoutSeconds": 0, "version": 1}"#.utf8).write(to: file)
        let fromFile = try await CommandContext.loadSettings(
            try GlobalOptions.parse(["--config", file.path]), environment: [:])
        #expect(fromFile.busyTimeoutSeconds == 0)
    }

    @Test(arguments: ["0", "36601", "9223372036854775807"])
    func aNumericFlagOutOfRangeIsRefusedNamingIt(days: String) async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry()
        let result = await cli.run(["stats", "--days", days])
        #expect(result.code == 1)
        #expect(result.err.contains("invalid days '\(days)'") && result.err.contains("a number from 1 to 36600"))
        #expect(await cli.run(["stats", "--days", "36600"]).code == 0)
    }

    @Test(arguments: [
        ("{\"format\": \"json\",\n  \"db\": x}", "at line 2, column 9"),
        ("{\"format\" \"json\"}", "at line 1, column"),
        ("[\"phone\"]", "holds a JSON array, not an object"),
        ("\"text\"", "holds a JSON value, not an object"),
        ("", "is empty"),
        ("{\"format\": ", "ends before the JSON is complete"),
    ])
    func aBrokenConfigurationFileSaysWhichFileWhatAndWhere(content: String, said: String) async throws {
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("config.json")
        try Data(content.utf8).write(to: file)
        let result = await cli.run(["case", "list", "--config", file.path])
        #expect(result.code == 78)
        #expect(result.err.contains(file.path), "\(result.err)")
        #expect(result.err.contains(said), "\(result.err)")
        #expect(result.err.contains("a JSON object like Config/hotline.json"))
        #expect(!result.err.contains("NSCocoaErrorDomain") && !result.err.contains("3840"))
    }

    @Test func aConfigurationFileThatIsNotUTF8OrADirectoryIsRefused() async throws {
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("config.json")
        try Data([0xFF, 0xFE, 0x7B, 0x7D]).write(to: file)
        var result = await cli.run(["case", "list", "--config", file.path])
        #expect(result.code == 78 && result.err.contains("is not UTF-8 text"), "\(result.err)")
        result = await cli.run(["case", "list", "--config", cli.directory.path])
        #expect(result.code == 78 && result.err.contains("is a directory"), "\(result.err)")
    }

    @Test(arguments: ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}", "\u{FF0D}"])
    func aReferenceTypedWithAnyDashFindsTheCase(dash: String) async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let typed = ref.replacing("-", with: dash)
        let shown = await cli.run(["case", "show", typed])
        #expect(shown.code == 0, "\(shown.err)")
        #expect(shown.out.contains(ref))
        let wide = String(
            String.UnicodeScalarView(
                ref.unicodeScalars.map { $0.properties.numericType != nil ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
        #expect(await cli.run(["case", "status", wide, "searching"]).code == 0)
    }

    @Test func aLookalikeOperatorIsRefusedAndNothingIsWritten() async throws {
        let cli = try CLI()
        #expect(await cli.run(["operator", "add", "anna"], operatorName: "anna").code == 0)
        let before = try cli.operators()
        for lookalike in ["Anna", "ａｎｎａ", "\u{0430}nna", "anna\u{200B}", "\u{202E}anna"] {
            let result = await cli.run(["operator", "add", lookalike], operatorName: "anna")
            #expect(result.code == 1, "\(lookalike): \(result.err)")
            #expect(try cli.operators() == before)
        }
        // And she acts under any case or width of her name
        #expect(await cli.run(["case", "list"], operatorName: "ANNA").code == 0)
        #expect(await cli.run(["case", "list"], operatorName: "ａｎｎａ").code == 0)
        #expect(await cli.run(["case", "list"], operatorName: "\u{0430}nna").code == 1)
    }

    @Test func aForeignNationalNumberOrAMarkFloodIsRefusedAndNothingIsWritten() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry()
        let before = try cli.snapshot()
        let base = [
            "inquiry", "log", "--region", "Kursk", "--inquirer", "M", "--relationship", "mother", "--channel", "phone",
            "--new-case",
        ]
        var result = await cli.run(base + ["--person", "Petr Ivanov", "--contact", "phone:0501234567"])
        #expect(result.code == 1)
        #expect(result.err.contains("+380"), "\(result.err)")
        result = await cli.run(base + ["--person", "Petr" + String(repeating: "\u{0301}", count: 4_000_000)])
        #expect(result.code == 1)
        #expect(result.err.contains("invalid person") && result.err.contains("8000004 bytes"))
        #expect(result.err.count < 1000)
        result = await cli.run(
            base + [
                "--person", "Petr Ivanov", "--note",
                String(repeating: "e\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}", count: 2),
            ])
        #expect(result.code == 1 && result.err.contains("invalid note"))
        #expect(try cli.snapshot() == before)
    }
}

extension CLI {
    /// The operator table, row by row.
    func operators() throws -> [String] {
        let queue = try DatabaseQueue(path: dbPath)
        return try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM operator ORDER BY name").map { "\($0)" }
        }
    }
}
