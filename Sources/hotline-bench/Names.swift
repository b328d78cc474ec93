import Foundation

/// Russian and Ukrainian names as families give them: surnames (male form), given names,
/// patronymics, with the female forms an inquirer (mother, wife, sister) carries, and the
/// Latin spellings families type on a phone or a foreign keyboard.
enum NameLanguage: Sendable {
    case russian, ukrainian
}

struct NameBank: Sendable {
    let language: NameLanguage
    /// Male forms, commonest first (drawn Zipf-like).
    let surnames: [String]
    let maleGiven: [String]
    let femaleGiven: [String]
    /// Patronymics from the same fathers' names: (male, female).
    let patronymics: [(String, String)]

    let surnameDraw: WeightedIndex
    let maleDraw: WeightedIndex
    let femaleDraw: WeightedIndex
    let patronymicDraw: WeightedIndex

    init(
        language: NameLanguage, surnames: [String], maleGiven: [String], femaleGiven: [String],
        patronymics: [(String, String)]
    ) {
        self.language = language
        self.surnames = surnames
        self.maleGiven = maleGiven
        self.femaleGiven = femaleGiven
        self.patronymics = patronymics
        surnameDraw = .zipf(count: surnames.count, exponent: 0.9)
        maleDraw = .zipf(count: maleGiven.count, exponent: 0.8)
        femaleDraw = .zipf(count: femaleGiven.count, exponent: 0.8)
        patronymicDraw = .zipf(count: patronymics.count, exponent: 0.8)
    }

    static func bank(_ language: NameLanguage) -> NameBank { language == .russian ? russian : ukrainian }

    /// The female form of a surname: Иванов → Иванова, Высоцкий → Высоцкая, Білецький →
    /// Білецька; Шевченко, Мельник, Кравчук stay as they are.
    func female(_ surname: String) -> String {
        for (male, female) in [("ский", "ская"), ("цкий", "цкая"), ("ський", "ська"), ("цький", "цька"), ("ой", "ая")]
        where surname.hasSuffix(male) {
            return String(surname.dropLast(male.count)) + female
        }
        for ending in ["ов", "ев", "ёв", "ин", "ын", "ін"] where surname.hasSuffix(ending) { return surname + "а" }
        return surname
    }

    static let russian = NameBank(
        language: .russian,
        surnames: [
            "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
            "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
            "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
            "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
            "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин",
            "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов",
            "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов",
            "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов",
            "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
            "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв", "Быков",
            "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов", "Пономарёв",
            "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников", "Трофимов",
            "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов", "Никифоров", "Грачёв",
            "Котов", "Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев", "Панов", "Моисеев",
            "Румянцев", "Акимов", "Кондратьев", "Бирюков", "Горбунов", "Анисимов", "Ерёмин", "Тихомиров",
            "Галкин", "Лукьянов", "Михеев", "Скворцов", "Юдин", "Белоусов", "Нестеров", "Симонов", "Прокофьев",
            "Харитонов", "Князев", "Цветков", "Левин", "Митрофанов", "Воронов", "Аксёнов", "Мальцев", "Логинов",
            "Горшков", "Савин", "Краснов", "Майоров", "Демидов", "Елисеев", "Рыбаков", "Сафонов", "Плотников",
            "Дёмин", "Хохлов", "Шестаков", "Мухин", "Зуев", "Бондарев", "Островский", "Высоцкий", "Шевцов",
            "Толстой", "Черных", "Седых", "Коротких", "Шубин", "Носков", "Сычёв", "Рябов", "Вишневский",
        ],
        maleGiven: [
            "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил", "Артём",
            "Николай", "Владимир", "Денис", "Павел", "Роман", "Олег", "Игорь", "Никита", "Илья", "Кирилл", "Антон",
            "Виталий", "Юрий", "Вадим", "Константин", "Владислав", "Руслан", "Станислав", "Егор", "Василий",
            "Виктор", "Тимур", "Пётр", "Георгий", "Григорий", "Фёдор", "Данил", "Степан", "Леонид", "Вячеслав",
        ],
        femaleGiven: [
            "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Екатерина", "Юлия",
            "Людмила", "Галина", "Валентина", "Надежда", "Марина", "Анастасия", "Оксана", "Алина", "Дарья",
            "Виктория", "Любовь", "Нина", "Вера", "Евгения", "Ксения", "Лариса", "Тамара", "Полина",
        ],
        patronymics: [
            ("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Владимирович", "Владимировна"),
            ("Николаевич", "Николаевна"), ("Викторович", "Викторовна"), ("Иванович", "Ивановна"),
            ("Андреевич", "Андреевна"), ("Юрьевич", "Юрьевна"), ("Алексеевич", "Алексеевна"),
            ("Михайлович", "Михайловна"), ("Дмитриевич", "Дмитриевна"), ("Олегович", "Олеговна"),
            ("Игоревич", "Игоревна"), ("Анатольевич", "Анатольевна"), ("Валерьевич", "Валерьевна"),
            ("Петрович", "Петровна"), ("Васильевич", "Васильевна"), ("Геннадьевич", "Геннадьевна"),
            ("Евгеньевич", "Евгеньевна"), ("Павлович", "Павловна"), ("Борисович", "Борисовна"),
            ("Григорьевич", "Григорьевна"), ("Станиславович", "Станиславовна"), ("Романович", "Романовна"),
            ("Вячеславович", "Вячеславовна"), ("Константинович", "Константиновна"), ("Фёдорович", "Фёдоровна"),
            ("Леонидович", "Леонидовна"), ("Степанович", "Степановна"), ("Максимович", "Максимовна"),
        ])

    static let ukrainian = NameBank(
        language: .ukrainian,
        surnames: [
            "Мельник", "Шевченко", "Коваленко", "Бондаренко", "Бойко", "Ткаченко", "Кравченко", "Коваль",
            "Олійник", "Шевчук", "Поліщук", "Лисенко", "Бондар", "Ткачук", "Марченко", "Мороз", "Савченко",
            "Руденко", "Кравчук", "Петренко", "Клименко", "Павленко", "Левченко", "Карпенко", "Кузьменко",
            "Гончаренко", "Савчук", "Романюк", "Мазур", "Павлюк", "Харченко", "Іваненко", "Сидоренко",
            "Василенко", "Литвиненко", "Гаврилюк", "Мартинюк", "Козак", "Костенко", "Тимошенко", "Кушнір",
            "Пономаренко", "Мельничук", "Ковальчук", "Лук'яненко", "Захарченко", "Гребенюк", "Юрченко", "Осадчий",
            "Яковенко", "Кириленко", "Онищенко", "Дяченко", "Приходько", "Гуменюк", "Білик", "Остапенко",
            "Гнатюк", "Герасименко", "Данилюк", "Зінченко", "Панченко", "Нестеренко", "Бабенко", "Семенко",
            "Головко", "Колесник", "Ярошенко", "Ігнатенко", "Костюк", "Швець", "Якименко", "Назаренко", "Вовк",
            "Грищенко", "Тарасенко", "Білоус", "Демченко", "Білецький", "Заїка", "Стасюк", "Федоренко",
            "Максименко", "Ковтун", "Гордієнко", "Волошин", "Кучер", "Бережний", "Сорока", "Присяжнюк", "Тищенко",
            "Фесенко", "Поночевний", "Дмитренко", "Хоменко", "Шаповал", "Гайдамака", "Соловйов", "Чорновол",
        ],
        maleGiven: [
            "Олександр", "Сергій", "Андрій", "Дмитро", "Віталій", "Володимир", "Іван", "Максим", "Олег", "Юрій",
            "Михайло", "Микола", "Василь", "Петро", "Богдан", "Тарас", "Ярослав", "Роман", "Віктор", "Євген",
            "Артем", "Денис", "Остап", "Степан", "Павло", "Ігор", "Руслан", "Назар", "Орест", "Григорій",
        ],
        femaleGiven: [
            "Олена", "Ольга", "Наталія", "Тетяна", "Ірина", "Світлана", "Оксана", "Марія", "Людмила", "Галина",
            "Юлія", "Катерина", "Валентина", "Надія", "Анна", "Вікторія", "Лариса", "Ганна", "Софія", "Христина",
            "Любов", "Зоряна", "Іванна", "Дарина",
        ],
        patronymics: [
            ("Олександрович", "Олександрівна"), ("Сергійович", "Сергіївна"), ("Володимирович", "Володимирівна"),
            ("Миколайович", "Миколаївна"), ("Іванович", "Іванівна"), ("Васильович", "Василівна"),
            ("Петрович", "Петрівна"), ("Михайлович", "Михайлівна"), ("Вікторович", "Вікторівна"),
            ("Андрійович", "Андріївна"), ("Юрійович", "Юріївна"), ("Анатолійович", "Анатоліївна"),
            ("Олегович", "Олегівна"), ("Богданович", "Богданівна"), ("Степанович", "Степанівна"),
            ("Павлович", "Павлівна"), ("Григорович", "Григорівна"), ("Леонідович", "Леонідівна"),
            ("Ярославович", "Ярославівна"), ("Романович", "Романівна"), ("Тарасович", "Тарасівна"),
            ("Дмитрович", "Дмитрівна"),
        ])
}

/// Latin spellings as families type them: mostly the passport/BGN style, some the strict
/// passport (ICAO) one, a few German-style (Iwanow, Schewtschenko).
enum Transliteration: Sendable {
    case popular, passport, german

    static func spell(_ text: String, _ language: NameLanguage, _ style: Transliteration) -> String {
        var out = ""
        var atWordStart = true
        var previousVowel = false
        for character in text {
            let lower = Character(character.lowercased())
            let isUpper = character != lower
            guard let latin = letter(lower, language, style, atWordStart: atWordStart || previousVowel) else {
                out.append(character)
                atWordStart = character == " " || character == "-"
                previousVowel = false
                continue
            }
            out += isUpper ? latin.prefix(1).uppercased() + latin.dropFirst() : latin
            atWordStart = false
            previousVowel = "аеёиоуыэюяієї".contains(lower)
        }
        return out
    }

    /// Only letters and digits, lower case: for e-mail boxes and handles.
    static func slug(_ text: String, _ language: NameLanguage) -> String {
        String(spell(text, language, .popular).lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    private static func letter(_ c: Character, _ language: NameLanguage, _ style: Transliteration, atWordStart: Bool)
        -> String?
    {
        if language == .ukrainian {
            switch c {
            case "г": return "h"
            case "ґ": return "g"
            case "и": return "y"
            case "і": return "i"
            case "ї": return atWordStart ? "yi" : "i"
            case "є": return atWordStart ? "ye" : "ie"
            case "й": return atWordStart ? "y" : "i"
            case "ю": return atWordStart ? "yu" : "iu"
            case "я": return atWordStart ? "ya" : "ia"
            case "'", "’": return ""
            default: break
            }
        }
        switch style {
        case .german:
            switch c {
            case "в": return "w"
            case "ж": return "sch"
            case "з": return "s"
            case "й": return "j"
            case "х": return "ch"
            case "ц": return "z"
            case "ч": return "tsch"
            case "ш": return "sch"
            case "щ": return "schtsch"
            case "ю": return "ju"
            case "я": return "ja"
            case "ё": return "jo"
            case "е": return atWordStart ? "je" : "e"
            case "ы": return "y"
            default: break
            }
        case .passport:
            switch c {
            case "й": return "i"
            case "ю": return "iu"
            case "я": return "ia"
            case "ё": return "e"
            case "ъ": return "ie"
            default: break
            }
        case .popular:
            switch c {
            case "й": return "y"
            case "ю": return "yu"
            case "я": return "ya"
            case "ё": return "yo"
            case "е": return atWordStart ? "ye" : "e"
            default: break
            }
        }
        switch c {
        case "а": return "a"
        case "б": return "b"
        case "в": return "v"
        case "г": return "g"
        case "д": return "d"
        case "е", "э": return "e"
        case "ж": return "zh"
        case "з": return "z"
        case "и": return "i"
        case "к": return "k"
        case "л": return "l"
        case "м": return "m"
        case "н": return "n"
        case "о": return "o"
        case "п": return "p"
        case "р": return "r"
        case "с": return "s"
        case "т": return "t"
        case "у": return "u"
        case "ф": return "f"
        case "х": return "kh"
        case "ц": return "ts"
        case "ч": return "ch"
        case "ш": return "sh"
        case "щ": return "shch"
        case "ы": return "y"
        case "ь", "ъ": return ""
        case "і": return "i"
        case "ї": return "yi"
        case "є": return "ye"
        case "ґ": return "g"
        default: return nil
        }
    }
}
