/// The phrases of a letter that may be a person's name: runs of two to three capitalised
/// words ("Иванов Пётр Сергеевич", "Petr Ivanov"). A family writes the name of the one they
/// seek near the top; the likely-case lookup searches each run in the name index.
enum NamePhrases {
    /// The most phrases looked up per message: each is one name search (about 1 ms at 1M cases).
    static let maxPhrases = 6

    static func phrases(in text: String) -> [String] {
        var phrases: [String] = []
        var run: [Substring] = []
        func flush() {
            if run.count >= 2 {
                let phrase = run.prefix(3).joined(separator: " ")
                if !phrases.contains(phrase) { phrases.append(phrase) }
            }
            run = []
        }
        for token in text.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" }) {
            guard phrases.count < maxPhrases else { break }
            if token.count >= 2, token.first!.isUppercase, token.dropFirst().contains(where: \.isLowercase) {
                run.append(token)
            } else {
                flush()
            }
        }
        flush()
        return Array(phrases.prefix(maxPhrases))
    }
}
