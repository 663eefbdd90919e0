/// SplitMix64: a small random number generator that gives the same sequence for the same
/// seed on every machine and every Swift version — what reproducible instantiation and
/// generation need (the standard library's shuffles may change their algorithm).
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, by rejection sampling (no modulo bias), same on every platform.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        guard span > 1 else { return range.lowerBound }
        let limit = UInt64.max - UInt64.max % span
        var value = next()
        while value >= limit { value = next() }
        return range.lowerBound + Int(value % span)
    }

    /// One element, or `nil` for an empty collection.
    public mutating func element<C: Collection>(of items: C) -> C.Element? where C.Index == Int {
        items.isEmpty ? nil : items[items.startIndex + int(in: 0...(items.count - 1))]
    }

    /// The items in a random order (Fisher–Yates, written out so that it never changes).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(in: 0...i))
        }
        return items
    }
}
