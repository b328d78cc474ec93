/// The phrases of a letter that may be a person's name: runs of two to three capitalised
/// words ("Иванов Пётр Сергеевич", "Petr Ivanov"). A family writes the name of the one they
/// seek near the top; the likely-case lookup searches each run in the name index.
enum NamePhrases {
    /// The most phrases looked up per message: each is one name search (about 5 ms at 1M cases).
    static let maxPhrases = 6

    /// A run ends at a word that is not capitalised and at punctuation or a line break: a name
    /// is written without them, and "Ищу: Иванов Пётр" or "Здравствуйте.\nИванов Пётр" is a
    /// word and a name, not one three-word phrase that a search ranks below the name alone.
    static func isMixedCase(_ word: Substring) -> Bool { word.dropFirst().contains(where: \.isLowercase) }

    /// Of a longer run, the three words in a row with the most in mixed case, the first such:
    /// "СРОЧНО Иванов Пётр Сергеевич" and "ФИО Иванов Пётр Сергеевич" are the name without the
    /// shouted word, "ИВАНОВ Пётр Сергеевич" keeps its surname.
    static func bestThree(of run: [Substring]) -> ArraySlice<Substring> {
        guard run.count > 3 else { return run[...] }
        let best = (0...(run.count - 3)).max { first, second in
            let (a, b) = (
                run[first..<first + 3].filter(isMixedCase).count, run[second..<second + 3].filter(isMixedCase).count
            )
            return a < b || (a == b && first > second)
        }!  // a run of more than three words has a window
        return run[best..<best + 3]
    }

    static func phrases(in text: String) -> [String] {
        var phrases: [String] = []
        var run: [Substring] = []
        func flush() {
            // A surname in capitals is the official style ("ИВАНОВ Пётр"); a run of capitals
            // alone is shouting ("СРОЧНО ИЩУ СЫНА").
            if run.count >= 2, run.contains(where: isMixedCase) {
                let phrase = bestThree(of: run).joined(separator: " ")
                if !phrases.contains(phrase) { phrases.append(phrase) }
            }
            run = []
        }
        var wordStart: String.Index?
        func endWord(at end: String.Index) {
            guard let start = wordStart else { return }
            wordStart = nil
            let word = text[start..<end]
            if word.count >= 2, word.first!.isUppercase {
                run.append(word)
            } else {
                flush()
            }
        }
        // Character by character, so a long letter is read only as far as the phrases it needs.
        var index = text.startIndex
        while index < text.endIndex, phrases.count < maxPhrases {
            let character = text[index]
            if character.isLetter || (wordStart != nil && (character == "-" || character == "'" || character == "’")) {
                if wordStart == nil { wordStart = index }
            } else {
                endWord(at: index)
                if character != " " && character != "\t" && character != "\u{A0}" { flush() }
            }
            index = text.index(after: index)
        }
        endWord(at: text.endIndex)
        flush()
        return Array(phrases.prefix(maxPhrases))
    }
}
