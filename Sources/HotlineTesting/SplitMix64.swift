/// A seeded random number generator (Steele, Lea and Flood's SplitMix64): the same seed gives
/// the same numbers on every machine and every run, where Swift's own generator is seeded by the
/// operating system. The benchmark's load, the stress tool's `--seed` and the random tests all
/// draw from this one type, so a seed means the same thing everywhere; the benchmark's seeded
/// databases depend on its exact sequence, which `SplitMix64Tests` pins.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose first number is SplitMix64's first output for `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for one item (a case, a step) of one stream, derived from a run's seed: items
    /// can be generated in any order, or on any thread, and still come out the same.
    public init(seed: UInt64, stream: UInt64, item: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93) ^ (item &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
