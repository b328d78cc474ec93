import CPhoneNumber

/// A telephone number in E.164 form: `+79161234567`.
///
/// Checked with Google's libphonenumber (Debian's libphonenumber-dev, through CPhoneNumber):
/// a number must be valid in the numbering plan of the country it belongs to, so a Ukrainian
/// national number typed with the Russian default (`0501234567`) is refused with a hint,
/// rather than stored as the non-existent `+70501234567`.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    public let e164: String
    public var description: String { e164 }

    /// Whether `country` (ISO 3166-1 alpha-2, any case) has a numbering plan, for configuration checks.
    public static func isSupportedCountry(_ country: String) -> Bool {
        countries.contains(country.uppercased())
    }

    /// The regions libphonenumber has a plan for, written out: every command checks the
    /// configured default country, and asking the library loads all its metadata (about 6 ms
    /// of a one-shot process). A test checks this list against the library's.
    static let countries: Set<String> = [
        "AC", "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
        "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
        "BT", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO",
        "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG",
        "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG",
        "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GT", "GU", "GW", "GY", "HK", "HN", "HR", "HT",
        "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE",
        "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR",
        "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN",
        "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF",
        "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL",
        "PM", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD",
        "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY",
        "SZ", "TA", "TC", "TD", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
        "TZ", "UA", "UG", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "XK",
        "YE", "YT", "ZA", "ZM", "ZW",
    ]

    /// The regions as the library lists them, to check `countries` against.
    static func librarysCountries() -> Set<String> {
        var buffer = [CChar](repeating: 0, count: 4096)
        _ = hotline_phone_supported_regions(&buffer, buffer.count)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Set(text.split(separator: ",").map(String.init))
    }

    static let accepted: Message =
        "an international number (+7 916 123-45-67, 00380 50 123 4567) or a national one in the "
        + "default country's format (8 916 123-45-67); spaces, dashes, dots and brackets are ignored"

    /// Countries whose national numbers families of a Russian or Ukrainian hotline most often
    /// give by mistake without their country code; a refused national number valid in one of
    /// them gets a hint with the + form.
    static let hintCountries = [
        "RU", "UA", "BY", "KZ", "MD", "GE", "AM", "AZ", "UZ", "KG", "TJ", "TM", "LV", "LT", "EE", "PL", "RO",
        "FI", "TR", "IL", "DE",
    ]

    /// Normalises what an operator typed. National numbers are completed with `defaultCountry`;
    /// the result must be a valid number of the country it belongs to.
    public init(parsing text: String, defaultCountry: String, field: String = "phone")
        throws(HotlineError)
    {
        let accepted: Message = Self.accepted
        func invalid(_ problem: Message) -> HotlineError {
            .invalidField(field: field, value: text, problem: problem, accepted: accepted)
        }
        // Only digits, a leading + and separators: libphonenumber would also take letters
        // (1-800-FLOWERS) and extensions, which a family's number never has.
        var body = Substring(text.trimmingPrefix(while: \.isWhitespace))
        var international = body.hasPrefix("+")
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
        guard digits.count <= 20 else { throw invalid("it has \(digits.count) digits; a number has at most 15") }
        let country = defaultCountry.utf8.allSatisfy { $0 < 97 } ? defaultCountry : defaultCountry.uppercased()
        guard Self.countries.contains(country) else {
            throw .configuration("phone.defaultCountry '\(defaultCountry)' is not an ISO 3166-1 country code")
        }
        // 00 is the international prefix in most countries, though not in Russia's plan (810):
        // a number typed with 00 is international wherever the default country is.
        if !international && digits.hasPrefix("00") {
            international = true
            digits.removeFirst(2)
        }
        let parsed = Self.parse((international ? "+" : "") + digits, country: country)
        switch parsed.result {
        case HOTLINE_PHONE_VALID:
            e164 = parsed.e164
            return
        case HOTLINE_PHONE_INVALID_COUNTRY_CODE:
            throw invalid(
                international
                    ? "no country has a calling code at the start of +\(digits.prefix(4))"
                    : "it is not a \(country) number")
        case HOTLINE_PHONE_NOT_A_NUMBER, HOTLINE_PHONE_TOO_SHORT_AFTER_IDD, HOTLINE_PHONE_TOO_SHORT_NSN:
            throw invalid("\(digits.count) digits is too short for a phone number")
        case HOTLINE_PHONE_TOO_LONG_NSN:
            throw invalid("\(digits.count) digits is too long for a phone number")
        default:
            break
        }
        // Parsed, but not a number of the plan it ended up in.
        let code = "+\(parsed.callingCode)"
        let owner = parsed.region.isEmpty ? code : parsed.region
        let after = parsed.e164.count - code.count
        let example = Self.example(parsed.region.isEmpty ? country : parsed.region).map {
            " (numbers there look like \($0))"
        }
        let why: Message
        switch parsed.result {
        case HOTLINE_PHONE_TOO_SHORT:
            why = "it has \(after) digits after \(code), too few for \(owner)\(example ?? "")"
        case HOTLINE_PHONE_TOO_LONG:
            why = "it has \(after) digits after \(code), too many for \(owner)\(example ?? "")"
        case HOTLINE_PHONE_WRONG_LENGTH:
            why = "it has \(after) digits after \(code), which no number of \(owner) has\(example ?? "")"
        default:
            why = "\(parsed.e164) is not a valid number of \(owner)\(example ?? "")"
        }
        guard !international else { throw invalid(why) }
        // A national number: say where it would be valid instead of guessing.
        let elsewhere = Self.hintCountries.filter { $0 != country }.compactMap { other -> String? in
            let there = Self.parse(digits, country: other)
            return there.result == HOTLINE_PHONE_VALID && there.region == other ? "\(other): \(there.e164)" : nil
        }
        let hint =
            elsewhere.isEmpty
            ? "; if it is a number of another country, write it with + and that country's code"
            : "; as a national number it would be valid in " + elsewhere.prefix(3).joined(separator: ", ")
                + ": write it with + and the country code"
        throw invalid("read with the default country \(country): \(why)\(hint)")
    }

    /// One call into libphonenumber: `text` ("+DIGITS" or "DIGITS") read with `country` as
    /// the default. The library's parser costs about 15 µs a call (20 with the validity check),
    /// the hand-written parser it replaces 3 µs; with `fast`, a number of the plain plans
    /// (Russia, Ukraine, their neighbours) is checked without it in about 5 µs. A test checks
    /// both ways agree on random and real-looking numbers.
    static func parse(_ text: String, country: String, fast: Bool = true)
        -> (result: hotline_phone_result, e164: String, region: String, callingCode: Int)
    {
        // One stack buffer for both answers: heap arrays cost a microsecond a call.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            let e164 = buffer.baseAddress!
            let region = e164 + 32
            var callingCode: Int32 = 0
            let result = hotline_phone_parse(text, country, e164, 32, region, 8, &callingCode, fast ? 1 : 0)
            return (result, String(cString: e164), String(cString: region), Int(callingCode))
        }
    }

    /// An example mobile number of `country`, in international format, for error messages.
    static func example(_ country: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 48)
        guard hotline_phone_example(country, &buffer, buffer.count) != 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
