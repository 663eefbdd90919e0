/// What a served session (`tenet serve` over SSH, ``WorkbenchState/served``) does not do
/// from the workbench, and what to do instead. The person at the keyboard is not the
/// account the program runs as: they get no editor, no shell, and no file on the host.
enum HostAccess {
    /// `e`: the spec file in an external editor.
    case editSpecFile
    /// `:open FILE`.
    case openFile
    /// `:import-samples`, or `i` on the welcome screen.
    case importSamples
    /// `w` on the export screen: a file on the host.
    case writeExport(pairs: Bool)
}

/// Refuses something a served session does not do, with a one-line message that says what
/// to do instead. No effect.
func refuseInServedSession(_ state: inout WorkbenchState, _ access: HostAccess) -> [Effect] {
    let text: String
    switch access {
    case .editSpecFile:
        let keys = [state.keymap.label(.editRationale), state.keymap.label(.addExample), state.keymap.label(.editExample)]
            .filter { !$0.isEmpty }.joined(separator: ", ")
        text = "Not available in a served session: the spec file is edited by its author, where it lives"
            + (keys.isEmpty ? "" : " · the rationale and boundary examples are edited here (\(keys))")
    case .openFile:
        text = "Not available in a served session: files on the server are not opened from here · ask the project's admin to import the spec on the server"
    case .importSamples:
        text = "Not available in a served session: the project's admin imports specs on the server"
    case .writeExport(let pairs):
        text = "Not available in a served session: export with  ssh HOST export \(pairs ? "pairs" : "rules") … > file  (the choices here are the same options)"
    }
    state.message = StatusMessage(text, isError: true)
    return []
}
