import Foundation
import TenetSpec

/// Collects a document run's output for saving, as ``PairCollector`` does for pairs: in
/// number order (the same seed keeps the same documents), each distinct one once — an
/// exact copy or a near-duplicate (``MinHash``) of one stored or made earlier is counted
/// and not kept —, failed ones dropped (or kept as flagged), up to the count asked for, saved in
/// batches. Thread-safe.
public final class DocumentCollector: @unchecked Sendable {
    /// What happened to the documents so far.
    public struct Tally: Sendable, Equatable {
        public var made = 0
        /// Saved (passed, or flagged with keep-failed).
        public var kept = 0
        public var flagged = 0
        /// Failed a gate and not kept.
        public var dropped = 0
        public var failedBy: [DocumentCheck.Gate: Int] = [:]
        /// The same text as one already made or stored.
        public var duplicates = 0
        /// Near-duplicates (shingle Jaccard ≥ 0.8) of one already made or stored.
        public var nearDuplicates = 0
        /// Distinct documents taken (saved or waiting to be).
        public var taken = 0
        public init() {}
    }

    public typealias Save = @Sendable (_ documents: [MidtrainDocument], _ flagged: Bool) throws -> (added: Int, unchanged: Int)

    private let total: Int
    private let keepFailed: Bool
    private let batchSize: Int
    private let save: Save
    private let index: NearDuplicateIndex
    private let lock = NSLock()
    private var tally = Tally()
    private var passed: [MidtrainDocument] = []
    private var failed: [MidtrainDocument] = []
    private var queue = InOrderQueue<GeneratedDocument>()
    private var problem: String?
    private let notTaken: (@Sendable (GeneratedDocument) -> Void)?

    /// `index` holds the documents already stored (near-duplicates of them are not kept).
    /// `notTaken` hears each document that was not kept — dropped, a duplicate or a
    /// near-duplicate — so that its plan item can be written again.
    public init(total: Int, keepFailed: Bool = false, batchSize: Int = 25, index: NearDuplicateIndex = NearDuplicateIndex(),
                notTaken: (@Sendable (GeneratedDocument) -> Void)? = nil, save: @escaping Save) {
        self.notTaken = notTaken
        self.total = total
        self.keepFailed = keepFailed
        self.batchSize = max(1, batchSize)
        self.index = index
        self.save = save
    }

    public var taken: Int { lock.withLock { tally.taken } }
    public var saveProblem: String? { lock.withLock { problem } }

    @discardableResult
    public func deliver(_ generated: GeneratedDocument) -> Tally {
        lock.withLock {
            for next in queue.add(generated, at: generated.index) { take(next) }
            return tally
        }
    }

    public func finish() -> Tally {
        lock.withLock {
            for waiting in queue.drain() { take(waiting) }
            flush()
            return tally
        }
    }

    private func take(_ generated: GeneratedDocument) {
        guard tally.taken < total else { return }
        tally.made += 1
        if let near = index.match(generated.signature) {
            if near.similarity >= 1 && near.id == generated.document.id { tally.duplicates += 1 } else { tally.nearDuplicates += 1 }
            notTaken?(generated)
            return
        }
        if let gate = generated.failure { tally.failedBy[gate, default: 0] += 1 }
        if generated.passed {
            passed.append(generated.document)
        } else if keepFailed {
            failed.append(generated.document)
        } else {
            tally.dropped += 1
            notTaken?(generated)
            return
        }
        index.add(generated.document.id, generated.signature)
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
