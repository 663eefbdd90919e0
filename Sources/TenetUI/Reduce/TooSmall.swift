/// Keys while the window is smaller than ``minimumSize``: the screen under the message is
/// not drawn, so no key may act on it (a key typed there changed a rule's kind, or went into
/// a hidden editor) — except the quit key, and only when quitting loses nothing.
func tooSmallKey(_ state: inout WorkbenchState, _ key: Key) -> [Effect] {
    guard state.keymap.command(for: key, in: .spec) == .quit, quitLosesNothing(state) else { return [] }
    return [.quit]
}

/// Whether a window of `size` is too small to draw the workbench in.
public func isTooSmall(_ size: Size) -> Bool {
    size.width < minimumSize.width || size.height < minimumSize.height
}

/// Nothing is being typed, saved or run: quitting now, unseen, drops nothing.
func quitLosesNothing(_ state: WorkbenchState) -> Bool {
    guard state.generation == nil, state.suggesting == nil, !state.exportRunning, !state.busy,
          state.savingEdit == nil, state.savingText == nil else { return false }
    return !state.layers.contains { layer in
        switch layer {
        case .edit, .text, .prompt, .merge, .confirm, .reviewEntry: true
        default: false
        }
    }
}
