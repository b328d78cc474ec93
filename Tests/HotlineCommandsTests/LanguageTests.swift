import Foundation
import HotlineCore
import HotlineTesting
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

    /// English labels of `case show`, `stats` and `notice show`: none is left on a Russian or
    /// Ukrainian screen (statuses, channels and results are data, typed in English, and stay).
    static let englishLabels = [
        "Case ", "status:", "open)", "may move to", "region:", "born:", "unit:", "opened:", " by ", "Inquiries",
        " via ", "taken by", "contacts:", "note:", "History:", "opened as", "inquiry #", "source:", "as of", "Owner:",
        "Families", "inquirer", "call back", "channels:", "share with partners", "Notice", "attempt", "yes", "(none)",
        "Open cases by region", "Cases by status", "Inquiries per day", "last 30 days", "informed", "waiting for news",
        "median time", "call-backs", "case:", "news:", "family:", "consent:", "since", "next try", "told:", "Kursk",
        "Service number", "Registry", "none",
    ]

    /// Issue 17: an operator's whole screen in their language, the data as typed.
    @Test(arguments: ["ru", "uk"])
    func caseShowStatsAndNoticeShowHaveNoEnglishLabel(_ lang: String) async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry(extra: ["--born", "1990", "--unit", "в/ч 12345"])
        #expect(await cli.run(["case", "note", ref, "Позвонили в МККК ещё раз"]).code == 0)
        #expect(await cli.run(["case", "status", ref, "searching"]).code == 0)
        let located = await cli.run(["case", "status", ref, "located", "--source", "список 5", "--as-of", "2024-05-01"])
        #expect(located.code == 0, "\(located.err)")
        let tried = await cli.run(["notice", "attempt", "1", "--channel", "phone", "--result", "no-answer"])
        #expect(tried.code == 0, "\(tried.err)")

        let screens = [
            await cli.run(["case", "show", ref, "--lang", lang]), await cli.run(["stats", "--lang", lang]),
            await cli.run(["notice", "show", "1", "--lang", lang]),
        ]
        for screen in screens {
            #expect(screen.code == 0, "\(screen.err)")
            // A history entry's note is text stored as it was written ("Иванова Мария (mother)
            // via phone"), shown under the entry with six spaces: data, like a typed note.
            let labels = screen.out.split(separator: "\n").filter { !$0.hasPrefix("      ") }.joined(separator: "\n")
            let english = Self.englishLabels.filter { labels.contains($0) }
            #expect(english.isEmpty, "\(english) in:\n\(screen.out)")
        }
        let (shown, stats, notice) = (screens[0].out, screens[1].out, screens[2].out)
        for data in [ref, "Иванов Пётр Сергеевич", "RU-KRS", "в/ч 12345", "Иванова Мария", "Позвонили в МККК ещё раз"] {
            #expect(shown.contains(data), "\(data) in:\n\(shown)")
        }
        #expect(shown.contains("searching -> located") && shown.contains("список 5") && shown.contains("2024-05-01"))
        #expect(stats.contains("RU-KRS") && stats.contains(lang == "ru" ? "Курская область" : "Курська область"))
        #expect(notice.contains("located") && notice.contains("no-answer") && notice.contains("Иванова Мария"))
        #expect(shown.contains(lang == "ru" ? "История:" : "Історія:"), "\(shown)")

        // The JSON of the same screens is the contract: identical in every language.
        for words in [["case", "show", ref], ["stats"], ["notice", "show", "1"]] {
            let english = await cli.run(words + ["--format", "json"])
            let translated = await cli.run(words + ["--format", "json", "--lang", lang])
            #expect(english.code == 0 && english.out == translated.out, "\(words)")
        }
    }

    /// The most used commands' help: their summary and options in the chosen language;
    /// ArgumentParser's own headings and the option names stay as typed.
    @Test func helpOfTheMostUsedCommandsIsInTheChosenLanguage() async throws {
        let cli = try CLI()
        let wanted: [(words: [String], en: String, ru: String, uk: String)] = [
            (["case", "list"], "Only open cases.", "Только открытые дела.", "Лише відкриті справи."),
            (
                ["case", "show"], "Show everything about one case.", "Показать всё об одном деле.",
                "Показати все про одну справу."
            ),
            (["case", "status"], "Where the news came from", "Откуда новость", "Звідки новина"),
            (
                ["inquiry", "log"], "The person sought, in any script.", "Разыскиваемый, любым алфавитом.",
                "Розшукуваний, будь-якою абеткою."
            ),
            (["search"], "What to look for.", "Что искать.", "Що шукати."),
            (
                ["notice", "list"], "Only notices of cases assigned to me.",
                "Только извещения по делам, назначенным мне.", "Лише повідомлення у справах, призначених мені."
            ),
        ]
        for command in wanted {
            for (lang, text) in [("en", command.en), ("ru", command.ru), ("uk", command.uk)] {
                let help = await cli.run(command.words + ["--help", "--lang", lang])
                #expect(help.code == 0, "\(help.err)")
                #expect(
                    help.out.contains(text),
                    "\(lang): \(help.out)")
            }
        }
        // The parent's list of commands shows each one's summary in the language asked.
        let group = await cli.run(["case", "--help", "--lang", "uk"])
        #expect(group.out.contains("Показати все про одну справу."), "\(group.out)")
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
        let directory = TestFiles.directory("lang")
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

    /// Words put into a translated sentence are in its language too: the catalog scan cannot
    /// see inside `\( )`, and "(none)" or "none" spliced in as text stayed English.
    @Test func wordsInsideASentenceAreInItsLanguage() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let edit = await cli.run([
            "case", "edit", ref, "--unit", "в/ч 12345", "--note", "сестра уточнила", "--lang", "ru",
        ])
        #expect(edit.code == 0, "\(edit.err)")
        #expect(edit.out.contains("(нет) -> в/ч 12345"), "\(edit.out)")
        let version = await cli.run(["db", "version", "--lang", "uk"])
        #expect(version.out.contains("Очікувані міграції: немає"), "\(version.out)")
    }
}
