import Foundation
import TenetSpec

/// One thing a generation run made (a pair, a document), as a ``RunCollector`` sees it.
public protocol CollectedItem: Sendable {
    /// What is saved.
    associatedtype Value: Sendable
    /// The quality gates it can fail.
    associatedtype Gate: Hashable & Sendable
    /// Its place in the run, from 0: things are kept in this order whatever order they
    /// finish in, so the same seed keeps the same ones.
    var index: Int { get }
    /// What is saved.
    var value: Value { get }
    /// Whether it passed every quality gate.
    var passed: Bool { get }
    /// The first gate it failed, if any.
    var failure: Gate? { get }
    /// Whether it may be saved at all when it failed a gate (kept as flagged); `false`
    /// for what is no text (a control character in a model's document).
    var storable: Bool { get }
}

extension CollectedItem {
    public var storable: Bool { true }
}

/// What happened to a run's output so far.
public struct CollectorTally<Gate: Hashable & Sendable>: Sendable, Equatable {
    /// Made and looked at (kept, dropped or duplicates).
    public var made = 0
    /// Saved (passed, or flagged with `keepFailed`).
    public var kept = 0
    /// Kept although they failed a gate, saved as flagged.
    public var flagged = 0
    /// Failed a gate and not kept.
    public var dropped = 0
    /// Failed ones (dropped or flagged) by the gate they failed first.
    public var failedBy: [Gate: Int] = [:]
    /// The same as one made earlier in the run or already in the project.
    public var duplicates = 0
    /// Near-duplicates of one made earlier or already stored (documents only).
    public var nearDuplicates = 0
    /// Distinct ones taken so far (saved or waiting to be).
    public var taken = 0
    public init() {}
}

extension CollectorTally {
    /// What a progress line says after its count (`25 duplicates`, `3 dropped`), for the
    /// command line and the workbench alike: what was made and not kept so far. An item the
    /// project already has is known when its batch is saved, so the count can run ahead of
    /// what is new; this says by how much.
    public var progressNote: String {
        var parts: [String] = []
        if dropped > 0 { parts.append("\(dropped) dropped") }
        if duplicates > 0 { parts.append("\(duplicates) duplicate\(duplicates == 1 ? "" : "s")") }
        if nearDuplicates > 0 { parts.append("\(nearDuplicates) near-duplicate\(nearDuplicates == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}

/// Collects a generation run's output for saving: takes it in number order, keeps each
/// distinct item once (what counts as the same is the caller's ``Novelty`` test), drops
/// the ones that failed a quality gate (or keeps them as flagged), stops at the count
/// asked for, and hands them to `save` in batches. The command line and the workbench
/// both save through it, for pairs (``PairCollector``) and documents
/// (``DocumentCollector``). Thread-safe: items may arrive from any task.
public final class RunCollector<Item: CollectedItem>: @unchecked Sendable {
    public typealias Tally = CollectorTally<Item.Gate>

    /// Saves a batch; `flagged` marks items that failed a gate. Returns how many were new
    /// and how many were already stored.
    public typealias Save = @Sendable (_ values: [Item.Value], _ flagged: Bool) throws -> (added: Int, unchanged: Int)

    /// Whether an item is new, made before, or near one made before.
    public enum Novelty: Sendable { case new, duplicate, nearDuplicate }

    private let total: Int
    private let keepFailed: Bool
    private let batchSize: Int
    private let save: Save
    // Called under the lock only, so they may keep state of their own.
    private let novelty: (Item) -> Novelty
    private let took: (Item) -> Void
    private let notTaken: ((Item) -> Void)?
    private let lock = NSLock()
    private var tally = Tally()
    private var passed: [Item.Value] = []
    private var failed: [Item.Value] = []
    private var queue = InOrderQueue<Item>()
    private var problem: String?

    /// `novelty` says whether an item is new; `took` hears each item taken (to remember
    /// it for later novelty tests); `notTaken` each one not kept — dropped or a duplicate.
    /// The three are called one at a time, in number order.
    public init(total: Int, keepFailed: Bool = false, batchSize: Int = 25,
                novelty: @escaping (Item) -> Novelty, took: @escaping (Item) -> Void = { _ in },
                notTaken: ((Item) -> Void)? = nil, save: @escaping Save) {
        self.total = total
        self.keepFailed = keepFailed
        self.batchSize = max(1, batchSize)
        self.novelty = novelty
        self.took = took
        self.notTaken = notTaken
        self.save = save
    }

    /// Distinct items taken so far: the run has enough when this reaches the count.
    public var taken: Int { lock.withLock { tally.taken } }

    /// Why saving failed, if it did (the run should stop).
    public var saveProblem: String? { lock.withLock { problem } }

    /// Takes a finished item (in any order); returns the tally after it.
    @discardableResult
    public func deliver(_ item: Item) -> Tally {
        lock.withLock {
            for next in queue.add(item, at: item.index) { take(next) }
            return tally
        }
    }

    /// Takes the items still waiting for an earlier one that never came (a cancelled or
    /// failed run), in number order, and saves everything left. The final tally.
    public func finish() -> Tally {
        lock.withLock {
            for waiting in queue.drain() { take(waiting) }
            flush()
            return tally
        }
    }

    private func take(_ item: Item) {
        guard tally.taken < total else { return }
        tally.made += 1
        switch novelty(item) {
        case .new: break
        case .duplicate:
            tally.duplicates += 1
            notTaken?(item)
            return
        case .nearDuplicate:
            tally.nearDuplicates += 1
            notTaken?(item)
            return
        }
        if let gate = item.failure { tally.failedBy[gate, default: 0] += 1 }
        if item.passed {
            passed.append(item.value)
        } else if keepFailed && item.storable {
            failed.append(item.value)
        } else {
            tally.dropped += 1
            notTaken?(item)
            return
        }
        took(item)
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
