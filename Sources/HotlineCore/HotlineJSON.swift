import Foundation

/// The JSON contract of the core's `Encodable` values (`CaseDetail`, `CaseSummary`,
/// `LoggedInquiry`, `SchemaVersion`, …), the same for every front end: the property names as
/// keys, sorted so output is stable to diff; times as ISO 8601 UTC (`2026-11-30T11:35:14Z`).
public enum HotlineJSON {
    /// An encoder that writes the contract, pretty-printed for people and scripts alike.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
