/// Keys on the welcome screen of an empty project: import the samples, open a file, quit.
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
        if state.keymap.command(for: key, in: .global) == .quit { return requestQuit(&state) }
        if state.keymap.command(for: key, in: .global) == .help { state.push(.help(scroll: 0)) }
        return []
    }
}
