/// Which column of a list holds which registry field, from its header row: the headers lists
/// in the region use, in Russian, Ukrainian and English, recognised without `--map`; `--map
/// COLUMN=FIELD` overrides or adds.
enum ListHeaders {
    /// The headers recognised for each field, as people write them. Compared after `key(_:)`,
    /// so case, spaces, punctuation, any apostrophe and ё/е do not matter: "ІМ’Я" is "Ім'я".
    static let recognised: [(field: RegistryField, headers: [String])] = [
        (.id, ["№", "№ п/п", "#", "ID", "No", "Номер", "Номер записи", "Номер запису"]),
        (
            .fullName,
            [
                "ФИО", "ПІБ", "ФІО", "Full name", "Name", "Фамилия, имя, отчество", "Прізвище, ім'я, по батькові",
            ]
        ),
        (.surname, ["Фамилия", "Прізвище", "Surname", "Last name", "Family name"]),
        (.givenName, ["Имя", "Ім'я", "Given name", "First name"]),
        (.patronymic, ["Отчество", "По батькові", "Patronymic", "Middle name"]),
        (
            .born,
            [
                "Дата рождения", "Дата народження", "Date of birth", "DOB", "Born", "Birth date", "Год рождения",
                "Рік народження", "Year of birth",
            ]
        ),
        (.unit, ["В/ч", "Воинская часть", "Військова частина", "Часть", "Частина", "Unit", "Military unit"]),
        (.serviceNumber, ["Личный номер", "Особистий номер", "Service number", "Service No"]),
        (.rank, ["Звание", "Звання", "Воинское звание", "Військове звання", "Rank"]),
        (.region, ["Регион", "Регіон", "Область", "Region", "Oblast"]),
        (.says, ["Статус", "Status"]),
        (.date, ["Дата", "Date", "Дата сообщения", "Дата повідомлення", "Report date"]),
        (.place, ["Место", "Місце", "Место нахождения", "Місце перебування", "Place", "Location"]),
        (.note, ["Примечание", "Примітка", "Комментарий", "Коментар", "Note", "Notes", "Comment"]),
        (.evidence, ["Evidence", "Доказательство", "Доказ", "Источник", "Джерело", "Source"]),
    ]

    private static let fieldsByKey: [String: RegistryField] = {
        var table: [String: RegistryField] = [:]
        for (field, headers) in recognised {
            for header in headers {
                let key = key(header)
                precondition(table[key] == nil, "header '\(header)' recognised twice")
                table[key] = field
            }
        }
        return table
    }()

    /// A header reduced to what identifies it: lower case, ё as е, only letters, digits, № and #.
    static func key(_ header: String) -> String {
        var key = String.UnicodeScalarView()
        for scalar in header.lowercased().unicodeScalars {
            if scalar == "ё" {
                key.append("е")
            } else if apostrophes.contains(scalar) {
                continue  // ʼ (U+02BC, Ukrainian's own) counts as a letter, the others do not
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "№" || scalar == "#" {
                key.append(scalar)
            }
        }
        return String(key)
    }

    private static let apostrophes: Set<Unicode.Scalar> = [
        "\u{02BC}", "\u{02B9}", "\u{2019}", "\u{2018}", "'", "`", "\u{00B4}",
    ]

    /// The field a header is recognised as, without any map.
    static func field(forHeader header: String) -> RegistryField? {
        fieldsByKey[key(header)]
    }

    struct Failure: Error {
        let problem: Message
        let accepted: Message
    }

    /// The column of each field. `maps` (header as written -> field, compared trimmed and
    /// case-insensitively) take precedence over recognition; a map naming no header is refused.
    static func resolve(headers: [String], maps: [String: RegistryField]) throws(Failure) -> [RegistryField: Int] {
        let trimmed = headers.map { $0.trimmingWhitespace() }
        var mapped: [Int: RegistryField] = [:]
        for (column, field) in maps.sorted(by: { $0.key < $1.key }) {
            let wanted = column.trimmingWhitespace().lowercased()
            let matching = trimmed.indices.filter { trimmed[$0].lowercased() == wanted }
            guard !matching.isEmpty else {
                throw Failure(
                    problem: "--map names the column \(HotlineError.quoted(column)), which its header row does "
                        + "not have; its headers are \(listed(trimmed))",
                    accepted: "--map HEADER=FIELD with a header as the file writes it")
            }
            for index in matching { mapped[index] = field }
        }

        var columns: [RegistryField: Int] = [:]
        for index in trimmed.indices {
            guard let field = mapped[index] ?? field(forHeader: trimmed[index]) else { continue }
            if let earlier = columns[field] {
                throw Failure(
                    problem: "two columns hold the \(describe(field)): \(HotlineError.quoted(trimmed[earlier])) "
                        + "(column \(SheetGrid.columnName(earlier))) and \(HotlineError.quoted(trimmed[index])) "
                        + "(column \(SheetGrid.columnName(index)))",
                    accepted: "one column for each field: rename one of them, or --map one to another field")
            }
            columns[field] = index
        }
        guard columns[.fullName] != nil || columns[.surname] != nil else {
            throw Failure(
                problem: "no column holds the name; its headers are \(listed(trimmed))",
                accepted: "a header for the whole name (\(examples(.fullName))) or for the surname "
                    + "(\(examples(.surname))), beside it the given name (\(examples(.givenName))) and "
                    + "patronymic (\(examples(.patronymic))); or --map COLUMN=fullName or --map COLUMN=surname")
        }
        return columns
    }

    private static func examples(_ field: RegistryField) -> String {
        (recognised.first { $0.field == field }?.headers ?? []).prefix(4).joined(separator: " / ")
    }

    private static func describe(_ field: RegistryField) -> String {
        switch field {
        case .id: return "row id"
        case .fullName: return "full name"
        case .givenName: return "given name"
        case .serviceNumber: return "service number"
        case .born: return "date of birth"
        case .says: return "status"
        case .date: return "date of the news"
        default: return field.rawValue
        }
    }

    /// Headers for a message: each quoted and cut, at most 20 of them.
    static func listed(_ headers: [String]) -> String {
        let shown = headers.filter { !$0.isEmpty }
        guard !shown.isEmpty else { return "all empty" }
        let quoted = shown.prefix(20).map { HotlineError.quoted($0) }.joined(separator: ", ")
        return shown.count > 20 ? quoted + " and \(shown.count - 20) more" : quoted
    }
}
