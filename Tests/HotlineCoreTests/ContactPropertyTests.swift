import Foundation
import HotlineTesting
import Testing

@testable import HotlineCore

/// Contact normalisation against random spellings: however a number or address is typed,
/// it normalises to the one stored form, and garbage is refused, never crashes.
struct ContactPropertyTests {
    @Test func anySpellingOfANumberNormalisesToTheSameE164() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let national = "9" + (0..<9).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let prefix = ["+7", "8", "7", "007", "+7 ", "8 ", ""].randomElement(using: &generator)!
            var typed = prefix
            for digit in national {
                typed.append(digit)
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    typed += [" ", "-", ".", "\u{00A0}"].randomElement(using: &generator)!
                }
            }
            if Bool.random(using: &generator) {  // brackets round the area code
                typed = prefix + "(" + national.prefix(3) + ") " + national.dropFirst(3)
            }
            let phone = try PhoneNumber(parsing: typed, defaultCountry: "RU")
            #expect(phone.e164 == "+7" + national, "\(typed)")
        }
    }

    @Test func randomTextNeverCrashesAndIsEitherRefusedOrNormalised() {
        var generator = SplitMix64(seed: 11)
        let alphabet = Array("0123456789+-() .@_:abcXYZжЖ\u{00A0}\u{200F}\u{0000}\u{FFFD}👩‍👧/\\'\"")
        for _ in 0..<5000 {
            let text = String(
                (0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            do {
                let contact = try Contact(parsing: text, defaultCountry: "UA")
                // What is accepted is stored in a form that parses back to itself.
                let again = try Contact(parsing: contact.description, defaultCountry: "UA")
                #expect(again == contact, "\(text)")
            } catch {
                #expect(
                    error.description.contains("contact") || error.description.contains("phone")
                        || error.description.contains("Accepted"), "\(text): \(error)")
            }
        }
    }

    @Test func emailsNormaliseToLowerCaseWhateverTheCase() throws {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let letters = { (count: Int) in
                String((0..<count).map { _ in "abcdefgh".randomElement(using: &generator)! })
            }
            let local = Bool.random(using: &generator) ? letters(6) : letters(3) + "." + letters(4)
            let mixed = String(
                (local + "@Example.ORG").map { Bool.random(using: &generator) ? Character($0.uppercased()) : $0 })
            let contact = try Contact(parsing: mixed, defaultCountry: "RU")
            #expect(contact.value == (local + "@example.org"))
        }
    }
}
