import ArgumentParser

/// The allowed range of every numeric option and argument, checked before a command runs:
/// a value outside it is refused with exit 64 and a message naming the option and the
/// range (`--concurrency is 0: give a whole number from 1 to 64`), instead of being
/// taken (a negative limit, a zero concurrency that waits forever, `nan` seconds).
///
/// Every numeric option is declared `parsing: .unconditional`, so that `--limit -1` reaches
/// these checks: otherwise ArgumentParser reads `-1` as an option and answers "Missing
/// value for '--limit'".
enum OptionRange {
    /// At most this many requests in flight at once.
    static let concurrency = 1...64
    /// Counts of things to make, list or send.
    static let count = 1...1_000_000
    /// A revision or changeset number: 1 and up.
    static let revision = 1...

    /// Refuses `value` (when given) outside `range`, naming `name`.
    static func check<T: Comparable & Numeric>(_ value: T?, _ name: String, _ range: ClosedRange<T>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(name) is \(value): give \(kind(T.self)) from \(range.lowerBound) to \(range.upperBound)")
    }

    /// Refuses `value` (when given) below the range's start, naming `name`.
    static func check<T: Comparable & Numeric>(_ value: T?, _ name: String, _ range: PartialRangeFrom<T>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(name) is \(value): give \(kind(T.self)) \(range.lowerBound) or more")
    }

    /// `a whole number` or `a number`.
    private static func kind<T>(_ type: T.Type) -> String { type is any BinaryInteger.Type ? "a whole number" : "a number" }
}
