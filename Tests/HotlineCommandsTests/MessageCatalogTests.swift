import Foundation
import HotlineCore
import Testing

/// Every message in the code has a Russian and a Ukrainian wording, with the same placeholders.
@Suite struct MessageCatalogTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// The keys a catalog must have: those with words in them (`{1}.` or `[]` need none).
    static func codeKeys() throws -> [String: String] {
        let folders = ["HotlineCore", "HotlineCommands", "HotlineServer"].map { sources.appendingPathComponent($0) }
        return try MessageKeyScanner.keys(in: folders).filter { key, _ in
            key.replacing(/\{[0-9]+\}/, with: "").contains { $0.isLetter }
        }
    }

    @Test(arguments: [Language.ru, .uk])
    func everyMessageHasAWording(in language: Language) throws {
        let keys = try Self.codeKeys()
        let catalog = MessageCatalog.entries(of: language)
        let missing = keys.keys.filter { catalog[$0] == nil }.sorted()
        let listed = missing.map { "  \(keys[$0]!): \(Self.jsonString($0))" }.joined(separator: "\n")
        #expect(
            missing.isEmpty,
            "Config/messages.\(language.rawValue).json lacks \(missing.count) message(s):\n\(listed)")
    }

    @Test(arguments: [Language.ru, .uk])
    func wordingsKeepTheirPlaceholders(in language: Language) {
        for (key, wording) in MessageCatalog.entries(of: language) {
            let wanted = Set(key.matches(of: /\{[0-9]+\}/).map { String($0.0) })
            let got = Set(wording.matches(of: /\{[0-9]+\}/).map { String($0.0) })
            #expect(wanted == got, "\(language.rawValue): \(Self.jsonString(key)) -> \(Self.jsonString(wording))")
        }
    }

    /// Joined messages number their placeholders on: the right one's `{1}` follows the left's.
    @Test func joiningRenumbersTheRightHandPlaceholders() {
        let left: Message = "case \("1234-5678") is \("deceased")"
        let right: Message = " for \("Иванова Мария") ({not a placeholder} {12x} {\(7)})"
        let joined = left + right
        #expect(joined.key == "case {1} is {2} for {3} ({not a placeholder} {12x} {{4}})")
        #expect(joined.arguments.count == 4)
        #expect(
            joined.rendered(in: .en) == "case 1234-5678 is deceased for Иванова Мария ({not a placeholder} {12x} {7})")
        #expect((("a" as Message) + right).key == "a for {1} ({not a placeholder} {12x} {{2}})")
    }

    /// The scanner finds keys as `Message` makes them, or the wording tests would pass on nothing.
    @Test func scannerMakesTheKeysMessageMakes() {
        let source = #"""
            throw .invalidField(field: f, value: v, problem: "it is \(n) bytes long", accepted: accepted)
            Console.print("Case \(ref): note added\(context.pending).")
            let accepted: Message =
                "an ISO code such as \(code) "
                + "or a name (\(hint))"
            var table = TextTable("  REGION", "INFORMED")
            Console.print(count == 0 ? "No cases match." : "\(count) case(s).")
            // problem: "a comment"
            """#
        let n = 3
        let ref = "4821-9935"
        let code = "RU"
        let hint = "x"
        let count = 2
        let made: [Message] = [
            "it is \(n) bytes long", "Case \(ref): note added\("").",
            "an ISO code such as \(code) " + "or a name (\(hint))",
            "  REGION", "INFORMED", "No cases match.", "\(count) case(s).",
        ]
        #expect(MessageKeyScanner.keys(inSource: source) == made.map(\.key))

        // A literal joined to anything else makes a key only the run knows: reported, with its line.
        let joined = #"""
            let a = 1
            throw .invalidField(field: f, problem: "it is \(state)" + (ref.map { " (case \($0))" } ?? ""))
            throw .databaseUnavailable(path: p, reason: explain(error) + " (nothing was changed)")
            """#
        let found = MessageKeyScanner.keys(inSource: joined)
        #expect(
            found.contains(MessageKeyScanner.unscannable(line: 2))
                && found.contains(MessageKeyScanner.unscannable(line: 3)))
    }

    private static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}
