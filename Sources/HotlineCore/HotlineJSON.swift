import Foundation

/// The JSON contract of the core's `Encodable` values (`CaseDetail`, `CaseSummary`,
/// `LoggedInquiry`, `SchemaVersion`, …), the same for every front end: the property names as
/// keys, sorted so output is stable to diff; times as ISO 8601 UTC (`2026-11-30T11:35:14Z`).
public enum HotlineJSON {
    /// An encoder that writes the contract: pretty-printed for people and scripts (the CLI), or
    /// compact for programs (the server). The same keys and values either way.
    public static func makeEncoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        // `.iso8601`'s text, written by integer arithmetic: Foundation's formatter went through
        // Calendar for every time, a tenth of the server's CPU on a page of 50 cases.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(iso8601(date))
        }
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `date` as `.iso8601` writes it: UTC, whole seconds (the fraction dropped), `Z`.
    static func iso8601(_ date: Date) -> String {
        var (days, seconds) = Int(date.timeIntervalSince1970.rounded(.down)).quotientAndRemainder(dividingBy: 86_400)
        if seconds < 0 {
            days -= 1
            seconds += 86_400
        }
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        guard (1...9999).contains(year) else { return date.ISO8601Format() }
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 20)
        func put(_ value: Int, at offset: Int, digits: Int) {
            var value = value
            for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 0, digits: 4)
        bytes[4] = UInt8(ascii: "-")
        put(month, at: 5, digits: 2)
        bytes[7] = UInt8(ascii: "-")
        put(day, at: 8, digits: 2)
        bytes[10] = UInt8(ascii: "T")
        put(seconds / 3600, at: 11, digits: 2)
        bytes[13] = UInt8(ascii: ":")
        put(seconds / 60 % 60, at: 14, digits: 2)
        bytes[16] = UInt8(ascii: ":")
        put(seconds % 60, at: 17, digits: 2)
        bytes[19] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }
}
