/// A name typed on the wrong keyboard layout: `Bdfyjd Gtnh` is `Иванов Петр` typed with the
/// Russian layout's keys on a Latin one, `Шмфтщм` is `Ivanov` typed the other way. Families
/// do this often on a shared computer; search tries the swap when a name finds little as typed.
enum KeyboardLayout {
    /// The same keys on US QWERTY, the Russian ЙЦУКЕН and the Ukrainian layout (which has і,
    /// ї, є where Russian has ы, ъ, э; ґ needs AltGr and is typed as г).
    private static let qwerty = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,.`")
    private static let russian = Array("йцукенгшщзхъфывапролджэячсмитьбюё")
    private static let ukrainian = Array("йцукенгшщзхїфівапролджєячсмитьбю'")

    private static let russianToLatin = table(from: russian, to: qwerty)
    private static let ukrainianToLatin = table(from: ukrainian, to: qwerty)
    private static let latinToRussian = table(from: qwerty, to: russian)
    private static let latinToUkrainian = table(from: qwerty, to: ukrainian)

    private static func table(from: [Character], to: [Character]) -> [Character: Character] {
        var table: [Character: Character] = [:]
        for (key, letter) in zip(from, to) where table[key] == nil {
            table[key] = letter
            let upperKey = Character(key.uppercased())
            if upperKey != key { table[upperKey] = Character(letter.uppercased()) }
        }
        return table
    }

    /// Whether a word of `text` reads as nonsense in its script: of three letters or more,
    /// under a third of them vowels (`Bdfyjd`, `Шмфтщм`; real names rarely are: `Shchukin`
    /// is a quarter). Search retypes only such text, so a rare name costs no extra queries.
    static func looksMistyped(_ text: String) -> Bool {
        text.split(whereSeparator: { $0 == " " || $0 == "-" }).contains { word in
            let letters = word.filter { $0.isLetter || ";,.[]'`".contains($0) }
            guard letters.count >= 3 else { return false }
            let vowels = letters.filter { "aeiouyаеёиоуыэюяіїєAEIOUYАЕЁИОУЫЭЮЯІЇЄ".contains($0) }.count
            return Double(vowels) / Double(letters.count) < 0.34
        }
    }

    /// `text` retyped on the other layouts: Cyrillic letters as the Latin keys they sit on, Latin
    /// letters (and the keys ; ' , . [ ] `) as the Russian and the Ukrainian letters. Empty when
    /// the text has no letter to retype.
    static func retyped(_ text: String) -> [String] {
        let hasCyrillic = text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
        let hasLatin = text.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
        guard hasCyrillic != hasLatin else { return [] }
        let tables = hasCyrillic ? [russianToLatin, ukrainianToLatin] : [latinToRussian, latinToUkrainian]
        var out: [String] = []
        for table in tables {
            let retyped = String(text.map { table[$0] ?? $0 })
            if retyped != text, !out.contains(retyped) { out.append(retyped) }
        }
        return out
    }
}
