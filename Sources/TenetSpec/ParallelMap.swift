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
        return items.withUnsafeBufferPointer { input in
            let input = Slots(UnsafeMutablePointer(mutating: input.baseAddress!))
            return filled(count: items.count) { output in
                forEachIndex(bounds: bounds) { i in (output.base + i).initialize(to: transform(input.base[i])) }
            }
        }
    }

    /// `items.map(transform)` as two arrays, one of each half of the pairs `transform`
    /// returns (the halves moved, not copied, into their arrays); slices as in
    /// ``map(_:bounds:_:)``.
    static func map<T: Sendable, R: Sendable, S: Sendable>(_ items: [T], bounds: [Int],
                                                          _ transform: @Sendable (T) -> (R, S)) -> ([R], [S]) {
        guard !items.isEmpty else { return ([], []) }
        return items.withUnsafeBufferPointer { input in
            let input = Slots(UnsafeMutablePointer(mutating: input.baseAddress!))
            var second: [S] = []
            let first: [R] = filled(count: items.count) { firstOutput in
                second = filled(count: items.count) { secondOutput in
                    forEachIndex(bounds: bounds) { i in
                        let (r, s) = transform(input.base[i])
                        (firstOutput.base + i).initialize(to: r)
                        (secondOutput.base + i).initialize(to: s)
                    }
                }
            }
            return (first, second)
        }
    }

    /// Runs `body(i)` for every `i` from `bounds.first` to `bounds.last`, slice `k` being
    /// `bounds[k] ..< bounds[k + 1]`; each slice runs on whichever core is free, and all
    /// have run when this returns.
    private static func forEachIndex(bounds: [Int], _ body: @Sendable (Int) -> Void) {
        forEachSlice(bounds: bounds) { slice in for i in slice { body(i) } }
    }

    /// Runs `body` on every slice `bounds[k] ..< bounds[k + 1]`, each on whichever core is
    /// free; all have run when this returns.
    private static func forEachSlice(bounds: [Int], _ body: @Sendable (Range<Int>) -> Void) {
        DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { k in body(bounds[k]..<bounds[k + 1]) }
    }

    /// An array of `count` elements, which `fill` initializes, each exactly once (from any
    /// thread), before it returns; they are then moved into the array, not copied.
    private static func filled<R>(count: Int, _ fill: (Slots<R>) -> Void) -> [R] {
        let output = UnsafeMutablePointer<R>.allocate(capacity: count)
        defer { output.deallocate() }
        fill(Slots(output))
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: output, count: count)
            initialized = count
        }
    }

    /// A pointer handed to the tasks; each task touches only its own slots.
    private struct Slots<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
        init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    }
}
