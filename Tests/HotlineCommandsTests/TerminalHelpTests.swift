import Foundation
import HotlineCore
import Testing

/// Issue 17 on a real terminal (tmux, keys typed as a person types them): `--help` in the
/// shell, a mistyped command, Tab by position, and files named with `~`.
@Suite(
    .serialized,
    .disabled(if: Terminal.tmux == nil, "tmux is not installed: the terminal tests need it (apt-get install tmux)"))
struct TerminalHelpTests {
    @Test func helpMistakesCompletionAndFilesOnATerminal() throws {
        let terminal = try Terminal()
        try terminal.start(environment: ["LANG": "C.UTF-8"])
        try terminal.waitFor("maria> ")

        // `--he` Tab completes to the one option that fits; the line shows the command's help.
        try terminal.type("case list --he")
        try terminal.press("Tab")
        usleep(300_000)
        try terminal.press("Enter")
        try terminal.waitFor("USAGE: hotline case list")

        // After `inquiry log --`, Tab twice lists that command's options only.
        try terminal.type("inquiry log --")
        try terminal.press("Tab")
        usleep(300_000)
        try terminal.press("Tab")
        // The list shows between the line typed and libedit's redraw of it.
        let options =
            try terminal.waitFor("--relationship").components(separatedBy: "inquiry log --").dropLast().last ?? ""
        #expect(
            options.contains("--new-case") && !options.contains("--open") && !options.contains("--status"), "\(options)"
        )
        try terminal.press("C-c")

        // Cyrillic typed, and `--channel tele` Tab completes to the channel.
        try terminal.type(
            "inquiry log --new-case --person 'Иванов Пётр Сергеевич' --region RU-KRS --inquirer 'Іванова Марія' "
                + "--relationship mother --channel tele")
        try terminal.press("Tab")
        usleep(300_000)
        try terminal.press("Enter")
        try terminal.waitFor("opened case")
        let cases = try #require(
            try JSONSerialization.jsonObject(with: Data(terminal.hotline(["case", "list", "--format", "json"]).utf8))
                as? [[String: Any]])
        let ref = try #require(cases.first?["ref"] as? String)
        let detail = try #require(
            try JSONSerialization.jsonObject(
                with: Data(terminal.hotline(["case", "show", ref, "--format", "json"]).utf8))
                as? [String: Any])
        let inquiry = try #require((detail["inquiries"] as? [[String: Any]])?.first)
        #expect(inquiry["channel"] as? String == "telegram")
        #expect(detail["person"] as? String == "Иванов Пётр Сергеевич")

        // At the status position of `case status REF`, Tab offers the statuses and nothing else.
        try terminal.type("case status \(ref) ")
        try terminal.press("Tab")
        usleep(300_000)
        try terminal.press("Tab")
        let statuses =
            try terminal.waitFor("reunited").components(separatedBy: "case status \(ref) ").dropLast().last ?? ""
        #expect(
            statuses.contains("searching") && !statuses.contains("spouse") && !statuses.contains("RU-BEL"),
            "\(statuses)")
        try terminal.type("loc")
        try terminal.press("Tab")
        usleep(300_000)
        try terminal.press("Enter")
        try terminal.waitFor("new -> located")

        // A mistyped command is named, with what was meant.
        try terminal.type("case close \(ref)")
        try terminal.press("Enter")
        try terminal.waitFor("case status \(ref) closed")

        // `~` is the home folder: the export and the backup land there.
        try terminal.type("case list --output ~/курск.xlsx")
        try terminal.press("Enter")
        try terminal.waitFor("Wrote 1 row to \(terminal.home)/курск.xlsx.")
        let table = try TableReader.read(path: terminal.home + "/курск.xlsx", maps: ["person": .fullName])
        #expect(table.rows.first?.values[.fullName] == "Иванов Пётр Сергеевич")
        try terminal.type("db backup ~/before-shift.sqlite")
        try terminal.press("Enter")
        try terminal.waitFor("\(terminal.home)/before-shift.sqlite")
        #expect(FileManager.default.fileExists(atPath: terminal.home + "/before-shift.sqlite"))
    }
}
