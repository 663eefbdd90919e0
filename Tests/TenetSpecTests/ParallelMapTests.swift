import Foundation
import Synchronization
import Testing
@testable import TenetSpec

/// ``ParallelMap`` writes each result into its place from several threads and moves the
/// results into the array it returns: every result must arrive once, in order, and be freed once.
@Suite struct ParallelMapTests {
    /// Counts the results alive, to see that none is copied without its release or freed twice.
    final class Tracked: Sendable {
        static let alive = Atomic<Int>(0)
        let value: String
        init(_ value: String) {
            self.value = value
            Self.alive.add(1, ordering: .relaxed)
        }
        deinit { Self.alive.subtract(1, ordering: .relaxed) }
    }

    @Test func resultsArriveInOrderOnceEach() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let count = Int.random(in: 0...3_000, using: &generator)
            // Strings long enough to live on the heap, so a lost release or a double free shows.
            let items = (0..<count).map { "item number \($0) of a list long enough to be on the heap" }
            let minimum = Int.random(in: 1...400, using: &generator)
            #expect(ParallelMap.map(items, minimumPerSlice: minimum) { $0.uppercased() } == items.map { $0.uppercased() })
            #expect(ParallelMap.map(items, weight: { $0.utf8.count % 7 + 1 }, minimumWeightPerSlice: minimum) { $0.count } == items.map(\.count))
            do {
                let tracked = ParallelMap.map(items, minimumPerSlice: minimum) { Tracked($0) }
                #expect(tracked.map(\.value) == items)
                #expect(Tracked.alive.load(ordering: .relaxed) == count)
            }
            #expect(Tracked.alive.load(ordering: .relaxed) == 0)
            do {
                let (first, second) = ParallelMap.map(items, weight: { $0.utf8.count % 5 + 1 }, minimumWeightPerSlice: minimum) {
                    (Tracked($0), $0.count)
                }
                #expect(first.map(\.value) == items)
                #expect(second == items.map(\.count))
                #expect(Tracked.alive.load(ordering: .relaxed) == count)
            }
            #expect(Tracked.alive.load(ordering: .relaxed) == 0)
        }
    }

    /// Slices of very different cost still finish with every result in place.
    @Test func unevenSlicesAllFinish() {
        let items = Array(0..<200)
        let results = ParallelMap.map(items, bounds: [0, 1, 2, 150, 199, 200]) { item -> [Int] in
            Array(repeating: item, count: item % 3 == 0 ? 5_000 : 1)
        }
        #expect(results.count == 200)
        #expect(results.enumerated().allSatisfy { index, values in values.allSatisfy { $0 == index } })
    }
}
