import Testing

@testable import HotlineCore

@Suite struct TextRuleTests {
    let name = TextRule.name("person")
    let line = TextRule.line("unit")
    let note = TextRule.note("note")

    @Test(arguments: [
        "Иванов Пётр Сергеевич",
        "Шевченко Тарас Григорович",
        "O'Brien \"Jack\"",
        "D’Artagnan",
        "שלום\u{200F} עליכם",  // Hebrew with a right-to-left mark
        "\u{202B}مرحبا\u{202C}",  // right-to-left embedding around Arabic
        "Анна 👩‍👧‍👦",  // emoji with zero-width joiners
        "🇺🇦 Олена",  // flag
        "Zoë\u{0301}",  // combining accent
        "Йо\u{0306}",  // decomposed й
        "a\u{200D}b",  // a lone zero-width joiner
    ])
    func textInAnyScriptIsAcceptedUnchanged(text: String) throws {
        // When an operator enters text with right-to-left marks, emoji or combining characters
        let kept = try name.validate(text)
        // Then it is kept byte for byte
        #expect(Array(kept.utf8) == Array(text.utf8))
    }

    @Test(arguments: [
        "Ivan\u{0000}ov", "Ivan\u{0007}", "\u{001B}[31mIvanov", "Ivan\tov", "Ivan\nov", "Ivan\rov", "Ivan\u{007F}",
        "Ivan\u{0085}", "Ivan\u{009B}",
    ])
    func controlCharacterIsRejectedInANameOrLine(text: String) {
        // When a one-line field holds a control character
        for rule in [name, line] {
            let error = #expect(throws: HotlineError.self) { try rule.validate(text) }
            // Then it is refused, naming the field and the character
            let parts = invalidField(error)
            #expect(parts?.field == rule.field)
            #expect(parts?.problem.hasPrefix("it contains the control character U+") == true)
        }
    }

    @Test(arguments: ["Иванов\u{2028}Пётр", "в/ч\u{2029}12345"])
    func unicodeLineBreakIsRejectedOnOneLine(text: String) {
        // Given text with a Unicode line or paragraph separator (Swift's Character.isNewline)
        #expect(text.contains { $0.isNewline })
        // Then a one-line field refuses it, as it refuses \n
        for rule in [name, line] {
            #expect(throws: HotlineError.self, "\(rule.field)") { try rule.validate(text) }
        }
        // And a note takes it
        #expect(throws: Never.self) { try note.validate(text) }
    }

    @Test func lineBreaksAndTabsAreAllowedInNotesOnly() throws {
        let text = "Звонила дважды.\nПросит перезвонить\tвечером.\r\nСпасибо."
        #expect(Array(try note.validate(text).utf8) == Array(text.utf8))
        #expect(throws: HotlineError.self) { try name.validate("Иванов\nПётр") }
        #expect(throws: HotlineError.self) { try line.validate("в/ч\n12345") }
    }

    @Test(arguments: ["Note\u{0000}", "\u{001B}[2J", "bell\u{0007}"])
    func otherControlCharactersAreRejectedInNotes(text: String) {
        let error = #expect(throws: HotlineError.self) { try note.validate(text) }
        #expect(invalidField(error)?.field == "note")
    }

    @Test(arguments: ["Ivan\u{FFFD}ov", "\u{FFFD}"])
    func replacementCharacterIsRejectedAsBrokenUTF8(text: String) {
        for rule in [name, line, note] {
            let error = #expect(throws: HotlineError.self) { try rule.validate(text) }
            #expect(invalidField(error)?.problem.contains("U+FFFD") == true)
        }
    }

    @Test(arguments: ["", " ", "   ", "\n", " \n\t "])
    func emptyOrBlankTextIsRejected(text: String) {
        for rule in [name, line, note] {
            let error = #expect(throws: HotlineError.self) { try rule.validate(text) }
            #expect(invalidField(error)?.problem == "it is empty")
        }
    }

    @Test func textUpToTheLimitIsAcceptedAndLongerIsRejected() throws {
        // Given each rule's limit, counted in characters as a reader sees them
        for (rule, limit) in [(name, 200), (line, 500), (note, 4000)] {
            #expect(rule.maxLength == limit)
            #expect(try rule.validate(String(repeating: "я", count: limit)).count == limit)
            // A character of up to 4 bytes counts once: emoji, CJK; a family of three emoji
            // joined (18 bytes) is one character but the byte limit (4 a character) binds.
            #expect(try rule.validate(String(repeating: "👩", count: limit)).count == limit)
            #expect(try rule.validate(String(repeating: "👩‍👧‍👦", count: limit / 5)).count == limit / 5)
            let error = #expect(throws: HotlineError.self) {
                try rule.validate(String(repeating: "я", count: limit + 1))
            }
            #expect(invalidField(error)?.problem == "it is \(limit + 1) characters long")
        }
    }

    @Test func missingOptionalTextStaysMissing() throws {
        #expect(try name.validate(nil as String?) == nil)
        #expect(try note.validate("x" as String?) == "x")
    }

    @Test func errorMessageShowsControlCharactersEscapedAndLongValuesShortened() {
        // Given a value with an escape sequence
        let escape = #expect(throws: HotlineError.self) { try name.validate("\u{001B}[31mred") }
        // Then the message shows it escaped, so it cannot change the operator's terminal
        let message = escape?.description ?? ""
        #expect(!message.unicodeScalars.contains("\u{001B}"))
        #expect(message.contains("\\u{1b}[31mred"))
        // Given a pasted megabyte
        let long = #expect(throws: HotlineError.self) { try name.validate(String(repeating: "x", count: 1_000_000)) }
        // Then the message quotes only its beginning
        #expect((long?.description.count ?? .max) < 400)
        #expect(long?.description.contains("(1000000 characters)") == true)
    }

    @Test func operatorNameFollowsTheSameRules() throws {
        #expect(try OperatorName("Анна К.").name == "анна к.")
        #expect(throws: HotlineError.self) { try OperatorName("") }
        #expect(throws: HotlineError.self) { try OperatorName("anna\u{0007}") }
        #expect(throws: HotlineError.self) { try OperatorName(String(repeating: "a", count: 101)) }
    }
}

/// Length limits that combining marks cannot get around (issue 10, item 13).
@Suite struct TextRuleByteTests {
    @Test func aFloodOfCombiningMarksIsRefusedByBytesNamingTheField() {
        // Given "Petr" and 4,000,000 U+0301: 4 characters, 8 MB
        let flood = "Petr" + String(repeating: "\u{0301}", count: 4_000_000)
        for rule in [TextRule.name("person"), .line("unit"), .note("note")] {
            let error = #expect(throws: HotlineError.self) { try rule.validate(flood) }
            guard case .invalidField(let field, _, let problem, let accepted)? = error else {
                Issue.record("\(String(describing: error))")
                continue
            }
            #expect(field == rule.field)
            #expect(problem == "it is 8000004 bytes long")
            #expect(accepted.description.contains("\(rule.maxLength) characters (\(rule.maxLength * 4) bytes in UTF-8)"))
            #expect(error?.description.count ?? .max < 700)
            // The quoted value does not pile 56 accents on the r in the operator's terminal
            #expect(error?.description.contains("'Petr\u{0301}\u{0301}\u{0301}\u{0301}\\u{301}\\u{301}") == true)
        }
    }

    @Test func moreThanFourMarksOnOneCharacterAreRefused() throws {
        let rule = TextRule.name("person")
        #expect(try rule.validate("Nguyễn Thị Ánh") == "Nguyễn Thị Ánh")
        #expect(try rule.validate("Zoe\u{0308}\u{0301}") == "Zoe\u{0308}\u{0301}")
        #expect(try rule.validate("a\u{0301}\u{0302}\u{0303}\u{0304}") == "a\u{0301}\u{0302}\u{0303}\u{0304}")
        let error = #expect(throws: HotlineError.self) {
            try rule.validate("Pe\u{0301}\u{0302}\u{0303}\u{0304}\u{0306}tr")
        }
        guard case .invalidField(_, _, let problem, _)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(problem == "it stacks more than 4 combining marks on one character")
    }

    @Test func operatorAndContactFieldsHaveByteLimitsToo() {
        #expect(throws: HotlineError.self) { try OperatorName("anna" + String(repeating: "\u{0301}", count: 1000)) }
        #expect(throws: HotlineError.self) {
            try Contact(parsing: "address:Kursk" + String(repeating: "\u{0301}", count: 1000), defaultCountry: "RU")
        }
        #expect(throws: HotlineError.self) {
            try Contact(parsing: "email:a@b\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}c.org", defaultCountry: "RU")
        }
    }
}
