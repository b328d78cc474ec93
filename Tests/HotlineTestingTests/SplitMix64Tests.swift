import HotlineTesting
import Testing

/// The generator's exact sequences: the benchmark seeds the same database for the same seed only
/// while these hold, and a repeated stress run (`--seed`) or random test needs them too.
struct SplitMix64Tests {
    @Test func matchesTheReferenceImplementation() {
        // Given the seeds of Vigna's splitmix64.c test output (0 and 1234567)
        var zero = SplitMix64(seed: 0)
        var other = SplitMix64(seed: 1_234_567)

        // Then the first numbers are the published ones
        #expect(
            (0..<3).map { _ in zero.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        #expect(
            (0..<3).map { _ in other.next() } == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            ])
    }

    @Test func derivesItemGeneratorsAsTheBenchmarkAlwaysHas() {
        // Given generators for items of streams (values taken from hotline-bench's own copy
        // before the copies were merged into this one)
        var workload = SplitMix64(seed: 1, stream: 99, item: 0)
        var step = SplitMix64(seed: 7, stream: 2, item: 12_345)

        // Then they draw the same numbers as before
        #expect(
            (0..<3).map { _ in workload.next() } == [
                0xF863_2423_0451_6E5E, 0x9401_88C6_5B4D_0A8A, 0x59BF_22E2_E9DB_734D,
            ])
        #expect(
            (0..<3).map { _ in step.next() } == [0xF32E_2F4C_14BB_BBDD, 0xAEFA_15FF_5B3D_3BC5, 0x4070_AEE0_9E05_73A0])
    }
}
