/// A service number (личный номер, особистий номер) such as `АБ-123456`, kept as written and
/// folded to a key on which `АБ-123456`, `AB 123456` and `аб123456` agree: lists are typed in
/// Cyrillic or Latin, with spaces, dashes or nothing between the parts.
public struct ServiceNumber: Hashable, Sendable, CustomStringConvertible {
    /// As written (trimmed).
    public let text: String
    /// Letters as their Latin class, digits kept, everything else dropped: what two numbers
    /// are compared on.
    public let key: String

    public var description: String { text }

    /// Parses a service number given in `field`: letters (Cyrillic or Latin) and digits, with
    /// spaces, dashes, dots, slashes or `№` between them; at least 4 digits, at most 24
    /// letters and digits.
    public init(parsing text: String, field: String = "service number") throws(HotlineError) {
        let accepted: Message = "letters and digits such as АБ-123456 or AB 123456 (spaces, dashes and script do not matter)"
        let trimmed = text.trimmingWhitespace()
        var key = ""
        var digits = 0
        for character in trimmed.uppercased() {
            if character.isASCII, character.isNumber {
                key.append(character)
                digits += 1
            } else if let latin = Self.letterClass[character] {
                key.append(latin)
            } else if " -–—./№#\u{00A0}".contains(character) {
                continue
            } else {
                throw .invalidField(
                    field: field, value: text, problem: "'\(character)' has no place in a service number",
                    accepted: accepted)
            }
        }
        guard digits >= 4 else {
            throw .invalidField(field: field, value: text, problem: "it has fewer than 4 digits", accepted: accepted)
        }
        guard key.count <= 24 else {
            throw .invalidField(
                field: field, value: text, problem: "it has \(key.count) letters and digits", accepted: accepted)
        }
        self.text = trimmed
        self.key = key
    }

    /// Each letter's class: a Cyrillic letter as its usual Latin transliteration, then letters
    /// that look alike in the two scripts (В and B, Н and H, Р and P, С and C, У and Y, Х and X)
    /// put in one class, because a list typed on a Latin keyboard copies what it sees.
    /// Transliterations of more than one letter (Ж as ZH) are taken by their first letter.
    static let letterClass: [Character: Character] = {
        let latin = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        let cyrillic: [Character: Character] = [
            "А": "A", "Б": "B", "В": "V", "Г": "G", "Ґ": "G", "Д": "D", "Е": "E", "Ё": "E", "Є": "E", "Ж": "Z",
            "З": "Z", "И": "I", "І": "I", "Ї": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
            "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ч": "C", "Ш": "S",
            "Щ": "S", "Ы": "Y", "Э": "E", "Ю": "U", "Я": "A",
        ]
        // Look-alike classes, named by their first letter.
        let alike: [Character: Character] = [
            "V": "B", "N": "H", "X": "H", "R": "P", "S": "C", "U": "Y",
        ]
        var classes: [Character: Character] = [:]
        for letter in latin { classes[letter] = alike[letter] ?? letter }
        for (letter, transliteration) in cyrillic { classes[letter] = alike[transliteration] ?? transliteration }
        return classes
    }()

    /// Whether two service numbers name the same person.
    public func agrees(with other: ServiceNumber) -> Bool { key == other.key }
}
