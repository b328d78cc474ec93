import ArgumentParser
import Foundation
import GRDB
import Testing

@testable import HotlineCommands
@testable import HotlineCore

/// The command layer's own rules: which commands open a database, formats refused before any
/// work, `--version`, CSV times, and the shell's completion built from the command tree.
struct CommandLayerTests {
    // MARK: Opening the database only for commands that need it

    @Test(arguments: [["region", "list"], ["region", "list", "--country", "UA"], ["region", "list", "--help"]])
    func commandsWithoutADatabaseCreateNoFile(_ words: [String]) async throws {
        let cli = try CLI()
        let result = await cli.run(words)
        #expect(result.code == 0, "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.dbPath))
    }

    @Test func helpAndVersionCreateNoFile() async throws {
        let cli = try CLI()
        for words in [["--help"], ["--version"], ["inquiry", "log", "--help"]] {
            let captured = CapturedOutput()
            let code = await Console.$current.withValue(captured.console) { await CommandRunner.run(words) }
            #expect(code == 0, "\(words): \(captured.err)")
        }
        #expect(await cli.run(["db", "version", "--help"]).code == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.dbPath))
    }

    @Test func versionPrintsTheVersion() async throws {
        let captured = CapturedOutput()
        let code = await Console.$current.withValue(captured.console) { await CommandRunner.run(["--version"]) }
        #expect(code == 0)
        #expect(captured.out.trimmingCharacters(in: .whitespacesAndNewlines) == HotlineCommand.version)
    }

    @Test func regionListInTheShellUsesTheSessionsFormat() async throws {
        let cli = try CLI()
        let result = try await cli.shell(["region list --country UA --format csv"])
        #expect(result.out.contains("code,english,russian,ukrainian"), "\(result.err)")
    }

    // MARK: Formats refused before any work

    @Test(arguments: [["stats", "--format", "csv"], ["case", "show", "1234-5678", "--format", "csv"]])
    func csvForARecordIsRefusedBeforeTheDatabaseIsOpened(_ words: [String]) async throws {
        let cli = try CLI()
        let result = await cli.run(words)
        #expect(result.code == 64)
        #expect(result.err.contains("csv is for lists"))
        #expect(!FileManager.default.fileExists(atPath: cli.dbPath))
    }

    // MARK: CSV times

    @Test func csvListsWriteTimesAsISO8601UTC() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry()
        let utc = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/
        let cases = await cli.run(["case", "list", "--format", "csv"])
        let row = try #require(cases.out.split(separator: "\n").dropFirst().first)
        #expect(row.matches(of: utc).count == 2, "\(row)")
        let audit = await cli.run(["audit", "--format", "csv"])
        #expect(audit.out.split(separator: "\n").dropFirst().allSatisfy { $0.prefixMatch(of: utc) != nil })
        let table = await cli.run(["audit"])
        #expect(table.out.contains(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/) && !table.out.contains(/T\d{2}:\d{2}:\d{2}Z/))
    }

    // MARK: db version and db migrate show pending work

    @Test func versionShowsPendingMigrationsAndMigrateAppliesThem() async throws {
        let cli = try CLI()
        let queue = try DatabaseQueue(path: cli.dbPath)
        try HotlineDatabase.migrator.migrate(queue, upTo: "v002_operators")
        try queue.close()
        let before = try #require(
            try await cli.run(["db", "version", "--format", "json"]).json as? [String: Any])
        #expect(before["pending"] as? [String] == ["v003_search", "v004_registry", "v007_names"])
        let migrated = await cli.run(["db", "migrate"])
        #expect(migrated.code == 0, "\(migrated.err)")
        #expect(migrated.out.contains("Pending migrations: none"))
        #expect(migrated.out.contains("Applied now: v003_search, v004_registry, v007_names"))
        let after = try #require(try await cli.run(["db", "version", "--format", "json"]).json as? [String: Any])
        #expect(after["pending"] as? [String] == [])
    }

    // MARK: Completion from the command tree

    /// Every command of the tree, with its path of words.
    static func leaves(_ command: any ParsableCommand.Type, path: [String] = []) -> [(
        [String], any ParsableCommand.Type
    )] {
        let subcommands = command.configuration.subcommands
        guard !subcommands.isEmpty else { return [(path, command)] }
        return subcommands.flatMap { leaves($0, path: path + [$0._commandName]) }
    }

    /// The long options a command's help lists, read from the help text (not from the tree
    /// completion reads), without the session's fixed `--db` and `--config`.
    static func optionsInHelp(_ command: any ParsableCommand.Type) -> Set<String> {
        let help = HotlineCommand.helpMessage(for: command, columns: 1_000)
        let section = help.split(separator: "OPTIONS:").last ?? ""
        return Set(
            section.split(separator: "\n").compactMap { line in
                line.firstMatch(of: /^\s+(?:-\w, )?(--[a-z][a-z-]*)/).map { String($0.1) }
            }
        ).subtracting(ShellCompletion.sessionOnlyOptions)
    }

    @Test func everyOptionOfEveryCommandIsOffered() async throws {
        let cli = try CLI()
        let options = try GlobalOptions.parse(["--db", cli.dbPath, "--as", "tester"])
        let completion = ShellCompletion(context: try await CommandContext.make(options))
        var checked = 0
        for (path, command) in Self.leaves(HotlineCommand.self) {
            let offered = Set(completion.complete(lineBeforeWord: path.joined(separator: " ") + " ", word: "--"))
            let expected = Self.optionsInHelp(command)
            #expect(
                !expected.isEmpty && expected.isSubset(of: offered), "\(path): missing \(expected.subtracting(offered))"
            )
            #expect(!offered.contains("--db") && !offered.contains("--config"))
            checked += expected.count
        }
        #expect(checked > 100)
        // The options the hand-kept list missed.
        for (line, option) in [
            ("stats ", "--days"), ("operator add x ", "--role"), ("audit ", "--since"), ("audit ", "--until"),
            ("audit ", "--operator"),
        ] {
            #expect(completion.complete(lineBeforeWord: line, word: "--").contains(option), "\(line)\(option)")
        }
    }

    @Test func anOptionsListedValuesAreOffered() async throws {
        let cli = try CLI()
        let options = try GlobalOptions.parse(["--db", cli.dbPath, "--as", "tester"])
        let completion = ShellCompletion(context: try await CommandContext.make(options))
        #expect(completion.complete(lineBeforeWord: "case list --format ", word: "") == ["csv", "json", "table"])
        #expect(
            completion.complete(lineBeforeWord: "operator add maria --role ", word: "") == [
                "admin", "operator", "viewer",
            ])
        #expect(completion.complete(lineBeforeWord: "case list --status ", word: "sea") == ["searching"])
        #expect(completion.complete(lineBeforeWord: "", word: "reg") == ["region", "registry"])
    }
}
