import Foundation
import GRDB

/// How a connection waits for another one's write lock: it tries again every millisecond
/// until the busy timeout has passed. SQLite's own handler (`sqlite3_busy_timeout`) tries
/// after 1, 2, 5, 10 … ms and then only every 100 ms, so a save waiting behind an import
/// that holds the lock in short batches missed most of the gaps between them; polling every
/// millisecond, it gets in at the first gap, and the import's gaps can be short
/// (``ImportBatch/yieldLock(held:)``).
enum BusyPolling {
    /// How long a waiting connection sleeps between two tries.
    static let interval: useconds_t = 1_000

    /// The busy mode for a connection that waits at most `timeout` seconds (0: not at all).
    static func mode(timeout: TimeInterval) -> Database.BusyMode {
        guard timeout > 0 else { return .immediateError }
        let limit = UInt64(timeout * 1e9)
        return .callback { tries in
            // SQLite calls the handler again and again on the waiting thread, `tries` from 0:
            // the wait's start is kept per thread.
            let now = DispatchTime.now().uptimeNanoseconds
            let started: UInt64
            if tries == 0 {
                started = now
                Thread.current.threadDictionary[startKey] = NSNumber(value: now)
            } else {
                started = (Thread.current.threadDictionary[startKey] as? NSNumber)?.uint64Value ?? now
            }
            guard now - started < limit else { return false }
            usleep(interval)
            return true
        }
    }

    private static let startKey = "tenet.busy-wait-started"
}
