import Foundation
import TenetSpec

/// One run of midtraining documents, the one service `tenet midtrain generate` (and any
/// other caller) starts: the provider, templates and types are set up, the plan is made,
/// documents are written until `count` distinct ones are kept — a document that is not
/// kept (dropped by a gate, a near-duplicate) is written again for the same plan item, up
/// to four times, so every planned rule stays covered —, saved in batches
/// through a ``DocumentCollector``; the run ends finished, stopped (the task was
/// cancelled: what was saved stands) or failed.
public struct DocumentJob: Sendable {
    public struct Result: Sendable, Equatable {
        public var tally: DocumentCollector.Tally
        public var provider: String
        public var stopped: Bool
        public var failure: String?
        public var saveProblem: String?
        public var skipped: [SkippedDocumentRule]

        /// `made 40 documents (offline-template): 30 kept, 4 dropped — off-rule 3, …; 6 near-duplicates not kept`;
        /// with `--keep-failed`, `20 kept (13 flagged), 4 dropped; flagged and dropped for: off-rule 9, …`.
        public var summary: String {
            var line = "made \(tally.made) document\(tally.made == 1 ? "" : "s") (\(provider)): \(tally.kept) kept"
            if tally.flagged > 0 { line += " (\(tally.flagged) flagged)" }
            if tally.dropped > 0 { line += ", \(tally.dropped) dropped" }
            // The failures count the flagged documents too: said so, they add up.
            if let failures = DocumentCheck.summary(failedBy: tally.failedBy) {
                line += tally.flagged == 0 ? " — " + failures : tally.dropped == 0 ? "; flagged for: " + failures : "; flagged and dropped for: " + failures
            }
            if tally.nearDuplicates > 0 { line += "; \(tally.nearDuplicates) near-duplicate\(tally.nearDuplicates == 1 ? "" : "s") not kept" }
            if tally.duplicates > 0 { line += "; \(tally.duplicates) duplicate\(tally.duplicates == 1 ? "" : "s") not kept" }
            return line
        }
    }

    public let generator: DocumentGenerator
    public let count: Int
    public let concurrency: Int
    public let keepFailed: Bool
    public let message: String
    let index: NearDuplicateIndex

    /// Sets a run up. `existing`: the texts of the documents already stored (a new one
    /// too close to one of them is not kept). Fails with what to fix.
    public init(spec: Spec, specRevision: Int, ruleIDs: [String]? = nil, instantiation: String? = nil, count: Int, types: [String] = [],
                seed: UInt64, settings: ProviderSettings, templates: String? = nil, concurrency: Int = 4, keepFailed: Bool = false,
                existing: [(id: String, text: String)] = []) throws(SynthError) {
        let catalogue = try DocumentTypes.load(overrides: templates)
        let chosen = try catalogue.select(types)
        let provider = try settings.documentProvider(seed: seed)
        generator = try DocumentGenerator(provider: provider, spec: spec, specRevision: specRevision, ruleIDs: ruleIDs,
                                          instantiation: instantiation, types: chosen, typesFingerprint: catalogue.fingerprint,
                                          templates: templates, count: count, seed: seed)
        self.count = count
        self.concurrency = max(1, concurrency)
        self.keepFailed = keepFailed
        let index = NearDuplicateIndex()
        for document in existing { index.add(document.id, MinHash.signature(document.text)) }
        self.index = index
        message = "midtrain: generate \(count) document\(count == 1 ? "" : "s") from \(instantiation ?? spec.id) (\(provider.name), seed \(seed))"
    }

    public var provider: String { generator.provider.name }

    public func saveMessage(flagged: Bool) -> String { flagged ? message + " (failed a gate)" : message }

    /// Runs to the end or until the task is cancelled.
    public func run(save: @escaping DocumentCollector.Save, progress: @escaping @Sendable (DocumentCollector.Tally) -> Void) async -> Result {
        let queue = PlanQueue(items: generator.plan.count, triesPerItem: 4)
        let collector = DocumentCollector(total: count, keepFailed: keepFailed, index: index, notTaken: { queue.again($0.item) }, save: save)
        let ending = await RunEnding.of {
            try await generator.run(attempts: count * 4, concurrency: concurrency, next: {
                collector.taken >= count || collector.saveProblem != nil ? nil : queue.next()
            }) { made in
                progress(collector.deliver(made))
            }
        }
        let tally = collector.finish()
        return Result(tally: tally, provider: provider, stopped: ending.stopped, failure: ending.failure, saveProblem: collector.saveProblem,
                      skipped: generator.skipped)
    }
}

/// The plan items still to write: each once, then again when its document was not kept (up
/// to `triesPerItem` times), so a dropped document's rule keeps its place in the plan and
/// every rule stays covered. Thread-safe.
final class PlanQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int]
    private var head = 0
    private var tries: [Int]
    private let limit: Int

    init(items: Int, triesPerItem: Int) {
        waiting = Array(0..<items)
        tries = [Int](repeating: 1, count: items)
        limit = triesPerItem
    }

    /// The next item to write, or `nil` when none is waiting now.
    func next() -> Int? {
        lock.withLock {
            guard head < waiting.count else { return nil }
            defer { head += 1 }
            return waiting[head]
        }
    }

    /// An item whose document was not kept: written again, unless it was tried enough.
    func again(_ item: Int) {
        lock.withLock {
            guard tries.indices.contains(item), tries[item] < limit else { return }
            tries[item] += 1
            waiting.append(item)
        }
    }
}
