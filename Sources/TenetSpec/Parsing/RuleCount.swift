import Foundation

/// The rules read from one spec's prose so far, by every core, against a limit: past it the
/// reading stops, so that a spec of millions of one-line rules is refused before it takes
/// gigabytes (each rule is several strings and arrays), not after.
final class RuleCount: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var count = 0
    private var firstUnread: Int?

    init(limit: Int) { self.limit = limit }

    /// Adds `n` rules read; `false` once the count is past the limit.
    func add(_ n: Int) -> Bool {
        lock.withLock {
            count += n
            return count <= limit
        }
    }

    /// Whether the count went past the limit.
    var exceeded: Bool { lock.withLock { count > limit } }

    /// Notes that reading stopped before `line` (the earliest such line is kept).
    func stopped(before line: Int) {
        lock.withLock { firstUnread = min(firstUnread ?? line, line) }
    }

    /// The earliest line reading stopped before, once the limit was passed.
    var stoppedBefore: Int? { lock.withLock { firstUnread } }
}
