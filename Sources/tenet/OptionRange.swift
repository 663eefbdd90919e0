import ArgumentParser
import TenetSpec
import TenetSynth

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
    /// A revision number: 1 and up.
    static let revision = 1...
    /// A changeset or an example's number, a length in tokens: 1 and up.
    static let number = 1...
    /// Any seed.
    static let seed = UInt64.min...UInt64.max
    /// A share of an instance's rules.
    static let share = 0.0...1.0
    /// Seconds to wait for one response.
    static let timeout = 0.1...3600.0
    /// Retries of one request.
    static let retries = 0...20

    /// What each numeric option and argument takes, by its name as ArgumentParser's messages
    /// give it: a value that is no number of the option's type (`abc`, or
    /// `99999999999999999999` past a whole number's bounds) is refused by ArgumentParser
    /// before any check runs, as "invalid" alone; ``explained(_:)`` adds what to give.
    /// (One range per name: every command that has an option of the name takes the same.)
    static let allowedByName: [String: String] = [
        "--seed": allowed(seed), "--count": allowed(count), "--limit": allowed(count), "--concurrency": allowed(concurrency),
        "--max-tokens": allowed(count), "--judge-max-tokens": allowed(count), "--expect-rev": allowed(revision),
        "--revision": allowed(revision), "--priority": allowed(Rule.priorities), "--timeout": allowed(timeout),
        "--retries": allowed(retries), "--safety-share": allowed(share), "--require-share": allowed(share),
        "--temperature": allowed(RoleSampling.temperatures), "--max-length": allowed(number), "<changeset>": allowed(number), "<number>": allowed(number),
    ]

    /// ArgumentParser's message for a value it could not read as a number, with what the
    /// option takes: `The value 'abc' is invalid for '--limit <limit>': give a whole number
    /// from 1 to 1000000`. Other messages as they are.
    static func explained(_ message: String) -> String {
        let prefix = "Error: The value '"
        guard message.hasPrefix(prefix), let firstLine = message.split(separator: "\n", maxSplits: 1).first,
              firstLine.hasSuffix(">'"), let quote = firstLine.range(of: "' is invalid for '") else { return message }
        let option = firstLine[quote.upperBound...].dropLast().split(separator: " ").first.map(String.init) ?? ""
        guard let range = allowedByName[option] else { return message }
        return firstLine + ": " + range + message.dropFirst(firstLine.count)
    }

    /// Refuses `value` (when given) outside `range`, naming `name`.
    static func check<T: Comparable & Numeric>(_ value: T?, _ name: String, _ range: ClosedRange<T>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(name) is \(value): \(allowed(range))")
    }

    /// Refuses `value` (when given) below the range's start, naming `name`.
    static func check<T: Comparable & Numeric>(_ value: T?, _ name: String, _ range: PartialRangeFrom<T>) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(name) is \(value): \(allowed(range))")
    }

    /// `give a whole number from 1 to 64`.
    static func allowed<T: Comparable & Numeric>(_ range: ClosedRange<T>) -> String { "give " + described(range) }

    /// `give a whole number 1 or more`.
    static func allowed<T: Comparable & Numeric>(_ range: PartialRangeFrom<T>) -> String { "give " + described(range) }

    /// `a whole number from 1 to 64`.
    static func described<T: Comparable & Numeric>(_ range: ClosedRange<T>) -> String {
        "\(kind(T.self)) from \(range.lowerBound) to \(range.upperBound)"
    }

    /// `a whole number 1 or more`.
    static func described<T: Comparable & Numeric>(_ range: PartialRangeFrom<T>) -> String {
        "\(kind(T.self)) \(range.lowerBound) or more"
    }

    /// `a whole number` or `a number`.
    private static func kind<T>(_ type: T.Type) -> String { type is any BinaryInteger.Type ? "a whole number" : "a number" }
}
