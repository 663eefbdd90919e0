import Foundation
import TenetSpec
import TenetStore
import TenetSynth
import TenetUI

/// The evaluation screen's effects. Loading runs and results reads every result of a run
/// (a summary needs them all), so it runs off the event loop; a rule's failing responses
/// are streamed and only the first few hundred kept. Turning a failure into data goes
/// through ``EvalFailureData``, as `tenet eval example` and `tenet eval pair` do.
extension EffectRunner {
    func performEvaluation(_ effect: Effect) -> [Action] {
        let store = self.store
        switch effect {
        case .loadEvalRuns:
            let mailbox = self.mailbox
            background { try Self.runListing(store, first: { mailbox.post($0) }) }
        case .loadEvalRun(let name):
            background {
                let stored = try store.evalRun(name)
                return .evalRunLoaded(EvalRunSummary(stored: stored, summary: EvalSummary(run: stored.run, results: try store.evalResults(run: name))))
            }
        case .loadEvalFailures(let run, let rule, let limit):
            background {
                var items: [EvalFailureRow] = []
                var total = 0
                try store.forEachEvalResult(run: run) { result in
                    guard let row = EvalFailureRow(result, rule: rule) else { return }
                    total += 1
                    if items.count < limit { items.append(row) }
                }
                return .evalFailuresLoaded(EvalFailureList(run: run, rule: rule, items: items, total: total))
            }
        case .completeEvalRun(let typed):
            let names = ((try? store.evalRuns()) ?? []).map(\.name).filter { $0.hasPrefix(typed) }
            return [.evalRunsCompleted(typed: typed, candidates: names)]
        case .evalExample(let conversion):
            return [convert(conversion) {
                let result = try EvalFailureData.example(run: conversion.run, prompt: conversion.prompt, rule: conversion.rule, store: store)
                let rule = try store.rule(result.key)
                return .evalExampleAdded(conversion, rule: rule, number: rule.record.effective.examples.count)
            }]
        case .evalPair(let conversion, let chosen):
            return startPair(conversion, chosen: chosen)
        default:
            break
        }
        return []
    }

    /// Stores a pair in the background: the configured provider (as generation uses it)
    /// writes the chosen answer when none was written.
    private func startPair(_ conversion: EvalConversion, chosen: String?) -> [Action] {
        let store = self.store
        let mailbox = self.mailbox
        let settings = generation
        let source = generationSource
        mailbox.begin()
        _ = Task.detached(executorPreference: BackgroundExecutor.shared) {
            let action = await EffectRunner.storePair(conversion, chosen: chosen, settings: settings, source: source, store: store)
            mailbox.finish(action)
        }
        return []
    }

    /// Stores the pair through ``EvalFailureData``; its result as an action.
    private static func storePair(_ conversion: EvalConversion, chosen: String?, settings: ProviderSettings, source: String,
                                  store: ProjectStore) async -> Action {
        do {
            var writer: OpenAIProvider?
            if chosen == nil {
                guard settings.kind == .openai else {
                    throw WorkbenchError(message: "no model provider is configured to write the chosen answer (provider = openai, model and base-url in \(source))")
                }
                if let problem = settings.problem(baseURLName: "base-url", modelName: "model") {
                    throw WorkbenchError(message: problem + " in \(source)")
                }
                writer = try settings.endpoint()
            }
            let outcome = try await EvalFailureData.pair(run: conversion.run, prompt: conversion.prompt, rule: conversion.rule, chosen: chosen,
                                                         defender: writer, store: store)
            return .evalPairStored(conversion, pair: outcome.stored.id, generated: chosen == nil,
                                   existing: outcome.added ? nil : outcome.stored.status)
        } catch {
            return conversionFailure(conversion, error)
        }
    }

    /// Runs a load off the event loop; its failure comes back worded as a load failure.
    private func background(_ load: @escaping @Sendable () throws -> Action) {
        let mailbox = self.mailbox
        mailbox.begin()
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                mailbox.finish(try load())
            } catch {
                mailbox.finish(.evalLoadFailed(Self.oneLine(Self.describe(error))))
            }
        }
    }

    /// The runs newest first, each with its SAR (which needs its results): the list first
    /// (to `first`), without the SARs, so that a project of large runs shows at once.
    private static func runListing(_ store: ProjectStore, first: (Action) -> Void) throws -> Action {
        let runs = try store.evalRuns().reversed().map { stored in
            let time = (try? store.show(stored.changeset).0.time) ?? ""
            return EvalRunListing(stored: stored, sar: nil, scored: 0, counted: false,
                                  changed: String(time.prefix(16)).replacingOccurrences(of: "T", with: " "))
        }
        first(.evalRunsLoaded(runs))
        return .evalRunsLoaded(try runs.map { listing in
            var listing = listing
            let summary = EvalSummary(run: listing.stored.run, results: try store.evalResults(run: listing.stored.name))
            listing.sar = summary.scored > 0 ? summary.all.sar : nil
            listing.scored = summary.scored
            listing.counted = true
            return listing
        })
    }

    /// A conversion's write, with a refusal or a failure as its own result.
    private func convert(_ conversion: EvalConversion, _ write: () throws -> Action) -> Action {
        do {
            return try write()
        } catch {
            return Self.conversionFailure(conversion, error)
        }
    }

    static func conversionFailure(_ conversion: EvalConversion, _ error: any Error) -> Action {
        if let error = error as? StoreError, case .forbidden = error {
            return .evalConversionFailed(conversion, reason: oneLine(error.description), refused: true)
        }
        return .evalConversionFailed(conversion, reason: oneLine(describe(error)), refused: false)
    }

    /// An error as its message (a store error's description, a synthesis error's message).
    static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        if let error = error as? SynthError { return error.message }
        if let error = error as? WorkbenchError { return error.message }
        return "\(error)"
    }
}
