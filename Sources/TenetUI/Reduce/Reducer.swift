import TenetSpec
import TenetStore

/// The only place state changes: applies an action and returns the effects to run.
public func reduce(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    let effects = apply(&state, action)
    // A rule being saved: the screen says so until the result comes back.
    if effects.contains(where: { if case .annotate = $0 { return true } else { return false } }) { state.busy = true }
    return effects
}

private func apply(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key):
        if isTooSmall(state.viewport) { return tooSmallKey(&state, key) }
        state.message = nil
        return handleKey(&state, key)
    case .resized(let size):
        state.viewport = size
        state.clampScroll()
        state.detailScroll = min(state.detailScroll, state.detailScrollLimit)
        if case .text(var edit) = state.top {
            let metrics = TextAreaScreen.metrics(edit, size: size, keymap: state.keymap)
            edit.area.scrollToCursor(width: metrics.width, height: metrics.height)
            state.top = .text(edit)
        }
        if case .help(let scroll) = state.top {
            state.top = .help(scroll: min(scroll, max(0, HelpScreen.lines(state.keymap, width: size.width - 2, configPath: state.configPath).count - (state.bodyHeight - 1))))
        }
        if case .merge(var view) = state.top {
            view.scroll = min(view.scroll, MergeScreen.scrollLimit(view, state: state))
            state.top = .merge(view)
        }
        return []
    default:
        return applyResult(&state, action)
    }
}

/// Keys go to the top layer: text fields first (no shortcut fires while typing), then the
/// keymap of the layer's context.
func handleKey(_ state: inout WorkbenchState, _ key: Key) -> [Effect] {
    switch state.top {
    case .merge(var view):
        return mergeKey(&state, &view, key)
    case .confirm(let question):
        return confirmKey(&state, question, key)
    case .reviewEntry(var entry):
        return reviewEntryKey(&state, &entry, key)
    case .edit(var edit):
        return editKey(&state, &edit, key)
    case .text(var edit):
        return textEditKey(&state, &edit, key)
    case .prompt(var prompt):
        return promptKey(&state, &prompt, key)
    case .menu(let menu):
        return menuKey(&state, menu, key)
    case .suggestions(var view):
        return suggestionsKey(&state, &view, key)
    case .help(let scroll):
        let next = listScroll(state, key, scroll: scroll, count: HelpScreen.lines(state.keymap, width: state.viewport.width - 2, configPath: state.configPath).count)
        if let next { state.top = .help(scroll: next) } else { state.pop() }
        return []
    case .changes(var view):
        guard let next = listScroll(state, key, scroll: view.scroll, count: view.lines.count) else {
            state.pop()
            return []
        }
        view.scroll = next
        state.top = .changes(view)
        return []
    case .history(var view):
        return historyKey(&state, &view, key)
    case .instantiate(var view):
        return instantiateKey(&state, &view, key)
    case .welcome:
        return welcomeKey(&state, key)
    case .review:
        return reviewKey(&state, key)
    case .export(var view):
        return exportKey(&state, &view, key)
    case .documents(var view):
        return documentReviewKey(&state, &view, key)
    case .evaluation(var view):
        return evaluationKey(&state, &view, key)
    case .browse:
        if case .paste = key {
            state.message = StatusMessage("A paste goes into a text field: r, a, / or :", isError: true)
            return []
        }
        guard let command = state.keymap.command(for: key, in: .spec) else { return doesNothing(&state, key) }
        return browse(&state, command)
    }
}

/// A key with no command where it was pressed: says so, and where the keys are listed.
func doesNothing(_ state: inout WorkbenchState, _ key: Key, where place: String = "here") -> [Effect] {
    let help = state.keymap.firstKey(.help).map { " · \($0.label) lists the keys" } ?? ""
    state.message = StatusMessage("\(key.label) does nothing \(place)\(help)", isError: true)
    return []
}

/// `q` (or `:quit`): closes the top layer; on the bottom one, leaves the program — after
/// asking, when work would stop with it (a generation or an export running, a save in
/// flight).
func requestQuit(_ state: inout WorkbenchState) -> [Effect] {
    guard state.atBottom else {
        state.pop()
        return []
    }
    var running: [String] = []
    if let generation = state.generation { running.append("a generation (\(generation.done) of \(generation.total) pairs) stops, keeping the pairs made so far") }
    if let suggesting = state.suggesting { running.append("the suggestions (\(suggesting.done) of \(suggesting.total) rules) stop, keeping what was saved") }
    if state.exportRunning { running.append("the export stops; its target is left as it was") }
    if state.busy || state.savingEdit != nil || state.savingText != nil { running.append("a save is still in flight") }
    guard !running.isEmpty else { return [.quit] }
    state.push(.confirm(Confirmation(question: "Quit now? " + running.joined(separator: "; "), consequence: .quit)))
    return []
}

/// A yes-or-no question: only its answers do anything (Esc is no).
func confirmKey(_ state: inout WorkbenchState, _ question: Confirmation, _ key: Key) -> [Effect] {
    switch state.keymap.command(for: key, in: .confirm) {
    case .yes?:
        state.pop()
        switch question.consequence {
        case .quit: return [.quit]
        }
    case .no?:
        state.pop()
        state.message = StatusMessage("Still here; nothing stopped")
        return []
    default:
        let yes = keyName(state, .yes), no = keyName(state, .no)
        state.message = StatusMessage("\(yes) or \(no)", isError: true)
        return []
    }
}

/// Scrolling pop-ups (help, changes): the new scroll offset, or `nil` to close.
func listScroll(_ state: WorkbenchState, _ key: Key, scroll: Int, count: Int) -> Int? {
    // As drawList shows them: one row of the body is the position line when they overflow.
    let page = max(1, state.bodyHeight - 2)
    let last = max(0, count - (state.bodyHeight - 1))
    switch state.keymap.command(for: key, in: .list) {
    case .moveDown?: return min(last, scroll + 1)
    case .moveUp?: return max(0, scroll - 1)
    case .pageDown?: return min(last, scroll + page)
    case .pageUp?: return max(0, scroll - page)
    case .top?: return 0
    case .bottom?: return last
    case .back?, .help?, .quit?: return nil
    default: return scroll
    }
}

extension WorkbenchState {
    /// Keeps the selection inside the rows and the tree scrolled to show it.
    mutating func clampScroll() {
        selection = min(max(0, selection), max(0, rows.count - 1))
        let height = bodyHeight
        if selection < treeScroll { treeScroll = selection }
        if selection >= treeScroll + height { treeScroll = selection - height + 1 }
        treeScroll = max(0, min(treeScroll, max(0, rows.count - height)))
    }
}
