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

    mutating func next(prompt: String) -> LineInput? {
        var interrupted: Int32 = 0
        guard let raw = hotline_readline(prompt, &interrupted) else {
            // libedit returns no line at Ctrl-D, and also when Ctrl-C interrupted the read.
            FileHandle.standardOutput.write(Data((interrupted != 0 ? "^C\n" : "\n").utf8))
            return interrupted != 0 ? .interrupted : nil
        }
        defer { free(raw) }
        return StreamLineSource.decode(Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw))))
    }

    /// Asks one question on the terminal, outside the history.
    static func ask(_ prompt: String) -> String? {
        var interrupted: Int32 = 0
        guard let raw = hotline_readline(prompt, &interrupted) else { return nil }
        defer { free(raw) }
        return String(decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
    }

    mutating func remember(_ line: String) {
        hotline_history_add(line)
        if let historyPath { _ = hotline_history_write(historyPath) }
    }

    /// The history holds what families said: readable by its owner only, and never written
    /// through a symbolic link (libedit would follow it). Returns whether the file is usable.
    static func createPrivately(_ path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard !PrivateFiles.isSymbolicLink(path) else { return false }
        let descriptor = open(path, O_CREAT | O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return fchmod(descriptor, 0o600) == 0
    }
}
