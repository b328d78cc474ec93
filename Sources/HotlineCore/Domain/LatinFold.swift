import Foundation

/// Folds text to a lower-case ASCII Latin key, so the same name typed in Cyrillic or in any
/// common romanisation compares equal: `Курская` and `Kurskaja` both become `kurskaya`.
enum LatinFold {
    /// The keys of `text`: one per transliteration that applies (Russian and Ukrainian read
    /// some letters differently, `г` is `g` or `h`), deduplicated.
    static func keys(_ text: String) -> [String] {
        // ASCII needs no transliteration (ICU's Any-Latin; Latin-ASCII leaves it as it is) and
        // ICU costs about 16 µs a call: the region aliases alone would add 550 calls to the
        // first lookup by name. `RegionAliasTests` checks this path against ICU's.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return [simplify(text)] }
        return keysThroughICU(text)
    }

    /// `keys` through ICU's transforms, whatever the text: the reference the ASCII path is checked against.
    static func keysThroughICU(_ text: String) -> [String] {
        let hasCyrillic = text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
        let transforms = hasCyrillic ? [russian, ukrainian] : [latin]
        var keys: [String] = []
        for transform in transforms {
            let key = simplify(text.applyingTransform(transform, reverse: false) ?? text)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    private static let russian = StringTransform("Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower")
    private static let ukrainian = StringTransform(
        "Ukrainian-Latin/BGN; Any-Latin; Latin-ASCII; Lower")
    private static let latin = StringTransform("Any-Latin; Latin-ASCII; Lower")

    /// Evens out the romanisations' differences: ISO 9 and passport `j` is BGN's `y`;
    /// apostrophes (soft signs) and punctuation go; words are separated by one space.
    private static func simplify(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character == "j" ? "y" : character)
            } else if character == "'" || character == "\u{2019}" || character == "\u{02BC}" {
                continue
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
