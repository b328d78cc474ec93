import Foundation
import HotlineCore
import Testing

@testable import HotlineCommands

/// Issue 17 item 12: errors, confirmations and table headers in the operator's language.
@Suite struct LanguageTests {
    struct Wording: Sendable, CustomTestStringConvertible {
        let lang: String
        let error: String
        let noteAdded: String
        let header: String
        var testDescription: String { lang }
    }

    static let wordings = [
        Wording(
            lang: "en", error: "hotline: invalid case reference '1234-5678': the check digit does not match.",
            noteAdded: "note added.", header: "REF        STATUS"),
        Wording(
            lang: "ru", error: "hotline: неверный номер дела '1234-5678': контрольная цифра не сходится.",
            noteAdded: "заметка добавлена.", header: "НОМЕР      СТАТУС"),
        Wording(
            lang: "uk", error: "hotline: неправильний номер справи '1234-5678': контрольна цифра не збігається.",
            noteAdded: "нотатку додано.", header: "НОМЕР      СТАТУС"),
    ]

    @Test(arguments: wordings)
    func errorsConfirmationsAndHeadersAreInTheChosenLanguage(_ wording: Wording) async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let lang = ["--lang", wording.lang]

        let refused = await cli.run(["case", "show", "1234-5678"] + lang)
        #expect(refused.code == 1)
        #expect(refused.err.hasPrefix(wording.error), "\(refused.err)")

        let noted = await cli.run(["case", "note", ref, "Позвонили в МККК ещё раз"] + lang)
        #expect(noted.code == 0, "\(noted.err)")
        #expect(noted.out.contains(ref) && noted.out.contains(wording.noteAdded), "\(noted.out)")

        let listed = await cli.run(["case", "list"] + lang)
        #expect(listed.out.hasPrefix(wording.header), "\(listed.out)")
        #expect(listed.out.contains("Иванов Пётр Сергеевич") && listed.out.contains("RU-KRS"))

        // JSON is a contract: the same keys and values in every language.
        let json = await cli.run(["case", "list", "--format", "json"] + lang)
        let cases = try #require(try json.json as? [[String: Any]])
        #expect(cases.first?["ref"] as? String == ref && cases.first?["status"] as? String == "new")
    }

    @Test func aLanguageHotlineDoesNotSpeakIsRefusedNamingTheOnesItDoes() async throws {
        let cli = try CLI()
        let result = await cli.run(["case", "list", "--lang", "xx"])
        #expect(result.code == 64)
        #expect(result.err.contains("'xx'") && result.err.contains("'en', 'ru' or 'uk'"), "\(result.err)")
    }

    @Test func theLanguageIsTheFlagThenHotlineLangThenTheLocale() throws {
        #expect(try Language.chosen(flag: .uk, environment: ["HOTLINE_LANG": "ru", "LANG": "en_US.UTF-8"]) == .uk)
        #expect(try Language.chosen(flag: nil, environment: ["HOTLINE_LANG": "RU", "LANG": "uk_UA.UTF-8"]) == .ru)
        #expect(try Language.chosen(flag: nil, environment: ["LANG": "uk_UA.UTF-8"]) == .uk)
        #expect(
            try Language.chosen(flag: nil, environment: ["LANG": "en_US.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"]) == .ru)
        #expect(try Language.chosen(flag: nil, environment: ["LC_ALL": "C.UTF-8", "LANG": "ru_RU.UTF-8"]) == .en)
        #expect(try Language.chosen(flag: nil, environment: ["LANG": "de_DE.UTF-8"]) == .en)
        #expect(try Language.chosen(flag: nil, environment: [:]) == .en)
        #expect(throws: HotlineError.self) { try Language.chosen(flag: nil, environment: ["HOTLINE_LANG": "de"]) }
    }

    /// The real binary with only a locale set, as an operator's terminal would be.
    @Test func theBinaryFollowsTheLocale() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hotline-lang-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = ["case", "show", "1234-5678", "--db", directory.appendingPathComponent("x.sqlite").path]
        process.environment = ["LANG": "ru_RU.UTF-8", "PATH": "/usr/bin:/bin", "HOME": directory.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.hasPrefix("hotline: неверный номер дела '1234-5678'"), "\(stderr)")
    }
}
