import TenetSpec

/// The seed of one pair of a run, from the run's seed and the pair's number.
///
/// `pairSeed = splitmix64(runSeed + (index + 1) × 0x9E3779B97F4A7C15)`: the first output
/// of Tenet's ``SeededRandom`` started at `runSeed + index × 0x9E3779B97F4A7C15`. Every
/// draw a pair makes offline (rule, strategy, example) comes from a generator started at
/// this seed, and every request a model provider sends for the pair carries
/// ``PairSeed/request(_:)`` of it as `seed`, so pairs of one run differ from each other
/// and the same run seed gives the same pairs again.
public enum PairSeed {
    /// The seed of pair `index` (0-based) of a run seeded `run`.
    public static func of(run: UInt64, index: Int) -> UInt64 {
        var random = SeededRandom(seed: run &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        return random.next()
    }

    /// The value sent as a request's `seed`: the low 31 bits, since some servers read
    /// `seed` as a signed 32-bit integer.
    public static func request(_ seed: UInt64) -> UInt64 { seed & 0x7FFF_FFFF }
}
