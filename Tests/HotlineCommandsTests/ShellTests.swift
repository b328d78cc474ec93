import Foundation
import GRDB
import HotlineCore
import HotlineTesting
import Testing

@testable import HotlineCommands

extension CLI {
    /// Runs `lines` through a shell session on this test's database, as a script by default.
    func shell(
        _ lines: [String], interactive: Bool = false, keepGoing: Bool = false, operatorName: String = "tester",
        options: [String] = []
    ) async throws -> Result {
        try await shell(
            inputs: lines.map(LineInput.line), interactive: interactive, keepGoing: keepGoing,
            operatorName: operatorName, options: options)
    }

    func shell(
        inputs: [LineInput], interactive: Bool = false, keepGoing: Bool = false, operatorName: String = "tester",
        options extra: [String] = []
    ) async throws -> Result {
        var source = ScriptLineSource(inputs: inputs)
        return try await shell(
            source: &source, interactive: interactive, keepGoing: keepGoing, operatorName: operatorName, options: extra)
    }

    /// Runs the lines of `source` through a shell session; `options` are global options such
    /// as `--config`; `interrupts` counts Ctrl-Cs as the terminal's handler does.
    func shell(
        source: inout some LineSource, interactive: Bool = false, keepGoing: Bool = false,
        operatorName: String = "tester", options extra: [String] = [], console: Console? = nil,
        interrupts: (@Sendable () -> Int)? = nil, started: () throws -> Void = {}
    ) async throws -> Result {
        let options = try GlobalOptions.parse(["--db", dbPath, "--as", operatorName] + extra)
        let session = ShellSession(
            context: try await CommandContext.make(options), interactive: interactive, keepGoing: keepGoing,
            interrupts: interrupts)
        try started()
        let captured = CapturedOutput()
        let code = Console.$current.withValue(console ?? captured.console) { session.run(&source) }
        return Result(code: code, out: captured.out, err: captured.err)
    }

    func caseCount() throws -> Int {
        try DatabaseQueue(path: dbPath).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM person_case")! }
    }
}

private let logLine =
    "inquiry log --region RU-KRS --inquirer 'Мария' --relationship mother --channel phone --person"

struct ShellTests {
    @Test func quotedWordsKeepSpacesApostrophesAndQuotes() async throws {
        let cli = try CLI()
        let result = try await cli.shell([
            #"\#(logLine) "O'Brien \"Sasha\" Петров" --format json"#,
            #"\#(logLine) 'Д'\''Артаньян Олег' --format json"#,
            #"\#(logLine) Шевченко\ Тарас --format json  # a comment"#,
        ])
        #expect(result.code == 0, "\(result.err)")
        let people = try #require(try await cli.run(["case", "list", "--format", "json"]).json as? [[String: Any]])
            .compactMap { $0["person"] as? String }
        #expect(Set(people) == ["O'Brien \"Sasha\" Петров", "Д'Артаньян Олег", "Шевченко Тарас"])
    }

    @Test func helpInTheShellIsTheCLIsHelp() async throws {
        let cli = try CLI()
        let shellHelp = try await cli.shell(["help case list"])
        let cliHelp = await cli.run(["case", "list", "--help"])
        #expect(shellHelp.code == 0)
        #expect(shellHelp.out.contains("USAGE: hotline case list"))
        #expect(shellHelp.out.trimmingCharacters(in: .newlines) == cliHelp.out.trimmingCharacters(in: .newlines))
        let top = try await cli.shell(["help"])
        #expect(top.out.contains("SHELL COMMANDS:") && top.out.contains("begin"))
        // The shell's own commands are explained in the session's language, as the others are.
        let russian: CLI.Result = try await Language.$current.withValue(.ru) { try await cli.shell(["help"]) }
        #expect(russian.out.contains("КОМАНДЫ ОБОЛОЧКИ:"), "\(russian.out)")
        #expect(russian.out.contains("записать изменения транзакции"), "\(russian.out)")
    }

    @Test func firstFailingScriptLineStopsWithItsLineNumberAndCode() async throws {
        let cli = try CLI()
        let result = try await cli.shell([
            "# setup", "\(logLine) One", "", "\(logLine) Two --region Narnia", "\(logLine) Three",
        ])
        #expect(result.code == 1)
        #expect(result.err.contains("hotline: line 4: invalid region 'Narnia'"), "\(result.err)")
        #expect(try cli.caseCount() == 1)
    }

    @Test func keepGoingRunsTheLinesAfterAFailureButStillFails() async throws {
        let cli = try CLI()
        let result = try await cli.shell(
            ["\(logLine) One", "case status 1234-5678 located", "\(logLine) Three"], keepGoing: true)
        #expect(result.code == 1)
        #expect(result.err.contains("line 2:"))
        #expect(try cli.caseCount() == 2)
    }

    @Test func anErrorNeverEndsAnInteractiveSession() async throws {
        let cli = try CLI()
        let result = try await cli.shell(
            ["case list --region Narnia", "'unterminated", "\(logLine) After"], interactive: true)
        #expect(result.code == 0)
        #expect(result.err.contains("Narnia") && result.err.contains("single-quoted"))
        #expect(try cli.caseCount() == 1)
    }

    @Test func beginThenRollbackLeavesNothingWritten() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry()
        let before = try cli.snapshot()
        let result = try await cli.shell(["begin", "\(logLine) One", "\(logLine) Two", "case list", "rollback"])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("One") && result.out.contains("Two"))  // visible inside the transaction
        #expect(result.out.contains("Rolled back"))
        #expect(try cli.snapshot() == before)
    }

    @Test func beginThenCommitWritesEverything() async throws {
        let cli = try CLI()
        let result = try await cli.shell(["begin", "\(logLine) One", "\(logLine) Two", "commit"])
        #expect(result.code == 0, "\(result.err)")
        #expect(try cli.caseCount() == 2)
    }

    @Test func aFailingLineInsideAScriptTransactionRollsItAllBack() async throws {
        let cli = try CLI()
        let result = try await cli.shell(["begin", "\(logLine) One", "\(logLine) Two --born 3000", "commit"])
        #expect(result.code == 1)
        #expect(result.err.contains("line 3:"))
        #expect(try cli.caseCount() == 0)
    }

    @Test func endOfInputInsideATransactionRollsBack() async throws {
        let cli = try CLI()
        _ = try await cli.shell(["begin", "\(logLine) One"])
        #expect(try cli.caseCount() == 0)
    }

    @Test func invalidUTF8OrNULFailsThatLineOnly() async throws {
        let cli = try CLI()
        let inputs = [[0x63, 0x61, 0x73, 0x65, 0xFF], Array("case list\0".utf8), Array("\(logLine) Good".utf8)].map {
            StreamLineSource.decode($0)
        }
        let result = try await cli.shell(inputs: inputs, keepGoing: true)
        #expect(result.err.contains("line 1: the line is not valid UTF-8"))
        #expect(result.err.contains("line 2: the line contains a NUL byte"))
        #expect(try cli.caseCount() == 1)
    }

    @Test func streamSourceSplitsLinesFromAFileDescriptor() throws {
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("script.txt")
        try Data([0x61, 0x0A, 0xFF, 0x0A, 0x62, 0x0D, 0x0A, 0x63]).write(to: file)
        let descriptor = open(file.path, O_RDONLY)
        defer { close(descriptor) }
        var source = StreamLineSource(descriptor: descriptor)
        var lines: [LineInput] = []
        while let line = source.next(prompt: "") { lines.append(line) }
        #expect(lines == [.line("a"), .invalid("the line is not valid UTF-8"), .line("b"), .line("c")])
    }

    /// Lines longer than one read (64 KB) come out whole, with the short lines around them,
    /// including one whose newline is the last byte of a read.
    @Test func streamSourceReadsLinesLongerThanOneRead() throws {
        let cli = try CLI()
        let file = cli.directory.appendingPathComponent("long.txt")
        let long = String(repeating: "Иванов ", count: 50_000)  // 650,000 bytes
        // "a\n" then this line: its newline is the first read's last byte (offset 65,535).
        let exact = String(repeating: "x", count: 65_536 - 3)
        try Data("a\n\(exact)\n\(long)\nb\r\n\(long)".utf8).write(to: file)
        let descriptor = open(file.path, O_RDONLY)
        defer { close(descriptor) }
        var source = StreamLineSource(descriptor: descriptor)
        var lines: [LineInput] = []
        while let line = source.next(prompt: "") { lines.append(line) }
        #expect(lines == [.line("a"), .line(exact), .line(long), .line("b"), .line(long)])
    }

    @Test func formatSwitchesOutputForTheRestOfTheSession() async throws {
        let cli = try CLI()
        let result = try await cli.shell(["\(logLine) One", "format json", "case list"])
        #expect(result.out.contains("\"person\" : \"One\""))
    }

    @Test func theDatabaseCannotChangeMidSession() async throws {
        let cli = try CLI()
        let result = try await cli.shell(["case list --db /tmp/other.sqlite"])
        #expect(result.code == 1)
        #expect(result.err.contains("fixed for the session"))
    }

    @Test func commandsThatCannotRunInsideAreRefused() async throws {
        let cli = try CLI()
        #expect(try await cli.shell(["shell"]).code == 64)
        let group = try await cli.shell(["case"])
        #expect(group.code == 0 && group.out.contains("SUBCOMMANDS"))
    }

    @Test func whoamiNamesTheOperatorAndTheDatabase() async throws {
        let cli = try CLI()
        let result = try await cli.shell(["whoami"], operatorName: "maria")
        #expect(result.out.contains("maria") && result.out.contains(cli.dbPath))
    }
}

/// The line splitter against random words: quoting any word and splitting gives it back.
struct ShellWordsTests {
    @Test func quotedRandomWordsSplitBackExactly() throws {
        // Seeded, so a failing line comes back on the next run.
        var generator = SplitMix64(seed: 13)
        let alphabet = Array("aZ09 '\"\\$`#\t;|&*?Жж€👩‍👧\u{200F}-")
        for _ in 0..<2000 {
            let words = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                String(
                    (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
                    })
            }
            let line = words.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
            #expect(try ShellWords.split(line) == words, "\(line)")
        }
    }

    @Test func aQuoteFollowedByACombiningMarkStillQuotes() throws {
        #expect(try ShellWords.split("--person '\u{0301}Ана' x") == ["--person", "\u{0301}Ана", "x"])
        #expect(try ShellWords.split("\"\u{200D}👧\" y") == ["\u{200D}👧", "y"])
    }

    @Test func posixQuotingRules() throws {
        #expect(
            try ShellWords.split(#"a "b c" 'd e' f\ g "h\"i" 'j\k' "l\m""#) == [
                "a", "b c", "d e", "f g", "h\"i", "j\\k", "l\\m",
            ])
        #expect(try ShellWords.split("  ") == [])
        #expect(try ShellWords.split("a # b") == ["a"])
        #expect(try ShellWords.split("a#b") == ["a#b"])
        #expect(throws: ShellWords.UnterminatedQuote.self) { try ShellWords.split("'open") }
        #expect(throws: ShellWords.UnterminatedQuote.self) { try ShellWords.split("\"open") }
    }
}
