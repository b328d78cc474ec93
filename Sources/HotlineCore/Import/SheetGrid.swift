/// A list file's cells before any header is recognised: its non-empty rows, each numbered as a
/// spreadsheet shows it, with its cells by column (A is 0). CSV and XLSX both read into this.
struct SheetGrid {
    struct Row {
        let number: Int
        let cells: [String]
    }

    var rows: [Row] = []

    /// Adds a row unless all its cells are blank: blank rows are skipped, never numbered anew.
    mutating func append(number: Int, cells: [String]) {
        guard cells.contains(where: { !SheetGrid.isBlank($0) }) else { return }
        rows.append(Row(number: number, cells: cells))
    }

    static func isBlank(_ cell: String) -> Bool {
        cell.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// A column's letters as a spreadsheet shows them: 0 is A, 26 is AA.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }
}
