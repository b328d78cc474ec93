import Foundation

/// The operator a write is recorded under: `--as`, else `HOTLINE_OPERATOR`, else the login name.
///
/// Names are compared and recorded in one canonical form, so `anna`, `Anna` and full-width
/// `ａｎｎａ` are one operator: compatibility-normalised (NFKC: full-width letters, ligatures),
/// lower-cased, spaces trimmed and collapsed. Names that only look like another are refused:
/// invisible characters (U+200B, U+2060, U+FEFF, variation selectors …), direction controls
/// (U+202E …), other spaces than U+0020, and letters of more than one script (Cyrillic `а` in
/// `аnna`).
public struct OperatorName: Hashable, Sendable, CustomStringConvertible {
    /// The canonical form: what is looked up and recorded.
    public let name: String
    /// The name as typed, after the checks: finds a row stored before names were normalised
    /// when two rows share a canonical form (`Anna`, `ANNA`).
    let typed: String
    public var description: String { name }

    public static func == (a: OperatorName, b: OperatorName) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// What `--as` and `operator add` take.
    static let accepted: Message =
        "up to 100 characters: letters of one script (Latin, Cyrillic, Greek …), digits and "
        + "punctuation, spaces between words; case and width do not matter (Anna is anna); "
        + "no invisible or direction-changing characters"

    public init(_ typed: String) throws(HotlineError) {
        let text = try TextRule(field: "operator", maxLength: 100, allowsNewlines: false).validate(typed)
        func invalid(_ problem: Message) -> HotlineError {
            .invalidField(field: "operator", value: typed, problem: problem, accepted: Self.accepted)
        }
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            var code: String { "U+" + String(scalar.value, radix: 16, uppercase: true) }  // for an error only
            if properties.isBidiControl {
                throw invalid("it contains the direction control \(code), which reorders what is shown")
            }
            switch properties.generalCategory {
            case .format, .privateUse, .unassigned, .surrogate:
                throw invalid("it contains the invisible or unassigned character \(code)")
            case .spaceSeparator where scalar != " ", .lineSeparator, .paragraphSeparator:
                throw invalid("it contains the space \(code); only the plain space is taken")
            default:
                if properties.isDefaultIgnorableCodePoint {
                    throw invalid("it contains the invisible character \(code)")
                }
            }
        }
        let canonical = Self.canonical(text)
        guard !canonical.isEmpty else { throw invalid("it is empty") }
        var seen: (script: String, letter: Unicode.Scalar)?
        for scalar in canonical.unicodeScalars {
            guard let script = Self.script(of: scalar) else { continue }
            if let first = seen, first.script != script {
                throw invalid(
                    "it mixes \(first.script) and \(script) letters ('\(first.letter)' and '\(scalar)' "
                        + "U+\(String(scalar.value, radix: 16, uppercase: true))), so it can pass for another name")
            }
            seen = seen ?? (script, scalar)
        }
        name = canonical
        self.typed = text
    }

    /// The canonical form of a name already checked: NFKC, lower-cased, spaces trimmed and
    /// collapsed. Also applied to names stored before names were normalised, to find them.
    static func canonical(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
            .precomposedStringWithCompatibilityMapping
        return folded.split(separator: " ").joined(separator: " ")
    }

    /// The script of a letter, or `nil` for what every script shares (digits, punctuation,
    /// marks, modifier letters). Han, kana and Hangul count as one: Japanese and Korean names
    /// mix them. Blocks outside the scripts named here count as one script per 128 code points.
    static func script(of scalar: Unicode.Scalar) -> String? {
        guard scalar.properties.isAlphabetic, !scalar.properties.generalCategory.isMark else { return nil }
        switch scalar.value {
        case 0x2B0...0x2FF: return nil  // modifier letters: ʼ in Ukrainian names
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0x24F, 0x250...0x2AF, 0x1D00...0x1DBF, 0x1E00...0x1EFF,
            0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFB00...0xFB06, 0xFF21...0xFF5A:
            return "Latin"
        case 0x370...0x3FF, 0x1F00...0x1FFF: return "Greek"
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return "Cyrillic"
        case 0x530...0x58F, 0xFB13...0xFB17: return "Armenian"
        case 0x590...0x5FF, 0xFB1D...0xFB4F: return "Hebrew"
        case 0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return "Arabic"
        case 0x10A0...0x10FF, 0x1C90...0x1CBF, 0x2D00...0x2D2F: return "Georgian"
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3005...0x3007, 0x3040...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFF66...0xFFDC, 0x20000...0x3FFFF:
            return "Han, kana or Hangul"
        default: return "U+\(String((scalar.value >> 7) << 7, radix: 16, uppercase: true)) block"
        }
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }
}
