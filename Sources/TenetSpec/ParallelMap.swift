import Dispatch
import Foundation

/// Runs a function over a few large pieces of work on all cores, keeping their order.
///
/// The work is cut into more slices than there are cores (``slicesPerCore``) and each core
/// takes the next slice when it is free, so a slice that turns out slower than its share
/// does not leave the other cores waiting. Each result is written straight into its place
/// in the returned array: nothing is gathered per slice and copied again.
public enum ParallelMap {
    /// The cores this process may use, asked once (Foundation reads the cgroup's limits
    /// on each call).
    public static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Slices per core when the work is large enough (see the type's documentation).
    static let slicesPerCore = 8

    /// `items.map(transform)`, spread over the cores in contiguous slices of at least
    /// `minimumPerSlice` items; small inputs run on the calling thread.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], minimumPerSlice: Int,
                                                     _ transform: @Sendable (T) -> R) -> [R] {
        let sliceCount = min(cores * slicesPerCore, items.count / max(1, minimumPerSlice))
        guard sliceCount > 1, cores > 1 else { return items.map(transform) }
        return map(items, bounds: (0...sliceCount).map { items.count * $0 / sliceCount }, transform)
    }

    /// `items.map(transform)` with one task per item, for a few large items.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        return map(items, bounds: Array(0...items.count), transform)
    }

    /// `items.map(transform)`, where slice `k` is `bounds[k] ..< bounds[k + 1]` and the
    /// slices run on whichever core is free. `bounds` runs from 0 to `items.count`, rising.
    static func map<T: Sendable, R: Sendable>(_ items: [T], bounds: [Int], _ transform: @Sendable (T) -> R) -> [R] {
        guard !items.isEmpty else { return [] }
        let output = UnsafeMutablePointer<R>.allocate(capacity: items.count)
        defer { output.deallocate() }
        let slots = Slots(output)
        items.withUnsafeBufferPointer { input in
            let input = Slots(UnsafeMutablePointer(mutating: input.baseAddress!))
            // Every slot is written exactly once, by the slice that holds it, before
            // `concurrentPerform` returns.
            DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { k in
                for i in bounds[k]..<bounds[k + 1] {
                    (slots.base + i).initialize(to: transform(input.base[i]))
                }
            }
        }
        // Moved, not copied, into the array: no retain or release of a result.
        return [R](unsafeUninitializedCapacity: items.count) { buffer, count in
            buffer.baseAddress!.moveInitialize(from: output, count: items.count)
            count = items.count
        }
    }

    /// A pointer handed to the tasks; each task touches only its own slots.
    private struct Slots<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
        init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    }
}
