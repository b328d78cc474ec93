import Foundation
import GRDB

/// How well the families are told (issue 13), for `stats`.
public struct FamilyFigures: Encodable, Sendable, Equatable {
    /// Families told at least one piece of news.
    public let informed: Int
    /// Families with news not delivered yet.
    public let waiting: Int
    /// The waiting families by how long their oldest news has waited: < 1 day, < 1 week,
    /// < 1 month, more.
    public let waitingFor: [HotlineStats.Count]
    /// The median time from news to the family told, in hours; `nil` before any delivery.
    public let medianHoursToInform: Double?
    /// Attempts per delivered notice, the delivery included.
    public let attemptsPerDelivered: Double?
    /// Families waiting with no news whose call-back is overdue.
    public let callbacksOverdue: Int
    public let byRegion: [RegionFigures]
    public let byOperator: [OperatorFigures]

    enum CodingKeys: String, CodingKey {
        case informed, waiting, waitingFor, medianHoursToInform, attemptsPerDelivered, callbacksOverdue, byRegion,
            byOperator
    }

    /// Every key written: `null` before any delivery, not a missing key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(informed, forKey: .informed)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(waitingFor, forKey: .waitingFor)
        try container.encode(medianHoursToInform, forKey: .medianHoursToInform)
        try container.encode(attemptsPerDelivered, forKey: .attemptsPerDelivered)
        try container.encode(callbacksOverdue, forKey: .callbacksOverdue)
        try container.encode(byRegion, forKey: .byRegion)
        try container.encode(byOperator, forKey: .byOperator)
    }

    public struct RegionFigures: Encodable, Sendable, Equatable {
        public let region: String
        public let informed: Int
        public let waiting: Int
        public let medianHoursToInform: Double?
    }

    public struct OperatorFigures: Encodable, Sendable, Equatable {
        public let `operator`: String
        /// Notices this operator delivered.
        public let delivered: Int
        /// Attempts this operator made, deliveries included.
        public let attempts: Int
        public let medianHoursToInform: Double?
    }
}

extension Hotline {
    /// The families' figures on the stats' snapshot.
    func familyFigures(in db: Database) throws -> FamilyFigures {
        let at = now()
        let store = db.notices
        var buckets: [(String, TimeInterval, Int)] = [
            ("< 1 day", 86_400, 0), ("< 1 week", 7 * 86_400, 0), ("< 1 month", 30 * 86_400, 0), ("more", .infinity, 0),
        ]
        let oldest = try store.oldestUndeliveredNewsPerInquirer()
        for newsAt in oldest {
            let waited = at.timeIntervalSince(newsAt)
            if let index = buckets.firstIndex(where: { waited < $0.1 }) { buckets[index].2 += 1 }
        }
        let deliveries = try store.deliveries()
        let informedByRegion = try store.informedFamiliesByRegion()
        let waitingByRegion = try store.waitingFamiliesByRegion()
        let regions = Set(informedByRegion.keys).union(waitingByRegion.keys).sorted()
        let attemptsBy = try store.attemptsByOperator()
        let operators = Set(attemptsBy.keys).union(deliveries.map(\.by)).sorted()
        let waiting = rules.notices.waitingStatuses(in: rules.lifecycle)
        return FamilyFigures(
            informed: try store.informedFamilies(), waiting: oldest.count,
            waitingFor: buckets.map { HotlineStats.Count(key: $0.0, count: $0.2) },
            medianHoursToInform: Self.median(deliveries.map(\.hours)),
            attemptsPerDelivered: deliveries.isEmpty
                ? nil : Self.rounded(Double(deliveries.map(\.attempts).reduce(0, +)) / Double(deliveries.count)),
            callbacksOverdue: try store.callbacksDue(
                cutoff: at.addingTimeInterval(-rules.notices.callbackInterval),
                waitingJSON: String(decoding: try JSONEncoder().encode(waiting), as: UTF8.self), region: nil,
                owner: nil, limit: nil
            ).count,
            byRegion: regions.map { region in
                FamilyFigures.RegionFigures(
                    region: region, informed: informedByRegion[region] ?? 0, waiting: waitingByRegion[region] ?? 0,
                    medianHoursToInform: Self.median(deliveries.filter { $0.region == region }.map(\.hours)))
            },
            byOperator: operators.map { name in
                let theirs = deliveries.filter { $0.by == name }
                return FamilyFigures.OperatorFigures(
                    operator: name, delivered: theirs.count, attempts: attemptsBy[name] ?? 0,
                    medianHoursToInform: Self.median(theirs.map(\.hours)))
            })
    }

    private static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return rounded(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
    }

    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
