import Foundation
import GRDB
import HotlineTesting
import Testing

@testable import HotlineCore

/// The hand-written timestamp conversion agrees with GRDB's own, byte for byte and both ways.
struct DatabaseTimeTests {
    /// Random instants from 1900 to 2100, with and without a fraction of a second.
    static let instants: [Date] = {
        var generator = SplitMix64(seed: 42)
        var dates = (0..<5000).map { index in
            let seconds = Double.random(in: -2_208_988_800...4_102_444_800, using: &generator)
            return Date(timeIntervalSince1970: index % 2 == 0 ? seconds.rounded(.down) : seconds)
        }
        // Halves of a millisecond, which DateFormatter rounds up.
        dates += (0..<2000).map { _ in
            let seconds = Double.random(in: -2_208_988_800...4_102_444_800, using: &generator)
            return Date(timeIntervalSince1970: (seconds * 1000).rounded(.down) / 1000 + 0.0005)
        }
        // Day, month, leap-year and epoch edges.
        dates += [
            0, -0.001, 0.999, 951_782_400, 951_868_799.999, 1_709_164_800, -2_208_988_800, 4_102_444_799.999,
        ].map(Date.init(timeIntervalSince1970:))
        return dates
    }()

    @Test func writesTheSameTextAsGRDB() {
        for date in Self.instants {
            let grdb = String.fromDatabaseValue(date.databaseValue)
            #expect(DatabaseTime.text(date) == grdb, "\(date.timeIntervalSince1970)")
        }
    }

    /// The JSON contract's times, written by hand, are `.iso8601`'s, byte for byte.
    @Test func jsonTimesAreFoundationsISO8601() throws {
        let foundation = JSONEncoder()
        foundation.dateEncodingStrategy = .iso8601
        let ours = HotlineJSON.makeEncoder(pretty: false)
        let far = [-62_135_596_800.5, 253_402_300_800.0, 1e12].map(Date.init(timeIntervalSince1970:))
        for date in Self.instants + far {
            #expect(try ours.encode([date]) == foundation.encode([date]), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func readsTheSameDateAsGRDB() {
        for date in Self.instants {
            let stored = date.databaseValue
            #expect(DatabaseTime.date(stored) == Date.fromDatabaseValue(stored), "\(stored)")
        }
    }

    @Test func otherSpellingsStillParseThroughGRDB() {
        // Including impossible dates, which GRDB rolls over and so must this.
        for text in [
            "2024-05-01", "2024-05-01 10:20", "2024-05-01T10:20:30Z", "2024-05-01 10:20:30", "2024-13-01 10:20:30.000",
            "2023-02-29 10:20:30.000", "2024-02-29 23:59:59.999", "2024-04-31 00:00:00.000",
        ] {
            #expect(DatabaseTime.date(text.databaseValue) == Date.fromDatabaseValue(text.databaseValue), "\(text)")
        }
    }
}
