import Dispatch
import Foundation
import TenetSynth

/// Runs async work from a synchronous command: blocks until it is done, or until Ctrl-C
/// (SIGINT) cancels its task — the work then ends early, keeping what it saved.
enum Interruptible {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> (value: T, interrupted: Bool) {
        let done = DispatchSemaphore(value: 0)
        let box = Box<T>()
        let task = Task.detached(executorPreference: BackgroundExecutor.shared) {
            box.set(await work())
            done.signal()
        }
        signal(SIGINT, SIG_IGN)
        // A parent may have left SIGINT blocked (children inherit the mask): unblock it here,
        // or Ctrl-C would never reach the run.
        var interruptSet = sigset_t()
        sigemptyset(&interruptSet)
        sigaddset(&interruptSet, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interruptSet, nil)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler {
            box.interrupted = true
            task.cancel()
        }
        interrupt.resume()
        done.wait()
        interrupt.cancel()
        signal(SIGINT, SIG_DFL)
        return (box.get(), box.interrupted)
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
