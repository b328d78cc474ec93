/// Initials: `Петров И.С.`, `Petrov I. S.`, `Yu. Ivanov`. An initial stands for any word that
/// starts with its sound, in any script and reading, so the sound is what is compared: И, I
/// and Y (Ukrainian И) are one; so are Г, G, H, Х and Kh; Ю, Yu, Iu, Ju; Е, E, Ye.
enum Initials {
    /// The sound a folded word (or initial) starts with.
    static func sound(of word: String) -> String {
        guard let first = word.utf8.first else { return "" }
        for (spellings, sound) in starts where spellings.contains(where: word.hasPrefix) { return sound }
        switch first {
        case UInt8(ascii: "h"), UInt8(ascii: "g"), UInt8(ascii: "x"): return "g"
        case UInt8(ascii: "c"): return "c"
        case UInt8(ascii: "e"): return "e"
        case UInt8(ascii: "y"), UInt8(ascii: "i"), UInt8(ascii: "j"): return "i"
        case UInt8(ascii: "w"), UInt8(ascii: "v"): return "v"
        case UInt8(ascii: "q"): return "k"
        default: return String(UnicodeScalar(first))
        }
    }

    /// Spellings of a first sound longer than one letter, longest first.
    private static let starts: [([String], String)] = [
        (["shch", "sch", "sh"], "sh"), (["zh"], "zh"), (["kh"], "g"), (["tch", "ch"], "ch"), (["ts", "tz"], "c"),
        (["yu", "iu", "ju"], "yu"), (["ya", "ia", "ja"], "ya"), (["ye", "ie", "je", "yo", "jo"], "e"), (["ph"], "f"),
    ]

    /// The index token for a word's initial: a digit and the sound, so it is no word's
    /// spelling (`1i` for Иван, Ivan and Іван).
    static func token(of word: String) -> String { "1" + sound(of: word) }
}
