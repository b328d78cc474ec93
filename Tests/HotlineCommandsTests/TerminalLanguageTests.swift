import Foundation
import Testing

/// The shell in Ukrainian on a real terminal (tmux), Cyrillic typed as keys.
@Suite(
    .serialized,
    .disabled(if: Terminal.tmux == nil, "tmux is not installed: the terminal tests need it (apt-get install tmux)"))
struct TerminalLanguageTests {
    @Test func theShellSpeaksTheChosenLanguage() throws {
        let terminal = try Terminal()
        try terminal.start(environment: ["LANG": "C.UTF-8"], arguments: ["--as", "maria", "--lang", "uk"])
        try terminal.waitFor("maria> ")

        try terminal.type("case show 1234-5678")
        try terminal.press("Enter")
        try terminal.waitFor("hotline: неправильний номер справи '1234-5678': контрольна цифра не збігається.")

        // A refused Cyrillic value is echoed as typed inside the Ukrainian error.
        let line =
            "inquiry log --new-case --person 'Іваненко Петро' --inquirer 'Іваненко Марія' --relationship mother "
            + "--channel phone --region "
        try terminal.type(line + "'Нарнія'")
        try terminal.press("Enter")
        let screen = try terminal.waitFor("такого регіону немає")
        #expect(screen.contains("hotline: неприпустиме значення region 'Нарнія': такого регіону немає"), "\(screen)")

        try terminal.type(line + "UA-30")
        try terminal.press("Enter")
        try terminal.waitFor("записано; відкрито справу")

        // Tab offers a region's aliases too: `Kie` completes to Kiev, which is UA-30.
        try terminal.type("case list --region Kie")
        try terminal.press("Tab")
        usleep(300_000)
        try terminal.press("Enter")
        let listed = try terminal.waitFor("Справ: 1.")
        #expect(listed.contains("case list --region Kiev") && listed.contains("Іваненко Петро"), "\(listed)")
    }
}
