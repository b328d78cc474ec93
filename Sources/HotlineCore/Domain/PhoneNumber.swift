/// A telephone number in E.164 form: `+79161234567`.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    public let e164: String
    public var description: String { e164 }

    /// The national numbering plans hotline knows how to complete a national-format number
    /// for: calling code, trunk prefix dialled before a national number, national length.
    /// International numbers (`+…`, `00…`) are accepted for every country.
    struct NumberingPlan: Sendable {
        let callingCode: String
        let trunkPrefix: String
        let nationalLength: Int
    }

    static let plans: [String: NumberingPlan] = [
        "RU": NumberingPlan(callingCode: "7", trunkPrefix: "8", nationalLength: 10),
        "KZ": NumberingPlan(callingCode: "7", trunkPrefix: "8", nationalLength: 10),
        "UA": NumberingPlan(callingCode: "380", trunkPrefix: "0", nationalLength: 9),
        "BY": NumberingPlan(callingCode: "375", trunkPrefix: "80", nationalLength: 9),
        "MD": NumberingPlan(callingCode: "373", trunkPrefix: "0", nationalLength: 8),
        "GE": NumberingPlan(callingCode: "995", trunkPrefix: "0", nationalLength: 9),
    ]

    /// The countries whose national format is understood, for configuration checks.
    public static var supportedCountries: [String] { plans.keys.sorted() }

    static let accepted =
        "an international number (+7 916 123-45-67, 00380 50 123 4567) or a national one in the "
        + "default country's format (8 916 123-45-67); spaces, dashes, dots and brackets are ignored"

    /// Normalises what an operator typed. National numbers are completed with `defaultCountry`.
    public init(parsing text: String, defaultCountry: String, field: String = "phone")
        throws(HotlineError)
    {
        let accepted = Self.accepted
        func invalid(_ problem: String) -> HotlineError {
            .invalidField(field: field, value: text, problem: problem, accepted: accepted)
        }
        var body = Substring(text.trimmingPrefix(while: \.isWhitespace))
        let international = body.hasPrefix("+")
        if international { body = body.dropFirst() }
        var digits = ""
        for character in body {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if !" -.()\u{00A0}".contains(character) {
                throw invalid("'\(character)' is not part of a phone number")
            }
        }
        guard !digits.isEmpty else { throw invalid("it has no digits") }
        guard let plan = Self.plans[defaultCountry.uppercased()] else {
            throw .configuration(
                "phone.defaultCountry '\(defaultCountry)' is not one of \(Self.supportedCountries.joined(separator: ", "))"
            )
        }

        var full: String
        if international {
            full = digits
        } else if digits.hasPrefix("00") {
            full = String(digits.dropFirst(2))
        } else if plan.trunkPrefix == "8" && digits.hasPrefix("810") && digits.count > 11 {
            full = String(digits.dropFirst(3))  // the Russian international prefix 8~10
        } else if digits.count == plan.nationalLength + plan.trunkPrefix.count,
            digits.hasPrefix(plan.trunkPrefix)
        {
            full = plan.callingCode + digits.dropFirst(plan.trunkPrefix.count)
        } else if digits.count == plan.nationalLength + plan.callingCode.count,
            digits.hasPrefix(plan.callingCode)
        {
            full = digits
        } else if digits.count == plan.nationalLength {
            full = plan.callingCode + digits
        } else {
            throw invalid(
                "\(digits.count) digits is not a \(defaultCountry.uppercased()) national number "
                    + "(\(plan.trunkPrefix) and \(plan.nationalLength) digits) and it has no + or 00 in front"
            )
        }
        guard (8...15).contains(full.count), !full.hasPrefix("0") else {
            throw invalid("an international number has 8 to 15 digits after the +, the first not 0")
        }
        // Where we know the country's plan, hold the number to its length.
        if let known = Self.plans.values.first(where: { full.hasPrefix($0.callingCode) }),
            full.count != known.callingCode.count + known.nationalLength
        {
            throw invalid(
                "a +\(known.callingCode) number has \(known.nationalLength) digits after the country code, "
                    + "this one has \(full.count - known.callingCode.count)")
        }
        e164 = "+" + full
    }
}
