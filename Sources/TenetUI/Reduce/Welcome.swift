/// Keys on the welcome screen of an empty project: import the samples, open a file, undo
/// (an archive that left the project empty), quit.
func welcomeKey(_ state: inout WorkbenchState, _ key: Key) -> [Effect] {
    switch key {
    case .char("i"):
        if state.served { return refuseInServedSession(&state, .importSamples) }
        state.message = StatusMessage("Importing the sample specs…")
        return [.importSamples]
    case .char(":"):
        state.push(.prompt(Prompt(kind: .command, editor: LineEditor(), origin: nil)))
        return []
    default:
        // "Archived travel … · u brings it back": the last spec archived leaves this screen.
        switch state.keymap.command(for: key, in: .spec) {
        case .undo?: return [.undo]
        case .redo?: return [.redo]
        default: break
        }
        if state.keymap.command(for: key, in: .global) == .quit { return requestQuit(&state) }
        if state.keymap.command(for: key, in: .global) == .help { state.push(.help(scroll: 0)) }
        return []
    }
}
