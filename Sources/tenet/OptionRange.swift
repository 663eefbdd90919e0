import ArgumentParser

/// The allowed range of every numeric option and argument, checked before a command runs:
/// a value outside it is refused with exit 64 and a message naming the option and the
/// range (`--concurrency is 0: give a whole number from 1 to 64`), instead of being
/// taken (a negative limit, a zero concurrency that waits forever, `nan` seconds).
enum OptionRange {
    /// At most this many requests in flight at once.
    static let concurrency = 1...64
    /// Counts of things to make, list or send.
    static let count = 1...1_000_000
    /// A revision or changeset number: 1 and up.
    static let revision = 1...Int.max

    /// Refuses `value` (when given) outside `range`, naming `name`.
    static func check<T: Comparable & Numeric>(_ value: T?, _ name: String, _ range: ClosedRange<T>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(name) is \(value): give \(describe(range, integral: T.self is any BinaryInteger.Type))")
    }

    /// `a whole number from 1 to 64`, `a number from 0 to 1`, `a whole number 1 or more`.
    static func describe<T: Comparable & Numeric>(_ range: ClosedRange<T>, integral: Bool) -> String {
        let kind = integral ? "a whole number" : "a number"
        if "\(range.upperBound)" == "\(Int.max)" || "\(range.upperBound)" == "\(Int64.max)" {
            return "\(kind) \(range.lowerBound) or more"
        }
        return "\(kind) from \(range.lowerBound) to \(range.upperBound)"
    }
}
