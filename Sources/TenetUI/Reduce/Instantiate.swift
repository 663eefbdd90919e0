import TenetSpec
import TenetStore

/// Opens the instantiation screen on the current spec.
func openInstantiation(_ state: inout WorkbenchState) -> [Effect] {
    guard let outline = state.outline else { return [] }
    state.push(.instantiate(InstantiateView(specID: outline.id)))
    return [.loadInstantiationSpec(outline.id)]
}

/// Keys on the instantiation screen: each control change recomputes the instance at once.
func instantiateKey(_ state: inout WorkbenchState, _ view: inout InstantiateView, _ key: Key) -> [Effect] {
    if let entry = view.entry {
        switch view.editor.handle(key) {
        case .cancel:
            view.entry = nil
        case .submit:
            let text = view.editor.text.trimmingCharacters(in: .whitespaces)
            // A name or count that cannot be used keeps the entry open with what was typed
            // (it closed and dropped the text: `trip 🧳` had to be typed again).
            switch entry {
            case .saveName:
                guard !text.isEmpty, let preview = view.preview else { view.entry = nil; break }
                if let problem = StoredName.problem(text, "instantiation") {
                    state.message = StatusMessage(SafeText.visible(problem) + " · fix the name", isError: true)
                    break
                }
                view.entry = nil
                state.top = .instantiate(view)
                return [.saveInstantiation(preview, name: text)]
            case .generateCount:
                guard let count = Int(text), count > 0, let name = view.savedName else {
                    state.message = StatusMessage("Give a number of pairs, e.g. 50", isError: true)
                    break
                }
                view.entry = nil
                state.top = .instantiate(view)
                state.generation = GenerationStatus(done: 0, total: count)
                return [.generate(instantiation: name, count: count, seed: view.controls.seed)]
            }
        default:
            break
        }
        state.top = .instantiate(view)
        return []
    }
    let page = max(1, state.bodyHeight - 2)
    switch state.keymap.command(for: key, in: .instantiate) {
    case .moveDown?: view.scroll += 1
    case .moveUp?: view.scroll = max(0, view.scroll - 1)
    case .pageDown?: view.scroll += page
    case .pageUp?: view.scroll = max(0, view.scroll - page)
    case .nextSeed?: view.controls.seed &+= 1; view.refresh()
    case .previousSeed?: view.controls.seed &-= 1; view.refresh()
    case .moreRules?:
        // The range moves up while its top is inside the pool of rules to draw from.
        if let pool = view.poolSize, view.controls.maxRules >= pool {
            state.message = StatusMessage("Already up to all \(pool) rules this spec offers" + (view.controls.includeUnclassified ? "" : " (\(keyName(state, .toggleUnclassified)) lets unclassified ones in)"), isError: true)
            break
        }
        view.controls.minRules += 1
        view.controls.maxRules += 1
        view.refresh()
    case .fewerRules?:
        if view.controls.minRules > 1 {
            view.controls.minRules -= 1
            view.controls.maxRules -= 1
            view.refresh()
        } else {
            state.message = StatusMessage("An instance has at least one rule", isError: true)
        }
    case .cycleCoverage?:
        let all = InstantiationControls.Coverage.allCases
        view.controls.coverage = all[((all.firstIndex(of: view.controls.coverage) ?? 0) + 1) % all.count]
        view.refresh()
    case .cycleSafetyShare?:
        let shares: [Double?] = [nil, 0.25, 0.5, 0.75]
        let index = shares.firstIndex(where: { $0 == view.controls.safetyShare }) ?? 0
        view.controls.safetyShare = shares[(index + 1) % shares.count]
        view.refresh()
    case .toggleFormat?: view.format = view.format == .system ? .specbench : .system
    case .toggleUnclassified?:
        view.controls.includeUnclassified.toggle()
        view.clampToPool()
        view.refresh()
    case .saveInstantiation?:
        // An instance that cannot be made (no rules to draw) says why, as the screen does;
        // the key did nothing and said nothing.
        guard view.preview != nil else {
            state.message = StatusMessage(view.problem ?? "Nothing to save yet: the instance is still being made", isError: true)
            break
        }
        view.entry = .saveName
        view.editor = LineEditor(view.savedName ?? "\(view.specID)-seed\(view.controls.seed)")
    case .generate?:
        if view.preview == nil, let problem = view.problem {
            state.message = StatusMessage(problem, isError: true)
            break
        }
        guard view.savedName != nil else {
            state.message = StatusMessage("Save the instance first (\(keyName(state, .saveInstantiation))): pairs record the instantiation they came from", isError: true)
            break
        }
        if let running = state.generation {
            state.message = StatusMessage("A generation is running (\(running.done)/\(running.total)) · \(state.keymap.label(.stopGeneration)) stops it, keeping the pairs made so far", isError: true)
            break
        }
        view.entry = .generateCount
        view.editor = LineEditor("50")
    case .stopGeneration?:
        state.top = .instantiate(view)
        return stopGeneration(&state)
    case .back?, .quit?:
        state.pop()
        return []
    case .help?:
        state.top = .instantiate(view)
        state.push(.help(scroll: 0))
        return []
    default:
        _ = doesNothing(&state, key)
    }
    state.top = .instantiate(view)
    return []
}

/// Stops the running generation (`X` on the instantiation screen, `:stop` anywhere).
func stopGeneration(_ state: inout WorkbenchState) -> [Effect] {
    guard let running = state.generation else {
        state.message = StatusMessage("No generation is running", isError: true)
        return []
    }
    state.message = StatusMessage("Stopping the generation at \(running.done)/\(running.total)…")
    return [.stopGeneration]
}
