import CPhoneNumber
import HotlineTesting
import Testing

@testable import HotlineCore

@Suite struct ContactTests {
    struct Normalised: Sendable, CustomTestStringConvertible {
        let typed: String
        let kind: ContactKind
        let value: String
        var testDescription: String { "\(typed) → \(kind.rawValue):\(value)" }
    }

    // MARK: Phones

    @Test(arguments: [
        "8 916 123-45-67", "+7 (916) 123-45-67", "89161234567", "9161234567", "+79161234567", "79161234567",
        "8 (916) 123.45.67", "  +7 916 123 45 67  ", "8\u{00A0}916\u{00A0}123-45-67", "00 7 916 123 45 67",
        "8 10 7 916 123 45 67",
    ])
    func russianPhoneInAnyCommonFormatBecomesE164(typed: String) throws {
        // When a Russian number is typed in any common format, with RU the default country
        let phone = try PhoneNumber(parsing: typed, defaultCountry: "RU")
        // Then it is stored in E.164
        #expect(phone.e164 == "+79161234567")
    }

    @Test(arguments: ["00380501234567", "+380 50 123 4567", "+380 (50) 123-45-67", "00 380 50 123 45 67"])
    func ukrainianInternationalPhoneBecomesE164(typed: String) throws {
        #expect(try PhoneNumber(parsing: typed, defaultCountry: "RU").e164 == "+380501234567")
    }

    @Test func nationalNumberIsCompletedWithTheDefaultCountry() throws {
        // Given Ukraine as the default country, a Ukrainian national number is completed with +380
        #expect(try PhoneNumber(parsing: "050 123 4567", defaultCountry: "UA").e164 == "+380501234567")
        #expect(try PhoneNumber(parsing: "050 123 4567", defaultCountry: "ua").e164 == "+380501234567")
        #expect(try PhoneNumber(parsing: "501234567", defaultCountry: "UA").e164 == "+380501234567")
        // And a number of a country without a known plan is kept as typed internationally
        #expect(try PhoneNumber(parsing: "+49 30 1234567", defaultCountry: "RU").e164 == "+49301234567")
    }

    @Test(arguments: [
        "8 916 ABC-45-67",  // letters
        "8 916 123-45-6x",
        "12345",  // too short
        "+7 916 123",  // too short for +7
        "8 916 123-45-678",  // 12 digits: not a national number
        "+7 916 123-45-678",  // +7 with 11 digits
        "+380 50 123 45",  // +380 with 7 digits
        "+1234567890123456",  // 16 digits: too long for E.164
        "+0 916 123 45 67",  // a country code cannot start with 0
        "---",  // no digits
        "8/916/1234567",
        "+7 916 123 45 67 ext 2",
    ])
    func badPhoneIsRejectedNamingTheField(typed: String) {
        // When a phone contact is not a phone number
        let error = #expect(throws: HotlineError.self) { try Contact(parsing: "phone:\(typed)", defaultCountry: "RU") }
        // Then it is refused, naming the field and quoting the value
        let parts = invalidField(error)
        #expect(parts?.field == "phone contact", "\(String(describing: error))")
        #expect(parts?.value == typed.trimmingCharacters(in: .whitespaces))
        #expect(error?.description.hasPrefix("invalid phone contact '") == true)
        #expect(parts?.accepted == PhoneNumber.accepted.description)
    }

    @Test func phoneErrorSaysWhatIsWrong() {
        let letters = #expect(throws: HotlineError.self) {
            try PhoneNumber(parsing: "8 916 ABC-45-67", defaultCountry: "RU")
        }
        #expect(invalidField(letters)?.field == "phone")
        #expect(invalidField(letters)?.problem == "'A' is not part of a phone number")
        let short = #expect(throws: HotlineError.self) { try PhoneNumber(parsing: "+7 916 123", defaultCountry: "RU") }
        #expect(
            invalidField(short)?.problem
                == "it has 6 digits after +7, too few for RU (numbers there look like +7 912 345-67-89)")
        let long = #expect(throws: HotlineError.self) {
            try PhoneNumber(parsing: "+7 916 123-45-678", defaultCountry: "RU")
        }
        #expect(
            invalidField(long)?.problem
                == "it has 11 digits after +7, which no number of RU has (numbers there look like +7 912 345-67-89)")
    }

    @Test func unknownDefaultCountryIsAConfigurationError() {
        // Every country with a numbering plan is known (libphonenumber's metadata); XX is none.
        let error = #expect(throws: HotlineError.self) {
            try PhoneNumber(parsing: "8 916 123-45-67", defaultCountry: "XX")
        }
        guard case .configuration? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        // A Russian national number is not completed as an American one.
        #expect(throws: HotlineError.self) { try PhoneNumber(parsing: "8 916 123-45-67", defaultCountry: "US") }
    }

    @Test(arguments: ["whatsapp", "viber"])
    func messengerByPhoneIsStoredInE164(kind: String) throws {
        let contact = try Contact(parsing: "\(kind):8 916 123-45-67", defaultCountry: "RU")
        #expect(contact.kind.rawValue == kind)
        #expect(contact.value == "+79161234567")
    }

    // MARK: E-mail

    @Test(arguments: [
        Normalised(typed: "email:maria@example.org", kind: .email, value: "maria@example.org"),
        Normalised(typed: "email:Maria.Ivanova@Example.ORG", kind: .email, value: "maria.ivanova@example.org"),
        Normalised(typed: "EMAIL: m+hotline@mail.example.ru ", kind: .email, value: "m+hotline@mail.example.ru"),
        Normalised(typed: "email:o'brien@example.co.uk", kind: .email, value: "o'brien@example.co.uk"),
        Normalised(typed: "email:a-b_c@my-host.example", kind: .email, value: "a-b_c@my-host.example"),
    ])
    func goodEmailIsLowerCased(_ example: Normalised) throws {
        let contact = try Contact(parsing: example.typed, defaultCountry: "RU")
        #expect(contact.kind == example.kind)
        #expect(contact.value == example.value)
    }

    @Test(arguments: [
        "maria.example.org",  // no @
        "maria@@example.org",  // two @
        "ma@ria@example.org",
        "@example.org",  // nothing before @
        "maria@",  // nothing after @
        "maria@localhost",  // no dot in the domain
        "maria@example",
        "maria@example.o",  // one-letter top-level domain
        "maria@example.123",  // numeric top-level domain
        "maria@-example.org",  // label starting with -
        "maria@example-.org",
        "maria@example..org",  // empty label
        "a..b@x.org",  // two dots in the mailbox
        ".maria@example.org",
        "maria.@example.org",
        "ma ria@example.org",  // a space
        "мария@example.org",  // Cyrillic mailbox
        "maria@exa_mple.org",
    ])
    func badEmailIsRejectedNamingTheField(typed: String) {
        let error = #expect(throws: HotlineError.self) { try Contact(kind: .email, value: typed, defaultCountry: "RU") }
        #expect(invalidField(error)?.field == "email contact", "\(String(describing: error))")
        #expect(invalidField(error)?.accepted == "an e-mail address such as name@example.org")
    }

    @Test func overlongEmailIsRejected() {
        let local = String(repeating: "a", count: 64)
        let domain = Array(repeating: String(repeating: "b", count: 60), count: 4).joined(separator: ".") + ".org"
        #expect(throws: HotlineError.self) {
            try Contact(kind: .email, value: "\(local)@\(domain)", defaultCountry: "RU")
        }
        let tooLongMailbox = String(repeating: "a", count: 65) + "@example.org"
        #expect(throws: HotlineError.self) { try Contact(kind: .email, value: tooLongMailbox, defaultCountry: "RU") }
    }

    // MARK: Telegram and Signal

    @Test(arguments: [
        Normalised(typed: "telegram:@Anna_Ivanova", kind: .telegram, value: "@anna_ivanova"),
        Normalised(typed: "telegram:t.me/anna_ivanova", kind: .telegram, value: "@anna_ivanova"),
        Normalised(typed: "telegram:https://t.me/Anna_Ivanova", kind: .telegram, value: "@anna_ivanova"),
        Normalised(typed: "telegram:anna_ivanova", kind: .telegram, value: "@anna_ivanova"),
        Normalised(typed: "telegram:+7 916 123-45-67", kind: .telegram, value: "+79161234567"),
        Normalised(typed: "signal:alice.01", kind: .signal, value: "alice.01"),
        Normalised(typed: "signal:Alice_B.123", kind: .signal, value: "alice_b.123"),
        Normalised(typed: "signal:8 916 123-45-67", kind: .signal, value: "+79161234567"),
    ])
    func messengerHandleIsNormalised(_ example: Normalised) throws {
        let contact = try Contact(parsing: example.typed, defaultCountry: "RU")
        #expect(contact.kind == example.kind)
        #expect(contact.value == example.value)
        #expect(contact.description == "\(example.kind.rawValue):\(example.value)")
    }

    @Test(arguments: ["@ab", "@anna", "@1anna_ivanova", "@anna_ivanova_", "@anna-ivanova", "@анна_иванова", "t.me/"])
    func badTelegramHandleIsRejected(typed: String) {
        let error = #expect(throws: HotlineError.self) {
            try Contact(kind: .telegram, value: typed, defaultCountry: "RU")
        }
        #expect(invalidField(error)?.field == "telegram contact")
        #expect(invalidField(error)?.problem == "not a Telegram username")
    }

    @Test(arguments: ["alice", "alice.1", "al.01", "alice.0a", "alice.01.02", "1alice.01", "alice-b.01"])
    func badSignalUsernameIsRejected(typed: String) {
        let error = #expect(throws: HotlineError.self) {
            try Contact(kind: .signal, value: typed, defaultCountry: "RU")
        }
        #expect(invalidField(error)?.field == "signal contact")
    }

    // MARK: Address and other

    @Test func addressIsKeptAsTyped() throws {
        let contact = try Contact(parsing: "address:г. Курск, ул. Ленина, д. 1, кв. 2", defaultCountry: "RU")
        #expect(contact.kind == .address)
        #expect(contact.value == "г. Курск, ул. Ленина, д. 1, кв. 2")
        #expect(throws: HotlineError.self) { try Contact(parsing: "address:line one\nline two", defaultCountry: "RU") }
        #expect(throws: HotlineError.self) { try Contact(parsing: "other:   ", defaultCountry: "RU") }
    }

    // MARK: Inferring the kind

    @Test(arguments: [
        Normalised(typed: "+79161234567", kind: .phone, value: "+79161234567"),
        Normalised(typed: "8 916 123-45-67", kind: .phone, value: "+79161234567"),
        Normalised(typed: "+380 50 123 4567", kind: .phone, value: "+380501234567"),
        Normalised(typed: "x@y.org", kind: .email, value: "x@y.org"),
        Normalised(typed: "Maria@Example.org", kind: .email, value: "maria@example.org"),
        Normalised(typed: "@handle", kind: .telegram, value: "@handle"),
        Normalised(typed: "@Anna_Ivanova", kind: .telegram, value: "@anna_ivanova"),
    ])
    func bareValueIsUnderstoodAsPhoneEmailOrTelegram(_ example: Normalised) throws {
        let contact = try Contact(parsing: example.typed, defaultCountry: "RU")
        #expect(contact.kind == example.kind)
        #expect(contact.value == example.value)
    }

    @Test(arguments: [
        "icq:123456789", "skype:anna.ivanova", "fax:+7 916 123 45 67", "anna ivanova", "t.me/anna_ivanova",
    ])
    func unknownKindIsRejectedListingTheKinds(typed: String) {
        // When the kind is not one hotline knows and the value is not a bare phone, e-mail or @handle
        let error = #expect(throws: HotlineError.self) { try Contact(parsing: typed, defaultCountry: "RU") }
        // Then it is refused, listing the kinds accepted
        let parts = invalidField(error)
        #expect(parts?.field == "contact", "\(String(describing: error))")
        #expect(parts?.problem == "the kind of contact is not given")
        for kind in ContactKind.allCases { #expect(parts?.accepted.contains(kind.rawValue) == true) }
    }

    @Test(arguments: [
        Normalised(typed: " @anna_ivanova", kind: .telegram, value: "@anna_ivanova"),
        Normalised(typed: "  x@y.org ", kind: .email, value: "x@y.org"),
        Normalised(typed: " +7 916 123-45-67 ", kind: .phone, value: "+79161234567"),
    ])
    func bareValueWithSurroundingSpacesIsUnderstoodTheSame(_ example: Normalised) throws {
        // When a pasted bare contact has spaces around it, as KIND:VALUE contacts may
        let contact = try Contact(parsing: example.typed, defaultCountry: "RU")
        // Then it is understood as without them
        #expect(contact.kind == example.kind)
        #expect(contact.value == example.value)
    }

    @Test func kindIsMatchedIgnoringLetterCaseAndSpaces() throws {
        let contact = try Contact(parsing: " Phone : 8 916 123-45-67", defaultCountry: "RU")
        #expect(contact == (try Contact(kind: .phone, value: "+79161234567", defaultCountry: "RU")))
    }
}

/// Numbers checked against the plan of the country they end up in, with libphonenumber
/// (issue 10, item 18).
@Suite struct PhoneNumberPlanTests {
    /// The fast path (calling code split off, trunk prefix dropped, IsValidNumber) against the
    /// library's parser, on real-looking numbers of the plain plans and on random digits.
    @Test func theFastPathAgreesWithTheParser() throws {
        var generator = SplitMix64(seed: 10)
        let countries = [
            "RU", "KZ", "UA", "BY", "MD", "GE", "AM", "AZ", "UZ", "KG", "TJ", "TM", "LV", "LT", "EE", "PL", "DE", "MX",
            "AR", "IT", "US",
        ]
        let trunks = ["RU": "8", "KZ": "8", "UA": "0", "BY": "8", "MD": "0", "GE": "0", "PL": "", "DE": "0", "LV": ""]
        var tried = 0
        var valid = 0
        var disagreements: [String] = []
        for _ in 0..<8_000 {
            let country = countries.randomElement(using: &generator)!
            let example = try #require(PhoneNumber.example(country)).filter(\.isNumber)
            let code = PhoneNumber.parse("+" + example, country: country, fast: false).callingCode
            // The example with its last digits changed, as typed three ways; or random digits.
            let keep = Int.random(in: 2...example.count, using: &generator)
            let digits =
                String(example.prefix(keep))
                + String(
                    (keep..<example.count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let national = String(digits.dropFirst(String(code).count))
            let random = String(
                (0..<Int.random(in: 4...14, using: &generator)).map { _ in
                    Character(String(Int.random(in: 0...9, using: &generator)))
                })
            for text in ["+" + digits, (trunks[country] ?? "") + national, national, random, "+" + random] {
                let fast = PhoneNumber.parse(text, country: country, fast: true)
                let slow = PhoneNumber.parse(text, country: country, fast: false)
                tried += 1
                if slow.result == HOTLINE_PHONE_VALID { valid += 1 }
                if fast.result != slow.result || fast.e164 != slow.e164 || fast.region != slow.region {
                    disagreements.append("\(text) in \(country): \(fast) vs \(slow)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        #expect(valid > tried / 4, "\(valid) of \(tried) valid: the inputs should be mostly real-looking")
    }

    @Test func theWrittenOutCountriesAreTheLibrarys() {
        #expect(PhoneNumber.countries == PhoneNumber.librarysCountries())
    }

    @Test func aUkrainianNationalNumberWithTheRussianDefaultIsRefusedWithAHint() {
        // Given the Russian default, a Ukrainian national number would become +70501234567
        let error = #expect(throws: HotlineError.self) {
            try PhoneNumber(parsing: "050 123 45 67", defaultCountry: "RU")
        }
        guard case .invalidField(let field, _, let problem, _)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(field == "phone")
        // Then it is refused, saying where it would be valid and how to write it
        #expect(problem.description.contains("+70501234567 is not a valid number"))
        #expect(problem.description.contains("UA: +380501234567"))
        #expect(problem.description.contains("write it with + and the country code"))
    }

    @Test(arguments: [
        ("+70501234567", "RU"),  // no Russian number begins 050
        ("+7 916 123", "RU"),
        ("+380 10 123 4567", "RU"),  // no Ukrainian number begins 10
        ("+999 123 456 789", "RU"),  // no country has +999
        ("0501234567", "KZ"),
        ("8 916 123-45-67", "UA"),
    ])
    func numbersOutsideTheirCountrysPlanAreRefused(typed: String, country: String) {
        #expect(throws: HotlineError.self) { try PhoneNumber(parsing: typed, defaultCountry: country) }
    }

    @Test(arguments: [
        ("8 (727) 250-12-34", "KZ", "+77272501234"),  // Almaty, the shared +7
        ("+7 727 250 12 34", "RU", "+77272501234"),
        ("8 029 123-45-67", "BY", "+375291234567"),
        ("8 10 380 50 123 4567", "RU", "+380501234567"),  // the Russian international prefix
        ("+1 650 253 0000", "RU", "+16502530000"),
        ("0049 30 1234567", "UA", "+49301234567"),
        ("(650) 253-0000", "US", "+16502530000"),
    ])
    func validNumbersOfEveryPlanAreStoredInE164(typed: String, country: String, e164: String) throws {
        #expect(try PhoneNumber(parsing: typed, defaultCountry: country).e164 == e164)
    }
}
