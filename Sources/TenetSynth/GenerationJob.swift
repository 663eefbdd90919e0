import Foundation
import TenetSpec

/// One generation run, the one service both `tenet generate` and the workbench's
/// instantiation screen start: the provider and role templates are set up, pairs are
/// drawn until `count` distinct ones are kept (up to four times as many attempts, since a
/// pair identical to one already made adds nothing and one that fails a quality gate is
/// dropped), saved in batches through a
/// ``PairCollector``, and the run ends finished, stopped (the task was cancelled: what was
/// made stands) or failed.
public struct GenerationJob: Sendable {
    /// How a run ended.
    public struct Result: Sendable, Equatable {
        public var tally: PairCollector.Tally
        /// The provider, as named in messages (`offline`, `openai`).
        public var provider: String
        /// The task was cancelled before the end (the pairs made so far are saved).
        public var stopped: Bool
        /// Why the provider stopped the run, if it did.
        public var failure: String?
        /// Why saving failed, if it did.
        public var saveProblem: String?
        /// The instance's rules the run could not probe, and why.
        public var skippedRules: [SkippedRule]

        /// How it went, in one line: made, kept (flagged), dropped by gate, duplicates.
        public var summary: String {
            var line = "made \(tally.made) pair\(tally.made == 1 ? "" : "s") (\(provider)): \(tally.kept) kept"
            if tally.flagged > 0 { line += " (\(tally.flagged) flagged)" }
            let failures = QualityCheck.summary(failedBy: tally.failedBy)
            if tally.dropped > 0 { line += ", \(tally.dropped) dropped" }
            if let failures { line += " — " + failures }
            if tally.duplicates > 0 { line += "; \(tally.duplicates) duplicate\(tally.duplicates == 1 ? "" : "s") not kept" }
            return line
        }
    }

    public let generator: Generator
    public let count: Int
    public let concurrency: Int
    public let keepFailed: Bool
    /// The changeset message the pairs are saved under.
    public let message: String

    /// Sets a run up: the role templates (built in, or `templates` over them) and the
    /// provider the settings describe, seeded. Fails with what to fix.
    public init(spec: Spec, instantiation: Instantiation, name: String, count: Int, seed: UInt64, settings: ProviderSettings,
                templates: String? = nil, concurrency: Int = 4, keepFailed: Bool = false) throws(SynthError) {
        let roles = try RoleTemplates.load(overrides: templates)
        let provider = try settings.make(seed: seed)
        generator = Generator(provider: provider, templates: roles, spec: spec, instantiation: instantiation,
                              instantiationName: name, seed: seed)
        self.count = count
        self.concurrency = concurrency
        self.keepFailed = keepFailed
        message = "generate \(count) pair\(count == 1 ? "" : "s") from \(name) (\(provider.name), seed \(seed))"
    }

    /// The changeset message for a batch (pairs that failed a gate say so).
    public func saveMessage(flagged: Bool) -> String { flagged ? message + " (failed a quality gate)" : message }

    /// The provider's name.
    public var provider: String { generator.provider.name }

    /// Runs to the end (or until the task is cancelled): `save` stores a batch, `progress`
    /// hears the tally after every pair.
    public func run(save: @escaping PairCollector.Save, progress: @escaping @Sendable (PairCollector.Tally) -> Void) async -> Result {
        let collector = PairCollector(total: count, keepFailed: keepFailed, save: save)
        let ending = await RunEnding.of {
            try await generator.run(0..<(count * 4), concurrency: concurrency,
                                    enough: { collector.taken >= count || collector.saveProblem != nil }) { generated in
                progress(collector.deliver(generated))
            }
        }
        let tally = collector.finish()
        return Result(tally: tally, provider: provider, stopped: ending.stopped, failure: ending.failure, saveProblem: collector.saveProblem,
                      skippedRules: generator.skippedRules)
    }
}
