import Foundation
import Testing

@testable import HotlineCommands

/// Issue 17, items 1-3 and 10: help inside the shell, mistyped commands, completion by
/// position, and the shell's words naming files as a POSIX shell names them.
struct ShellHelpTests {
    @Test func helpOnAnyCommandInTheShellIsItsHelp() async throws {
        let cli = try CLI()
        for path in CommandTree.hotline.descendants().map(\.path) where !["shell", "demo", "help"].contains(path[0]) {
            let line = (path + ["--help"]).joined(separator: " ")
            let shell = try await cli.shell([line])
            let typed = await cli.run(path + ["--help"])
            #expect(shell.code == 0 && shell.err.isEmpty, "\(line): \(shell.err)")
            #expect(shell.out.contains("USAGE: hotline \(path.joined(separator: " "))"), "\(line)")
            #expect(
                shell.out.trimmingCharacters(in: .newlines) == typed.out.trimmingCharacters(in: .newlines), "\(line)")
        }
        let short = try await cli.shell(["case status -h"])
        #expect(short.out.contains("USAGE: hotline case status"))
    }

    @Test func aUsageErrorInTheShellPointsToWhatWorksThere() async throws {
        let cli = try CLI()
        let result = try await cli.shell(["inquiry log --bogus"])
        #expect(result.code == 64)
        #expect(result.err.contains("See 'inquiry log --help' (or 'help inquiry log')"), "\(result.err)")
        #expect(!result.err.contains("hotline inquiry log --help"))
        // The command line keeps its own wording.
        let typed = await cli.run(["inquiry", "log", "--bogus"])
        #expect(typed.err.contains("See 'hotline inquiry log --help'"))
    }

    @Test func aMistypedCommandIsNamedWithTheNearestOnes() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let before = try cli.snapshot()
        let typo = try await cli.shell(["cse list --open"])
        #expect(typo.code == 64)
        #expect(typo.err.contains("`cse` is not a command") && typo.err.contains("  case list --open"), "\(typo.err)")
        #expect(!typo.err.contains("Unknown option"))
        let close = try await cli.shell(["case close \(ref) --note 'found him'"])
        #expect(close.code == 64)
        #expect(close.err.contains("case status \(ref) closed --note 'found him'"), "\(close.err)")
        let bare = try await cli.shell(["case close"])
        #expect(bare.err.contains("case status REF closed"), "\(bare.err)")
        let list = try await cli.shell(["list"])
        #expect(list.err.contains("case list") && list.err.contains("registry list"), "\(list.err)")
        let nothingNear = try await cli.shell(["case frobnicate"])
        #expect(
            nothingNear.err.contains("the commands are: ") && nothingNear.err.contains("status"), "\(nothingNear.err)")
        // The command line says the same, as it is typed there.
        let typed = await cli.run(["cse", "list"])
        #expect(typed.code == 64 && typed.err.contains("  hotline case list"), "\(typed.err)")
        #expect(try cli.snapshot() == before)
    }

    /// Every command of the tree is found from a slip in its name (two neighbours swapped, or
    /// a letter dropped): the suggestions come from the tree, not from a list of today's commands.
    @Test func everyCommandIsSuggestedForASlipInItsName() {
        for (path, _) in CommandTree.hotline.descendants() {
            let name = Array(path.last!)
            guard name.count >= 4, name[1] != name[2] else { continue }
            let swapped = String(name[0]) + String(name[2]) + String(name[1]) + String(name[3...])
            let words = Array(path.dropLast()) + [swapped]
            let refusal = CommandSuggestions.unknownCommand(in: words, statuses: [], prefix: "")
            #expect(
                refusal?.description.contains("  " + path.joined(separator: " ")) == true,
                "\(words): \(refusal?.description ?? "none")")
        }
        #expect(CommandSuggestions.editDistance("stauts", "status") == 1)
        #expect(CommandSuggestions.unknownCommand(in: ["case", "list", "--open"], statuses: [], prefix: "") == nil)
    }

    @Test func tabCompletesWhatFitsThePosition() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let options = try GlobalOptions.parse(["--db", cli.dbPath, "--as", "tester"])
        let context = try await CommandContext.make(options)
        let completion = ShellCompletion(context: context)
        let rules = context.hotline.rules
        #expect(
            completion.complete(lineBeforeWord: "inquiry log --channel ", word: "")
                == rules.channels.terms.map(\.name).sorted())
        #expect(
            completion.complete(lineBeforeWord: "inquiry log --person x --relationship ", word: "")
                == rules.relationships.terms.map(\.name).sorted())
        #expect(
            completion.complete(lineBeforeWord: "case status \(ref) ", word: "")
                == rules.lifecycle.statuses.map(\.name).sorted())
        #expect(completion.complete(lineBeforeWord: "case status ", word: String(ref.prefix(2))) == [ref])
        #expect(completion.complete(lineBeforeWord: "case status \(ref) closed ", word: "").isEmpty)
        // Only the command's own options, and not those already given (a repeatable one stays).
        let logOptions = completion.complete(lineBeforeWord: "inquiry log --contact x --channel phone ", word: "--")
        #expect(logOptions.contains("--person") && logOptions.contains("--contact"))
        #expect(!logOptions.contains("--channel") && !logOptions.contains("--status") && !logOptions.contains("--open"))
        #expect(completion.complete(lineBeforeWord: "case list --region ", word: "RU-KRS") == ["RU-KRS"])
        #expect(
            completion.complete(lineBeforeWord: "operator role maria ", word: "") == ["admin", "operator", "viewer"])
        #expect(completion.complete(lineBeforeWord: "case ", word: "st") == ["status"])
        // A file, for a file's option and a path argument.
        let folder = cli.directory.path + "/"
        try Data().write(to: cli.directory.appendingPathComponent("kursk.xlsx"))
        #expect(
            completion.complete(lineBeforeWord: "case list --output ", word: folder + "ku") == [folder + "kursk.xlsx"])
        #expect(completion.complete(lineBeforeWord: "db backup ", word: folder + "ku") == [folder + "kursk.xlsx"])
    }

    @Test func tildeAndHomeExpandAsAPOSIXShellExpandsThem() throws {
        let home = "/home/maria"
        func split(_ line: String) throws -> [String] { try ShellWords.split(line, home: home) }
        #expect(try split("db backup ~/x.sqlite") == ["db", "backup", "/home/maria/x.sqlite"])
        #expect(try split("a ~ $HOME ${HOME}/b \"$HOME/c d\"") == ["a", home, home, home + "/b", home + "/c d"])
        // Quoted, escaped, inside a word, or another variable: as typed.
        #expect(try split("'~/x' \\~/x \"~/x\" a~b --output=~/x") == ["~/x", "~/x", "~/x", "a~b", "--output=~/x"])
        #expect(
            try split("'$HOME' \\$HOME $HOMEDIR $5 \"$PATH\" $") == ["$HOME", "$HOME", "$HOMEDIR", "$5", "$PATH", "$"])
        #expect(try split("~nosuchaccount-hotline/x") == ["~nosuchaccount-hotline/x"])
        #expect(try split("~root/x") == ["/root/x"])
        #expect(throws: ShellWords.Redirection.self) { try split("case list > kursk.csv") }
        #expect(try split("--note '>' \">5\" a>b") == ["--note", ">", ">5", "a>b"])
    }
}
