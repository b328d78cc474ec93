import Foundation

/// What a registry record can hold, as a column of an imported list maps to it. A header in
/// Russian, Ukrainian or English is recognised without `--map` (`TableReader`); `--map
/// COLUMN=FIELD` names the field by its raw value.
public enum RegistryField: String, CaseIterable, Sendable, Codable {
    /// The list's own id for the row (№, ID, номер записи): re-importing keys on it.
    case id
    /// The whole name in one cell (ФИО, ПІБ, full name).
    case fullName
    case surname
    case givenName
    case patronymic
    /// Date of birth as written in the cell (DD.MM.YYYY, YYYY-MM-DD, YYYY; XLSX date cells
    /// arrive as YYYY-MM-DD).
    case born
    case unit
    case serviceNumber
    case rank
    case region
    /// What the source says about the person (captured, wounded, deceased, ...).
    case says
    /// The date of the news.
    case date
    case place
    case note
    /// A file name or URL of the evidence, optionally followed by its SHA-256.
    case evidence
}

/// One data row of an imported list: the cells of the recognised columns, trimmed of
/// surrounding white space, empty cells left out.
public struct ImportedRow: Sendable, Equatable {
    /// The row's number as a spreadsheet shows it (the header is row 1 when it is the first
    /// line), so an operator can find it; a CSV row with a line break in a quoted cell counts once.
    public let number: Int
    public let values: [RegistryField: String]

    public init(number: Int, values: [RegistryField: String]) {
        self.number = number
        self.values = values
    }
}

/// A list file read into rows, before any rule of the registry is applied.
public struct ImportedTable: Sendable {
    /// The file's name (last path component) and the SHA-256 of its bytes, lower-case hex, for
    /// the audit.
    public let fileName: String
    public let sha256: String
    /// `csv` or `xlsx`.
    public let format: String
    /// The text encoding the file was read in (`utf-8`, `utf-16le`, `utf-16be`,
    /// `windows-1251`), `nil` for XLSX.
    public let encoding: String?
    /// The header cells as written, in column order.
    public let headers: [String]
    /// Which header each recognised field was read from, for error messages ("column 'Дата
    /// рождения'").
    public let columns: [RegistryField: String]
    /// Headers that map to no field (reported, not an error).
    public let ignoredHeaders: [String]
    public let rows: [ImportedRow]

    public init(
        fileName: String, sha256: String, format: String, encoding: String?, headers: [String],
        columns: [RegistryField: String], ignoredHeaders: [String], rows: [ImportedRow]
    ) {
        self.fileName = fileName
        self.sha256 = sha256
        self.format = format
        self.encoding = encoding
        self.headers = headers
        self.columns = columns
        self.ignoredHeaders = ignoredHeaders
        self.rows = rows
    }
}

/// A text encoding `--encoding` can force on a CSV file.
public enum TableEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1251 = "windows-1251"
}
