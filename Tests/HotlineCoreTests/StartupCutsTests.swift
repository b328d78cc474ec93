import Foundation
import Testing

@testable import HotlineCore

/// The start-up shortcuts (a word with nothing to fold is its own folding; no `HOTLINE_*`
/// variable, no environment layer) give what the long way gives.
@Suite struct StartupCutsTests {
    @Test func whitespaceIsCharacterSetWhitespacesForEveryScalar() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Whitespace.contains(scalar) != CharacterSet.whitespaces.contains(scalar) { differing.append(value) }
        }
        #expect(differing.isEmpty, "differ: \(differing.prefix(10).map { String($0, radix: 16) })")
    }

    @Test func trimmingWhitespaceIsFoundationsTrimming() {
        let ends = [" ", "\t", "\u{00A0}", "\u{2003}", "\u{3000}", "\n", "x", "ж", "\u{301}", ""]
        for before in ends {
            for after in ends {
                let text = before + "мать in_person" + after
                #expect(
                    text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            }
        }
    }

    @Test func configuredWordsFoldAsBefore() throws {
        let words = ["Phone", "in_person", "In Person", " letter ", "ВАЙБЕР", "в_плену", "Other\u{00A0}Relative"]
        let vocabulary = try Vocabulary(field: "channel", words: ["phone", "in-person", "letter", "вайбер"])
        #expect(try vocabulary.term(words[0]).name == "phone")
        #expect(try vocabulary.term(words[1]).name == "in-person")
        #expect(try vocabulary.term(words[2]).name == "in-person")
        #expect(try vocabulary.term(words[3]).name == "letter")
        #expect(try vocabulary.term(words[4]).name == "вайбер")
        let registry = try RegistryVocabulary(
            words: ["captured", "в плену"], implies: ["captured": "captured", "в плену": "captured"],
            aliases: ["captured": ["POW", "взят в_плен"]], lifecycle: HotlineRules.shipped.lifecycle)
        #expect(try registry.says("  В  плену ").name == "в плену")
        #expect(try registry.says("ВЗЯТ  В_ПЛЕН").name == "captured")
        #expect(try registry.says("pow").name == "captured")
    }

    @Test func noHotlineVariableMeansNoEnvironmentLayer() throws {
        #expect(HotlineConfiguration.environmentLayer(["HOME": "/root", "PATH": "/bin", "hotline_db": "x"]) == nil)
        let layer = try #require(HotlineConfiguration.environmentLayer(["HOTLINE_BUSY_TIMEOUT_SECONDS": "7"]))
        let settings = try HotlineConfiguration(layers: [layer]).settings()
        #expect(settings.busyTimeoutSeconds == 7)
        #expect(
            try HotlineConfiguration(layers: []).settings().busyTimeoutSeconds
                == HotlineSettings.shipped.busyTimeoutSeconds)
    }
}
