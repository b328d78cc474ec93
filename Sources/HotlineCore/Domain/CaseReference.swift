/// A case's reference: 8 digits read out as two groups (`4821-9935`), the last a Damm check
/// digit. Digits read the same in every language a hotline works in, and the Damm check
/// catches every single mistyped digit and every swap of two neighbouring digits, so a slip
/// over the phone is refused instead of opening someone else's case.
public struct CaseReference: Hashable, Sendable, CustomStringConvertible {
    /// The 8 digits, check digit last.
    public let digits: String

    /// The reference as shown and stored: `4821-9935`.
    public var description: String { "\(digits.prefix(4))-\(digits.suffix(4))" }

    /// Parses what an operator typed: spaces, dashes and a leading `#` are ignored; any dash or
    /// hyphen a keyboard or a word processor makes (U+2010 to U+2015, U+2212, U+FE63, U+FF0D)
    /// counts as `-` and full-width digits as digits, so a reference copied from a letter or a
    /// chat works. The check digit still guards against every slip.
    public init(parsing text: String) throws(HotlineError) {
        var kept = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: kept.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: kept.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0x20, 0x09, 0x2D, 0x23, 0xA0, 0x202F, 0x3000, 0xFF03: continue  // spaces, -, #
            case 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D: continue  // dashes and hyphens
            default: kept.unicodeScalars.append(scalar)
            }
        }
        guard kept.count == 8, kept.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidReference(text, problem: "expected 8 digits")
        }
        guard Self.dammCheck(kept.utf8.map { $0 - 48 }) == 0 else {
            throw .invalidReference(text, problem: "the check digit does not match")
        }
        digits = kept
    }

    /// A new random reference. Random rather than sequential, so a reference does not reveal
    /// how many families have called, and neighbouring cases are not one digit apart.
    public static func random(using generator: inout some RandomNumberGenerator) -> CaseReference {
        let body = (0..<7).map { _ in UInt8.random(in: 0...9, using: &generator) }
        let check = dammCheck(body)
        let text = String(decoding: (body + [check]).map { $0 + 48 }, as: UTF8.self)
        return CaseReference(verifiedDigits: text)
    }

    private init(verifiedDigits: String) { digits = verifiedDigits }

    /// The Damm algorithm's interim digit: 0 for a valid number; for a number without its
    /// check digit, the check digit to append.
    static func dammCheck(_ digits: [UInt8]) -> UInt8 {
        var interim: UInt8 = 0
        for digit in digits { interim = dammTable[Int(interim)][Int(digit)] }
        return interim
    }

    /// A weakly totally anti-symmetric quasigroup of order 10 (Damm, 2004).
    private static let dammTable: [[UInt8]] = [
        [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
        [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
        [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
        [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
        [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
        [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
        [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
        [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
        [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
        [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
    ]
}
