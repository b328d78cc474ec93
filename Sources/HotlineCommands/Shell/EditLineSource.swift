import CEditLine
import Foundation
import HotlineCore

/// Lines from a terminal through libedit: editing, persistent history (mode 0600), tab
/// completion, and Ctrl-C dropping the line being typed.
struct EditLineSource: LineSource {
    /// The words to complete the word under the cursor with, given the line before it.
    typealias Completer = (_ lineBeforeWord: String, _ word: String) -> [String]

    private let historyPath: String?

    init(historyPath: String?, completer: @escaping Completer) {
        self.historyPath = historyPath.flatMap { path in
            guard Self.createPrivately(path) else {
                Console.printError(
                    "hotline: no history this session: \(path) is a symbolic link or cannot be created privately "
                        + "(hotline never writes through a link); remove it to keep a history.")
                return nil
            }
            return path
        }
        Self.completer = completer
        hotline_editline_setup("hotline") { before, word in
            let before = before.map { String(cString: $0) } ?? ""
            let word = word.map { String(cString: $0) } ?? ""
            for match in EditLineSource.completer?(before, word) ?? [] { hotline_completion_add(match) }
        }
        if let historyPath = self.historyPath { _ = hotline_history_read(historyPath) }
    }

    /// The completer libedit's C callback reaches; only the shell's one thread touches it.
    nonisolated(unsafe) private static var completer: Completer?

    mutating func next(prompt: String, idleSeconds: Double?) -> LineInput? {
        var interrupted: Int32 = 0
        var timedOut: Int32 = 0
        guard let raw = hotline_readline(prompt, idleSeconds ?? 0, &interrupted, &timedOut) else {
            // libedit returns no line at Ctrl-D, and also when Ctrl-C interrupted the read.
            FileHandle.standardOutput.write(Data((interrupted != 0 ? "^C\n" : "\n").utf8))
            if timedOut != 0 { return .idle }
            return interrupted != 0 ? .interrupted : nil
        }
        defer { free(raw) }
        let input = StreamLineSource.decode(Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw))))
        // The key reader turns bytes that are not UTF-8 into U+FFFD: the terminal's character
        // set is not what its locale says, and storing the line would store garbage.
        if case .line(let text) = input, text.unicodeScalars.contains("\u{FFFD}") {
            return .invalid(
                "the terminal sent characters that are not UTF-8 (set the terminal's character set to UTF-8)")
        }
        return input
    }

    /// Asks one question on the terminal, outside the history.
    static func ask(_ prompt: String) -> String? {
        var interrupted: Int32 = 0
        var timedOut: Int32 = 0
        guard let raw = hotline_readline(prompt, 0, &interrupted, &timedOut) else { return nil }
        defer { free(raw) }
        return String(decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
    }

    /// Makes libedit read and write UTF-8: the character type from the environment, or
    /// C.UTF-8 when it names none. Without it libedit reads in the C locale and drops every
    /// letter outside ASCII ("Petr Иванов" was stored as "Petr "). A terminal whose locale is
    /// not UTF-8 is refused: its Cyrillic would be stored as garbage.
    static func useTerminalLocale() throws {
        var problem = [CChar](repeating: 0, count: 512)
        guard hotline_use_terminal_locale(&problem, Int32(problem.count)) == 0 else { return }
        let reason = String(decoding: problem.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        throw HotlineError.configuration(
            "the shell reads names as UTF-8, but \(reason), so names typed in Cyrillic would be stored wrong. "
                + "Set LANG=C.UTF-8 (or another UTF-8 locale listed by `locale -a`) and start the shell again")
    }

    mutating func remember(_ line: String) {
        hotline_history_add(line)
        if let historyPath { _ = hotline_history_write(historyPath) }
    }

    /// The history holds what families said: readable by its owner only, and never written
    /// through a symbolic link (libedit would follow it). Returns whether the file is usable.
    static func createPrivately(_ path: String) -> Bool {
        PrivateFiles.keepPrivate(path)
    }
}
