import Foundation

/// How an XLSX cell's stored value becomes the text a spreadsheet would show for a list:
/// numbers without a spurious ".0" or exponent, serial dates as YYYY-MM-DD, and the `_xHHHH_`
/// escapes of OOXML strings undone.
enum SpreadsheetValues {
    /// A number as stored (`<v>123456</v>`, `<v>1.23456E5</v>`, `<v>0.10000000000000001</v>`):
    /// integers in full, never in scientific notation (service numbers and ids are stored as
    /// numbers), others in the shortest form that reads back the same.
    static func number(_ stored: String) -> String {
        guard let value = Double(stored), value.isFinite else { return stored }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// A serial date (days since the workbook's epoch, the fraction being the time of day) as
    /// YYYY-MM-DD. In the 1900 system serial 60 is 29 February 1900, a day that never was
    /// (Lotus 1-2-3's bug, kept by Excel), so serials after it are one day late; the 1904
    /// system (old Mac Excel, `date1904` in workbook.xml) counts from 1 January 1904.
    static func date(serial: Double, uses1904: Bool) -> String? {
        guard serial.isFinite, serial >= (uses1904 ? 0 : 1), serial < 2_958_466 else { return nil }  // to 9999-12-31
        let whole = Int(serial.rounded(.down))
        if uses1904 {
            return isoDate(daysSince1970: whole + daysFrom1970To1904)
        }
        if whole == 60 { return "1900-02-29" }  // what Excel shows for it
        // 1899-12-31 is serial 0; before the phantom day each serial is that many days on.
        let days = whole < 60 ? whole - 1 : whole - 2
        return isoDate(daysSince1970: days + daysFrom1970To1900)
    }

    private static let daysFrom1970To1900 = -25_567  // 1900-01-01
    private static let daysFrom1970To1904 = -24_107  // 1904-01-01

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func isoDate(daysSince1970 days: Int) -> String {
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Whether a number format shows a date: the built-in ids 14-22 (d/m/yyyy ... m/d/yy h:mm)
    /// and 27-36, 50-58 (the East Asian date formats), or a custom format code with a day or
    /// year in it, or a month without hours or seconds beside it (`mmm` is a month, `mm:ss` is
    /// not). Quoted text, `\`-escaped characters and `[...]` (colours, locales, elapsed time)
    /// are left out first: `[$-419]DD.MM.YYYY` is a date, `0" дней"` is not.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (50...58).contains(id) { return true }
        guard let code else { return false }
        var letters = Set<Character>()
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for character in code.lowercased() {
            if escaped {
                escaped = false
            } else if inQuotes {
                if character == "\"" { inQuotes = false }
            } else if inBrackets {
                if character == "]" { inBrackets = false }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "[" {
                inBrackets = true
            } else if character == "\\" || character == "_" || character == "*" {
                escaped = true  // `_x` pads the width of x, `*x` fills with x: x is no code
            } else {
                letters.insert(character)
            }
        }
        if letters.contains("d") || letters.contains("y") { return true }
        return letters.contains("m") && !letters.contains("h") && !letters.contains("s")
    }

    /// Undoes OOXML's `_xHHHH_` escapes (Excel writes a carriage return as `_x000D_`; a
    /// literal `_x000D_` is written `_x005F_x000D_`).
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x",
                scalars[index + 6] == "_",
                let value = UInt32(String(String.UnicodeScalarView(scalars[index + 2..<index + 6])), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                result.append(scalar)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}
