import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

extension MidtrainCommand {
    /// `tenet midtrain generate`: documents from a spec's rules (or a saved instantiation's).
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate midtraining documents from a spec or a saved instantiation.",
            discussion: """
            A planner (Tenet itself) spreads the documents over the rules — every rule covered \
            when --count is at least the number of rules, the rest by priority — and over the \
            document types (--types, default all: essay, faq, textbook, case-study, \
            news-feature, forum-thread, interview, policy-memo, dialogue, short-story; add \
            yours in DIR/doc-types.md with --templates DIR). For each document an idea writer \
            proposes an angle, a writer writes it (the behaviour, its boundaries and \
            exceptions, why it matters, grounded in the boundary examples), Tenet's gates and a \
            critic reject it when it is off-rule, inverts the rule's direction, contradicts it \
            or never states its reason (dropped, or kept as flagged with --keep-failed), and a \
            near-duplicate of one already made or stored (5-word shingles, Jaccard ≥ 0.8) is \
            not kept. The offline provider assembles documents from the spec's own words \
            (labelled offline-template) and skips rules without a rationale. Role prompts: \
            doc-idea.md, doc-writer.md, doc-critic.md in Sources/TenetSynth/Templates, or \
            yours with --templates DIR. Saved in batches; Ctrl-C stops and keeps them.
            """
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: "The spec's ID in the project (or give --instantiation).") var spec: String?
        @Option(help: "A saved instantiation: its rules only.") var instantiation: String?
        @Option(parsing: .unconditional, help: "How many documents to keep.") var count: Int
        @Option(help: "Document types, comma-separated (default: all).") var types: String?
        @OptionGroup var endpoint: ProviderOptions
        @Option(parsing: .unconditional, help: "Documents written at once.") var concurrency: Int = 4
        @Option(parsing: .unconditional, help: "The run's seed.") var seed: UInt64 = 0
        @Option(parsing: .unconditional, help: ArgumentHelp("Sampling temperature of the ideator and the writer (openai; default 0.7).", valueName: "T")) var temperature: String?
        @Option(help: "A folder of your own templates (doc-idea.md, doc-writer.md, doc-critic.md, doc-types.md).") var templates: String?
        @Flag(name: .customLong("keep-failed"), help: "Keep documents that fail a gate, as flagged, instead of dropping them.") var keepFailed = false

        func validate() throws {
            try OptionRange.check(count, "--count", OptionRange.count)
            try OptionRange.check(concurrency, "--concurrency", OptionRange.concurrency)
            guard count > 0 else { throw ValidationError("--count must be at least 1") }
            guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
            guard (spec == nil) != (instantiation == nil) else { throw ValidationError("give a spec, or --instantiation NAME (not both)") }
            if let problem = try settings().problem() { throw ValidationError(problem) }
            // An unknown type is bad usage (64), said before the project is opened. Templates
            // that cannot be read are left for the run to report, with their file.
            if !typeNames.isEmpty, let known = try? DocumentTypes.load(overrides: templates) {
                do { _ = try known.select(typeNames) } catch { throw ValidationError(error.message) }
            }
        }

        /// The names `--types` gives.
        var typeNames: [String] {
            types.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        }

        func settings() throws -> ProviderSettings {
            try endpoint.settings(roles: ModelRole.midtrain, temperature: temperature, command: "tenet midtrain generate")
        }

        func run() throws {
            let project = try store.open(connections: .pool)
            var ruleIDs: [String]?
            var specID = spec ?? ""
            var values: [String: String]?
            if let instantiation {
                let saved = try storeCall { () throws(StoreError) in try project.instantiation(instantiation) }
                specID = saved.instantiation.spec
                ruleIDs = saved.instantiation.rules.map(\.id)
                values = saved.instantiation.parameterValues
            }
            let (stored, revision) = try storeCall { () throws(StoreError) in try project.effectiveSpec(specID) }
            // Documents read as a deployment would: the instance's parameter values, or the
            // spec's defaults, in the rules' {{placeholders}}.
            let effective = stored.filled(with: values ?? stored.defaultParameterValues)
            try storeCall { () throws(StoreError) in try project.authorize(.author("generating midtraining documents")) }
            let existing = try storeCall { () throws(StoreError) in try project.documentTexts(spec: specID) }
            let settings = try self.settings()
            let job: DocumentJob
            do {
                job = try DocumentJob(spec: effective, specRevision: revision, ruleIDs: ruleIDs, instantiation: instantiation, count: count,
                                      types: typeNames,
                                      seed: seed, settings: settings, templates: templates, concurrency: concurrency,
                                      keepFailed: keepFailed, existing: existing)
            } catch {
                Output.error("tenet: \(error.message)")
                throw ExitStatus.failure
            }
            let progress = RunProgress(total: count, verb: "wrote", unit: " documents")
            let (result, interrupted) = Interruptible.run {
                await job.run(save: { documents, flagged in
                    let saved = try project.saveDocuments(documents, status: flagged ? .flagged : .pending, message: job.saveMessage(flagged: flagged))
                    return (saved.added, saved.unchanged)
                }, progress: { tally in
                    progress.show(tally.taken, note: tally.progressNote)
                })
            }
            progress.finish()
            let tally = result.tally
            if let problem = result.saveProblem {
                Output.error("tenet: could not save documents: \(problem)")
                throw ExitStatus.failure
            }
            var line = result.summary
            let stopped = interrupted || result.stopped
            // New documents kept, against what was asked (one already stored is a duplicate).
            if tally.kept < count, !stopped, result.failure == nil {
                line += "; \(tally.kept) new of the \(count) asked for"
                if tally.nearDuplicates + tally.duplicates > 0 {
                    line += " — the \(result.provider) provider gives no more distinct documents for these rules and types: add types or examples, "
                        + (result.provider == "openai" ? "or raise --temperature" : "or use a model provider")
                }
            }
            if let skipped = SkippedDocumentRule.summary(result.skipped) { line += "\n" + skipped }
            if stopped {
                Output.error("stopped: " + line)
                throw ExitStatus.interrupted
            }
            if let failure = result.failure {
                Output.error("tenet: generation stopped: \(SafeText.visible(failure))\n" + line)
                throw ExitStatus.failure
            }
            if tally.taken == 0 {
                // Said as it was: every document a duplicate is no gate's doing, and
                // --keep-failed is no advice to a run that was given it.
                let failed = tally.dropped + tally.flagged > 0
                let what = failed ? "no document passed the gates" : "no new document"
                let advice = failed && !keepFailed ? "\nSee why with --keep-failed (tenet midtrain show ID gives each gate's reason)." : ""
                Output.error("tenet: \(what); \(line)\(advice)")
                throw ExitStatus.failure
            }
            Output.error(line)
        }
    }
}
