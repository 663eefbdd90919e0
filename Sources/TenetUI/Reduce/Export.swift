import TenetFormats

/// Opens the export screen (`X` in the spec view, `:export`).
func openExport(_ state: inout WorkbenchState) -> [Effect] {
    let view = ExportView(specID: state.outline?.id, ruleID: state.selectedRule?.id)
    state.push(.export(view))
    return [.countExport(view.query)]
}

/// Keys on the export screen: j/k pick a row, Space/l and h change it (or type it: the
/// annotator, since, as of, instantiation and output rows), w writes, X stops a running
/// export.
func exportKey(_ state: inout WorkbenchState, _ view: inout ExportView, _ key: Key) -> [Effect] {
    let before = view.query
    if let row = view.editing {
        switch view.editor.handle(key) {
        case .cancel:
            view.editing = nil
        case .submit:
            view.editing = nil
            view.type(view.editor.text, into: row)
        default:
            break
        }
        let effects = recount(&view, from: before)
        state.top = .export(view)
        return effects
    }
    let rows = view.rows
    let index = rows.firstIndex(of: view.row) ?? 0
    var effects: [Effect] = []
    switch state.keymap.command(for: key, in: .export) {
    case .moveDown?: view.row = rows[min(rows.count - 1, index + 1)]
    case .moveUp?: view.row = rows[max(0, index - 1)]
    case .changeOption?:
        if view.row.isTyped {
            view.editing = view.row
            view.editor = LineEditor(view.typed(view.row))
        } else {
            view.change(view.row, by: 1)
        }
    case .fold? where !view.row.isTyped: view.change(view.row, by: -1)
    case .runExport?:
        if state.served {
            _ = refuseInServedSession(&state, .writeExport(pairs: view.pairs))
            break
        }
        if view.progress != nil {
            state.message = StatusMessage("An export is running · \(state.keymap.label(.stopExport)) stops it", isError: true)
            break
        }
        let force = view.confirmReplace
        view.confirmReplace = false
        view.result = nil
        view.progress = ExportProgress(done: 0, total: view.pairs ? view.matching ?? 0 : 0)
        effects.append(.runExport(view.job(force: force)))
    case .stopExport?:
        guard view.progress != nil else {
            state.message = StatusMessage("No export is running", isError: true)
            break
        }
        state.message = StatusMessage("Stopping the export…")
        effects.append(.stopExport)
    case .back?, .quit?:
        if view.progress != nil {
            state.message = StatusMessage("An export is running · \(state.keymap.label(.stopExport)) stops it first", isError: true)
            break
        }
        state.pop()
        return []
    case .help?:
        state.top = .export(view)
        state.push(.help(scroll: 0))
        return effects
    default:
        _ = doesNothing(&state, key)
    }
    effects += recount(&view, from: before)
    state.top = .export(view)
    return effects
}

/// Choices that take other pairs: the old count goes, a new one is asked for.
private func recount(_ view: inout ExportView, from before: PairQuery) -> [Effect] {
    guard view.pairs, view.query != before else { return [] }
    view.matching = nil
    view.countProblem = nil
    return [.countExport(view.query)]
}

/// Results of the export effects, for the export screen wherever it is in the stack (help
/// may be open over it).
func applyExportResult(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    let replace = "\(keyName(state, .runExport)) again replaces it, \(keyName(state, .changeOption)) on Output names another"
    let shown = state.updateLayer({ if case .export(let view) = $0 { return view } else { return nil } }, { .export($0) }) { view in
        switch action {
        case .exportCounted(let query, let count) where query == view.query:
            view.matching = count
            view.countProblem = nil
        case .exportCountFailed(let query, let problem) where query == view.query:
            view.matching = nil
            view.countProblem = problem
        case .exportProgress(let done, let total):
            view.progress = ExportProgress(done: done, total: total)
        case .exportFinished(let message, let failed, let exists):
            view.progress = nil
            view.confirmReplace = exists
            // Shown on the screen, under the choices (not again in the status line).
            view.result = StatusMessage(exists ? message + " · " + replace : message, isError: failed)
        default:
            break
        }
    }
    // Not on the export screen (it was left, or is covered): the end is said in the status line.
    if case .exportFinished(let message, let failed, _) = action, !shown || !isExport(state.top) {
        state.message = StatusMessage(message, isError: failed)
    }
    return []
}

private func isExport(_ layer: Layer) -> Bool {
    if case .export = layer { return true }
    return false
}

extension WorkbenchState {
    /// Whether an export is running (its screen may be covered by help).
    var exportRunning: Bool {
        layers.contains { if case .export(let view) = $0 { return view.progress != nil } else { return false } }
    }
}
