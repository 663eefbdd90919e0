import TenetStore

/// Keys in the history pane.
func historyKey(_ state: inout WorkbenchState, _ view: inout HistoryView, _ key: Key) -> [Effect] {
    let command = state.keymap.command(for: key, in: .history)
    var effects: [Effect] = []
    let last = max(0, view.entries.count - 1)
    var moved = view.selected
    switch command {
    case .moveDown?: moved = min(last, view.selected + 1)
    case .moveUp?: moved = max(0, view.selected - 1)
    case .pageDown?: moved = min(last, view.selected + 10)
    case .pageUp?: moved = max(0, view.selected - 10)
    case .top?: moved = 0
    case .bottom?: moved = last
    case .toggleBlame?: view.showBlame.toggle()
    case .back?, .history?, .quit?:
        state.pop()
        return []
    case .undo?: effects = [.undo]
    case .redo?: effects = [.redo]
    case .help?:
        state.top = .history(view)
        state.push(.help(scroll: 0))
        return []
    default:
        state.message = StatusMessage("\(key.label) does nothing in the history · \(keyName(state, .back)) closes it", isError: true)
    }
    if moved != view.selected, view.entries.indices.contains(moved) {
        view.selected = moved
        view.changes = nil
        if let revision = view.entries[moved].revision { effects.append(.loadRevision(key: view.key, revision: revision)) }
    }
    state.top = .history(view)
    return effects
}
