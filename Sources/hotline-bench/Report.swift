import Foundation

/// A table of figures, printed with aligned columns (numbers right-aligned).
struct Table: Sendable {
    let title: String
    let columns: [String]
    private(set) var rows: [[String]] = []
    var notes: [String] = []

    init(title: String, columns: [String]) {
        self.title = title
        self.columns = columns
    }

    mutating func add(_ row: [String]) {
        rows.append(row + Array(repeating: "", count: max(0, columns.count - row.count)))
    }

    var rendered: String {
        let all = [columns] + rows
        let widths = columns.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // The first column is a label; the others are figures.
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: " | ")
        }
        var out = "\n== \(title) ==\n"
        out += line(columns) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n"
        for row in rows { out += line(row) + "\n" }
        for note in notes { out += "  " + note + "\n" }
        return out
    }

    func print() { Output.write(rendered) }
}

/// Timings of one operation: seconds per call.
struct Samples: Sendable {
    private(set) var values: [Double] = []

    mutating func add(_ seconds: Double) { values.append(seconds) }

    var count: Int { values.count }
    var total: Double { values.reduce(0, +) }
    var median: Double { quantile(0.5) }
    var p99: Double { quantile(0.99) }

    /// Nearest-rank quantile.
    func quantile(_ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}

/// Wall-clock time from a monotonic clock.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Seconds `body` took.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = Stopwatch()
        try body()
        return clock.seconds
    }
}

enum Format {
    /// A duration in the unit that suits it: µs, ms or s, three significant digits.
    static func time(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        if seconds < 1e-3 { return significant(seconds * 1e6) + " µs" }
        if seconds < 1 { return significant(seconds * 1e3) + " ms" }
        return significant(seconds) + " s"
    }

    static func significant(_ value: Double) -> String {
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : "-"
    }

    static func ratio(_ value: Double) -> String { value.isFinite ? String(format: "%.2fx", value) : "-" }

    /// 1,234,567
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func rate(_ perSecond: Double, _ unit: String) -> String {
        perSecond.isFinite ? "\(count(Int(perSecond.rounded()))) \(unit)/s" : "-"
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        let total = Int(seconds.rounded())
        return total >= 60 ? "\(total / 60)m\(String(format: "%02d", total % 60))s" : "\(total)s"
    }

    /// "yes" / "NO" against a target, never an assertion: timings vary between machines.
    static func verdict(_ met: Bool?) -> String { met.map { $0 ? "met" : "MISSED" } ?? "" }
}

/// Unbuffered writes to standard output, flushing `print`'s buffer first so the two interleave.
enum Output {
    static func write(_ text: String) {
        fflush(nil)
        var data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeMutableBytes { buffer in
                Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { break }
            offset += written
        }
        data.removeAll()
    }

    static func line(_ text: String = "") { write(text + "\n") }

    static func error(_ text: String) {
        fflush(nil)
        let data = Array((text + "\n").utf8)
        _ = data.withUnsafeBytes { Foundation.write(2, $0.baseAddress!, $0.count) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
