import Foundation
import Testing

/// `notice done` typed in Cyrillic into `hotline shell` on a real terminal (tmux), read back
/// byte for byte: what an operator wrote that they told a mother is what the history keeps.
@Suite(
    .serialized,
    .disabled(if: Terminal.tmux == nil, "tmux is not installed: the terminal tests need it (apt-get install tmux)"))
struct NoticeShellTests {
    @Test func aCyrillicNoteTypedIntoTheShellIsStoredAsTyped() throws {
        let terminal = try Terminal()
        _ = try terminal.hotline(["operator", "add", "maria", "--as", "maria"])
        let logged = try terminal.hotline([
            "inquiry", "log", "--person", "Иванов Пётр", "--region", "RU-KRS", "--inquirer", "Иванова Мария",
            "--relationship", "mother", "--channel", "phone", "--contact", "phone:8 916 123-45-67", "--new-case",
            "--format", "json", "--as", "maria",
        ])
        let ref = try #require(
            (try JSONSerialization.jsonObject(with: Data(logged.utf8)) as? [String: Any])?["case"] as? String)
        _ = try terminal.hotline(["case", "status", ref, "captured", "--as", "maria"])
        try terminal.start(environment: ["LANG": "C.UTF-8"])
        try terminal.waitFor("maria> ")
        let note = "Сказали матери: он жив, в плену; Ґалина передасть"
        try terminal.type("notice done 1 --channel phone --note '\(note)'")
        try terminal.press("Enter")
        try terminal.waitFor("Notice 1 delivered")
        let shown = try #require(
            try JSONSerialization.jsonObject(
                with: Data(terminal.hotline(["notice", "show", "1", "--format", "json", "--as", "maria"]).utf8))
                as? [String: Any])
        #expect(shown["state"] as? String == "delivered")
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.last?["note"] as? String == note)
    }
}
