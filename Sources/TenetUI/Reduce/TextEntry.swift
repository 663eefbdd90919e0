import TenetSpec
import TenetStore

/// A key while an annotation is being edited: only the field sees it.
func editKey(_ state: inout WorkbenchState, _ edit: inout FieldEdit, _ key: Key) -> [Effect] {
    switch edit.editor.handle(key) {
    case .cancel:
        state.pop()
        state.message = StatusMessage("Edit cancelled; nothing saved")
        return []
    case .submit:
        if case .failure(let error) = edit.field.change(from: edit.editor.text) {
            edit.problem = error.message
            state.top = .edit(edit)
            return []
        }
        state.pop()
        if edit.editor.text == edit.original {
            state.message = StatusMessage("\(edit.field.label) unchanged; nothing saved")
            return []
        }
        return saveField(&state, edit)
    case .edited, .moved, .ignored:
        edit.problem = nil
        state.top = .edit(edit)
        return []
    }
}

/// A key at the bottom-line prompt (search or command).
func promptKey(_ state: inout WorkbenchState, _ prompt: inout Prompt, _ key: Key) -> [Effect] {
    prompt.completion = nil
    if prompt.kind == .command, key == .tab {
        let effects = complete(&state, &prompt)
        state.top = .prompt(prompt)
        return effects
    }
    let outcome = prompt.editor.handle(key)
    switch (prompt.kind, outcome) {
    case (_, .cancel):
        state.pop()
        if prompt.kind == .search, let origin = prompt.origin {
            state.rebuildRows(keep: origin)
            state.clampScroll()
            return selectionEffects(&state)
        }
        return []
    case (.search, .submit):
        state.pop()
        let query = prompt.editor.text
        guard !query.isEmpty else { return [] }
        state.search = query
        if let origin = prompt.origin { state.rebuildRows(keep: origin) }
        return findMatch(&state, query, forward: true, includeCurrent: true)
    case (.search, .edited):
        // Search as you type: show the first match, without remembering the query yet.
        state.top = .prompt(prompt)
        guard !prompt.editor.text.isEmpty, let origin = prompt.origin else { return [] }
        state.rebuildRows(keep: origin)
        let effects = findMatch(&state, prompt.editor.text, forward: true, includeCurrent: true, quiet: true)
        prompt.noMatch = state.message?.isError == true
        state.message = nil
        state.top = .prompt(prompt)
        return effects
    case (.command, .submit):
        state.pop()
        return runCommandLine(&state, prompt.editor.text)
    default:
        state.top = .prompt(prompt)
        return []
    }
}

/// Selects the next (or previous) rule or section whose ID, title or text contains the
/// query, ignoring case, in document order — inside folded sections too (they open) —
/// under the current filter; wraps around.
func findMatch(_ state: inout WorkbenchState, _ query: String, forward: Bool, includeCurrent: Bool, quiet: Bool = false) -> [Effect] {
    guard let outline = state.outline else { return [] }
    let needle = query.lowercased()
    func matches(_ row: TreeRow) -> Bool {
        switch row.content {
        case .section(let id, let title, _, _): return id.lowercased().contains(needle) || title.lowercased().contains(needle)
        case .rule(let index, _): return outline.ruleMatches(index, needle)
        }
    }
    let all = RuleTree.rows(outline, folded: [], filter: state.filter, lint: state.lint)
    guard !all.isEmpty else { return [] }
    let current = state.selectedRow.flatMap { row in all.firstIndex { $0.identity == row.identity } } ?? 0
    let count = all.count
    for step in (includeCurrent ? 0 : 1)...count {
        let index = ((current + (forward ? step : -step)) % count + count) % count
        guard matches(all[index]) else { continue }
        let effects = goTo(&state, all[index].identity, remember: false)
        if !quiet {
            let total = all.filter(matches).count
            state.message = StatusMessage("“\(query)”: \(total) match\(total == 1 ? "" : "es") · n next · N previous")
        }
        return effects
    }
    state.message = StatusMessage("No rule or section matches “\(query)”" + (state.filter == .all ? "" : " under the filter \(state.filter.label)"), isError: true)
    return []
}

