import Foundation
import HotlineCore
import Testing

@testable import HotlineCommands

/// Layered configuration: shipped defaults, then a file, then HOTLINE_* variables, then flags.
struct ConfigurationTests {
    @Test func withNothingGivenTheShippedDefaultsApply() async throws {
        let settings = try await CommandContext.loadSettings(
            try GlobalOptions.parse([]), environment: ["HOME": "/nonexistent"])
        var shipped = HotlineSettings.shipped
        #expect(shipped.format == nil)  // the CLI's key: read by the CLI, from the shipped file too
        shipped.format = "table"
        #expect(settings == shipped)
    }

    @Test func fileThenEnvironmentThenFlagsOverride() async throws {
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("config.json")
        try Data(
            #"{"db": "/from/file.sqlite", "operator": "file-op", "phone": {"defaultCountry": "UA"}, "lifecycle": {"closed": ["reunited", "closed", "archived"]}}"#
                .utf8
        ).write(to: file)
        var options = try GlobalOptions.parse(["--config", file.path])
        var settings = try await CommandContext.loadSettings(options, environment: [:])
        #expect(settings.db == "/from/file.sqlite")
        #expect(settings.phone.defaultCountry == "UA")
        #expect(settings.lifecycle.closed == ["reunited", "closed", "archived"])
        #expect(settings.lifecycle.open == HotlineSettings.shipped.lifecycle.open)

        settings = try await CommandContext.loadSettings(
            options, environment: ["HOTLINE_DB": "/from/env.sqlite", "HOTLINE_OPERATOR": "env-op"])
        #expect(settings.db == "/from/env.sqlite")
        #expect(settings.operator == "env-op")

        options = try GlobalOptions.parse([
            "--config", file.path, "--db", "/from/flag.sqlite", "--as", "flag-op",
        ])
        settings = try await CommandContext.loadSettings(
            options, environment: ["HOTLINE_DB": "/from/env.sqlite"])
        #expect(settings.db == "/from/flag.sqlite")
        #expect(settings.operator == "flag-op")
    }

    @Test func missingConfigurationFileIsAConfigurationError() async throws {
        let cli = try CLI()
        let result = await cli.run([
            "case", "list", "--config", cli.directory.appendingPathComponent("nope.json").path,
        ])
        #expect(result.code == 78)
        #expect(result.err.contains("does not exist"))
    }

    @Test func brokenLifecycleInTheFileIsRefusedBeforeAnythingRuns() async throws {
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("config.json")
        try Data(#"{"lifecycle": {"initial": "closed"}}"#.utf8).write(to: file)
        let result = await cli.run(["case", "list", "--config", file.path])
        #expect(result.code == 78)
        #expect(result.err.contains("lifecycle.initial"))
    }

    @Test func anotherHotlinesLifecycleFromTheFileIsEnforced() async throws {
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("config.json")
        try Data(#"{"lifecycle": {"closed": ["reunited", "closed"], "reopenTo": ["new"]}}"#.utf8).write(
            to: file)
        let ref = try await cli.logInquiry()
        #expect(await cli.run(["case", "status", ref, "closed", "--config", file.path]).code == 0)
        #expect(await cli.run(["case", "status", ref, "searching", "--config", file.path]).code == 1)
        #expect(await cli.run(["case", "status", ref, "new", "--config", file.path]).code == 0)
    }
}
