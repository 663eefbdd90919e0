import Foundation
import TenetSpec

/// Collects a generation run's pairs for saving: takes them in number order (so the same
/// seed keeps the same pairs whatever order they finish in), keeps each distinct pair
/// once, drops the ones that failed a quality gate (or keeps them as flagged), stops at the count
/// asked for, and hands them to `save` in batches. The command line and the workbench
/// both save through it. Thread-safe: pairs may arrive from any task.
public final class PairCollector: @unchecked Sendable {
    /// What happened to the pairs so far.
    public struct Tally: Sendable, Equatable {
        /// Pairs saved (passed, or flagged with `keepFailed`).
        public var kept = 0
        /// Pairs that failed a quality gate and were not kept.
        public var dropped = 0
        /// Kept pairs that failed a gate, saved as flagged.
        public var flagged = 0
        /// Failed pairs (dropped or flagged) by the gate they failed first.
        public var failedBy: [QualityCheck.Gate: Int] = [:]
        /// Pairs identical to one made earlier in the run or already in the project.
        public var duplicates = 0
        /// Distinct pairs taken so far (saved or waiting to be).
        public var taken = 0
        /// Pairs made and looked at (kept, dropped or duplicates).
        public var made = 0
        public init() {}
    }

    /// Saves a batch; `flagged` marks pairs that failed a gate. Returns how many were new
    /// and how many were already stored.
    public typealias Save = @Sendable (_ pairs: [PreferencePair], _ flagged: Bool) throws -> (added: Int, unchanged: Int)

    private let total: Int
    private let keepFailed: Bool
    private let batchSize: Int
    private let save: Save
    private let lock = NSLock()
    private var tally = Tally()
    private var seen = Set<String>()
    private var passed: [PreferencePair] = []
    private var failed: [PreferencePair] = []
    private var queue = InOrderQueue<GeneratedPair>()
    private var problem: String?

    public init(total: Int, keepFailed: Bool = false, batchSize: Int = 25, save: @escaping Save) {
        self.total = total
        self.keepFailed = keepFailed
        self.batchSize = max(1, batchSize)
        self.save = save
    }

    /// Distinct pairs taken so far: the run has enough when this reaches the count.
    public var taken: Int { lock.withLock { tally.taken } }

    /// Why saving failed, if it did (the run should stop).
    public var saveProblem: String? { lock.withLock { problem } }

    /// Takes a finished pair (in any order); returns the tally after it.
    @discardableResult
    public func deliver(_ generated: GeneratedPair) -> Tally {
        lock.withLock {
            for next in queue.add(generated, at: generated.index) { take(next) }
            return tally
        }
    }

    /// Takes the pairs still waiting for an earlier one that never came (a cancelled or
    /// failed run), in number order, and saves everything left. The final tally.
    public func finish() -> Tally {
        lock.withLock {
            for waiting in queue.drain() { take(waiting) }
            flush()
            return tally
        }
    }

    private func take(_ generated: GeneratedPair) {
        guard tally.taken < total else { return }
        tally.made += 1
        guard seen.insert(generated.pair.id).inserted else {
            tally.duplicates += 1
            return
        }
        if let gate = generated.failure { tally.failedBy[gate, default: 0] += 1 }
        if generated.passed {
            passed.append(generated.pair)
        } else if keepFailed {
            failed.append(generated.pair)
        } else {
            tally.dropped += 1
            return
        }
        tally.taken += 1
        if passed.count + failed.count >= batchSize { flush() }
    }

    private func flush() {
        guard problem == nil else { return }
        do {
            if !passed.isEmpty {
                let saved = try save(passed, false)
                tally.kept += saved.added
                tally.duplicates += saved.unchanged
            }
            if !failed.isEmpty {
                let saved = try save(failed, true)
                tally.kept += saved.added
                tally.flagged += saved.added
                tally.duplicates += saved.unchanged
            }
        } catch {
            problem = "\(error)"
        }
        passed = []
        failed = []
    }
}
