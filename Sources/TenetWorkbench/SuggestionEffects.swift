import Foundation
import TenetStore
import TenetSynth
import TenetUI

extension EffectRunner {
    /// Suggested annotations: load a rule's, decide one, run the configured provider over
    /// a spec in the background (the same ``SuggestionJob`` as `tenet annotate --suggest`),
    /// stop it.
    func performSuggestion(_ effect: Effect) throws -> [Action] {
        switch effect {
        case .loadSuggestions(let rule):
            return [.suggestionsLoaded(rule: rule, try store.suggestions(rule: rule))]
        case .decideSuggestion(let rule, let field, let accept, let expected):
            let decided = Result { () throws(StoreError) in
                try store.decideSuggestions(rule, fields: [field], accept: accept, expectedRevisions: [field: expected])
            }
            switch decided {
            case .success(let decision):
                return [.suggestionDecided(decision, rule: try store.rule(decision.rule), suggestions: try store.suggestions(rule: decision.rule))]
            case .failure(.conflict(let conflict)):
                // A new run replaced it since it was shown: shown as it is now.
                return [.suggestionsLoaded(rule: rule, try store.suggestions(rule: rule)),
                        .hindered(.suggestionChanged(author: conflict.changes.first?.author ?? "someone"))]
            case .failure(let error) where error.exitCode == 1:
                // Refused (the rule's text changed since) or gone (its run was undone).
                return [.suggestionsLoaded(rule: rule, try store.suggestions(rule: rule)), .failed(Self.oneLine(error.description))]
            case .failure(let error):
                throw error
            }
        case .suggest(let spec):
            do {
                try startSuggestions(spec)
            } catch let error as StoreError {
                let problem = Self.oneLine(error.description)
                let ended = Action.suggestionRunFinished(SuggestionRunOutcome(spec: spec, source: generation.label, problem: problem))
                // Refused (the person's role): the run that never started is ended — it
                // stayed on the status bar as "suggesting 0/0" — and said as every refusal is.
                if case .forbidden = error { return [ended, .refused(problem)] }
                return [ended]
            } catch {
                return [.suggestionRunFinished(SuggestionRunOutcome(spec: spec, source: generation.label, problem: Self.oneLine("\(error)")))]
            }
            return []
        case .stopSuggesting:
            suggestionTask?.cancel()
            return []
        default:
            return []
        }
    }

    /// A suggestion run in the background with the configured provider: progress and the
    /// end arrive via collect(); suggestions are saved in batches as they come.
    private func startSuggestions(_ spec: String) throws {
        if let problem = generation.problem(baseURLName: "base-url", modelName: "model") {
            throw WorkbenchError(message: problem + " in \(generationSource)")
        }
        let job = try SuggestionJob(store: store, spec: spec, settings: generation)
        let mailbox = self.mailbox
        mailbox.begin()
        mailbox.post(.suggestionProgress(done: 0, total: job.requests.count))
        suggestionTask = Task.detached(executorPreference: BackgroundExecutor.shared) {
            let result = await job.run { tally in mailbox.post(.suggestionProgress(done: tally.asked, total: tally.rules)) }
            let problem = result.saveProblem.map { "could not save suggestions: " + EffectRunner.oneLine($0) } ?? result.failure.map(EffectRunner.oneLine)
            mailbox.finish(.suggestionRunFinished(SuggestionRunOutcome(
                spec: spec, source: result.source, rules: result.tally.rules, asked: result.tally.asked, unreadable: result.tally.unreadable,
                complete: result.tally.complete, saved: result.tally.saved, stopped: result.stopped, problem: problem)))
        }
    }
}
