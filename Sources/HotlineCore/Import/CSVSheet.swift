import CSV

/// A CSV file's text as rows of cells, the grammar (quotes, doubled quotes, line breaks in
/// quoted cells, CR LF or LF) left to yaslab/CSV.swift; the delimiter found from the header line.
enum CSVSheet {
    /// The delimiters a list may use, as spreadsheets export them: comma, semicolon (a Russian
    /// or Ukrainian Excel's "CSV"), tab (Excel's "Unicode text").
    static let delimiters: [Unicode.Scalar] = [",", ";", "\t"]

    struct Failure: Error {
        let problem: Message
    }

    /// Excel's limit for one cell; a longer one in a CSV is an unclosed quote that swallowed
    /// the rows after it.
    static let maxCellLength = 32_767

    static func read(_ text: String, maxRows: Int) throws(Failure) -> (grid: SheetGrid, delimiter: Unicode.Scalar) {
        // An odd count means a quote opened a cell and never closed it, and the library would read
        // every row after it into that cell without a word.
        let quotes = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
        guard quotes % 2 == 0 else {
            throw Failure(
                problem: "it has an odd number of double quotes (\"), so a quoted cell is never closed "
                    + "and the rows after it would run into it")
        }
        let delimiter = detectDelimiter(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, delimiter: delimiter)
        } catch {
            throw Failure(problem: "it cannot be read as CSV (\(error))")
        }
        var grid = SheetGrid()
        var number = 0
        while let record = reader.next() {
            number += 1
            guard number <= maxRows + 1 else {
                throw Failure(problem: "it has more than \(maxRows) rows, the most one import reads")
            }
            if let long = record.first(where: { $0.unicodeScalars.count > maxCellLength }) {
                throw Failure(
                    problem: "row \(number) has a cell of \(long.unicodeScalars.count) characters, more than "
                        + "a spreadsheet holds (\(maxCellLength)): a quote is probably misplaced")
            }
            grid.append(number: number, cells: record)
        }
        return (grid, delimiter)
    }

    /// The delimiter that occurs most often outside quotes on the first non-blank line (the
    /// header); a file of one column has none, and comma serves.
    static func detectDelimiter(_ text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [:]
        var quoted = false
        var lineHasText = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                quoted.toggle()
            } else if !quoted && (scalar == "\n" || scalar == "\r") {
                if lineHasText { break }
            } else if !quoted && delimiters.contains(scalar) {
                counts[scalar, default: 0] += 1
            }
            if !scalar.properties.isWhitespace { lineHasText = true }
        }
        // A tie (rare: a header is short) goes to the semicolon, then the tab: a comma is the
        // likelier to sit unquoted inside a header ("Фамилия, имя").
        let best = [Unicode.Scalar(";"), "\t", ","].max { counts[$0, default: 0] < counts[$1, default: 0] }
        guard let best, counts[best, default: 0] > 0 else { return "," }
        return best
    }
}
