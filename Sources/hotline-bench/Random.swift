import Foundation
import HotlineTesting

/// Deterministic randomness for the generated load: the same `--seed` gives the same cases,
/// inquiries and status changes on every machine. The generator is HotlineTesting's SplitMix64
/// (shared with the stress tool and the tests); these are the draws the load is made of.
extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Uniform in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// Exponentially distributed with this mean.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `count` decimal digits.
    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(Unicode.Scalar(UInt8(48 + below(10)))) })
    }
}

/// Draws indices 0..<count with probability proportional to `weights` (binary search over the
/// cumulative sums).
struct WeightedIndex: Sendable {
    private let cumulative: [Double]

    init(weights: [Double]) {
        var sum = 0.0
        cumulative = weights.map { weight in
            sum += weight
            return sum
        }
    }

    /// Zipf-like: the item of rank k (from 1) weighs 1 / k^exponent.
    static func zipf(count: Int, exponent: Double) -> WeightedIndex {
        WeightedIndex(weights: (1...count).map { 1 / pow(Double($0), exponent) })
    }

    var total: Double { cumulative.last ?? 0 }

    /// The share of the item at `index`.
    func share(_ index: Int) -> Double {
        (cumulative[index] - (index == 0 ? 0 : cumulative[index - 1])) / total
    }

    func sample(_ rng: inout SplitMix64) -> Int {
        let target = rng.unit() * total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A weighted choice among values.
struct Weighted<Value: Sendable>: Sendable {
    let values: [Value]
    let index: WeightedIndex

    init(_ pairs: [(Value, Double)]) {
        values = pairs.map(\.0)
        index = WeightedIndex(weights: pairs.map(\.1))
    }

    func sample(_ rng: inout SplitMix64) -> Value { values[index.sample(&rng)] }
}
