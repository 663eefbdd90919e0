import Foundation
import TenetStore
import TenetUI

/// Recounts of a review queue's progress in the background: one count at a time, and
/// only the latest asked for, started after the last request. So the last count to land
/// always saw every change made before it was asked for (an older one never lands after
/// a newer), and a run of decisions costs one count at its end.
final class ReviewRecount: @unchecked Sendable {
    /// How long requests must pause before a count starts.
    static let settle: TimeInterval = 0.25

    private let lock = NSLock()
    private var latest = 0
    private let queue = DispatchQueue(label: "tenet.review-recount", qos: .utility)

    func request(_ filter: QueueFilter, store: ProjectStore, mailbox: Mailbox, after delay: TimeInterval) {
        let ticket = lock.withLock { () -> Int in
            latest += 1
            return latest
        }
        mailbox.begin()
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            guard lock.withLock({ ticket == latest }) else { return mailbox.finish(nil) }
            if let counted = try? store.queueProgress(filter) {
                mailbox.finish(.reviewProgressCounted(counted, filter: filter))
            } else {
                mailbox.finish(.hindered(.uncounted))
            }
        }
    }
}
