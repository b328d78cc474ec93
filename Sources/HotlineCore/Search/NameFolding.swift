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
        if let scalars = FastFold.lowercased(name) ?? FastFold.lowercased(normalised(name)) {
            return FastFold.words(scalars, ukrainian: scalars.contains(where: FastFold.isUkrainian))
        }
        return generalWords(name)
    }

    /// `name` in NFC with the combining marks that have no precomposed letter left out: a
    /// decomposed й (и + U+0306) or Ž (Z + U+030C) is the letter, ALA-LC's tie bar in `t͡s` is
    /// `ts`. Only names the fast path refuses pay for it (Foundation's NFC costs microseconds).
    static func normalised(_ name: String) -> String {
        let composed = name.precomposedStringWithCanonicalMapping
        guard composed.unicodeScalars.contains(where: isCombiningMark) else { return composed }
        return String(String.UnicodeScalarView(composed.unicodeScalars.filter { !isCombiningMark($0) }))
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    /// `words` for any text, through the Unicode tables; `FastFold` must agree with it.
    static func generalWords(_ name: String) -> [String] {
        let scalars = Array(normalised(name).lowercased().unicodeScalars)
        return words(scalars, ukrainian: scalars.contains { "іїєґ".unicodeScalars.contains($0) })
    }

    /// Every reading of a name: a Cyrillic name is read both the Russian and the Ukrainian
    /// way (the index keeps both, so a family's own romanisation finds it either way).
    public static func readings(_ name: String) -> [[String]] {
        if let scalars = FastFold.lowercased(name) ?? FastFold.lowercased(normalised(name)) {
            guard scalars.contains(where: { FastFold.latin(of: $0, ukrainian: false) != nil }) else {
                let latin = FastFold.words(scalars, ukrainian: false)
                let german = latin.map(germanOrScholarly)
                return german == latin ? [latin] : [latin, german]
            }
            let russian = FastFold.words(scalars, ukrainian: false)
            let ukrainian = FastFold.words(scalars, ukrainian: true)
            return russian == ukrainian ? [russian] : [russian, ukrainian]
        }
        return generalReadings(name)
    }

    /// `readings` for any text, through the Unicode tables; `FastFold` must agree with it.
    static func generalReadings(_ name: String) -> [[String]] {
        let scalars = Array(normalised(name).lowercased().unicodeScalars)
        guard scalars.contains(where: { cyrillicTable[$0] != nil }) else {
            let latin = words(scalars, ukrainian: false)
            let german = latin.map(germanOrScholarly)
            return german == latin ? [latin] : [latin, german]
        }
        let russian = words(scalars, ukrainian: false)
        let ukrainian = words(scalars, ukrainian: true)
        return russian == ukrainian ? [russian] : [russian, ukrainian]
    }

    static func words(_ scalars: [Unicode.Scalar], ukrainian: Bool) -> [String] {
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
        let bytes = Array(word.utf8)
        guard bytes.contains(where: { "wzxcj".utf8.contains($0) }) else { return word }
        // One pass over the letters, longest spelling first; 1, 2, 3 stand for ch, sh, ts until
        // the s-between-vowels rule has looked at the neighbours.
        var marked: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if starts(bytes, at: index, with: "tsch") {
                marked.append(UInt8(ascii: "1"))
                index += 4
            } else if starts(bytes, at: index, with: "sch") {
                marked.append(UInt8(ascii: "2"))
                index += 3
            } else if starts(bytes, at: index, with: "ch") {
                marked += Array("kh".utf8)
                index += 2
            } else {
                switch bytes[index] {
                case UInt8(ascii: "x"): marked += Array("kh".utf8)
                case UInt8(ascii: "w"): marked.append(UInt8(ascii: "v"))
                case UInt8(ascii: "z"): marked.append(UInt8(ascii: "3"))
                case UInt8(ascii: "j"): marked.append(UInt8(ascii: "y"))
                default: marked.append(bytes[index])
                }
                index += 1
            }
        }
        let vowels = Array("aeiouy".utf8)
        var out: [UInt8] = []
        for (position, letter) in marked.enumerated() {
            let vowelBefore = position > 0 && vowels.contains(marked[position - 1])
            let vowelAfter = position + 1 < marked.count && vowels.contains(marked[position + 1])
            switch letter {
            case UInt8(ascii: "s") where (position == 0 || vowelBefore) && vowelAfter: out.append(UInt8(ascii: "z"))
            case UInt8(ascii: "1"): out += Array("ch".utf8)
            case UInt8(ascii: "2"): out += Array("sh".utf8)
            case UInt8(ascii: "3"): out += Array("ts".utf8)
            default: out.append(letter)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { prefix in
            for offset in 0..<count where bytes[index + offset] != prefix[offset] { return false }
            return true
        }
    }

    /// The skeleton of one folded word: first letter (any vowel as `a`), then its consonants
    /// after evening out romanisations (shch, sch, sh → s; zh → z; kh, h → g; ts, tz, ch → c;
    /// w, v → f), with doubled letters collapsed. `ivanov`, `ivanof`, `iwanow` → `afnf`;
    /// `petr`, `pyotr`, `petro` → `ptr`.
    public static func skeleton(_ word: String) -> String {
        // One pass over the bytes (this runs for every word indexed and every word compared):
        // at each letter the longest spelling of one sound is taken first.
        let bytes = Array(word.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        func emit(_ letter: UInt8, first: Bool) {
            var letter = letter
            switch letter {
            case UInt8(ascii: "h"): letter = UInt8(ascii: "g")
            case UInt8(ascii: "w"), UInt8(ascii: "v"): letter = UInt8(ascii: "f")
            case UInt8(ascii: "q"): letter = UInt8(ascii: "k")
            default: break
            }
            if "aeiouyj".utf8.contains(letter) {
                if first { out.append(UInt8(ascii: "a")) }
                return
            }
            if out.last != letter { out.append(letter) }
        }
        var index = 0
        while index < bytes.count {
            let first = index == 0
            if let (length, sound) = digraphs.first(where: { starts(bytes, at: index, with: $0.spelling) })
                .map({ ($0.spelling.utf8CodeUnitCount, $0.sound) })
            {
                for letter in sound.utf8 { emit(letter, first: first) }
                index += length
            } else {
                emit(bytes[index], first: first)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The search key of a whole name: its folded words (first reading), space-separated.
    public static func key(_ name: String) -> String { words(name).joined(separator: " ") }

    // MARK: - Tables

    /// Spellings of one sound, longest first, and the letters the skeleton keeps for them.
    private static let digraphs: [(spelling: StaticString, sound: String)] = [
        ("shch", "s"), ("sch", "s"), ("shh", "s"), ("tch", "c"), ("sh", "s"), ("zh", "z"), ("kh", "h"),
        ("ts", "c"), ("tz", "c"), ("ch", "c"), ("ph", "f"), ("ck", "k"), ("x", "ks"),
    ]

    /// Signs and apostrophes that are part of a word, not between words: BGN writes ъ (and
    /// BGN Ukrainian the apostrophe) as a double quote (Pod"yachev).
    private static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\u{2019}", "\u{02BC}", "`", "ь", "ъ", "\"", "\u{02BA}", "\u{2032}", "\u{2033}",
    ]

    /// The letters after which Е, Ё, Є are iotated: vowels, signs and apostrophes.
    static let vowelsAndSigns = "аеёиоуыэюяіїєьъ'\u{2019}\u{02BC}"

    private static func isVowelOrSign(_ scalar: Unicode.Scalar) -> Bool {
        vowelsAndSigns.unicodeScalars.contains(scalar)
    }

    /// Russian, passport (2013) / BGN style.
    static let cyrillicTable: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e",
        "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    ]

    /// Ukrainian (national 2010 table) where it differs from Russian.
    static let ukrainianTable: [Unicode.Scalar: String] = [
        "г": "h", "и": "y", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "е": "e",
    ]

    /// Iotated readings at a word's start or after a vowel.
    static let iotatedTable: [Unicode.Scalar: String] = ["е": "ye", "ё": "yo", "є": "ye"]

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

    /// Letters whose base letter misleads: ISO 9 writes я, ю, є as â, û, ê and щ as ŝ.
    private static let latinSpecial: [Unicode.Scalar: String] = [
        "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ı": "i", "ŝ": "shch", "â": "ya", "û": "yu",
        "ê": "ye",
    ]
}
