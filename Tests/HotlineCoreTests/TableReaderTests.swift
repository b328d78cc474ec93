import Foundation
import HotlineTesting
import Testing
import ZIPFoundation

@testable import HotlineCore

/// The list reader on files made by the programs that make them in the field (LibreOffice,
/// openpyxl; Fixtures/Lists/make-fixtures.sh), then on each kind of bad file.
@Suite struct TableReaderTests {
    static let lists: URL = {
        guard let url = Bundle.module.url(forResource: "Lists", withExtension: nil) else {
            fatalError("the Lists fixtures are not in the test bundle")
        }
        return url
    }()

    static func fixture(_ name: String) -> String { lists.appendingPathComponent(name).path }

    func read(_ name: String, encoding: TableEncoding? = nil, maps: [String: RegistryField] = [:]) throws
        -> ImportedTable
    {
        try TableReader.read(path: Self.fixture(name), encoding: encoding, maps: maps)
    }

    // MARK: The "captured" list in every shape

    /// The list as it reads from a CSV: cells as typed.
    static let capturedAsTyped: [ImportedRow] = [
        ImportedRow(
            number: 2,
            values: [
                .id: "1", .fullName: "Иванов Иван Иванович", .born: "12.03.1998", .serviceNumber: "АБ-123456",
                .unit: "в/ч 12345", .rank: "рядовой", .region: "Курская область", .says: "captured",
                .date: "15.10.2026", .place: "г. Курск, СИЗО-1", .note: "Опознан по фото",
            ]),
        ImportedRow(
            number: 3,
            values: [
                .id: "2", .fullName: "Петренко Олег Миколайович", .born: "05.11.2001", .serviceNumber: "ВС-654321",
                .rank: "сержант", .region: "Харківська область", .says: "wounded", .date: "16.10.2026",
                .place: "госпиталь \"Северный\"",
            ]),
        ImportedRow(
            number: 4,
            values: [
                .id: "3", .fullName: "Сидоров Алексей Петрович", .born: "1985", .serviceNumber: "123456",
                .unit: "в/ч 54321", .rank: "ефрейтор", .region: "RU-BEL", .says: "deceased", .date: "17.10.2026",
                .note: "Тело передано\nпри обмене 17.10.2026",
            ]),
        // Row 5 is blank: skipped, and the rows after it keep their numbers.
        ImportedRow(
            number: 6,
            values: [
                .id: "4", .fullName: "Коваленко Андрій Васильович", .born: "29.02.2000", .serviceNumber: "ЮЖ-000777",
                .unit: "в/ч А0135", .rank: "молодший сержант", .region: "UA-63", .says: "captured",
                .date: "18.10.2026", .place: "Курская обл.",
            ]),
        ImportedRow(
            number: 7,
            values: [
                .id: "5", .fullName: "Ёлкин Пётр Семёнович", .born: "01.01.1990", .serviceNumber: "КМ-100200",
                .unit: "в/ч 00000", .rank: "капитан", .region: "Белгородская область", .says: "released",
                .date: "19.10.2026", .note: "Освобождён, дома",
            ]),
        ImportedRow(
            number: 8,
            values: [
                .id: "6", .fullName: "O'Brien Patrick", .born: "31.12.1979", .serviceNumber: "AB 765432",
                .rank: "private", .says: "exchanged", .date: "20.10.2026", .place: "Sumy",
            ]),
    ]

    /// The same list from a workbook: its date cells arrive as YYYY-MM-DD.
    static let capturedFromWorkbook: [ImportedRow] = capturedAsTyped.map { row in
        var values = row.values
        for field in [RegistryField.born, .date] { values[field] = values[field].map(isoFromDotted) }
        return ImportedRow(number: row.number, values: values)
    }

    /// 12.03.1998 -> 1998-03-12; a year alone stays.
    static func isoFromDotted(_ text: String) -> String {
        let parts = text.split(separator: ".")
        guard parts.count == 3 else { return text }
        return "\(parts[2])-\(parts[1])-\(parts[0])"
    }

    static let capturedHeaders = [
        "№", "ФИО", "Дата рождения", "Личный номер", "В/ч", "Звание", "Регион", "Статус", "Дата", "Место",
        "Примечание", "Рост, см",
    ]

    struct Shape: Sendable, CustomTestStringConvertible {
        let file: String
        let format: String
        let encoding: String?
        let delimiter: Unicode.Scalar?
        var testDescription: String { file }
    }

    static let capturedShapes = [
        Shape(file: "captured-utf8-bom-comma.csv", format: "csv", encoding: "utf-8", delimiter: ","),
        Shape(file: "captured-1251-semicolon.csv", format: "csv", encoding: "windows-1251", delimiter: ";"),
        Shape(file: "captured-utf16le-tab.txt", format: "csv", encoding: "utf-16le", delimiter: "\t"),
        Shape(file: "captured-libreoffice.xlsx", format: "xlsx", encoding: nil, delimiter: nil),
        Shape(file: "captured-openpyxl.xlsx", format: "xlsx", encoding: nil, delimiter: nil),
        Shape(file: "captured-openpyxl-1904.xlsx", format: "xlsx", encoding: nil, delimiter: nil),
    ]

    @Test(arguments: capturedShapes)
    func everyShapeOfTheListReadsToItsCells(shape: Shape) throws {
        let table = try read(shape.file)
        #expect(table.format == shape.format)
        #expect(table.encoding == shape.encoding)
        #expect(table.fileName == shape.file)
        #expect(table.headers == Self.capturedHeaders)
        #expect(table.ignoredHeaders == ["Рост, см"])
        #expect(table.columns[.fullName] == "ФИО" && table.columns[.born] == "Дата рождения")
        #expect(table.columns[.id] == "№" && table.columns.count == 11)
        let expected = shape.format == "xlsx" ? Self.capturedFromWorkbook : Self.capturedAsTyped
        #expect(table.rows.map(\.number) == expected.map(\.number))
        for (row, wanted) in zip(table.rows, expected) {
            #expect(row == wanted, "row \(wanted.number)")
        }
        if let delimiter = shape.delimiter {
            let decoded = try CSVText.decode(
                [UInt8](Data(contentsOf: Self.lists.appendingPathComponent(shape.file))), forced: nil)
            #expect(CSVSheet.detectDelimiter(decoded.text) == delimiter)
        }
    }

    /// Whatever program wrote it, the same list reads to the same rows once CSV's dates are
    /// written as a workbook's are.
    @Test func allShapesOfTheListReadTheSame() throws {
        let tables = try Self.capturedShapes.map { try read($0.file).rows }
        let normalised = tables.map { rows in
            rows.map { row in
                var values = row.values
                for field in [RegistryField.born, .date] { values[field] = values[field].map(Self.isoFromDotted) }
                return ImportedRow(number: row.number, values: values)
            }
        }
        for rows in normalised.dropFirst() { #expect(rows == normalised[0]) }
    }

    @Test func theSHA256IsThatOfTheFileBytes() throws {
        // From `sha256sum`.
        #expect(
            try read("captured-utf8-bom-comma.csv").sha256
                == "c9830afe8f8e3733bedee46873f6e2fb1af694df103a01b95931447586779172")
        #expect(
            try read("captured-libreoffice.xlsx").sha256
                == "7331471001fe9d04de8a3f31fcc641a182d72adddbd8a3774f416476b038692c")
    }

    /// NIST's examples (FIPS 180-2 appendix B), and lengths either side of the padding's
    /// boundaries (55, 56, 64 bytes) and over several blocks, from Python's hashlib.
    @Test(
        arguments: [
            (Array("".utf8), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                Array(repeating: UInt8(ascii: "a"), count: 1_000_000),
                "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
            ),
            (
                Array(repeating: UInt8(ascii: "x"), count: 55),
                "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"
            ),
            (
                Array(repeating: UInt8(ascii: "x"), count: 56),
                "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"
            ),
            (
                Array(repeating: UInt8(ascii: "x"), count: 64),
                "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"
            ),
            (
                Array(0...255) + Array(0...255) + Array(0...255),
                "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363"
            ),
        ] as [([UInt8], String)])
    func sha256MatchesKnownDigests(bytes: [UInt8], digest: String) {
        #expect(SHA256.hex(of: bytes) == digest)
    }

    // MARK: The Ukrainian list: the name in three columns

    static let woundedRows = [
        ImportedRow(
            number: 2,
            values: [
                .id: "101", .surname: "Шевчук", .givenName: "Мар'ян", .patronymic: "Іванович", .born: "1999",
                .unit: "А4444", .rank: "солдат", .region: "Донецька область", .says: "wounded", .date: "2026-10-01",
                .place: "шпиталь, палата 3",
            ]),
        ImportedRow(
            number: 3,
            values: [
                .id: "102", .surname: "Ґонта", .givenName: "Євген", .patronymic: "Ігорович", .born: "14.07.1995",
                .unit: "А1234", .rank: "старший солдат", .region: "Київська область", .says: "captured",
                .date: "2026-10-02", .note: "дані уточнюються; з \"фільтраційного\" табору",
            ]),
    ]

    @Test(arguments: [("wounded-uk-semicolon.csv", "utf-8"), ("wounded-uk-1251.csv", "windows-1251")])
    func ukrainianHeadersWithTheNameInThreeColumns(file: String, encoding: String) throws {
        let table = try read(file)
        #expect(table.encoding == encoding)
        // "Ім’я" with a typographic apostrophe is the given name.
        #expect(table.columns[.givenName] == "Ім’я")
        #expect(table.columns[.fullName] == nil && table.ignoredHeaders.isEmpty)
        #expect(table.rows == Self.woundedRows)
    }

    @Test func aForcedEncodingIsUsed() throws {
        // windows-1251 bytes read as they are with --encoding windows-1251, refused as UTF-8.
        #expect(try read("wounded-uk-1251.csv", encoding: .windows1251).rows == Self.woundedRows)
        let error = #expect(throws: HotlineError.self) { try read("wounded-uk-1251.csv", encoding: .utf8) }
        let parts = try #require(invalidField(error))
        #expect(parts.field == "FILE")
        #expect(parts.problem.contains("not valid UTF-8: byte 1 (line 1)"), "\(parts.problem)")
        #expect(try read("captured-utf16le-tab.txt", encoding: .utf16).rows == Self.capturedAsTyped)
    }

    // MARK: Headers

    @Test(arguments: [
        ("ФИО", RegistryField.fullName), ("  п і б ", .fullName), ("Full Name", .fullName), ("NAME", .fullName),
        ("Фамилия", .surname), ("ПРІЗВИЩЕ", .surname), ("Last name", .surname), ("surname", .surname),
        ("Имя", .givenName), ("Ім'я", .givenName), ("Ім’я", .givenName), ("ІМʼЯ", .givenName),
        ("First name", .givenName), ("Given name", .givenName),
        ("Отчество", .patronymic), ("По батькові", .patronymic), ("Middle name", .patronymic),
        ("Дата рождения", .born), ("Дата народження", .born), ("Date of birth", .born), ("DOB", .born),
        ("Born", .born), ("В/ч", .unit), ("в/ч", .unit), ("Воинская часть", .unit), ("Військова частина", .unit),
        ("Unit", .unit), ("Личный номер", .serviceNumber), ("Особистий номер", .serviceNumber),
        ("Service number", .serviceNumber), ("Звание", .rank), ("Звання", .rank), ("Rank", .rank),
        ("Регион", .region), ("Область", .region), ("Region", .region), ("Статус", .says), ("Status", .says),
        ("Дата", .date), ("Date", .date), ("Место", .place), ("Місце", .place), ("Place", .place),
        ("Примечание", .note), ("Примітка", .note), ("Note", .note), ("№", .id), ("№ п/п", .id), ("ID", .id),
        ("Номер", .id), ("Evidence", .evidence), ("Доказательство", .evidence), ("Источник", .evidence),
        ("Ёлка-Дата", nil), ("Рост, см", nil), ("", nil),
    ])
    func headersAreRecognised(header: String, field: RegistryField?) {
        #expect(ListHeaders.field(forHeader: header) == field)
    }

    @Test func ёIsReadAsЕ() {
        #expect(ListHeaders.key("Отчёство") == ListHeaders.key("Отчество"))
        #expect(ListHeaders.field(forHeader: "ОТЧЁСТВО") == .patronymic)
    }

    @Test func mapsOverrideAndExtendTheRecognisedHeaders() throws {
        // "Рост, см" mapped to note (extends); "Примечание" mapped to evidence (overrides).
        let table = try read("captured-utf8-bom-comma.csv", maps: [" рост, СМ ": .note, "Примечание": .evidence])
        #expect(table.columns[.note] == "Рост, см")
        #expect(table.columns[.evidence] == "Примечание")
        #expect(table.ignoredHeaders.isEmpty)
        #expect(table.rows[0].values[.note] == "180")
        #expect(table.rows[0].values[.evidence] == "Опознан по фото")
    }

    @Test func aMapNamingNoHeaderIsRefused() throws {
        let error = #expect(throws: HotlineError.self) {
            try read("captured-utf8-bom-comma.csv", maps: ["Позывной": .note])
        }
        let parts = try #require(invalidField(error))
        #expect(parts.problem.contains("--map names the column 'Позывной'"))
        #expect(parts.problem.contains("'ФИО'"))
    }

    // MARK: Bad files

    /// Writes `bytes` as a file in a fresh directory and reads it.
    func readWritten(
        _ bytes: [UInt8], named name: String = "list.csv", encoding: TableEncoding? = nil,
        limits: TableReader.Limits = TableReader.Limits()
    ) throws -> ImportedTable {
        let path = try Fixture.freshDirectory().appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return try TableReader.read(path: path, encoding: encoding, maps: [:], limits: limits)
    }

    func readWritten(_ text: String, named name: String = "list.csv") throws -> ImportedTable {
        try readWritten(Array(text.utf8), named: name)
    }

    /// The problem of the `invalidField` error that `body` throws, after checking it names the file.
    func problem(_ body: () throws -> ImportedTable) throws -> String {
        let error = #expect(throws: HotlineError.self) { _ = try body() }
        let parts = try #require(invalidField(error))
        #expect(parts.field == "FILE")
        #expect(!parts.accepted.isEmpty)
        return parts.problem
    }

    @Test func anEmptyFileIsRefused() throws {
        #expect(try problem { try readWritten("") } == "the file is empty")
        #expect(try problem { try readWritten("\n\n ,, \n") } == "it has no cells, only blank rows")
    }

    @Test func aHeaderWithoutRowsIsRefused() throws {
        #expect(try problem { try readWritten("ФИО;Дата рождения\n\n") }.contains("a header row (row 1) but no rows"))
    }

    @Test func aFileWithoutANameColumnSaysWhatItFoundAndWhatIsAccepted() throws {
        let error = #expect(throws: HotlineError.self) { try readWritten("Дата рождения,Позывной\n01.01.1990,Волк\n") }
        let parts = try #require(invalidField(error))
        #expect(parts.problem == "no column holds the name; its headers are 'Дата рождения', 'Позывной'")
        #expect(parts.accepted.contains("ФИО / ПІБ"))
        #expect(parts.accepted.contains("--map COLUMN=fullName"))
    }

    @Test func twoColumnsForOneFieldAreRefusedNamingBoth() throws {
        let problem = try problem { try readWritten("№,ФИО,Статус,ПІБ\n1,Иванов Иван,captured,Іванов Іван\n") }
        #expect(problem == "two columns hold the full name: 'ФИО' (column B) and 'ПІБ' (column D)")
    }

    @Test func aTruncatedWorkbookIsRefused() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.lists.appendingPathComponent("captured-libreoffice.xlsx")))
        let problem = try problem { try readWritten(Array(bytes.prefix(bytes.count / 2)), named: "list.xlsx") }
        #expect(problem.contains("cut short or damaged"))
    }

    @Test func aZIPThatIsNotAWorkbookIsRefused() throws {
        let path = try Fixture.freshDirectory().appendingPathComponent("photos.zip")
        try ZIPFixture.write(["readme.txt": Data("not a list".utf8)], to: path)
        let error = #expect(throws: HotlineError.self) { try TableReader.read(path: path.path) }
        #expect(
            invalidField(error)?.problem == "it is a ZIP archive but not an XLSX workbook (it has no xl/workbook.xml)")
    }

    @Test func anOpenDocumentSpreadsheetIsNamed() throws {
        let path = try Fixture.freshDirectory().appendingPathComponent("list.xlsx")
        try ZIPFixture.write(
            ["mimetype": Data("application/vnd.oasis.opendocument.spreadsheet".utf8)], to: path)
        let error = #expect(throws: HotlineError.self) { try TableReader.read(path: path.path) }
        #expect(invalidField(error)?.problem.contains("OpenDocument spreadsheet (.ods)") == true)
    }

    @Test func anOldExcelFileIsNamed() throws {
        let problem = try problem {
            try readWritten([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512))
        }
        #expect(problem.contains("Excel 97-2003 workbook (.xls)"))
    }

    @Test func bytesThatAreNeitherUTF8NorCyrillicAreRefused() throws {
        // 0x98 is not UTF-8 and is the one byte windows-1251 leaves undefined.
        let problem = try problem { try readWritten(Array("ФИО\n".utf8) + [0x98, 0x41, 0x0A]) }
        #expect(problem.hasPrefix("it is not UTF-8 (byte 8, on line 2)"), "\(problem)")
    }

    @Test func nulBytesWithoutAByteOrderMarkAreRefused() throws {
        let utf16WithoutBOM = Array("ФИО\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try problem { try readWritten(utf16WithoutBOM) }.contains("NUL bytes"))
        // Forced, the byte order is found from where the zeros fall.
        let header = Array("ФИО,Статус\nИванов,captured\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let table = try readWritten(header, encoding: .utf16)
        #expect(table.encoding == "utf-16be" && table.rows.first?.values[.fullName] == "Иванов")
    }

    @Test func anUnclosedQuoteIsRefusedRatherThanSwallowingRows() throws {
        let problem = try problem { try readWritten("ФИО,Примечание\nИванов,\"не закрыта\nПетров,x\n") }
        #expect(problem.contains("odd number of double quotes"))
    }

    @Test func aMissingFileADirectoryAndAnOversizedFileAreRefused() throws {
        let directory = try Fixture.freshDirectory()
        let missing = #expect(throws: HotlineError.self) {
            try TableReader.read(path: directory.appendingPathComponent("nope.csv").path)
        }
        #expect(invalidField(missing)?.problem == "no such file")
        let folder = #expect(throws: HotlineError.self) { try TableReader.read(path: directory.path) }
        #expect(invalidField(folder)?.problem == "it is a directory")

        var limits = TableReader.Limits()
        limits.fileBytes = 1_000_000
        let big = "ФИО\n" + String(repeating: "Иванов Иван\n", count: 50_000)
        let problem = try problem { try readWritten(Array(big.utf8), limits: limits) }
        #expect(problem == "it is larger than 1 MB, the most one import reads: split the list")
    }

    @Test func tooManyRowsAreRefused() throws {
        var limits = TableReader.Limits()
        limits.rows = 100
        let rows = (1...101).map { "Иванов \($0)" }.joined(separator: "\n")
        #expect(
            try problem { try readWritten(Array(("ФИО\n" + rows).utf8), limits: limits) }.contains("more than 100 rows")
        )
        #expect(try readWritten(Array(("ФИО\n" + rows.dropLast(13)).utf8), limits: limits).rows.count == 100)

        let workbook = try [UInt8](Data(contentsOf: Self.lists.appendingPathComponent("captured-openpyxl.xlsx")))
        limits.rows = 5
        let problem = try problem { try readWritten(workbook, named: "list.xlsx", limits: limits) }
        #expect(problem == "its first sheet has more than 5 rows, the most one import reads")
    }

    @Test func aZIPBombStopsAtTheCap() throws {
        // 50 MB of one repeated row deflates to about 50 KB; the cap here is 10 MB.
        let row = "<row><c t=\"inlineStr\"><is><t>Иванов</t></is></c></row>"
        let sheet = Data(
            ("<worksheet><sheetData>" + String(repeating: row, count: 50_000_000 / row.utf8.count)
                + "</sheetData></worksheet>").utf8)
        let path = try Fixture.freshDirectory().appendingPathComponent("bomb.xlsx")
        try ZIPFixture.write(ZIPFixture.workbook(sheet: sheet), to: path)
        var limits = TableReader.Limits()
        limits.uncompressedBytes = 10_000_000
        limits.rows = 10_000_000
        let compressed = try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int ?? 0
        #expect(compressed < 1_000_000)
        let error = #expect(throws: HotlineError.self) {
            try TableReader.read(path: path.path, encoding: nil, maps: [:], limits: limits)
        }
        #expect(invalidField(error)?.problem.contains("inflate to more than 10 MB") == true)
    }

    // MARK: Workbooks as Excel writes them

    /// Shared strings with rich-text runs and a phonetic guide, `_x000D_` escapes, prefixed
    /// element names, a cell without `r`, booleans, a formula's cached string, built-in date
    /// format 14, and large and fractional numbers.
    @Test func excelsWaysOfStoringCellsAreRead() throws {
        let sharedStrings = """
            <?xml version="1.0" encoding="UTF-8"?>
            <x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4">
            <x:si><x:t>ФИО</x:t></x:si>
            <x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Иванов</x:t></x:r><x:r><x:t xml:space="preserve"> Иван</x:t></x:r><x:rPh sb="0" eb="1"><x:t>イワノフ</x:t></x:rPh></x:si>
            <x:si><x:t>первая_x000D_
            вторая</x:t></x:si>
            <x:si><x:t>Примечание</x:t></x:si>
            </x:sst>
            """
        let sheet = """
            <?xml version="1.0" encoding="UTF-8"?>
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Дата рождения</x:t></x:is></x:c><x:c r="C1" t="s"><x:v>3</x:v></x:c><x:c t="inlineStr"><x:is><x:t>Личный номер</x:t></x:is></x:c><x:c r="E1" t="inlineStr"><x:is><x:t>В/ч</x:t></x:is></x:c></x:row>
            <x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" s="1"><x:v>35866</x:v></x:c><x:c r="C3" t="s"><x:v>2</x:v></x:c><x:c r="D3"><x:v>1.23456E5</x:v></x:c><x:c r="E3" t="str"><x:f>"в/ч "&amp;"12345"</x:f><x:v>в/ч 12345</x:v></x:c></x:row>
            <x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>Петров</x:t></x:is></x:c><x:c r="B4" s="1"><x:v>60</x:v></x:c><x:c r="C4" t="b"><x:v>1</x:v></x:c><x:c r="D4"><x:v>0.10000000000000001</x:v></x:c><x:c r="E4"><x:v>12345678901234</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """
        let styles = """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <cellStyleXfs count="2"><xf numFmtId="14"/><xf numFmtId="0"/></cellStyleXfs>
            <cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs>
            </styleSheet>
            """
        let path = try Fixture.freshDirectory().appendingPathComponent("excel.xlsx")
        try ZIPFixture.write(
            ZIPFixture.workbook(
                sheet: Data(sheet.utf8), sharedStrings: Data(sharedStrings.utf8), styles: Data(styles.utf8)),
            to: path)
        let table = try TableReader.read(path: path.path)
        #expect(table.headers == ["ФИО", "Дата рождения", "Примечание", "Личный номер", "В/ч"])
        #expect(
            table.rows == [
                ImportedRow(
                    number: 3,
                    values: [
                        .fullName: "Иванов Иван", .born: "1998-03-12", .note: "первая\nвторая",  // _x000D_ and the line break: CR LF, read as LF
                        .serviceNumber: "123456", .unit: "в/ч 12345",
                    ]),
                ImportedRow(
                    number: 4,
                    values: [
                        .fullName: "Петров", .born: "1900-02-29", .note: "TRUE", .serviceNumber: "0.1",
                        .unit: "12345678901234",
                    ]),
            ])
    }

    // MARK: Cell values

    @Test func serialDatesMatchFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        let epoch1900 = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30))!
        let epoch1904 = calendar.date(from: DateComponents(year: 1904, month: 1, day: 1))!
        for serial in stride(from: 61, to: 2_958_466, by: 97) {
            let day = calendar.date(byAdding: .day, value: serial, to: epoch1900)!
            #expect(
                SpreadsheetValues.date(serial: Double(serial) + 0.75, uses1904: false) == formatter.string(from: day))
            let day1904 = calendar.date(byAdding: .day, value: serial, to: epoch1904)!
            if serial < 2_957_004 {
                #expect(
                    SpreadsheetValues.date(serial: Double(serial), uses1904: true) == formatter.string(from: day1904))
            }
        }
        #expect(SpreadsheetValues.date(serial: 1, uses1904: false) == "1900-01-01")
        #expect(SpreadsheetValues.date(serial: 59, uses1904: false) == "1900-02-28")
        #expect(SpreadsheetValues.date(serial: 60, uses1904: false) == "1900-02-29")  // Excel's phantom day
        #expect(SpreadsheetValues.date(serial: 61, uses1904: false) == "1900-03-01")
        #expect(SpreadsheetValues.date(serial: 35866, uses1904: false) == "1998-03-12")
        #expect(SpreadsheetValues.date(serial: 34404, uses1904: true) == "1998-03-12")
        #expect(SpreadsheetValues.date(serial: 0, uses1904: true) == "1904-01-01")
        #expect(SpreadsheetValues.date(serial: 0.5, uses1904: false) == nil)
    }

    @Test(
        arguments: [
            (14, nil, true), (22, nil, true), (0, nil, false), (1, nil, false), (49, nil, false), (45, nil, false),
            (164, "DD.MM.YYYY", true), (165, "mm/dd/yy", true), (166, "@", false), (167, "General", false),
            (168, "[$-419]D MMMM YYYY", true), (169, "mm:ss", false), (170, "[h]:mm:ss", false), (171, "mmm", true),
            (172, "0\" дней\"", false), (173, "#,##0.00\\ \"руб.\"", false), (174, "yyyy-mm-dd h:mm:ss", true),
            (175, "_-* #,##0_-", false),
        ] as [(Int, String?, Bool)])
    func dateFormatsAreTold(id: Int, code: String?, isDate: Bool) {
        #expect(SpreadsheetValues.isDateFormat(id: id, code: code) == isDate)
    }

    @Test(arguments: [
        ("123456", "123456"), ("1.23456E5", "123456"), ("1.23456E+5", "123456"), ("180.0", "180"), ("-3", "-3"),
        ("0.1", "0.1"), ("0.10000000000000001", "0.1"), ("2.5", "2.5"), ("12345678901234", "12345678901234"),
        ("not a number", "not a number"),
    ])
    func numbersAreWrittenAsASpreadsheetShowsThem(stored: String, shown: String) {
        #expect(SpreadsheetValues.number(stored) == shown)
    }

    @Test func windows1251IsDecodedByFoundationOnEveryByte() {
        for byte in UInt8(0xC0)...0xFF {
            let expected = Unicode.Scalar(0x410 + UInt32(byte - 0xC0))!
            #expect(CSVText.windows1251([byte]).unicodeScalars.first == expected)
        }
        #expect(
            CSVText.windows1251([0xA8, 0xB8, 0xAA, 0xBA, 0xB2, 0xB3, 0xAF, 0xBF, 0xA5, 0xB4, 0xB9]) == "ЁёЄєІіЇїҐґ№")
        #expect(CSVText.windows1251(Array("plain ASCII;,\t".utf8)[...]) == "plain ASCII;,\t")
    }

    @Test func delimitersAreFoundOutsideQuotes() {
        #expect(CSVSheet.detectDelimiter("ФИО;Дата;Место\n") == ";")
        #expect(CSVSheet.detectDelimiter("\"Фамилия, имя\";Дата\n") == ";")
        #expect(CSVSheet.detectDelimiter("\n\nФИО\tДата\tМесто,где\n") == "\t")
        #expect(CSVSheet.detectDelimiter("ФИО\nа;б;в;г\n") == ",")
        #expect(CSVSheet.detectDelimiter("ФИО,Дата\r\nа;б;в;г\n") == ",")
    }

    // MARK: Robustness

    /// Random bytes, and the workbook fixtures with bytes flipped, either read or are refused
    /// with a `HotlineError`: never a crash, never another error.
    @Test func damagedAndRandomFilesNeverCrash() throws {
        var random = SplitMix64(seed: 12)
        let workbook = try [UInt8](Data(contentsOf: Self.lists.appendingPathComponent("captured-libreoffice.xlsx")))
        let text = try [UInt8](Data(contentsOf: Self.lists.appendingPathComponent("captured-1251-semicolon.csv")))
        for round in 0..<300 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<Int(random.next() % 400)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            case 1:
                bytes = workbook
                for _ in 0..<(1 + random.next() % 8) {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                }
            default:
                bytes = text
                for _ in 0..<(1 + random.next() % 8) {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            do {
                _ = try readWritten(bytes)
            } catch is HotlineError {
                continue
            }
        }
    }
}

/// Small ZIP archives for the tests that need a workbook no program writes.
enum ZIPFixture {
    static func write(_ entries: [String: Data], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
    }

    /// The parts of a one-sheet workbook around `sheet`.
    static func workbook(sheet: Data, sharedStrings: Data? = nil, styles: Data? = nil) -> [String: Data] {
        let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var relationships = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="\(relationshipType)/worksheet" Target="worksheets/sheet1.xml"/>
            """
        var parts: [String: Data] = [
            "_rels/.rels": Data(
                """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="\(relationshipType)/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """.utf8),
            "xl/workbook.xml": Data(
                """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="\(relationshipType)"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """.utf8),
            "xl/worksheets/sheet1.xml": sheet,
        ]
        if let sharedStrings {
            parts["xl/sharedStrings.xml"] = sharedStrings
            relationships +=
                "<Relationship Id=\"rId2\" Type=\"\(relationshipType)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        if let styles {
            parts["xl/styles.xml"] = styles
            relationships += "<Relationship Id=\"rId3\" Type=\"\(relationshipType)/styles\" Target=\"/xl/styles.xml\"/>"
        }
        parts["xl/_rels/workbook.xml.rels"] = Data((relationships + "</Relationships>").utf8)
        return parts
    }
}
