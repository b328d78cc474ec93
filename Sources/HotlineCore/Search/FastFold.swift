/// `NameFolding` for the names hotlines see nearly always, ASCII and Cyrillic, over arrays
/// indexed by code point instead of String, Character and Unicode property lookups: the
/// general path is most of the CPU of a bulk load. Anything else takes the general path;
/// a test checks that both agree on random names of these letters.
enum FastFold {
    /// The lower-cased code points of `name`, or `nil` when a character is outside ASCII,
    /// the basic Cyrillic block, Ґ and the two apostrophes.
    static func lowercased(_ name: String) -> [UInt32]? {
        var out: [UInt32] = []
        out.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: out.append(value + 0x20)  // A-Z
            case 0...0x7F, 0x0430...0x045F, 0x0491, rightQuote, modifierApostrophe: out.append(value)
            case 0x0410...0x042F: out.append(value + 0x20)  // А-Я
            case 0x0400...0x040F: out.append(value + 0x50)  // Ѐ-Џ: Ё, Є, І, Ї, Ў…
            case 0x0490: out.append(0x0491)  // Ґ
            default: return nil
            }
        }
        return out
    }

    /// Folded words of lower-cased code points, as `NameFolding.words(_:ukrainian:)` gives them.
    static func words(_ scalars: [UInt32], ukrainian: Bool) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        var previousWasBoundary = true
        for (index, value) in scalars.enumerated() {
            if let latin = latin(of: value, ukrainian: ukrainian) {
                // Е, Ё, Є after a vowel, a sign or at a word's start are iotated: ye, yo.
                if let iotated = iotated[Int(value - firstLetter)],
                    previousWasBoundary || (index > 0 && isVowelOrSign(scalars[index - 1]))
                {
                    word += iotated
                } else {
                    word += latin
                }
                previousWasBoundary = false
            } else if value < 0x80 {
                switch value {
                case 0x61...0x7A, 0x30...0x39:  // a-z, 0-9
                    word.append(UInt8(value))
                    previousWasBoundary = false
                case 0x27, 0x60, 0x22: continue  // ' ` " inside a name
                default:
                    if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                    word.removeAll(keepingCapacity: true)
                    previousWasBoundary = true
                }
            } else if value == rightQuote {
                continue
            } else {
                // Ь, Ъ, the modifier apostrophe and Cyrillic letters without a Latin reading:
                // part of the word, with no letter of their own.
                previousWasBoundary = false
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// The Latin letters of a lower-case Cyrillic letter, Russian or Ukrainian reading.
    static func latin(of value: UInt32, ukrainian: Bool) -> [UInt8]? {
        guard value >= firstLetter, value <= lastLetter else { return nil }
        let index = Int(value - firstLetter)
        if ukrainian, let reading = ukrainianLetters[index] { return reading }
        return russianLetters[index]
    }

    static func isUkrainian(_ value: UInt32) -> Bool {
        value == 0x0456 || value == 0x0457 || value == 0x0454 || value == 0x0491  // і ї є ґ
    }

    private static let rightQuote: UInt32 = 0x2019
    private static let modifierApostrophe: UInt32 = 0x02BC

    private static func isVowelOrSign(_ value: UInt32) -> Bool { vowelsAndSigns.contains(value) }

    private static let vowelsAndSigns = Set(NameFolding.vowelsAndSigns.unicodeScalars.map(\.value))

    // The tables of NameFolding as arrays from а (U+0430) to ґ (U+0491), spelled in bytes.
    private static let firstLetter: UInt32 = 0x0430
    private static let lastLetter: UInt32 = 0x0491
    private static let russianLetters = bytes(NameFolding.cyrillicTable)
    private static let ukrainianLetters = bytes(NameFolding.ukrainianTable)
    private static let iotated = bytes(NameFolding.iotatedTable)

    private static func bytes(_ table: [Unicode.Scalar: String]) -> [[UInt8]?] {
        var letters = [[UInt8]?](repeating: nil, count: Int(lastLetter - firstLetter) + 1)
        for (letter, latin) in table {
            precondition((firstLetter...lastLetter).contains(letter.value), "a Cyrillic table letter out of range")
            letters[Int(letter.value - firstLetter)] = Array(latin.utf8)
        }
        return letters
    }
}
