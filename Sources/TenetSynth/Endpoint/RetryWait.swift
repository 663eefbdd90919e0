import Foundation

/// How long to wait before trying a request again: the endpoint's `Retry-After` when it
/// gives a number of seconds, else the doubling backoff — at most a minute either way.
///
/// `Retry-After` is the remote side's text: `-5`, `nan` or `1e300` must not reach
/// `Task.sleep(nanoseconds: UInt64(…))`, which stops the process on a negative, infinite or
/// NaN value (one `HTTP 429` with `Retry-After: -5` did, before).
enum RetryWait {
    /// The longest single wait, in seconds, whatever the endpoint or the backoff asks.
    static let longest: Double = 60

    /// The seconds to wait after the `attempt`th failure (0 first): `retryAfter` read as
    /// seconds when it is a finite number from 0 (an HTTP date, or anything else, is not),
    /// or `backoff` doubled `attempt` times; never more than ``longest``.
    static func seconds(retryAfter: String?, backoff: Double, attempt: Int) -> Double {
        if let text = retryAfter?.trimmingCharacters(in: .whitespaces), let asked = Double(text), asked.isFinite, asked >= 0 {
            return min(asked, longest)
        }
        let doubled = backoff * pow(2, Double(min(max(attempt, 0), 64)))
        guard doubled.isFinite, doubled >= 0 else { return longest }
        return min(doubled, longest)
    }

    /// `seconds` as nanoseconds for `Task.sleep`.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(min(max(seconds, 0), longest) * 1e9)
    }
}
