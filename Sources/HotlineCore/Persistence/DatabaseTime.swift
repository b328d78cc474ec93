import Foundation
import GRDB

/// Timestamps as the database stores them: GRDB's format, `yyyy-MM-dd HH:mm:ss.SSS` in UTC,
/// converted with integer arithmetic. GRDB goes through DateFormatter and Calendar, which cost
/// more than the SQL on the hot paths (every inquiry writes five timestamps, every listed
/// case reads three). Tests check both directions against GRDB's own conversion.
enum DatabaseTime {
    /// `date` as stored: to the nearest millisecond, halves up, as DateFormatter rounds.
    static func text(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down))
        var (days, rest) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        if rest < 0 {
            days -= 1
            rest += 86_400_000
        }
        guard var bytes = CivilCalendar.timestamp(days: days, seconds: rest / 1000, separator: " ") else {
            return String.fromDatabaseValue(date.databaseValue)!
        }
        bytes.append(UInt8(ascii: "."))
        CivilCalendar.appendDigits(rest % 1000, 3, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The date of a stored timestamp; other spellings SQLite accepts go to GRDB's parser.
    static func date(_ value: DatabaseValue) -> Date? {
        guard case .string(var stored) = value.storage else { return Date.fromDatabaseValue(value) }
        return stored.withUTF8 { parse(UnsafeRawBufferPointer($0)) } ?? Date.fromDatabaseValue(value)
    }

    /// The date of `text` written exactly as hotline stores times (`yyyy-MM-dd HH:mm:ss.SSS`, a
    /// real calendar day); none of SQLite's other spellings.
    static func date(exactly text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// The timestamp in column `index` of `row`, parsed from SQLite's own buffer (no String in
    /// between); a value that is none is an error, not a crash.
    static func date(_ row: Row, _ index: Int) throws -> Date {
        if let date = try row.withUnsafeData(atIndex: index, { $0?.withUnsafeBytes(parse) }) { return date }
        let value: DatabaseValue = row[index]
        guard let date = date(value) else {
            throw DatabaseError(
                resultCode: .SQLITE_MISMATCH,
                message: "column \(Array(row.columnNames)[index]) holds no timestamp: \(value)")
        }
        return date
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS` of a valid date, else nil.
    private static func parse(_ bytes: UnsafeRawBufferPointer) -> Date? {
        guard bytes.count == 23, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: ".")
        else { return nil }
        func number(_ offset: Int, _ digits: Int) -> Int? {
            var value = 0
            for position in offset..<(offset + digits) {
                let digit = Int(bytes[position]) - Int(UInt8(ascii: "0"))
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            let millisecond = number(20, 3), (1...12).contains(month), day >= 1, day <= daysIn(month, of: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        // Reference-date based, as Calendar computes it, so both give the very same Double.
        let seconds = CivilCalendar.days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millisecond) / 1000)
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
