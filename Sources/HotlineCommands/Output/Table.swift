import HotlineCore

/// A plain-text table: a header row and aligned columns, for terminals and logs.
struct TextTable {
    let headers: [String]
    private(set) var rows: [[String]] = []

    /// Headers are words: rendered in the operator's language when the table is made.
    init(_ headers: Message...) { self.headers = headers.map(\.description) }
    init(_ headers: [Message]) { self.headers = headers.map(\.description) }

    mutating func append(_ row: String...) { rows.append(row) }
    mutating func append(_ row: [String]) { rows.append(row) }

    /// The table's lines: columns padded to their widest cell, two spaces apart.
    func render() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1
                    ? row[column]
                    : row[column] + String(repeating: " ", count: widths[column] - displayWidth(row[column]))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Characters as a terminal shows them: one column each, zero for combining marks.
    private func displayWidth(_ text: String) -> Int { text.count }
}
