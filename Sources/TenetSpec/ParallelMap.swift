import Dispatch
import Foundation

/// Runs a function over a few large pieces of work on all cores, keeping their order.
public enum ParallelMap {
    /// `items.map(transform)`, spread over the cores in contiguous slices when there are at
    /// least `minimumPerSlice` items per core; small inputs run on the calling thread.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], minimumPerSlice: Int,
                                              _ transform: @Sendable (T) -> R) -> [R] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let sliceCount = min(cores * 2, items.count / max(1, minimumPerSlice))
        guard sliceCount > 1 else { return items.map(transform) }
        let bounds = (0...sliceCount).map { items.count * $0 / sliceCount }
        let slices = (0..<sliceCount).map { Array(items[bounds[$0]..<bounds[$0 + 1]]) }
        return map(slices) { $0.map(transform) }.flatMap { $0 }
    }

    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { k in
            results.set(k, transform(items[k]))
        }
        return results.values
    }

    /// One slot per task; each task writes only its own slot, and all writes finish
    /// before `concurrentPerform` returns.
    private final class ResultSlots<R>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<R?>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
        func set(_ k: Int, _ value: R) { slots[k] = value }
        var values: [R] { slots.map { $0! } }
    }
}
