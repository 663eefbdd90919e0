import TenetStore

/// `S` in the spec view: the selected rule's suggested annotations, over the rule pane,
/// on the first one waiting.
func openSuggestions(_ state: inout WorkbenchState) -> [Effect] {
    guard let rule = state.selectedRule else { return needRule(&state) }
    guard let items = state.selectedSuggestions, !items.isEmpty else {
        state.message = StatusMessage("No suggestions for \(rule.id) yet · :suggest asks \(providerName(state)) for the open spec's", isError: true)
        return []
    }
    let first = items.firstIndex { $0.isWaiting } ?? 0
    state.push(.suggestions(SuggestionsView(rule: rule.key, ruleID: rule.id, selected: first)))
    return []
}

/// Keys in the suggestions overlay: move, accept, reject (each moves on to the next one
/// waiting), undo, close.
func suggestionsKey(_ state: inout WorkbenchState, _ view: inout SuggestionsView, _ key: Key) -> [Effect] {
    guard state.selectedRule?.key == view.rule else {
        state.pop()
        state.message = StatusMessage("The selection moved (someone's change came in); the suggestions were closed", isError: true)
        return []
    }
    let items = state.selectedSuggestions ?? []
    let command = state.keymap.command(for: key, in: .suggestions)
    switch command {
    case .moveDown?: view.selected = min(max(0, items.count - 1), view.selected + 1)
    case .moveUp?: view.selected = max(0, view.selected - 1)
    case .acceptSuggestion?, .rejectSuggestion?:
        guard items.indices.contains(view.selected) else { break }
        let item = items[view.selected]
        let accept = command == .acceptSuggestion
        if accept && item.stale {
            state.message = StatusMessage("This \(item.field.label.lowercased()) suggestion was made for an earlier text of \(view.ruleID); "
                                          + ":suggest asks again · \(keyName(state, .rejectSuggestion)) rejects it", isError: true)
            break
        }
        let target: SuggestionState = accept ? .accepted : .rejected
        if item.suggestion.state == target {
            state.message = StatusMessage("\(item.field.label) is already \(target.rawValue)")
            break
        }
        state.top = .suggestions(view)
        return [.decideSuggestion(rule: view.rule, field: item.field, accept: accept, expectedRevision: item.revision)]
    case .undo?:
        state.top = .suggestions(view)
        return [.undo]
    case .redo?:
        state.top = .suggestions(view)
        return [.redo]
    case .back?, .quit?:
        state.pop()
        return []
    case .help?:
        state.top = .suggestions(view)
        state.push(.help(scroll: 0))
        return []
    default:
        return doesNothing(&state, key, where: "in the suggestions")
    }
    state.top = .suggestions(view)
    return []
}

/// Results of suggestion effects.
func applySuggestionResult(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    switch action {
    case .suggestionsLoaded(let rule, let items):
        guard rule == state.selectedRule?.key else { return [] }
        state.suggestions = RuleSuggestions(rule: rule, items: items)
        _ = state.updateSuggestionsView { view in
            guard view.rule == rule else { return }
            view.selected = min(view.selected, max(0, items.count - 1))
        }
        return []

    case .suggestionDecided(let decision, let rule, let items):
        let relint = showSavedRule(&state, rule)
        if rule.key == state.selectedRule?.key { state.suggestions = RuleSuggestions(rule: rule.key, items: items) }
        // On to the next suggestion waiting, after the one just decided.
        _ = state.updateSuggestionsView { view in
            guard view.rule == rule.key else { return }
            let waiting = items.indices.filter { items[$0].isWaiting }
            view.selected = waiting.first { $0 > view.selected } ?? waiting.first ?? min(view.selected, max(0, items.count - 1))
        }
        state.message = StatusMessage(decisionSummary(state, decision, items: items))
        return refreshHistory(&state, key: rule.key) + relint

    case .suggestionProgress(let done, let total):
        state.suggesting = SuggestionRunStatus(done: done, total: total)
        return []

    case .suggestionRunFinished(let outcome):
        state.suggesting = nil
        state.message = StatusMessage(suggestionRunSummary(state, outcome), isError: outcome.problem != nil && outcome.saved == 0)
        return state.selectedRule.map { [.loadSuggestions(rule: $0.key)] } ?? []

    default:
        return []
    }
}

/// `:suggest`: asks the configured provider for the suggestions the open spec lacks.
func startSuggesting(_ state: inout WorkbenchState) -> [Effect] {
    guard let spec = state.outline?.id else {
        state.message = StatusMessage("Open a spec first (:spec ID)", isError: true)
        return []
    }
    if let running = state.suggesting {
        state.message = StatusMessage("Suggestions are being asked for (\(running.done)/\(running.total) rules) · :stop stops, keeping what was saved", isError: true)
        return []
    }
    state.suggesting = SuggestionRunStatus(done: 0, total: 0)
    state.message = StatusMessage("Asking \(providerName(state)) for \(spec)'s missing suggestions · :stop stops, keeping what was saved")
    return [.suggest(spec: spec)]
}

/// `:stop` with a suggestion run going.
func stopSuggesting(_ state: inout WorkbenchState) -> [Effect] {
    guard let running = state.suggesting else { return [] }
    state.message = StatusMessage("Stopping the suggestions at \(running.done)/\(running.total) rules…")
    return [.stopSuggesting]
}

/// The configured provider, as the suggestions come from it.
private func providerName(_ state: WorkbenchState) -> String {
    state.generator == "offline" ? "the built-in heuristics (offline)" : state.generator
}

/// An acceptance or a rejection, in a sentence that names the key that undoes it.
func decisionSummary(_ state: WorkbenchState, _ decision: SuggestionDecision, items: [StoredSuggestion]) -> String {
    let verb = decision.accepted ? "accepted" : "rejected"
    guard decision.changeset != nil else {
        return decision.unchanged.map(\.label).joined(separator: ", ") + " already \(verb)"
    }
    let what = decision.decided.map { field -> String in
        let value = items.first { $0.field == field }?.suggestion.value?.display ?? "none given"
        return "\(field.label.lowercased()) → \(SafeText.visible(String(value.prefix(40))))"
    }.joined(separator: ", ")
    var summary = "\(decision.ruleID): \(verb) \(what)"
    if decision.accepted {
        summary += decision.annotated.isEmpty ? " (no annotation to write)" : " · now your annotation, rev \(decision.ruleRevision)"
    }
    let waiting = items.filter { $0.isWaiting }.count
    summary += waiting == 0 ? " · every suggestion decided" : " · \(waiting) waiting"
    return summary + " · \(keyName(state, .undo)) undoes"
}

/// How a suggestion run ended, and the key that shows what it found.
func suggestionRunSummary(_ state: WorkbenchState, _ outcome: SuggestionRunOutcome) -> String {
    let source = SafeText.visible(outcome.source)
    if let problem = outcome.problem, outcome.asked == 0, !outcome.stopped {
        return "Suggestions not asked for: " + SafeText.visible(problem)
    }
    let saved = "\(outcome.saved) suggestion\(outcome.saved == 1 ? "" : "s") saved"
    if let problem = outcome.problem { return "Suggestions stopped: \(SafeText.visible(problem)) · \(saved)" }
    if outcome.stopped { return "Suggestions stopped at \(outcome.asked)/\(outcome.rules) rules · \(saved) · :suggest asks for the rest" }
    if outcome.rules == 0 {
        return "Every rule of \(outcome.spec) already has suggestions for its text · \(keyName(state, .suggestions)) shows the selected rule's"
    }
    var summary = "\(saved) for \(outcome.asked - outcome.unreadable) rules of \(outcome.spec) (\(source))"
    if outcome.unreadable > 0 { summary += "; \(outcome.unreadable) answers could not be read (:suggest asks again)" }
    return summary + " · \(keyName(state, .suggestions)) shows the selected rule's"
}

extension WorkbenchState {
    /// Changes the suggestions overlay in place, wherever it is in the stack.
    mutating func updateSuggestionsView(_ change: (inout SuggestionsView) -> Void) -> Bool {
        updateLayer({ if case .suggestions(let view) = $0 { return view } else { return nil } }, { .suggestions($0) }, change)
    }
}
