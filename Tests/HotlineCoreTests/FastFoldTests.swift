import HotlineTesting
import Testing

@testable import HotlineCore

/// The table-driven fold of ASCII and Cyrillic names gives what the general Unicode path gives.
struct FastFoldTests {
    /// Letters of both scripts in both cases, digits, the separators and apostrophes names carry.
    static let alphabet: [Character] = {
        var letters = (0x0400...0x045F).compactMap(Unicode.Scalar.init).map(Character.init)
        letters += "ҐґABCXYZabcdhjkstwxyz0129 -.,_'`\"\u{2019}\u{02BC}\t".map { $0 }
        return letters
    }()

    static func randomNames(count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            String(
                (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }

    @Test func agreesWithTheGeneralPathOnRandomNames() {
        for name in Self.randomNames(count: 20_000, seed: 11) {
            #expect(FastFold.lowercased(name) != nil, "\(name) left the fast path")
            #expect(NameFolding.words(name) == NameFolding.generalWords(name), "\(name.debugDescription)")
            #expect(NameFolding.readings(name) == NameFolding.generalReadings(name), "\(name.debugDescription)")
        }
    }

    @Test func agreesOnRealNames() {
        for name in [
            "Иванов Пётр Сергеевич", "Ёлкин Юрий", "Ярошенко Євген Іванович", "Ґалаґан Їжак", "Подъячев Сергей",
            "Мар'яна Соловйова", "Мар\u{2019}яна", "Petr Ivanov", "O'Brien", "ИВАНОВ", "Saizew Michail",
        ] {
            #expect(NameFolding.readings(name) == NameFolding.generalReadings(name), "\(name)")
        }
    }

    @Test func lettersOutsideBothScriptsTakeTheGeneralPath() {
        #expect(FastFold.lowercased("Šević") == nil)
        #expect(NameFolding.words("Šević Müller") == ["shevic", "muller"])
    }
}
