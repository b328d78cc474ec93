import Testing

@testable import HotlineCore

@Suite struct CaseReferenceTests {
    /// Enough random references that every digit appears in every position many times.
    static let sampleSize = 2000

    @Test func randomReferencesParseBackToThemselves() throws {
        // Given many random references
        var generator = SeededGenerator(state: 1)
        for _ in 0..<Self.sampleSize {
            let ref = CaseReference.random(using: &generator)
            // Then each is 8 digits shown as two groups, and parses back, with or without the dash
            #expect(ref.digits.count == 8 && ref.digits.allSatisfy { $0.isASCII && $0.isNumber })
            #expect(ref.description == "\(ref.digits.prefix(4))-\(ref.digits.suffix(4))")
            #expect(try CaseReference(parsing: ref.description) == ref)
            #expect(try CaseReference(parsing: ref.digits) == ref)
        }
    }

    @Test func everySingleDigitSubstitutionIsRejected() {
        // Given many random references
        var generator = SeededGenerator(state: 2)
        var tried = 0
        var accepted: [String] = []
        var wrongError: [String] = []
        for _ in 0..<Self.sampleSize {
            let digits = Array(CaseReference.random(using: &generator).digits)
            // When any one digit is replaced by any other
            for position in digits.indices {
                for replacement in "0123456789" where replacement != digits[position] {
                    var typo = digits
                    typo[position] = replacement
                    let text = String(typo)
                    tried += 1
                    // Then the check digit refuses it
                    do throws(HotlineError) {
                        _ = try CaseReference(parsing: text)
                        accepted.append(text)
                    } catch {
                        if error != .invalidReference(text, problem: "the check digit does not match") {
                            wrongError.append(text)
                        }
                    }
                }
            }
        }
        #expect(tried == Self.sampleSize * 8 * 9)
        #expect(accepted == [])
        #expect(wrongError == [])
    }

    @Test func everyAdjacentTranspositionIsRejected() {
        // Given many random references
        var generator = SeededGenerator(state: 3)
        var tried = 0
        var accepted: [String] = []
        for _ in 0..<Self.sampleSize {
            let digits = Array(CaseReference.random(using: &generator).digits)
            // When any two different neighbouring digits are swapped (the check digit included)
            for position in 0..<7 where digits[position] != digits[position + 1] {
                var swapped = digits
                swapped.swapAt(position, position + 1)
                let text = String(swapped)
                tried += 1
                // Then it is refused
                do {
                    _ = try CaseReference(parsing: text)
                    accepted.append(text)
                } catch {}
            }
        }
        #expect(tried > Self.sampleSize * 6)
        #expect(accepted == [])
    }

    @Test func checkDigitIsTheDammCheckDigit() throws {
        // Given the Damm algorithm's published example: 572 has check digit 4
        #expect(CaseReference.dammCheck([5, 7, 2]) == 4)
        #expect(CaseReference.dammCheck([5, 7, 2, 4]) == 0)
        // Then a reference ending in its Damm digit parses, and the same with another last digit does not
        #expect(try CaseReference(parsing: "4821-9935").description == "4821-9935")
        for last in "012346789" {
            #expect(throws: HotlineError.self) { try CaseReference(parsing: "4821-993\(last)") }
        }
    }

    @Test(arguments: [
        "4821-9935", "48219935", "4821 9935", "#4821-9935", "# 4821 - 9935", " 48 21 99 35 ", "4821\t9935",
    ])
    func spacesDashesAndHashAreIgnored(typed: String) throws {
        // When an operator types the reference with separators
        let ref = try CaseReference(parsing: typed)
        // Then it is the same reference
        #expect(ref.digits == "48219935")
        #expect(ref.description == "4821-9935")
    }

    @Test(arguments: [
        "", "#", "4821-993", "4821-99355", "48219935 1", "4821-99a5", "4821_9935", "4821.9935",
        "٤٨٢١٩٩٣٥",  // Arabic-Indic digits
        "+48219935",
    ])
    func referenceWithoutExactlyEightDigitsIsRejected(typed: String) {
        // When the text is not 8 ASCII digits (separators aside)
        // Then it is refused as malformed, quoting what was typed
        #expect(throws: HotlineError.invalidReference(typed, problem: "expected 8 digits")) {
            try CaseReference(parsing: typed)
        }
    }

    @Test func exampleReferenceInTheErrorMessageIsAValidReference() throws {
        // Given the refusal message shows an example reference
        let message = HotlineError.invalidReference("1", problem: "expected 8 digits").description
        let example = try #require(message.firstMatch(of: /such as (\d{4}-\d{4})/)?.1)
        // Then an operator who types the example has it accepted
        #expect(throws: Never.self, "\(example)") { try CaseReference(parsing: String(example)) }
    }

    @Test func invalidReferenceMessageTellsTheOperatorWhatToDo() {
        // Given a mistyped reference
        let error = #expect(throws: HotlineError.self) { try CaseReference(parsing: "4821-9936") }
        // Then the message quotes it and explains the check digit
        let message = error?.description ?? ""
        #expect(message.contains("'4821-9936'"))
        #expect(message.contains("check digit"))
    }
}

/// References copied from letters, chats and word processors: any dash or hyphen, full-width
/// digits (issue 10, item 14).
@Suite struct CaseReferenceTypographyTests {
    @Test(arguments: [
        "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE63}", "\u{FF0D}",
    ])
    func anyDashSeparatesTheGroups(_ dash: String) throws {
        var generator = SeededGenerator(state: 7)
        let ref = CaseReference.random(using: &generator)
        #expect(try CaseReference(parsing: "\(ref.digits.prefix(4))\(dash)\(ref.digits.suffix(4))") == ref)
    }

    @Test func fullWidthDigitsAreDigits() throws {
        var generator = SeededGenerator(state: 8)
        let ref = CaseReference.random(using: &generator)
        let wide = String(
            String.UnicodeScalarView(
                ref.digits.unicodeScalars.map { Unicode.Scalar($0.value - 0x30 + 0xFF10)! }))
        #expect(try CaseReference(parsing: wide) == ref)
        #expect(try CaseReference(parsing: "＃" + wide.prefix(4) + "\u{FF0D}" + wide.suffix(4)) == ref)
    }

    @Test func theCheckDigitStillGuardsNormalisedText() throws {
        var generator = SeededGenerator(state: 9)
        let ref = CaseReference.random(using: &generator)
        var digits = Array(ref.digits)
        digits[2] = digits[2] == "0" ? "1" : "0"
        #expect(throws: HotlineError.self) {
            try CaseReference(parsing: String(digits.prefix(4)) + "\u{2013}" + String(digits.suffix(4)))
        }
        // Other scripts' digits are not references: refused, never guessed.
        #expect(throws: HotlineError.self) { try CaseReference(parsing: "٤٨٢١-٩٩٣٥") }
    }
}
