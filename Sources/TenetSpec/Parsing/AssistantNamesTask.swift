import Foundation

/// ``AssistantNames/detect(in:declared:skipping:)`` run on a thread of its own, started
/// before a large spec's rule bodies are read: its pass over the whole file then shares
/// the cores with that reading, instead of running later on the calling thread alone
/// while the other cores wait.
///
/// Its own thread, not a Dispatch queue's: ``ParallelMap`` fills the Dispatch pool, and a
/// queue's worker taken by this would leave the reading one thread short.
final class AssistantNamesTask: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the task's thread, before `done` is signalled.
    private var found: AssistantNames?
    /// Read on the calling thread only, after `done`.
    private var taken: AssistantNames?

    init(bytes: [UInt8], declared: String?) {
        let thread = Thread { [self] in
            found = AssistantNames.detect(in: bytes, declared: declared)
            done.signal()
        }
        thread.start()
    }

    /// The names found, waiting for the thread if it has not finished. Call it from one
    /// thread only (the one that made the task).
    func value() -> AssistantNames {
        if let taken { return taken }
        done.wait()
        let names = found!
        taken = names
        return names
    }
}
