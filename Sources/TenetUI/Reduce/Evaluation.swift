import TenetSpec
import TenetStore

/// The evaluation screen: opening it, its keys level by level, turning a failing response
/// into a BAD example or a pending pair, and wording what comes back.

/// Opens the evaluation screen (`V` in the spec view, `:eval [RUN]`): the runs load in
/// the background; with a run, its summary too, shown first.
func openEvaluation(_ state: inout WorkbenchState, run: String?) -> [Effect] {
    state.push(.evaluation(EvalView(run: run)))
    return [.loadEvalRuns] + (run.map { [.loadEvalRun($0)] } ?? [])
}

/// Keys on the evaluation screen: j/k move on the level shown, Enter opens a level deeper,
/// q/Esc goes a level back (from the runs, closes the screen); on a failing response, the
/// keymap's example and pair keys turn it into data.
func evaluationKey(_ state: inout WorkbenchState, _ view: inout EvalView, _ key: Key) -> [Effect] {
    let command = state.keymap.command(for: key, in: .evaluation)
    var effects: [Effect] = []
    let page = max(1, state.bodyHeight - 2)
    switch command {
    case .moveDown?: move(&state, &view, by: 1)
    case .moveUp?: move(&state, &view, by: -1)
    case .pageDown?: move(&state, &view, by: page)
    case .pageUp?: move(&state, &view, by: -page)
    case .top?: move(&state, &view, by: -1_000_000)
    case .bottom?: move(&state, &view, by: 1_000_000)
    case .openItem?:
        effects = openDeeper(&state, &view)
    case .back?, .quit?:
        switch view.level {
        case .runs:
            state.pop()
            return []
        case .summary:
            // Back to the runs, counted again: a run may have gone on meanwhile.
            view.level = .runs
            view.scroll = 0
            effects = [.loadEvalRuns]
        case .failures:
            view.level = .summary
        case .response:
            view.level = .failures
            view.scroll = 0
        }
    case .failureExample?:
        guard let conversion = conversion(&state, view) else { break }
        view.converting = true
        state.message = StatusMessage("Adding the response to prompt \(SafeText.visible(conversion.prompt)) as a BAD example on \(SafeText.visible(conversion.rule))…")
        effects = [.evalExample(conversion)]
    case .failurePair?:
        guard let conversion = conversion(&state, view) else { break }
        // A response no pair may hold is refused now, as `b` refuses it, not after the
        // chosen answer was written (the typed text was lost).
        if let response = view.selectedFailure?.response, let problem = QualityCheck.textProblem(response, "the rejected answer", limit: nil) {
            state.message = StatusMessage("No pair from this response: \(problem)", isError: true)
            break
        }
        state.top = .evaluation(view)
        guard state.generator != "offline" else { return openEvalChosenEditor(&state, conversion) }
        state.push(.menu(Menu(title: "The chosen (compliant) answer of the pair", ruleKey: nil, items: [
            Menu.Item(key: "w", label: "write it in the editor", choice: .evalChosen(conversion, generate: false)),
            Menu.Item(key: "g", label: "generate it with \(SafeText.visible(state.generator))", choice: .evalChosen(conversion, generate: true)),
        ])))
        return []
    case .undo?: effects = [.undo]
    case .redo?: effects = [.redo]
    case .help?:
        state.top = .evaluation(view)
        state.push(.help(scroll: 0))
        return []
    default:
        state.message = StatusMessage("\(key.label) does nothing on the evaluation screen · \(keyName(state, .help)) lists the keys, "
                                      + "\(keyName(state, .back)) goes back", isError: true)
    }
    state.top = .evaluation(view)
    return effects
}

/// Moves the selection of the level shown (the response level scrolls).
private func move(_ state: inout WorkbenchState, _ view: inout EvalView, by step: Int) {
    func clamped(_ value: Int, _ count: Int) -> Int { min(max(0, value), max(0, count - 1)) }
    switch view.level {
    case .runs: view.runSelected = clamped(view.runSelected + step, view.runs?.count ?? 0)
    case .summary: view.ruleSelected = clamped(view.ruleSelected + step, view.rulesWorstFirst.count)
    case .failures: view.failureSelected = clamped(view.failureSelected + step, view.failures?.items.count ?? 0)
    case .response:
        let lines = EvalScreen.responseLines(view, width: state.viewport.width - 2).count
        view.scroll = min(max(0, view.scroll + step), max(0, lines - (state.bodyHeight - 1)))
    }
}

/// Enter: the run's summary, the rule's failing responses, the response in full.
private func openDeeper(_ state: inout WorkbenchState, _ view: inout EvalView) -> [Effect] {
    switch view.level {
    case .runs:
        guard let run = view.selectedRun else {
            state.message = StatusMessage("No evaluation runs yet · tenet eval run starts one", isError: true)
            return []
        }
        view.level = .summary
        view.scroll = 0
        if view.run != run.stored.name {
            view.run = run.stored.name
            view.summary = nil
            view.ruleSelected = 0
        }
        // Loaded again each time (the run shown meanwhile stays until it comes): a
        // running `tenet eval run` adds results as it goes.
        return [.loadEvalRun(run.stored.name)]
    case .summary:
        guard let summary = view.summary else {
            state.message = StatusMessage("Still loading the run; try again", isError: true)
            return []
        }
        let rules = view.rulesWorstFirst
        guard rules.indices.contains(view.ruleSelected) else { return [] }
        let rule = rules[view.ruleSelected]
        guard rule.no > 0 else {
            state.message = StatusMessage("No response failed \(SafeText.visible(rule.rule)) in this run (\(rule.yes) YES, \(rule.na) NA)")
            return []
        }
        view.level = .failures
        if view.rule != rule.rule || view.failures?.run != summary.stored.name {
            view.rule = rule.rule
            view.failures = nil
            view.failureSelected = 0
            return [.loadEvalFailures(run: summary.stored.name, rule: rule.rule, limit: EvalFailureList.limit)]
        }
        return []
    case .failures:
        guard view.selectedFailure != nil else { return [] }
        view.level = .response
        view.scroll = 0
        return []
    case .response:
        return []
    }
}

/// The failing response selected, to turn into data; `nil` (and why) when none is.
private func conversion(_ state: inout WorkbenchState, _ view: EvalView) -> EvalConversion? {
    guard view.level == .failures || view.level == .response, let run = view.failures?.run, let rule = view.failures?.rule,
          let failure = view.selectedFailure else {
        state.message = StatusMessage("Select a failing response first: \(keyName(state, .openItem)) on a run, then on a rule", isError: true)
        return nil
    }
    guard !view.converting else {
        state.message = StatusMessage("Still writing the last one; a moment", isError: true)
        return nil
    }
    return EvalConversion(run: run, prompt: failure.prompt, rule: rule)
}

/// Opens the built-in editor for the chosen answer of a pair from a failing response.
func openEvalChosenEditor(_ state: inout WorkbenchState, _ conversion: EvalConversion) -> [Effect] {
    var edit = TextEdit(subject: .evalChosen(conversion),
                        title: "Chosen answer for prompt \(SafeText.visible(conversion.prompt)) (rejected: the response that failed \(SafeText.visible(conversion.rule)))",
                        revision: 0, text: "")
    edit.problem = "Write a compliant answer to the prompt · \(keyName(state, .saveText)) stores the pair for review, \(keyName(state, .cancelText)) leaves without one"
    state.push(.text(edit))
    return []
}

/// Asks for the pair to be stored: with the written answer, or one the provider writes.
func startEvalPair(_ state: inout WorkbenchState, _ conversion: EvalConversion, chosen: String?) -> [Effect] {
    _ = state.updateEvaluation { $0.converting = true }
    state.message = StatusMessage(chosen == nil
        ? "Asking \(SafeText.visible(state.generator)) for a compliant answer to prompt \(SafeText.visible(conversion.prompt))…"
        : "Storing the pair…")
    return [.evalPair(conversion, chosen: chosen)]
}

/// What the evaluation effects brought back.
func applyEvalResult(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    switch action {
    case .evalRunsLoaded(let runs):
        // The list comes twice (then with the SARs counted): the selection stays on its run.
        _ = state.updateEvaluation { view in
            let selected = view.runs == nil ? view.run : view.selectedRun?.stored.name
            view.runs = runs
            view.runSelected = min(view.runSelected, max(0, runs.count - 1))
            if let selected, let index = runs.firstIndex(where: { $0.stored.name == selected }) { view.runSelected = index }
        }
    case .evalRunLoaded(let loaded):
        _ = state.updateEvaluation { view in
            guard view.run == loaded.stored.name else { return }
            view.summary = loaded
            view.ruleSelected = min(view.ruleSelected, max(0, loaded.summary.rules.count - 1))
        }
    case .evalFailuresLoaded(let list):
        _ = state.updateEvaluation { view in
            guard view.run == list.run, view.rule == list.rule else { return }
            view.failures = list
            view.failureSelected = min(view.failureSelected, max(0, list.items.count - 1))
        }
    case .evalRunsCompleted(let typed, let candidates):
        applyPathCompletion(&state, typed: typed, candidates: candidates)
    case .evalExampleAdded(let conversion, let rule, let number):
        _ = state.updateEvaluation { $0.converting = false }
        if state.detail?.key == rule.key { state.detail = rule }
        state.message = StatusMessage("Added as BAD example \(number) of \(SafeText.visible(rule.record.effective.id))"
                                      + " (prompt \(SafeText.visible(conversion.prompt)) of \(SafeText.visible(conversion.run))) · \(keyName(state, .undo)) undoes")
        return state.outline == nil ? [] : [state.reloadEffect]
    case .evalPairStored(let conversion, let pair, let generated, let existing):
        _ = state.updateEvaluation { $0.converting = false }
        // The whole ID: one to copy into `tenet pair show` (a shortened one is no pair's).
        let id = pair
        if let existing {
            state.message = StatusMessage("Pair \(id) is already in the project (\(SafeText.visible(existing))) with this prompt and these answers: nothing added")
            return []
        }
        state.message = StatusMessage("Pair \(id) (rejected: the failing response to \(SafeText.visible(conversion.prompt)); chosen: "
                                      + (generated ? "generated" : "yours") + ") is pending in the review queue · "
                                      + "\(keyName(state, .review)) in the spec view opens review · \(keyName(state, .undo)) undoes")
    case .evalConversionFailed(_, let reason, let refused):
        _ = state.updateEvaluation { $0.converting = false }
        state.message = StatusMessage((refused ? "Refused: " : "Not done: ") + SafeText.visible(reason), isError: true)
    case .evalLoadFailed(let reason):
        // Nothing stays "loading": the level whose data did not come goes back one.
        _ = state.updateEvaluation { view in
            if view.runs == nil { view.runs = [] }
            if view.level == .summary, view.summary == nil { view.level = .runs }
            if view.level == .failures, view.failures == nil { view.level = .summary }
        }
        state.message = StatusMessage(SafeText.visible(reason), isError: true)
    default:
        break
    }
    return []
}

extension WorkbenchState {
    /// Changes the evaluation screen in place, wherever it is in the stack.
    mutating func updateEvaluation(_ change: (inout EvalView) -> Void) -> Bool {
        updateLayer({ if case .evaluation(let view) = $0 { return view } else { return nil } }, { .evaluation($0) }, change)
    }
}
