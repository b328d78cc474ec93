import Foundation
import Testing

@testable import HotlineCore

/// `NameFolding`'s own tables against ICU's BGN/PCGN transforms (Russian-Latin/BGN, and
/// Ukrainian-Latin/BGN for names with і, ї, є or ґ): the words should mostly agree letter for
/// letter, and where they do not (ICU writes ë as e but iotates it after a soft sign, spells
/// Й as y everywhere, and so on) their skeletons, which search and the duplicate check compare,
/// must still agree word by word.
@Suite struct NameFoldingMatchesICU {
    static let russian = [
        "Кузнецов Фёдор Васильевич", "Васильев Кирилл Александрович", "Михайлов Максим Иванович",
        "Фёдоров Виталий Витальевич", "Семёнов Кирилл Дмитриевич", "Захаров Виталий Вадимович",
        "Зайцев Иван Константинович", "Соловьёв Павел Эдуардович", "Яковлев Фёдор Никитич",
        "Григорьева Татьяна Юрьевна", "Воробьёв Григорий Егорович", "Кузьмин Кирилл Леонидович",
        "Королёва Евгения Петровна", "Киселёв Степан Семёнович", "Ильин Иван Георгиевич",
        "Поляков Семён Вячеславович", "Ковалёв Александр Ярославович", "Жуков Никита Вадимович",
        "Давыдова Софья Витальевна", "Беляев Виталий Александрович", "Крылов Евгений Станиславович",
        "Мельникова Мария Геннадьевна", "Тихонов Руслан Юрьевич", "Афанасьева Анна Семёновна",
        "Савельева Юлия Денисовна", "Щербаков Фёдор Геннадьевич", "Чернышёв Михаил Михайлович",
        "Быков Ярослав Артёмович", "Пономарёва Людмила Юрьевна", "Кудрявцев Аркадий Игоревич",
        "Прохоров Георгий Васильевич", "Журавлёв Евгений Матвеевич", "Емельянов Георгий Тимофеевич",
        "Грачёв Матвей Романович", "Щукин Дмитрий Георгиевич", "Хохлов Матвей Степанович",
        "Цветков Фёдор Григорьевич", "Юдин Даниил Ильич", "Жданов Семён Викторович",
        "Хабибуллин Виталий Аркадьевич", "Карпов Виктор Матвеевич", "Власов Тимур Сергеевич",
        "Сорокин Павел Артёмович", "Попов Георгий Геннадьевич", "Макаров Станислав Тимурович",
        "Максимов Степан Дмитриевич", "Фомин Григорий Артёмович", "Иванов Евгений Артёмович",
        "Матвеев Семён Петрович", "Осипов Вячеслав Фёдорович", "Тарасова Надежда Егоровна",
        "Белов Эдуард Викторович", "Павлов Владимир Константинович", "Колесников Илья Дмитриевич",
        "Сидоров Тимур Витальевич", "Титов Аркадий Дмитриевич", "Маркова Валентина Ивановна",
        "Лукьянова Александра Вячеславовна", "Дмитриев Артём Егорович", "Смирнов Юрий Вадимович",
        "Родионов Сергей Петрович", "Трофимова Яна Вячеславовна", "Муравьёв Иван Константинович",
        "Съедина Анна Евгеньевна", "Морозов Максим Даниилович", "Сергеев Леонид Антонович",
        "Тимофеева Яна Ивановна", "Андреев Фёдор Ярославович", "Миронов Матвей Анатольевич",
        "Комаров Даниил Иванович",
        "Подъячев Эдуард Юрьевич", "Шайхутдинов Ринат Ильич", "Ельцина Ксения Юрьевна",
    ]
    static let ukrainian = [
        "Гончаренко Віталій Ярославович", "Пономаренко Оксана Костянтинівна", "Кузьменко Михайло Юрійович",
        "Олійник Федір Юрійович", "Білоус Іван Артемович", "Юрченко Микола Віталійович",
        "Гуменюк Костянтин Леонідович", "Кравченко Анатолій Вікторович", "Левченко Валентина Федорівна",
        "Костенко Ярослав Сергійович", "Руденко Геннадій Русланович", "Андрієнко Олексій Михайлович",
        "Ковальова Світлана Миколаївна", "Єременко Андрій Володимирович", "Клименко Іван Костянтинович",
        "Харченко Євгенія Віталіївна", "Поліщук В'ячеслав Данилович", "Кириленко Марія Павлівна",
        "Федоренко Костянтин Олексійович", "Гриценко Сергій Дмитрович", "Павленко Олексій Ігорович",
        "Ткачук Яків Анатолійович", "Іваненко Євгенія Русланівна", "Бондаренко Ігор Олександрович",
        "Стасюк Євген Богданович", "Савчук Олена Ігорівна", "Марченко Леонід Якович",
        "Мороз Леонід Кирилович", "Демченко Віталій Леонідович", "Литвиненко Євген Григорович",
        "Заїка Юрій Олексійович", "Ґалаґан Ігор Петрович", "Григор'єв Олексій Андрійович",
        "Соловйова Мар'яна Ігорівна", "Гнатюк Ярослав Зіновійович", "Згурський Ілля Євгенович",
    ]

    /// ICU's reading of `name`, as folded words: lower-case ASCII letters only.
    static func icuWords(_ name: String, ukrainian: Bool) -> [String]? {
        let transform = StringTransform((ukrainian ? "Ukrainian" : "Russian") + "-Latin/BGN; Latin-ASCII; Lower")
        guard let latin = name.applyingTransform(transform, reverse: false) else { return nil }
        return latin.split(whereSeparator: \.isWhitespace)
            .map { String($0.filter { $0.isASCII && $0.isLetter }) }
            .filter { !$0.isEmpty }
    }

    @Test func foldedWordsAgreeWithICU() throws {
        let names = Self.russian.map { ($0, false) } + Self.ukrainian.map { ($0, true) }
        var exact = 0
        var differing: [String] = []
        for (name, ukrainian) in names {
            let ours = NameFolding.words(name)
            let icu = try #require(Self.icuWords(name, ukrainian: ukrainian), "ICU could not transform \(name)")
            if ours == icu {
                exact += 1
                continue
            }
            let skeletonsAgree = ours.map(NameFolding.skeleton) == icu.map(NameFolding.skeleton)
            differing.append(
                "\(name): ours \(ours.joined(separator: " ")), ICU \(icu.joined(separator: " "))"
                    + (skeletonsAgree ? "" : " — SKELETONS DIFFER"))
            #expect(
                ours.map(NameFolding.skeleton) == icu.map(NameFolding.skeleton),
                "\(name): ours \(ours) \(ours.map(NameFolding.skeleton)), ICU \(icu) \(icu.map(NameFolding.skeleton))")
        }
        print("NameFolding against ICU BGN: \(exact) of \(names.count) names agree exactly")
        for line in differing { print("  \(line)") }
        #expect(names.count >= 100)
    }
}
