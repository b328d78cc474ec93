import Foundation

/// A date known to the year, the month or the day: `1998`, `1998-03` or `1998-03-14`.
/// Families often know only the year of birth.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    /// The ISO 8601 form, as stored: `1998`, `1998-03` or `1998-03-14`.
    public var description: String {
        // By hand rather than String(format:): this runs for every stored date, bulk loads included.
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = padded(year, 4)
        if let month { text += "-" + padded(month, 2) }
        if let day { text += "-" + padded(day, 2) }
        return text
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }

    /// What `init(parsing:)` accepts, for error messages and help.
    public static let accepted: Message = "YYYY, YYYY-MM, YYYY-MM-DD, DD.MM.YYYY or MM.YYYY, from 1900 to today"

    /// Parses and checks a date given in `field`: a real calendar date, not before 1900 and
    /// not after `today`. Also as Russian and Ukrainian paperwork and lists write it,
    /// `DD.MM.YYYY` or `MM.YYYY` (day or month of one or two digits; the year always of four,
    /// so `01.03.98` stays refused rather than guessed).
    public init(parsing text: String, field: String, today: Date = Date()) throws(HotlineError) {
        let accepted: Message = Self.accepted
        let parts = Self.isoParts(of: text)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count),
            zip(parts, widths).allSatisfy({ part, width in
                part.count == width && part.allSatisfy { $0.isASCII && $0.isNumber }
            })
        else {
            throw .invalidField(field: field, value: text, problem: "not a date", accepted: accepted)
        }
        let numbers = parts.map { Int($0)! }  // all ASCII digits, checked above
        year = numbers[0]
        month = numbers.count > 1 ? numbers[1] : nil
        day = numbers.count > 2 ? numbers[2] : nil

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        if let month, !(1...12).contains(month) {
            throw .invalidField(
                field: field, value: text, problem: "there is no month \(month)", accepted: accepted)
        }
        if let month, let day {
            let components = DateComponents(year: year, month: month, day: day)
            guard
                calendar.date(from: components).map({ calendar.component(.day, from: $0) == day }) == true
            else {
                throw .invalidField(
                    field: field, value: text, problem: "there is no such day in the calendar",
                    accepted: accepted)
            }
        }
        let now = calendar.dateComponents([.year, .month, .day], from: today)
        let todayDate = PartialDate(year: now.year!, month: now.month!, day: now.day!)
        guard year >= 1900 else {
            throw .invalidField(
                field: field, value: text, problem: "it is before 1900", accepted: accepted)
        }
        guard self.truncated(like: self) <= todayDate.truncated(like: self) else {
            throw .invalidField(
                field: field, value: text, problem: "it is in the future", accepted: accepted)
        }
    }

    /// The parts of `text` in ISO order (year, month, day), dotted forms turned round and
    /// padded; anything else split at its dashes as written, for the checks to judge.
    private static func isoParts(of text: String) -> [Substring] {
        let dotted = text.split(separator: ".", omittingEmptySubsequences: false)
        guard dotted.count == 2 || dotted.count == 3, dotted.last!.count == 4,
            dotted.dropLast().allSatisfy({ (1...2).contains($0.count) })
        else { return text.split(separator: "-", omittingEmptySubsequences: false) }
        func padded(_ part: Substring) -> Substring { part.count == 1 ? "0" + part : part }
        return [dotted.last!] + dotted.dropLast().reversed().map(padded)
    }

    private init(year: Int, month: Int?, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// This date cut to the precision of `other`, to compare a year with a full date.
    private func truncated(like other: PartialDate) -> PartialDate {
        PartialDate(
            year: year, month: other.month == nil ? nil : month, day: other.day == nil ? nil : day)
    }
}
