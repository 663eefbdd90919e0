import Dispatch

/// Runs background jobs (generation, suggestion runs) on threads of their own instead of
/// Swift's cooperative pool, which has one thread per core. A caller that blocks a pool
/// thread while it waits — a synchronous shell, a test polling for a final state — can
/// then never starve the very work it waits for, and a cancellation is acted on at once
/// however busy the pool is. Child tasks (a task group's) prefer it too.
public final class BackgroundExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = BackgroundExecutor()

    private let queue = DispatchQueue(label: "tenet.background", qos: .userInitiated, attributes: .concurrent)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
