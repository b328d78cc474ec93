import Foundation

/// Folds a name to search keys: lower-case ASCII Latin words, whatever script and romanisation
/// it was typed in, and a "skeleton" of each word that also evens out the romanisations'
/// disagreements and the commonest misspellings.
///
/// Table-driven rather than ICU: one ICU transform costs about 16 µs, too slow for bulk loads;
/// tests check this table against ICU's Russian-Latin/BGN and Ukrainian-Latin/BGN.
public enum NameFolding {
    /// The folded words of `name`, one list per reading: a Cyrillic name without letters
    /// particular to Ukrainian is read the Russian way, with them the Ukrainian way
    /// (Г is G in Russian and H in Ukrainian, И is I and Y).
    public static func words(_ name: String) -> [String] {
        let scalars = Array(name.lowercased().unicodeScalars)
        return words(scalars, ukrainian: scalars.contains { "іїєґ".unicodeScalars.contains($0) })
    }

    /// Every reading of a name: a Cyrillic name is read both the Russian and the Ukrainian
    /// way (the index keeps both, so a family's own romanisation finds it either way).
    public static func readings(_ name: String) -> [[String]] {
        let scalars = Array(name.lowercased().unicodeScalars)
        guard scalars.contains(where: { cyrillicTable[$0] != nil }) else {
            let latin = words(scalars, ukrainian: false)
            let german = latin.map(germanOrScholarly)
            return german == latin ? [latin] : [latin, german]
        }
        let russian = words(scalars, ukrainian: false)
        let ukrainian = words(scalars, ukrainian: true)
        return russian == ukrainian ? [russian] : [russian, ukrainian]
    }

    private static func words(_ scalars: [Unicode.Scalar], ukrainian: Bool) -> [String] {
        var out = ""
        out.reserveCapacity(scalars.count + 8)
        var previousWasBoundary = true
        for (index, scalar) in scalars.enumerated() {
            if let latin = (ukrainian ? ukrainianTable[scalar] : nil) ?? cyrillicTable[scalar] {
                // Е, Ё, Ю, Я (and Є, Ї) after a vowel, a sign or at a word's start are iotated: ye, yo.
                if let iotated = iotatedTable[scalar],
                    previousWasBoundary || (index > 0 && isVowelOrSign(scalars[index - 1]))
                {
                    out += iotated
                } else {
                    out += latin
                }
                previousWasBoundary = false
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out += latinASCII(scalar)
                previousWasBoundary = false
            } else if apostrophes.contains(scalar) {
                continue  // soft signs and apostrophes inside a name: O'Brien is obrien
            } else {
                out += " "
                previousWasBoundary = true
            }
        }
        return out.split(separator: " ").map { String($0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }) }
            .filter { !$0.isEmpty }
    }

    /// A Latin word read as German (Duden) or scholarly romanisation, in English letters:
    /// tsch → ch, sch → sh, ch → kh, z → ts, s → z (first or between vowels), w → v, x → kh.
    /// `Saizew` is `zaitsev`, `Michail` is `mikhail`, `Mixail` is `mikhail`.
    static func germanOrScholarly(_ word: String) -> String {
        guard word.contains(where: { "wzxcj".contains($0) }) else { return word }
        var text = word.replacing("tsch", with: "1").replacing("sch", with: "2").replacing("ch", with: "kh")
            .replacing("x", with: "kh").replacing("w", with: "v").replacing("z", with: "3").replacing("j", with: "y")
        let letters = Array(text)
        var out = ""
        for (index, letter) in letters.enumerated() {
            let vowelBefore = index > 0 && "aeiouy".contains(letters[index - 1])
            let vowelAfter = index + 1 < letters.count && "aeiouy".contains(letters[index + 1])
            if letter == "s" && (index == 0 || vowelBefore) && vowelAfter {
                out.append("z")
            } else {
                out.append(letter)
            }
        }
        text = out.replacing("1", with: "ch").replacing("2", with: "sh").replacing("3", with: "ts")
        return text
    }

    /// The skeleton of one folded word: first letter (any vowel as `a`), then its consonants
    /// after evening out romanisations (shch, sch, sh → s; zh → z; kh, h → g; ts, tz, ch → c;
    /// w, v → f), with doubled letters collapsed. `ivanov`, `ivanof`, `iwanow` → `afnf`;
    /// `petr`, `pyotr`, `petro` → `ptr`.
    public static func skeleton(_ word: String) -> String {
        var text = word
        for (from, to) in digraphs where text.contains(from) { text = text.replacing(from, with: to) }
        var out = ""
        for (index, character) in text.enumerated() {
            var letter = character
            switch letter {
            case "h": letter = "g"
            case "w", "v": letter = "f"
            case "q": letter = "k"
            default: break
            }
            if "aeiouyj".contains(letter) {
                if index == 0 { out.append("a") }
                continue
            }
            if out.last != letter { out.append(letter) }
        }
        return out
    }

    /// The search key of a whole name: its folded words (first reading), space-separated.
    public static func key(_ name: String) -> String { words(name).joined(separator: " ") }

    // MARK: - Tables

    private static let digraphs: [(String, String)] = [
        ("shch", "s"), ("sch", "s"), ("shh", "s"), ("tch", "c"), ("sh", "s"), ("zh", "z"), ("kh", "h"),
        ("ts", "c"), ("tz", "c"), ("ch", "c"), ("ph", "f"), ("ck", "k"), ("x", "ks"),
    ]

    /// Signs and apostrophes that are part of a word, not between words: BGN writes ъ (and
    /// BGN Ukrainian the apostrophe) as a double quote (Pod"yachev).
    private static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\u{2019}", "\u{02BC}", "`", "ь", "ъ", "\"", "\u{02BA}", "\u{2032}", "\u{2033}",
    ]

    private static func isVowelOrSign(_ scalar: Unicode.Scalar) -> Bool {
        "аеёиоуыэюяіїєьъ'\u{2019}\u{02BC}".unicodeScalars.contains(scalar)
    }

    /// Russian, passport (2013) / BGN style.
    private static let cyrillicTable: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e",
        "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    ]

    /// Ukrainian (national 2010 table) where it differs from Russian.
    private static let ukrainianTable: [Unicode.Scalar: String] = [
        "г": "h", "и": "y", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "е": "e",
    ]

    /// Iotated readings at a word's start or after a vowel.
    private static let iotatedTable: [Unicode.Scalar: String] = ["е": "ye", "ё": "yo", "є": "ye"]

    /// A Latin letter without its accents: š → s, ž → z, č → c (so ISO 9's šč is sc, close to
    /// shch's skeleton), ë → e, ł → l; other scripts' letters are kept for what they are.
    private static func latinASCII(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII { return String(scalar) }
        if let special = latinSpecial[scalar] { return special }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        let base = decomposed.filter { $0.properties.generalCategory != .nonspacingMark }
        if let first = base.first, first.isASCII {
            // The haček letters of ISO 9 and scholarly romanisation are digraphs in English ones.
            switch scalar {
            case "š": return "sh"
            case "ž": return "zh"
            case "č": return "ch"
            default: return String(String.UnicodeScalarView(base))
            }
        }
        return String(scalar)
    }

    private static let latinSpecial: [Unicode.Scalar: String] = [
        "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ı": "i", "ŝ": "sh",
    ]
}
