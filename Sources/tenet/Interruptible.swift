import Dispatch
import Foundation
import TenetSynth

/// Runs async work from a synchronous command: blocks until it is done, or until Ctrl-C
/// (SIGINT) cancels its task — the work then ends early, keeping what it saved. SIGTERM
/// (`kill`, `timeout`) and SIGHUP (a closed terminal or SSH session) stop it the same way:
/// they had ended the process at once, and left an evaluation run's lock file behind.
enum Interruptible {
    private static let stoppingSignals = [SIGINT, SIGTERM, SIGHUP]

    static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> (value: T, interrupted: Bool) {
        let done = DispatchSemaphore(value: 0)
        let box = Box<T>()
        let task = Task.detached(executorPreference: BackgroundExecutor.shared) {
            box.set(await work())
            done.signal()
        }
        // A parent may have left SIGINT blocked (children inherit the mask): unblock it here,
        // or Ctrl-C would never reach the run.
        var interruptSet = sigset_t()
        sigemptyset(&interruptSet)
        for number in stoppingSignals { sigaddset(&interruptSet, number) }
        pthread_sigmask(SIG_UNBLOCK, &interruptSet, nil)
        let sources = stoppingSignals.map { number in
            // A hang-up ignored when the command started (`nohup`) stays ignored. Ctrl-C is
            // always heard: a parent may have left it ignored (a background job's children
            // inherit that), and the run must still stop on it.
            let ignored = isIgnored(signal(number, SIG_IGN)) && number == SIGHUP
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            if !ignored {
                source.setEventHandler {
                    box.interrupted = true
                    task.cancel()
                }
            }
            source.resume()
            return (number, source, ignored)
        }
        done.wait()
        for (number, source, ignored) in sources {
            source.cancel()
            signal(number, ignored ? SIG_IGN : SIG_DFL)
        }
        return (box.get(), box.interrupted)
    }

    /// Whether a handler `signal(2)` returned is `SIG_IGN` (function pointers do not compare).
    private static func isIgnored(_ handler: __sighandler_t?) -> Bool {
        guard let handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private final class Box<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: T?
        private var _interrupted = false
        var interrupted: Bool {
            get { lock.withLock { _interrupted } }
            set { lock.withLock { _interrupted = newValue } }
        }
        func set(_ value: T) { lock.withLock { self.value = value } }
        func get() -> T { lock.withLock { value! } }
    }
}
