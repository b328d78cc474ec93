import Testing

@testable import HotlineCore

/// The phrases of a letter the likely-case lookup searches: capitalised runs, broken where a
/// name cannot go on (punctuation, a line break, a word in lower case).
struct NamePhrasesTests {
    @Test func aNameAfterAColonOrAGreetingIsFoundAlone() {
        let letter = "Ищу: Иванов Пётр Сергеевич\nЗдравствуйте.\nИщу сына, Иванов Пётр Сергеевич, связь пропала. Мать."
        #expect(NamePhrases.phrases(in: letter) == ["Иванов Пётр Сергеевич"])
    }

    @Test func runsKeepHyphensApostrophesAndAtMostThreeWords() {
        #expect(NamePhrases.phrases(in: "Шевченко-Бойко Ірина Петрівна Мати") == ["Шевченко-Бойко Ірина Петрівна"])
        #expect(NamePhrases.phrases(in: "Пишу про Дмитро Мар'янович Коваль.") == ["Дмитро Мар'янович Коваль"])
        #expect(NamePhrases.phrases(in: "looking for Petr Ivanov, born 1990") == ["Petr Ivanov"])
        #expect(NamePhrases.phrases(in: "Петров И. С.") == [])  // initials are no capitalised words
        #expect(NamePhrases.phrases(in: "СРОЧНО ИЩУ СЫНА") == [])  // capitals alone are shouting
        #expect(NamePhrases.phrases(in: "сын ИВАНОВ Пётр Сергеевич пропал") == ["ИВАНОВ Пётр Сергеевич"])
        #expect(NamePhrases.phrases(in: "СРОЧНО Иванов Пётр Сергеевич") == ["Иванов Пётр Сергеевич"])
        #expect(NamePhrases.phrases(in: "ФИО Иванов Пётр Сергеевич, 1998") == ["Иванов Пётр Сергеевич"])
    }

    @Test func aLongLetterGivesAtMostSixPhrases() {
        let letter = (1...20).map { "Иванов\($0 % 2 == 0 ? "а" : "") Пётр\(String(repeating: "о", count: $0))." }
            .joined(separator: " ")
        let phrases = NamePhrases.phrases(in: letter)
        #expect(phrases.count == NamePhrases.maxPhrases)
        #expect(phrases.first == "Иванов Пётро")
    }
}
