import Foundation

@testable import HotlineCore

// Labelled pairs of descriptions of persons sought, for measuring the duplicate check
// (`DuplicateRule.isLikely`). Each pair is either one person written two ways (`same: true`) or
// two different people whose names are alike (`same: false`).
//
// The Latin spellings were produced letter by letter from public romanisation tables:
// - Russian: the passport table (MVD order 889 of 2013, following ICAO Doc 9303: й i, ю iu,
//   я ia, ъ ie, ё e); BGN/PCGN 1947 (ye after vowels and signs, ë, y, yu, ya, ' and ");
//   ISO 9:1995 (ž, č, š, ŝ, ë, è, â, û, j, h for Х, c for Ц, primes for the signs);
//   the scholarly system (ž, č, š, šč, x for Х, ja, ju, j); German (Duden: w, s for З, z for Ц,
//   sch, tsch, schtsch, ch, j, je, jo, ja, ju, x for кс).
// - Ukrainian: the national table (Cabinet of Ministers resolution 55 of 2010: h for Г, g for Ґ,
//   y for И, i for І, yi/i for Ї, ye/ie for Є, y/i for Й, yu/iu, ya/ia, zh, kh, ts, ch, sh, shch,
//   zgh for ЗГ, no soft sign); BGN/PCGN 1965 Ukrainian (the same, with ' for Ь and " for the
//   apostrophe).
// Typos are one edit each (a doubled, dropped, swapped or substituted letter, phonetic or a
// keyboard neighbour). Birth dates, regions and units are as a second caller might give them:
// the same, or unknown on one side; for the negatives, the same or unknown (a known birth year
// that differs is its own kind, "namesake-other-year").
//
// Kinds, positives: script (Cyrillic against passport, BGN or national Ukrainian Latin),
// romanisation (passport against BGN), romanisation-iso9, romanisation-scholarly,
// romanisation-german, romanisation-ukrainian (Cyrillic or national table against BGN/PCGN
// Ukrainian), ukrainian-russian (one person named in Ukrainian and in Russian: Петро/Пётр,
// Олександр/Александр), order (surname first or last), patronymic (with and without), typo.
// Negatives: namesake-other-year, close-name (Иванов/Иваненко), same-surname (other given name;
// brothers share the patronymic), gender (Смирнов Александр / Смирнова Александра),
// other-patronymic (same surname and given name, another father), different.

/// Two descriptions and whether they are one person.
struct LabelledPair: Sendable, CustomStringConvertible {
    let a: PersonDescription
    let b: PersonDescription
    let same: Bool
    let kind: String

    static func same(_ kind: String, _ a: PersonDescription, _ b: PersonDescription) -> LabelledPair {
        LabelledPair(a: a, b: b, same: true, kind: kind)
    }

    static func different(_ kind: String, _ a: PersonDescription, _ b: PersonDescription) -> LabelledPair {
        LabelledPair(a: a, b: b, same: false, kind: kind)
    }

    var description: String {
        func show(_ person: PersonDescription) -> String {
            var parts = ["\"\(person.name)\""]
            if let born = person.born { parts.append("born \(born)") }
            if let region = person.region { parts.append(region) }
            if let unit = person.unit { parts.append(unit) }
            return parts.joined(separator: ", ")
        }
        return "[\(kind)] \(show(a)) / \(show(b))"
    }
}

/// A description; `born` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
private func who(_ name: String, _ born: String? = nil, region: String? = nil, unit: String? = nil)
    -> PersonDescription
{
    let date = born.map { text in
        // The literals below are all valid dates; a typo in one should stop the tests at once.
        guard let date = try? PartialDate(parsing: text, field: "born") else { fatalError("bad date \(text)") }
        return date
    }
    return PersonDescription(name: name, born: date, region: region, unit: unit)
}

/// The evaluation set: 377 pairs: 250 same, 127 different.
let duplicatePairs: [LabelledPair] = [
    // script
    .same("script", who("Ярослав Антонов", region: "RU-ROS"), who("Antonov Yaroslav Matveyevich")),
    .same("script", who("Дмитрієнко Данило Анатолійович", "1996"), who("Danylo Dmytriienko")),
    .same("script", who("Лисенко Наталія", region: "UA-14"), who("Lysenko Nataliia Oleksiivna", region: "UA-14")),
    .same("script", who("Максим Сергеевич Цветков", region: "RU-SPE"), who("Maksim Tsvetkov", "1992")),
    .same("script", who("Надежда Юдина", "1998", region: "RU-SPE"), who("Nadezhda Iudina", region: "RU-SPE")),
    .same("script", who("Николаев Сергей", unit: "в/ч 42839"), who("Nikolayev Sergey")),
    .same("script", who("Павло В'ячеславович Бондаренко", unit: "в/ч 42839"), who("Bondarenko Pavlo Viacheslavovych")),
    .same("script", who("Фролов Степан Геннадьевич", "2000"), who("Stepan Frolov")),
    .same("script", who("Щербаков Сергей Антонович", "1998"), who("Shcherbakov Sergey Antonovich")),
    .same("script", who("Павленко Степан Олегович", "1985"), who("Stepan Olehovych Pavlenko", "1985")),
    .same("script", who("Андрей Виноградов", "2005-10-19"), who("Andrei Vinogradov", "2005")),
    .same(
        "script", who("Єременко Геннадій Тарасович", "1976", region: "UA-74"),
        who("Yeremenko Hennadii", "1976", region: "UA-74")),
    .same(
        "script", who("Тимофеев Игорь", "1997-06-14", region: "RU-NVS"),
        who("Timofeyev Igor'", "1997", region: "RU-NVS")),
    .same("script", who("Цветков Григорий Николаевич", "1989"), who("GRIGORIY NIKOLAYEVICH TSVETKOV", "1989-11-16")),
    .same("script", who("Вадим Павленко", "1978", region: "UA-74"), who("PAVLENKO VADYM", region: "UA-74")),
    .same("script", who("Жуков Николай", "2000"), who("Nikolay Zhukov")),
    .same("script", who("Станислав Алексеевич Гаврилов"), who("Stanislav Gavrilov", "1977")),
    .same("script", who("Ковальчук Василь", unit: "в/ч 61899"), who("Vasyl Kovalchuk")),
    .same(
        "script", who("Олег Приходько", "1985", region: "UA-23"), who("Oleh Prykhodko", "1985-06-26", region: "UA-23")),
    .same(
        "script", who("Виноградов Михаил", "2001-03-08", unit: "в/ч 23626"),
        who("Vinogradov Mikhail", "2001-03-08", unit: "в/ч 23626")),
    .same("script", who("Павел Давыдов"), who("DAVYDOV PAVEL MATVEYEVICH")),
    .same("script", who("Олексій Коваленко", "1970-03-17"), who("KOVALENKO OLEKSII", "1970-03-17")),
    .same(
        "script", who("Быкова Анна Тимуровна", region: "RU-MOW", unit: "в/ч 61899"),
        who("Anna Bykova", "1972", region: "RU-MOW")),
    .same("script", who("Гончаренко Степан", "2002"), who("Stepan Honcharenko", "2002")),
    .same("script", who("Литвиненко Костянтин Ілліч", "1996-01-16"), who("Kostiantyn Lytvynenko", "1996-01-16")),
    .same("script", who("Ющенко В'ячеслав Григорович", "1970"), who("Yushchenko Viacheslav", "1970-10-07")),
    .same("script", who("Харченко Віктор", region: "UA-51"), who("Kharchenko Viktor", region: "UA-51")),
    .same("script", who("Віталій Юрченко", region: "UA-63"), who("Yurchenko Vitalii Vitaliiovych")),
    .same("script", who("Марченко Семен Олександрович"), who("Marchenko Semen", "1988", region: "UA-18")),
    .same(
        "script", who("Прохоров Константин", "1981", region: "RU-KRS"),
        who("Konstantin Prokhorov", "1981-03-22", region: "RU-KRS")),
    .same("script", who("Андреев Юрий", "1974"), who("Yuriy Fedorovich Andreyev")),
    .same("script", who("Лазарев Даниил", "1992-11-06"), who("Daniil Iakovlevich Lazarev", "1992")),
    .same("script", who("Казаков Вадим", "1992", region: "RU-BRY"), who("Kazakov Vadim", "1992")),
    .same("script", who("Федор Шайхутдинов", unit: "в/ч 42839"), who("SHAYKHUTDINOV FËDOR", unit: "в/ч 42839")),
    .same("script", who("Григорій Кузьменко", "1980-02-15"), who("Kuzmenko Hryhorii", "1980-02-15")),
    .same("script", who("Беляев Анатолий", "1971"), who("Beliaev Anatolii", "1971")),
    .same(
        "script", who("Тарас Максимович Пономаренко", "1993-06-04", region: "UA-53"),
        who("Ponomarenko Taras", "1993-06-04", region: "UA-53")),
    .same("script", who("Людмила Алексеева", "1979-02-08"), who("Liudmila Alekseeva", "1979")),
    .same("script", who("Аркадий Антонович Баранов"), who("Arkadiy Antonovich Baranov")),
    .same("script", who("Максим Данилов", "1978", unit: "в/ч 44936"), who("Maksim Yevgen'yevich Danilov", "1978")),
    // romanisation
    .same("romanisation", who("Ilia Vadimovich Sobolev", "1970"), who("Sobolev Il'ya Vadimovich", "1970")),
    .same("romanisation", who("Grigorii Nazarov", "1987", unit: "в/ч 44936"), who("Nazarov Grigoriy", "1987")),
    .same(
        "romanisation", who("Podieiachev Konstantin Pavlovich", "1972-03-05", unit: "в/ч 11659"),
        who("Pod\"yachev Konstantin Pavlovich", "1972-03-05", unit: "в/ч 11659")),
    .same("romanisation", who("Dmitrii Maslov", "2000"), who("Maslov Dmitriy", "2000")),
    .same("romanisation", who("Matvei Nazarov", "1971"), who("Nazarov Matvey", "1971")),
    .same("romanisation", who("Morozov Anton", "1975", region: "RU-SVE"), who("Anton Morozov", region: "RU-SVE")),
    .same("romanisation", who("Antonov Iurii", "1968"), who("Antonov Yuriy", "1968")),
    .same("romanisation", who("Igor Filippov", region: "RU-MOW"), who("Filippov Igor'", "1990", region: "RU-MOW")),
    .same(
        "romanisation", who("Timofei Borisov", "1984", region: "RU-NIZ"),
        who("Timofey Borisov", "1984-01-27", region: "RU-NIZ")),
    .same(
        "romanisation", who("Filippov Nikolai Viktorovich", region: "RU-VOR"),
        who("Filippov Nikolay Viktorovich", region: "RU-VOR")),
    .same("romanisation", who("Iushchenkov Timur Nikitich", "1981"), who("Timur Nikitich Yushchenkov", "1981")),
    .same("romanisation", who("Kuznetsov Timofei", region: "RU-MOW"), who("Timofey Kuznetsov", region: "RU-MOW")),
    .same(
        "romanisation", who("Leonid Stanislavovich Zhdanov", region: "RU-TA"),
        who("Zhdanov Leonid Stanislavovich", region: "RU-TA")),
    .same(
        "romanisation", who("Anna Viacheslavovna Egorova", "1994-10-12"),
        who("Anna Vyacheslavovna Yegorova", "1994-10-12")),
    .same(
        "romanisation", who("Lukianov Aleksei Viacheslavovich", "1982"),
        who("Luk'yanov Aleksey Vyacheslavovich", "1982")),
    .same("romanisation", who("Maksim Alekseevich Frolov"), who("Frolov Maksim Alekseyevich")),
    .same("romanisation", who("Grigorii Sorokin", "1971"), who("Sorokin Grigoriy")),
    .same("romanisation", who("Matveev Maksim"), who("Maksim Matveyev", "1973")),
    .same("romanisation", who("Voronin Iakov"), who("Voronin Yakov")),
    .same(
        "romanisation", who("Shchukin Vladimir", "1994", region: "RU-VOR"),
        who("Vladimir Shchukin", "1994", region: "RU-VOR")),
    // romanisation-iso9
    .same("romanisation-iso9", who("Gusev Yakov", "1985"), who("Gusev Âkov Semenovič", "1985")),
    .same("romanisation-iso9", who("Жданов Семен", "1980"), who("Ždanov Semen Aleksandrovič", "1980")),
    .same(
        "romanisation-iso9", who("Andrei Stanislavovich Borisov", "1988", region: "RU-BRY"),
        who("Borisov Andrej Stanislavovič", "1988-09-25", region: "RU-BRY")),
    .same(
        "romanisation-iso9", who("Pavel Maslov", "1977", region: "RU-SPE"),
        who("Maslov Pavel Igorevič", "1977", region: "RU-SPE")),
    .same("romanisation-iso9", who("Matvey Vadimovich Sergeyev"), who("Sergeev Matvej Vadimovič")),
    .same("romanisation-iso9", who("Тихонов Леонид", "1993"), who("Tihonov Leonid Arkadʹevič", "1993")),
    .same("romanisation-iso9", who("Zhuravlev Andrey", "2003"), who("Andrej Matveevič Žuravlev")),
    .same(
        "romanisation-iso9", who("Kovalev Ivan", "2003-03-28", region: "RU-PER"),
        who("Kovalëv Ivan", "2003-03-28", region: "RU-PER")),
    .same(
        "romanisation-iso9", who("Николаев Евгений Станиславович", "1969", region: "RU-KRS"),
        who("Nikolaev Evgenij Stanislavovič", region: "RU-KRS")),
    .same("romanisation-iso9", who("Shcherbakov Iakov Ivanovich", "1999"), who("Ŝerbakov Âkov", "1999-06-18")),
    .same("romanisation-iso9", who("Сидоров Максим Витальевич"), who("Maksim Sidorov")),
    .same(
        "romanisation-iso9", who("Volkov Roman", region: "RU-BA", unit: "в/ч 11659"),
        who("Volkov Roman Viktorovič", region: "RU-BA")),
    .same("romanisation-iso9", who("Власов Яков Никитич", "2002-08-06"), who("Vlasov Âkov", "2002-08-06")),
    .same(
        "romanisation-iso9", who("Matvey Anatol'yevich Nikolayev", "2005-06-03"),
        who("Nikolaev Matvej Anatolʹevič", "2005")),
    .same("romanisation-iso9", who("Муравьёв Леонид Михайлович"), who("Muravʹev Leonid Mihajlovič")),
    .same(
        "romanisation-iso9", who("Iurii Anatolevich Medvedev", "1984", region: "RU-BEL"),
        who("Ûrij Anatolʹevič Medvedev", "1984", region: "RU-BEL")),
    .same(
        "romanisation-iso9", who("Anton Leonidovich Stepanov", "1992", unit: "в/ч 23626"),
        who("Stepanov Anton Leonidovič", "1992-10-03", unit: "в/ч 23626")),
    .same(
        "romanisation-iso9", who("Вячеслав Антонов", "1991", region: "RU-NVS"),
        who("Antonov Vâčeslav", "1991", region: "RU-NVS")),
    .same("romanisation-iso9", who("Oleg Artëmovich Shubin"), who("Šubin Oleg Artëmovič", "1995")),
    .same("romanisation-iso9", who("Iaroslav Orlov", "1977-05-17"), who("Orlov Âroslav Evgenʹevič", "1977-05-17")),
    // romanisation-scholarly
    .same(
        "romanisation-scholarly", who("Korolëv Pavel Arkad'yevich", "1991", region: "RU-TA"),
        who("Pavel Korolev", "1991", region: "RU-TA")),
    .same("romanisation-scholarly", who("Вячеслав Эдуардович Романов", "1989"), who("Romanov Vjačeslav", "1989")),
    .same(
        "romanisation-scholarly", who("Владимир Соколов", "2004", region: "RU-SPE"),
        who("Vladimir Sokolov", "2004", region: "RU-SPE")),
    .same(
        "romanisation-scholarly", who("Олег Эдуардович Филиппов", "1978", unit: "в/ч 12345"),
        who("Filippov Oleg", "1978", unit: "в/ч 12345")),
    .same("romanisation-scholarly", who("Борисов Степан", unit: "в/ч 42839"), who("Borisov Stepan", unit: "в/ч 42839")),
    .same("romanisation-scholarly", who("Nazarov Dmitriy", "1986"), who("Nazarov Dmitrij", "1986")),
    .same(
        "romanisation-scholarly", who("Sorokin Stanislav Matveyevich", "1996-10-07"),
        who("Sorokin Stanislav", "1996-10-07")),
    .same("romanisation-scholarly", who("Nikolaj Timurovič Volkov", "1995"), who("Volkov Nikolaj")),
    .same(
        "romanisation-scholarly", who("Никитин Юрий", region: "RU-BEL"),
        who("Nikitin Jurij Ivanovič", "1975", region: "RU-BEL")),
    .same("romanisation-scholarly", who("Подъячев Евгений"), who("Evgenij Ivanovič Podʺjačev")),
    .same(
        "romanisation-scholarly", who("Maslov Roman", "2002", region: "RU-VOR"),
        who("Roman Maslov", "2002", region: "RU-VOR")),
    .same("romanisation-scholarly", who("Nadežda Gerasimova", "1969"), who("Gerasimova Nadežda", "1969")),
    .same("romanisation-scholarly", who("Borisov Èduard", "1997"), who("Borisov Èduard Timurovič")),
    .same("romanisation-scholarly", who("Егоров Дмитрий"), who("Dmitrij Romanovič Egorov")),
    .same("romanisation-scholarly", who("Соловьёв Роман Васильевич", "1974"), who("Solovʹëv Roman Vasilʹevič")),
    // romanisation-german
    .same("romanisation-german", who("Дарья Подъячева", "1994-01-18"), who("Darja Podjatschewa", "1994")),
    .same("romanisation-german", who("Trofimova Anna Kirillovna", "1971"), who("Trofimowa Anna", "1971")),
    .same(
        "romanisation-german", who("Fedor Karpov", unit: "в/ч 74507"),
        who("Karpow Fjodor Witaljewitsch", unit: "в/ч 74507")),
    .same(
        "romanisation-german", who("Gennadiy Voronin", "1995-01-21", region: "RU-MOW", unit: "в/ч 23626"),
        who("Gennadi Nikititsch Woronin", "1995-01-21", region: "RU-BRY")),
    .same(
        "romanisation-german", who("Михаил Чернышёв", "2004", region: "RU-BRY"),
        who("Tschernyschew Michail", "2004-06-02")),
    .same("romanisation-german", who("Il'ya Vasil'yevich Maksimov"), who("Maximow Ilja Wassiljewitsch")),
    .same("romanisation-german", who("Киселёв Вадим Алексеевич", "1992"), who("Kisseljow Wadim Alexejewitsch")),
    .same(
        "romanisation-german", who("Воробьёв Денис Ярославович", "1979", region: "RU-KDA"),
        who("Worobjew Denis", "1979-11-02", region: "RU-KDA")),
    .same("romanisation-german", who("Mikhail Arkadevich Kiselev", "1985-01-21"), who("Kisseljow Michail", "1985")),
    .same(
        "romanisation-german", who("Николай Романович Степанов", "1991", region: "RU-SPE"),
        who("Nikolai Stepanow", "1991", region: "RU-SPE")),
    .same(
        "romanisation-german", who("Ovchinnikov Stanislav", unit: "в/ч 61899"),
        who("Stanislaw Georgijewitsch Owtschinnikow", "1981", unit: "в/ч 61899")),
    .same("romanisation-german", who("Zaitsev Stanislav", "1971"), who("Stanislaw Saizew", "1971")),
    .same(
        "romanisation-german", who("Andrei Matveev", "1997-04-27"), who("Andrei Leonidowitsch Matwejew", "1997-04-27")),
    .same("romanisation-german", who("Timofei Orlov", "2001", unit: "в/ч 61899"), who("Timofei Orlow", "2001")),
    .same(
        "romanisation-german", who("Васильев Владимир Семенович", "1975-10-27", unit: "в/ч 55443"),
        who("Wladimir Semjonowitsch Wassiljew", "1975-10-27", unit: "в/ч 55443")),
    .same("romanisation-german", who("Василий Андреевич Савельев"), who("Saweljew Wassili Andrejewitsch", "1988")),
    .same("romanisation-german", who("Ерёмин Станислав"), who("Jerjomin Stanislaw Timofejewitsch")),
    .same("romanisation-german", who("Максим Михайлов", "1979"), who("Michailow Maxim Grigorjewitsch", "1979")),
    .same("romanisation-german", who("Романов Роман", "1982-08-12"), who("Roman Georgijewitsch Romanow", "1982")),
    .same("romanisation-german", who("Tikhonov Egor Romanovich"), who("Jegor Tichonow")),
    // romanisation-ukrainian
    .same(
        "romanisation-ukrainian", who("Volodymyr Yuriiovych Kovalov", "1974", region: "UA-32"),
        who("Volodymyr Yuriiovych Koval'ov", "1974", region: "UA-32")),
    .same("romanisation-ukrainian", who("Stasiuk Semen", "1979", unit: "72 ОМБр"), who("Semen Stasiuk", "1979-01-18")),
    .same("romanisation-ukrainian", who("Semen Zaika", "1975", unit: "в/ч 74507"), who("Zaika Semen", "1975-03-02")),
    .same("romanisation-ukrainian", who("Kravchenko Vitalii"), who("Vitalii Kravchenko")),
    .same("romanisation-ukrainian", who("Lytvynenko Tetiana", "1990"), who("Tetiana Lytvynenko")),
    .same(
        "romanisation-ukrainian", who("Kateryna Bohdanivna Petrenko", "1987-12-21"),
        who("Petrenko Kateryna Bohdanivna", "1987")),
    .same("romanisation-ukrainian", who("Bilous Leonid", region: "UA-14"), who("Leonid Bilous", region: "UA-14")),
    .same("romanisation-ukrainian", who("Viktor Zaika", "1985-07-05"), who("Zaika Viktor", "1985-07-05")),
    .same(
        "romanisation-ukrainian", who("Oleh Ruslanovych Kravchuk", "1991-12-09", region: "UA-23"),
        who("Kravchuk Oleh Ruslanovych", "1991-12-09", region: "UA-23")),
    .same(
        "romanisation-ukrainian", who("Viacheslav Marchenko", region: "UA-14"),
        who("Marchenko V\"iacheslav", region: "UA-14")),
    .same(
        "romanisation-ukrainian", who("Білоус Григорій", "2005", unit: "в/ч 31135"),
        who("Hryhorii Bilous", "2005", unit: "в/ч 31135")),
    .same(
        "romanisation-ukrainian", who("Pavlenko Kostiantyn", "1982", unit: "в/ч 44936"),
        who("Kostiantyn Pavlenko", "1982", region: "UA-63")),
    .same("romanisation-ukrainian", who("Коваль Володимир", "2000"), who("Volodymyr Koval'", "2000")),
    .same(
        "romanisation-ukrainian", who("Oleksii Moroz", "1975", region: "UA-74"),
        who("Moroz Oleksii", "1975", region: "UA-74")),
    .same("romanisation-ukrainian", who("Андрієнко Юрій", "1978"), who("Andriienko Yurii", "1978")),
    .same("romanisation-ukrainian", who("Григор'єв Сергій"), who("Hryhor\"iev Serhii Vasyl'ovych", "1992")),
    .same("romanisation-ukrainian", who("Shevchuk Oleksii", "1987"), who("Oleksii Shevchuk", "1987-08-12")),
    .same("romanisation-ukrainian", who("Дмитрієнко Павло Вадимович", "1987"), who("Dmytriienko Pavlo")),
    .same("romanisation-ukrainian", who("Пономаренко Степан", "1969-06-02"), who("Ponomarenko Stepan", "1969")),
    .same(
        "romanisation-ukrainian", who("Volodymyr Volodymyrovych Prykhodko", "1989"),
        who("Volodymyr Volodymyrovych Prykhod'ko", "1989")),
    // ukrainian-russian
    .same("ukrainian-russian", who("Pëtr Ruslanovich Fedorenko", "1981"), who("Петро Федоренко", "1981")),
    .same(
        "ukrainian-russian", who("Кравченко Сергій Степанович", "1972-12-12", region: "UA-51"),
        who("Sergei Stepanovich Kravchenko", "1972", region: "UA-51")),
    .same("ukrainian-russian", who("Харченко Андрей", "1993"), who("Харченко Андрій", "1993", region: "UA-51")),
    .same(
        "ukrainian-russian", who("Гончаренко Александр", "1994", region: "UA-32", unit: "в/ч 44936"),
        who("Honcharenko Oleksandr")),
    .same("ukrainian-russian", who("Sydorenko Oleksii Yevhenovych", "1979"), who("Сидоренко Алексей", "1979")),
    .same(
        "ukrainian-russian", who("Kovalchuk Dmitrii Alekseevich", "1996", region: "UA-53"),
        who("Дмитро Олексійович Ковальчук", "1996")),
    .same(
        "ukrainian-russian", who("Stasiuk Mykola", "1988", unit: "в/ч 61899"),
        who("Стасюк Николай", "1988-02-14", unit: "в/ч 61899")),
    .same(
        "ukrainian-russian", who("Petrenko Mykhailo Ruslanovych", "1992-07-15", region: "UA-53"),
        who("Петренко Михаил Русланович", "1992-07-15", region: "UA-53")),
    .same(
        "ukrainian-russian", who("Ivan Ruslanovich Kravchenko", region: "UA-51"),
        who("Кравченко Іван", "1975", region: "UA-51")),
    .same("ukrainian-russian", who("Yuriy Ostapenko", "1974-07-01"), who("Юрій Остапенко", "1974")),
    .same("ukrainian-russian", who("Лысенко Василий"), who("Vasyl Lysenko")),
    .same("ukrainian-russian", who("Ковальчук Владимир Александрович", "1999"), who("Володимир Ковальчук", "1999")),
    .same("ukrainian-russian", who("Bilous Viktor Volodymyrovych"), who("Белоус Виктор Владимирович")),
    .same("ukrainian-russian", who("Евгений Гончаренко", region: "UA-63"), who("Гончаренко Євген", region: "UA-63")),
    .same("ukrainian-russian", who("Bilous Hryhorii", "1980"), who("Белоус Григорий", "1980")),
    .same(
        "ukrainian-russian", who("Ihor Yakovenko", "1972", region: "UA-14"), who("Игорь Григорьевич Яковенко", "1972")),
    .same("ukrainian-russian", who("Павел Кириллович Пономаренко"), who("Пономаренко Павло")),
    .same(
        "ukrainian-russian", who("Юрченко Илья Евгеньевич", "1970", region: "UA-30", unit: "в/ч 44936"),
        who("Юрченко Ілля Євгенович", "1970", region: "UA-30", unit: "в/ч 44936")),
    .same(
        "ukrainian-russian", who("Федір Павленко", "1971", region: "UA-30"),
        who("Фёдор Игоревич Павленко", "1971", region: "UA-30")),
    .same(
        "ukrainian-russian", who("Galagan Vitaliy Yaroslavovich", "1991"), who("Ґалаґан Віталій Ярославович", "1991")),
    .same(
        "ukrainian-russian", who("Анатолий Гончаренко", "1978-04-08"),
        who("Гончаренко Анатолій Леонідович", "1978-04-08")),
    .same(
        "ukrainian-russian", who("Юрченко Костянтин", "2003", region: "UA-71"),
        who("Юрченко Константин", "2003", region: "UA-71")),
    .same("ukrainian-russian", who("Artem Kirilenko"), who("Кириленко Артем Олександрович", "1979")),
    .same("ukrainian-russian", who("Kirill Dmitriyenko"), who("Кирило Артемович Дмитрієнко")),
    .same("ukrainian-russian", who("Danylo Kovalov", "2000", unit: "в/ч 11659"), who("Даниил Ковалёв", "2000")),
    .same("ukrainian-russian", who("Ковальчук Леонид"), who("Леонід Ковальчук")),
    .same(
        "ukrainian-russian", who("Polishchuk Gennadii", "1995", region: "UA-12", unit: "в/ч 44936"),
        who("Поліщук Геннадій Романович", "1995-05-02", region: "UA-12", unit: "в/ч 44936")),
    .same(
        "ukrainian-russian", who("Demchenko Semen Ihorovych", "1977", region: "UA-63"),
        who("Демченко Семен", "1977-09-27")),
    .same("ukrainian-russian", who("Яков Вячеславович Заика", "1979-01-10"), who("Заїка Яків", "1979-01-10")),
    .same(
        "ukrainian-russian", who("В'ячеслав В'ячеславович Гончаренко", "1977", region: "UA-63", unit: "в/ч 42839"),
        who("Goncharenko Vyacheslav Vyacheslavovich", "1977", region: "UA-63")),
    .same("ukrainian-russian", who("Мороз Анна", "1981"), who("Hanna Moroz", "1981")),
    .same(
        "ukrainian-russian", who("Зинченко Надежда", "1969", unit: "в/ч 55443"),
        who("Зінченко Надія Василівна", "1969-04-18", unit: "в/ч 55443")),
    .same("ukrainian-russian", who("Олена Соловйова", "1972-02-07"), who("Елена Соловьёва", "1972")),
    .same("ukrainian-russian", who("Petrenko Natalia", "1981"), who("Петренко Наталія Сергіївна", "1981")),
    .same("ukrainian-russian", who("Андрієнко Ольга Юріївна", "1984"), who("Андриенко Ольга", "1984")),
    .same("ukrainian-russian", who("Koval' Tat'yana", "1991", region: "UA-12"), who("Тетяна Коваль")),
    .same("ukrainian-russian", who("Iryna Zaika", "1992-05-15"), who("Заика Ирина Тарасовна", "1992-05-15")),
    .same("ukrainian-russian", who("Lysenko Mariia", "1971"), who("Лысенко Мария", "1971")),
    .same("ukrainian-russian", who("Екатерина Мельник", "1991"), who("Melnyk Kateryna", "1991-09-12")),
    .same("ukrainian-russian", who("Руденко Юлія Костянтинівна", "2002"), who("Руденко Юлия", "2002")),
    // order
    .same(
        "order", who("Власов Сергей", "1986-11-09", region: "RU-MOS"), who("Сергей Власов", "1986", region: "RU-MOS")),
    .same("order", who("Зайцев Матвей"), who("Матвей Зайцев")),
    .same("order", who("Волков Алексей", "1994", region: "RU-TA"), who("Алексей Волков", region: "RU-TA")),
    .same(
        "order", who("Морозов Николай", "2002-05-20", region: "RU-ROS"),
        who("Николай Морозов", "2002-05-20", region: "RU-ROS")),
    .same(
        "order", who("КУЛИКОВ Павел Андреевич", region: "RU-BEL"),
        who("Павел Андреевич Куликов", "1981", region: "RU-MOS")),
    .same("order", who("Денисова Алёна", unit: "72 ОМБр"), who("Алёна Денисова", "1995", unit: "72 ОМБр")),
    .same("order", who("Humeniuk Danylo", "2001-05-12", unit: "в/ч 55443"), who("Danylo Humeniuk", "2001")),
    .same("order", who("Melnikov Sergei Eduardovich", "1995"), who("Sergey Eduardovich Mel'nikov", "1995-07-04")),
    .same(
        "order", who("СОКОЛОВ Вадим Степанович", "1977-10-01", region: "RU-NVS"),
        who("Вадим Степанович Соколов", "1977-10-01", region: "RU-NVS")),
    .same("order", who("Макарова Яна", "2002-07-01"), who("Яна Макарова", "2002-07-01")),
    .same("order", who("Харченко Надія", "1971"), who("Надія Харченко", "1971")),
    .same("order", who("Соловйов Дмитро", "1978", region: "UA-30"), who("Дмитро Соловйов", "1978", region: "UA-71")),
    .same(
        "order", who("Kharchenko Anastasiia Ruslanivna", "2003-07-22"), who("Anastasiia Ruslanivna Kharchenko", "2003")),
    .same("order", who("Дмитриев Дмитрий Викторович", "1979"), who("Дмитрий Викторович Дмитриев", "1979")),
    .same(
        "order", who("Chernysheva Anna Andreevna", "1981-01-20", region: "RU-NIZ"),
        who("Anna Andreyevna Chernyshëva", "1981", region: "RU-NIZ")),
    .same("order", who("Левченко Артем", "1977-06-24", unit: "в/ч 23626"), who("Артем Левченко", "1977")),
    .same("order", who("Boiko Vasyl Anatoliiovych", "1971"), who("Vasyl Anatoliiovych Boiko")),
    .same("order", who("Ivanenko Roman Hryhorovych"), who("Roman Hryhorovych Ivanenko")),
    .same("order", who("Григор'єв Ігор Ярославович"), who("Ігор Ярославович Григор'єв", "1999")),
    .same("order", who("Кравченко Степан"), who("Степан Кравченко")),
    // patronymic
    .same(
        "patronymic", who("Яков Юрьевич Муравьёв", "1987", region: "RU-NVS"),
        who("Murav'yëv Yakov", "1987", region: "RU-NVS")),
    .same("patronymic", who("Кузьмин Георгий Сергеевич", region: "RU-SVE"), who("Георгий Кузьмин", region: "RU-SVE")),
    .same(
        "patronymic", who("Білоус Семен Миколайович", "1982", region: "UA-63"),
        who("Семен Білоус", "1982", region: "UA-63")),
    .same("patronymic", who("Сергеев Андрей Максимович", "1970"), who("Andrey Sergeyev", "1970")),
    .same("patronymic", who("Федор Олегович Голубев", region: "RU-SPE"), who("Golubev Fedor", region: "RU-SPE")),
    .same("patronymic", who("Демченко Ілля Геннадійович"), who("Ілля Демченко")),
    .same("patronymic", who("Соболев Эдуард Юрьевич", "1970"), who("Eduard Sobolev", "1970")),
    .same(
        "patronymic", who("Алексеев Анатолий Андреевич", "2001", region: "RU-NIZ", unit: "в/ч 44936"),
        who("Алексеев Анатолий", region: "RU-NIZ", unit: "в/ч 44936")),
    .same("patronymic", who("Ґалаґан Олег Геннадійович", "1989"), who("Galagan Oleh", "1989")),
    .same("patronymic", who("Вадим Вадимович Ковальчук", "1986"), who("Kovalchuk Vadym", "1986")),
    .same(
        "patronymic", who("Чернышёв Анатолий Олегович", "2001"), who("Anatoliy Chernyshev", "2001", region: "RU-KDA")),
    .same("patronymic", who("Максимов Яков Тимурович"), who("Maksimov Yakov")),
    .same(
        "patronymic", who("Ярослав Андреевич Фомин", "1971", unit: "в/ч 11659"),
        who("Ярослав Фомин", "1971", unit: "в/ч 11659")),
    .same("patronymic", who("Юрий Тимурович Кондратьев", "1989"), who("Кондратьев Юрий", "1989")),
    .same("patronymic", who("Кузнецов Руслан Сергеевич"), who("Руслан Кузнецов")),
    // typo
    .same(
        "typo", who("Демченнко Геннадій", "1996", region: "UA-51"),
        who("Геннадій Дмитрович Демченко", "1996", region: "UA-23")),
    .same("typo", who("Евгений Каррпов", "1972"), who("Karpov Evgenii", "1972")),
    .same("typo", who("Виноградов Роман Павлович", "1984-10-04"), who("Ромон Виноградов", "1984")),
    .same(
        "typo", who("Новиков Николай Леонидович", "1985-10-02", region: "RU-SPE", unit: "в/ч 31135"),
        who("Никола Леонидович Новиков", "1985-10-02", region: "RU-SPE")),
    .same("typo", who("Михаил Герасимов", "1997"), who("Mikhail Gerosimov", "1997")),
    .same("typo", who("Yakiv Rudinko", "2000", region: "UA-30"), who("Яків Леонідович Руденко")),
    .same("typo", who("Тимофей Родионов", "1999"), who("Rodionnov Timofei", "1999")),
    .same("typo", who("Дмиитрий Тарасов", region: "RU-MOS"), who("Дмитрий Тарасов", region: "RU-KDA")),
    .same("typo", who("Артём Ерёмин"), who("Artëm Yur'yevich Yerëmn")),
    .same("typo", who("Гончаренко Яків", "1976"), who("Гончарекно Яків")),
    .same("typo", who("Юрий Марков", "1970"), who("Yuriy Maarkov", "1970")),
    .same("typo", who("Podieiachew Sergei", "1987", region: "RU-SPE"), who("Сергей Подъячев")),
    .same(
        "typo", who("Алексей Константинович Воробьев", "1990", region: "RU-SVE"),
        who("Vorobiv Aleksei Konstantinovich", "1990", region: "RU-SVE")),
    .same("typo", who("Tarasov Timofey", region: "RU-SVE"), who("Тарасоа Тимофей Тимофеевич", region: "RU-SVE")),
    .same(
        "typo", who("Данилов Леонид Вадимович", "1990", unit: "в/ч 31135"),
        who("Leonid Dailov", "1990-12-08", unit: "в/ч 31135")),
    .same(
        "typo", who("Власов Ярослав", "1991", unit: "в/ч 74507"),
        who("Valsov Iaroslav Anatolevich", "1991", unit: "в/ч 74507")),
    .same("typo", who("Даниил Фроов", unit: "в/ч 11659"), who("Даниил Фролов", unit: "в/ч 11659")),
    .same(
        "typo", who("Шевчу Артем", "1999-10-06", unit: "72 ОМБр"),
        who("Shevchuk Artem Maksymovych", "1999", unit: "72 ОМБр")),
    .same("typo", who("Мтвей Антонов", "2003", region: "RU-SPE"), who("Антонов Матвей Олегович", "2003")),
    .same("typo", who("Daniolv Dmitrii Timofeevich", region: "RU-BRY"), who("Данилов Дмитрий", region: "RU-BRY")),
    .same("typo", who("Быков Яков", "1968"), who("Iakov Bikov", "1968", region: "RU-BEL")),
    .same("typo", who("Михайлов Игорь", "1995-09-08"), who("Mikhaylov Igo'", "1995")),
    .same("typo", who("Zhdanof Timofei", region: "RU-KDA"), who("Тимофей Вадимович Жданов", region: "RU-KDA")),
    .same("typo", who("Павел Жуков", "1998-04-03"), who("Жуов Павел", "1998-04-03")),
    .same("typo", who("Калинин Руслан", "1969"), who("Ruslan Kaalinin")),
    .same("typo", who("Виталий Леонидович Геарсимов", "1992"), who("Виталий Герасимов")),
    .same("typo", who("Алексей Вообьёв"), who("Воробьев Алексей Николаевич")),
    .same("typo", who("Оксана Федорівна Гуменюк", "2002"), who("Humeniuk Okzana")),
    .same(
        "typo", who("Очинников Вадим Геннадьевич", "1992", region: "RU-SVE"),
        who("Овчинников Вадим Геннадьевич", "1992")),
    .same("typo", who("Максм Гончаренко", region: "UA-53"), who("Honcharenko Maksym", region: "UA-53")),
    .same("typo", who("Королёф Вячеслав", "1985", region: "RU-MOW"), who("Вячеслав Королёв", region: "RU-MOW")),
    .same("typo", who("Vitalii Yakovych Rudenlo", unit: "в/ч 44936"), who("Руденко Віталій", "1970")),
    .same("typo", who("Виноградов Георгий"), who("Georgii Vinogradvo", "2001", region: "RU-BRY")),
    .same("typo", who("Dmitriyev Yaakov", "1999", region: "RU-BRY"), who("Дмитриев Яков Артёмович", region: "RU-MOS")),
    .same("typo", who("Филиппоф Илья", "1978-12-24"), who("Филиппов Илья Тимурович", "1978-12-24")),
    .same("typo", who("Shaikhutidnov Timur", "1999"), who("Тимур Шайхутдинов", "1999", region: "RU-NVS")),
    .same(
        "typo", who("Aleksey Shayhutdinov", "2001-11-24"),
        who("Алексей Юрьевич Шайхутдинов", "2001-11-24", region: "RU-TA")),
    .same(
        "typo", who("Illya Galagan", "2005-01-14", region: "UA-46", unit: "в/ч 42839"),
        who("Ілля Ґалаґан", "2005", region: "UA-46", unit: "в/ч 42839")),
    .same("typo", who("Вадим Станиславович Малсов"), who("Maslov Vadim", "1999")),
    .same("typo", who("Павло Дмитрович Гнатюк", "2002"), who("Hntiuk Pavlo Dmytrovych", "2002-01-02")),
    // namesake-other-year
    .different("namesake-other-year", who("Петро Петрович Левченко", "1998"), who("Левченко Петро", "2007")),
    .different("namesake-other-year", who("Левченко Віра", "2004-09-05"), who("Левченко Віра", "2006")),
    .different(
        "namesake-other-year", who("Белов Роман", "1978", region: "RU-BA"),
        who("Роман Леонидович Белов", "1999", region: "RU-SVE")),
    .different(
        "namesake-other-year", who("Козлов Павел Тимурович", "1986-12-25", region: "RU-MOW"),
        who("Павел Козлов", "1974", region: "RU-MOW")),
    .different("namesake-other-year", who("Михайлов Антон Вячеславович", "1996-03-06"), who("Mikhailov Anton", "1995")),
    .different("namesake-other-year", who("Гаврилова Софья Антоновна", "2001-02-08"), who("Gavrilova Sofia", "2010")),
    .different("namesake-other-year", who("Алексей Аркадьевич Власов", "1972"), who("Vlasov Aleksei", "1953")),
    .different("namesake-other-year", who("Михайлов Илья", "1990-11-17"), who("Михайлов Илья Станиславович", "1991")),
    .different(
        "namesake-other-year", who("Николай Леонидович Кондратьев", "2002-09-15"), who("Николай Кондратьев", "1990")),
    .different(
        "namesake-other-year", who("Олійник Ігор Олегович", "1999", region: "UA-51", unit: "в/ч 23626"),
        who("Олійник Ігор", "1992", unit: "в/ч 23626")),
    .different("namesake-other-year", who("Ющенков Василий", "1971"), who("Ющенков Василий", "1973")),
    .different(
        "namesake-other-year", who("Ильин Юрий Станиславович", "1985", unit: "в/ч 61899"), who("Юрий Ильин", "2006")),
    .different("namesake-other-year", who("Анатолий Баранов", "2005"), who("Баранов Анатолий", "2026")),
    .different(
        "namesake-other-year", who("Подъячев Аркадий", "1986-09-19", region: "RU-SPE"), who("Подъячев Аркадий", "1979")),
    .different(
        "namesake-other-year", who("Казаков Олег", "2005", region: "RU-SVE"),
        who("Oleg Kazakov", "1998", region: "RU-SVE")),
    .different(
        "namesake-other-year", who("Семенов Иван", "2002-12-16", unit: "в/ч 07264"), who("Semenov Ivan", "2003")),
    .different(
        "namesake-other-year", who("Хохлов Аркадий Русланович", "1969"), who("Аркадий Русланович Хохлов", "1990")),
    .different("namesake-other-year", who("Георгий Яковлев", "1981-05-13"), who("Георгий Яковлев", "1982")),
    .different(
        "namesake-other-year", who("Хохлов Виктор", "1993-12-23", region: "RU-ROS", unit: "в/ч 44936"),
        who("Хохлов Виктор", "1981", region: "RU-ROS", unit: "в/ч 44936")),
    .different("namesake-other-year", who("Воронин Владимир", "1991-02-07"), who("Владимир Воронин", "1990")),
    .different("namesake-other-year", who("Беляев Артем", "1984"), who("Артем Беляев", "1989")),
    .different(
        "namesake-other-year", who("Владимир Евгеньевич Виноградов", "1988", unit: "в/ч 44936"),
        who("Владимир Виноградов", "1987", unit: "в/ч 44936")),
    .different(
        "namesake-other-year", who("Лисенко Анастасія", "1997", unit: "93 ОМБр"),
        who("Анастасія Лисенко", "1996", unit: "93 ОМБр")),
    .different("namesake-other-year", who("Карпов Виталий", "1987"), who("Карпов Виталий Русланович", "1988")),
    .different(
        "namesake-other-year", who("Пономарёв Георгий Евгеньевич", "2004-09-11", unit: "в/ч 07264"),
        who("Пономарёв Георгий", "2001", unit: "в/ч 07264")),
    // close-name
    .different(
        "close-name", who("Лысенко Константин", region: "RU-KRS", unit: "в/ч 74507"),
        who("Lysov Arkadii", "1998", region: "RU-MOW", unit: "в/ч 74507")),
    .different(
        "close-name", who("Станислав Владимирович Смирнов", "1980", region: "RU-SPE", unit: "в/ч 12345"),
        who("Олег Смирнягин", "1980", region: "RU-KRS")),
    .different(
        "close-name", who("Степанов Григорий Михайлович", "2005", region: "RU-MOS"),
        who("Степаненко Фёдор", "2005", region: "RU-KDA")),
    .different("close-name", who("Максим Савченко", "1972"), who("Maksim Savchuk", "1972")),
    .different("close-name", who("Павел Тимофеевич Волков", "1980"), who("Волошин Станислав", "1980")),
    .different("close-name", who("Марченко Андрей", "1973"), who("Marchuk Sergei", "1973")),
    .different(
        "close-name", who("Романов Василий Викторович", region: "RU-MOS"),
        who("Романенко Василий Никитич", region: "RU-MOS")),
    .different("close-name", who("Тимошенко Иван Аркадьевич", "1992"), who("Тимошин Иван", "1992", region: "RU-MOS")),
    .different("close-name", who("Иванов Тимур Егорович", "1972"), who("Ivanenko Timur", "1972")),
    .different("close-name", who("Мельник Константин Геннадьевич", "2000"), who("Мельников Константин", "2000")),
    .different("close-name", who("Ковалёв Александр Петрович"), who("Коваленко Александр Геннадьевич")),
    .different("close-name", who("Петров Андрей Эдуардович", "1994"), who("Петренко Андрей Васильевич")),
    .different("close-name", who("Николай Иванович Тимошенко"), who("Nikolai Timoshin")),
    .different(
        "close-name", who("Алексей Карпов", region: "RU-BEL"), who("Aleksey Karpenko", "1997", region: "RU-NIZ")),
    .different("close-name", who("Андреев Эдуард", region: "RU-MOS"), who("Андрейченко Эдуард", region: "RU-MOS")),
    .different("close-name", who("Мартынов Станислав Алексеевич"), who("Martynenko Stanislav", "1974")),
    .different("close-name", who("Антонов Тимур Викторович", "1989"), who("Антоненко Антон Тимофеевич", "1989")),
    .different("close-name", who("Белов Руслан", region: "RU-SVE"), who("Геннадий Беляев", "1972", region: "RU-MOS")),
    .different("close-name", who("Смирнов Геннадий", "1968"), who("Smirniagin Gennadii")),
    .different("close-name", who("Новиков Виталий Вячеславович", "1999"), who("Novitskii Dmitrii")),
    .different("close-name", who("Антонов Матвей"), who("Матвей Антоненко")),
    .different("close-name", who("Савченко Ярослав", region: "RU-BRY"), who("Савчук Ярослав")),
    .different("close-name", who("Антонов Юрий Леонидович", region: "RU-TA"), who("Семён Антоненко", region: "RU-TA")),
    .different("close-name", who("Соколов Николай Антонович", "1992"), who("Николай Максимович Соколенко")),
    .different("close-name", who("Иван Иванович Кравченко", "1986"), who("Ivan Ilich Kravchuk", "1986")),
    .different("close-name", who("Карпов Максим", region: "RU-BRY"), who("Олег Карпенко", region: "RU-BRY")),
    .different("close-name", who("Кравченко Эдуард"), who("Yegor Timofeyevich Kravchuk", "1997")),
    .different("close-name", who("Медведев Яков Денисович", unit: "в/ч 74507"), who("Яков Медведенко")),
    .different("close-name", who("Тимофей Михайлов"), who("Михайленко Семен", "1993")),
    .different("close-name", who("Пётр Павлович Орлов", "2000"), who("Орловский Максим", "2000")),
    .different("close-name", who("Соколов Павел", region: "RU-BEL"), who("Sokolenko Pavel", region: "RU-BA")),
    .different("close-name", who("Иван Кравченко", "1974"), who("Ivan Kravchuk")),
    .different(
        "close-name", who("Руденко Олег", "1971", region: "RU-MOS"),
        who("Rudakov Gennadiy Viktorovich", "1971", region: "RU-MOS")),
    .different("close-name", who("Максим Алексеевич Тимошенко", "1987"), who("Денис Тимошин")),
    .different(
        "close-name", who("Яков Антонович Иванов", "2005", region: "RU-BRY"), who("Яков Иваненко", region: "RU-KDA")),
    // same-surname
    .different(
        "same-surname", who("Коновалов Григорий Матвеевич", unit: "в/ч 74507"), who("Коновалов Виталий Матвеевич")),
    .different(
        "same-surname", who("Пётр Демченко", "1978", region: "RU-MOS"), who("Павел Демченко", "1978", region: "RU-MOS")),
    .different("same-surname", who("Даниил Денисович Шевченко"), who("Шевченко Василий Сергеевич")),
    .different("same-surname", who("Щербаков Никита Олегович", "1971"), who("Пётр Георгиевич Щербаков", "1971")),
    .different("same-surname", who("Роман Сидоренко"), who("Сидоренко Руслан")),
    .different(
        "same-surname", who("Тимур Шайхутдинов", "2002", region: "RU-BEL"),
        who("Shaikhutdinov Timofei", region: "RU-BEL")),
    .different("same-surname", who("Зінченко Ярослав Станиславович"), who("Зінченко Эдуард Иванович", "1968")),
    .different("same-surname", who("Овчинников Роман Геннадьевич", "1969"), who("Егор Геннадьевич Овчинников")),
    .different("same-surname", who("Семён Иванович Ковальов", "1970", region: "RU-BEL"), who("Ковальов Петр Иванович")),
    .different(
        "same-surname", who("Тимур Денисович Сидоров", "1970", region: "RU-ROS", unit: "в/ч 31135"),
        who("Тимофей Денисович Сидоров", region: "RU-TA")),
    .different("same-surname", who("Пётр Егорович Гончаренко", "1983"), who("Гончаренко Павел Игоревич", "1983")),
    .different("same-surname", who("Новиков Анатолий Павлович"), who("Новиков Руслан Павлович", region: "RU-SPE")),
    .different("same-surname", who("Белов Константин Тимурович"), who("Евгений Иванович Белов", region: "RU-PER")),
    .different(
        "same-surname", who("Валерий Пономарев", "1986", region: "RU-TA"),
        who("Ponomarëv Valentin", "1986", region: "RU-TA")),
    .different("same-surname", who("Емельянов Игорь", region: "RU-BA"), who("Емельянов Андрей Станиславович")),
    .different("same-surname", who("Леонид Николаевич Федоренко", region: "RU-BRY"), who("Федоренко Петр")),
    .different("same-surname", who("Білоус Ярослав", "1990"), who("Білоус Роман")),
    .different(
        "same-surname", who("Олег Матвеевич Бойко", region: "RU-KRS", unit: "в/ч 31135"),
        who("Бойко Оскар Матвеевич", region: "RU-KRS")),
    .different(
        "same-surname", who("Тимофеев Дмитрий Георгиевич", region: "RU-TA"),
        who("Тимофеев Николай Георгиевич", "1979", region: "RU-PER")),
    .different(
        "same-surname", who("Геннадий Вадимович Казаков", "1969", region: "RU-VOR"),
        who("Казаков Денис Вадимович", "1969", region: "RU-VOR")),
    // gender
    .different(
        "gender", who("Андрей Максимович Николаев", "1970", region: "RU-BEL"),
        who("Николаева Анна", "1970", region: "RU-BEL")),
    .different("gender", who("Воронин Валентин Сергеевич"), who("Валентина Сергеевна Воронина")),
    .different("gender", who("Афанасьев Виктор", "1979"), who("Виктория Афанасьева", "1979")),
    .different("gender", who("Шубин Ярослав Петрович", "1973"), who("Iaroslava Petrovna Shubina")),
    .different("gender", who("Кудрявцев Пётр Даниилович"), who("Полина Данииловна Кудрявцева")),
    .different("gender", who("Воронцов Пётр"), who("Vorontsova Polina Georgievna")),
    .different("gender", who("Филиппов Станислав", region: "RU-BRY"), who("Станислава Филиппова", region: "RU-BRY")),
    .different(
        "gender", who("Попов Олег Степанович", region: "RU-VOR"), who("Попова Ольга Степановна", region: "RU-VOR")),
    .different(
        "gender", who("Григорьев Владислав", "1998"), who("Григорьева Владислава Павловна", "1998", region: "RU-BEL")),
    .different("gender", who("Давыдов Юрий"), who("Давыдова Юлия Анатольевна")),
    .different("gender", who("Ярослав Константинович Журавлев"), who("Журавлева Ярослава")),
    .different("gender", who("Кузнецов Владислав"), who("Владислава Кузнецова")),
    // other-patronymic
    .different("other-patronymic", who("Василий Денисович Лукьянов"), who("Лукьянов Василий Петрович")),
    .different(
        "other-patronymic", who("Роман Вадимович Ковалёв", region: "RU-SVE"),
        who("Роман Никитич Ковалёв", region: "RU-SVE")),
    .different(
        "other-patronymic", who("Быков Дмитрий Даниилович", unit: "в/ч 12345"), who("Быков Дмитрий Эдуардович", "1998")),
    .different("other-patronymic", who("Виктор Владимирович Поляков"), who("Поляков Виктор Романович")),
    .different("other-patronymic", who("Беляев Семен Николаевич", "2005"), who("Беляев Семён Фёдорович", "2005")),
    .different("other-patronymic", who("Павлов Виктор Ярославович", "1974"), who("Виктор Семёнович Павлов")),
    .different("other-patronymic", who("Игорь Леонидович Медведев"), who("Игорь Романович Медведев", "1978")),
    .different(
        "other-patronymic", who("Артем Семенович Кузнецов", "1983", region: "RU-ROS"),
        who("Артём Витальевич Кузнецов", "1983", region: "RU-BA")),
    .different("other-patronymic", who("Алексеев Дмитрий Григорьевич", "1991"), who("Алексеев Дмитрий Ильич", "1991")),
    .different(
        "other-patronymic", who("Степан Анатольевич Назаров", "1992"), who("Степан Владимирович Назаров", "1992")),
    // different
    .different("different", who("Алексеев Леонид", unit: "в/ч 07264"), who("Vadym Kyrylovych Ivanenko")),
    .different(
        "different", who("Мельник Євген Петрович", region: "RU-VOR"), who("Anastasiia Zaitseva", region: "RU-VOR")),
    .different("different", who("Анастасия Съедина", "2002"), who("Коваленко Олександр Ілліч", "2002")),
    .different(
        "different", who("Сорокин Михаил Викторович", "1978", region: "RU-BA"), who("Жданов Ярослав Максимович", "1978")
    ),
    .different("different", who("Заїка Тарас"), who("Геннадий Маслов")),
    .different("different", who("Ігор Поліщук", region: "RU-SPE"), who("Павел Калинин", region: "RU-SPE")),
    .different(
        "different", who("Пономаренко Дмитро Максимович", "1982", region: "RU-BA"),
        who("Leonid Zinchenko", "1982", region: "RU-KRS")),
    .different("different", who("Лукьянова Галина", region: "RU-MOW"), who("Тимофеев Станислав")),
    .different(
        "different", who("Максим Миронов", region: "RU-TA", unit: "в/ч 23626"),
        who("Ruslan Sydorenko", "1990", region: "RU-KRS")),
    .different("different", who("Ольга Фёдоровна Лазарева", "1987"), who("Тимофей Воронцов", "1987", region: "RU-MOW")),
    .different(
        "different", who("Журавлёв Игорь Максимович", region: "RU-TA"), who("Фомин Василий", "1971", region: "RU-NVS")),
    .different("different", who("Людмила Павловна Съедина", "1978"), who("Illia Hryhoriev", "1978")),
    .different(
        "different", who("Попов Василий", "2005", region: "RU-PER"), who("Yakovenko Liudmyla", region: "RU-NVS")),
    .different("different", who("Кравчук Віктор Дмитрович", "1986"), who("Пётр Гончаров")),
    .different("different", who("Даниил Попов"), who("Matvei Maksimovich Gusev", "1977")),
    .different("different", who("Новиков Сергей", region: "RU-TA"), who("Смирнов Михаил", region: "RU-NIZ")),
    .different("different", who("Григорьев Юрий Павлович"), who("Дмитро Коваль")),
    .different("different", who("Денисов Пётр Павлович", "1982"), who("Юрченко Семен Олексійович", "1982")),
    .different("different", who("Поліщук Руслан"), who("Tsvetkov Maksim")),
    .different(
        "different", who("Приходько Костянтин", "2005", region: "RU-BA"),
        who("Баранова Полина", "2005", region: "RU-NVS")),
    .different("different", who("Калинин Петр", "1977"), who("Євгенія Ґалаґан", "1977")),
    .different("different", who("Кондратьева Яна", "1970", region: "RU-PER"), who("Semen Andreevich Sobolev", "1970")),
    .different("different", who("Александр Тимурович Сергеев", "1977"), who("Попов Тимур", "1977")),
    .different("different", who("Сидоренко Максим", "1978"), who("Гусев Игорь", "1978")),
    .different("different", who("Оксана Олексіївна Юрченко"), who("Данилова Ирина", "1973")),
]
