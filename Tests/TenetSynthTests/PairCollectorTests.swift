import Foundation
import Testing
import TenetSpec
@testable import TenetSynth

/// The collector both the command line and the workbench save generated pairs through.
@Suite struct PairCollectorTests {
    /// Records what was saved, batch by batch.
    final class Saved: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [(ids: [String], flagged: Bool)] = []
        var stored = Set<String>()
        var failAfter = Int.max
        func save(_ pairs: [PreferencePair], _ flagged: Bool) throws -> (added: Int, unchanged: Int) {
            try lock.withLock {
                guard batches.count < failAfter else { throw SynthError(message: "disk full") }
                batches.append((pairs.map(\.id), flagged))
                let new = pairs.filter { stored.insert($0.id).inserted }.count
                return (new, pairs.count - new)
            }
        }
        var ids: [String] { lock.withLock { batches.flatMap(\.ids) } }
        var flaggedIDs: [String] { lock.withLock { batches.filter(\.flagged).flatMap(\.ids) } }
        var batchCount: Int { lock.withLock { batches.count } }
    }

    static func generated(_ index: Int, content: Int? = nil, passed: Bool = true) -> GeneratedPair {
        let n = content ?? index
        return GeneratedPair(index: index, pair: PreferencePair(prompt: [Turn(role: "user", content: "q\(n)")], chosen: "c\(n)", rejected: "r\(n)",
                                                                provenance: Provenance(generator: "offline-template")),
                             passed: passed, verdict: passed ? "PASS: ok" : "FAIL: distinct: the same",
                             checks: [QualityCheck(.distinct, passed: passed, reason: passed ? "ok" : "the same", by: "tenet")])
    }

    @Test func pairsAreTakenInNumberOrderWhateverOrderTheyFinishIn() {
        var orders: [[String]] = []
        for seed in 0..<20 {
            var random = SeededRandom(seed: UInt64(seed))
            let saved = Saved()
            let collector = PairCollector(total: 30, batchSize: 7) { try saved.save($0, $1) }
            for generated in (0..<40).map({ Self.generated($0) }).shuffled(using: &random) { collector.deliver(generated) }
            let tally = collector.finish()
            #expect(tally.kept == 30 && tally.taken == 30)
            orders.append(saved.ids)
        }
        #expect(Set(orders.map { $0.joined(separator: ",") }).count == 1, "the same pairs, in the same order, every time")
        #expect(orders[0] == (0..<30).map { Self.generated($0).pair.id })
    }

    @Test func duplicatesFailuresAndFlaggedAreCounted() {
        let saved = Saved()
        saved.stored = [Self.generated(100).pair.id]
        let collector = PairCollector(total: 10, keepFailed: true) { try saved.save($0, $1) }
        collector.deliver(Self.generated(0))
        collector.deliver(Self.generated(1, content: 0))          // same content as 0
        collector.deliver(Self.generated(2, passed: false))       // flagged
        collector.deliver(Self.generated(3, content: 100))        // already in the project
        let tally = collector.finish()
        #expect(tally == {
            var expected = PairCollector.Tally()
            expected.kept = 2; expected.flagged = 1; expected.duplicates = 2; expected.taken = 3; expected.made = 4
            expected.failedBy = [.distinct: 1]
            return expected
        }())
        #expect(saved.flaggedIDs == [Self.generated(2).pair.id])

        let dropping = Saved()
        let strict = PairCollector(total: 10) { try dropping.save($0, $1) }
        strict.deliver(Self.generated(0, passed: false))
        strict.deliver(Self.generated(1))
        let strictTally = strict.finish()
        #expect(strictTally.dropped == 1 && strictTally.kept == 1 && dropping.flaggedIDs.isEmpty)
        #expect(strictTally.failedBy == [.distinct: 1], "a dropped pair is counted under the gate it failed")
    }

    @Test func aStoppedRunKeepsThePairsThatFinishedAfterAGap() {
        let saved = Saved()
        let collector = PairCollector(total: 10) { try saved.save($0, $1) }
        // Pair 1 never comes (cancelled in flight); 0, 2 and 3 did finish.
        collector.deliver(Self.generated(2))
        collector.deliver(Self.generated(0))
        collector.deliver(Self.generated(3))
        #expect(collector.taken == 1, "2 and 3 wait for 1")
        let tally = collector.finish()
        #expect(tally.kept == 3)
        #expect(saved.ids == [0, 2, 3].map { Self.generated($0).pair.id })
    }

    @Test func batchesAreSavedAsTheyFillAndAFailedSaveStopsSaving() {
        let saved = Saved()
        let collector = PairCollector(total: 100, batchSize: 10) { try saved.save($0, $1) }
        for index in 0..<25 { collector.deliver(Self.generated(index)) }
        #expect(saved.batchCount == 2, "two full batches saved before the end")
        _ = collector.finish()
        #expect(saved.ids.count == 25)

        let failing = Saved()
        failing.failAfter = 1
        let broken = PairCollector(total: 100, batchSize: 5) { try failing.save($0, $1) }
        for index in 0..<20 { broken.deliver(Self.generated(index)) }
        let tally = broken.finish()
        #expect(broken.saveProblem == "disk full")
        #expect(tally.kept == 5 && failing.ids.count == 5)
    }
}
