/// Tab in the `:` line: completes the command's name, then its argument from what the
/// command table says it takes (specs, rules, filters, themes, or files through an effect).

/// Completes the word at the end of the command line.
func complete(_ state: inout WorkbenchState, _ prompt: inout Prompt) -> [Effect] {
    let text = prompt.editor.text
    guard let space = text.firstIndex(of: " ") else {
        let names = LineCommands.all.map(\.name).filter { $0.hasPrefix(text) }
        let taking = { (name: String) in LineCommands.named(name)?.argument != nil }
        apply(&prompt, prefix: "", candidates: names, typed: text, finish: { taking($0) ? " " : "" })
        return []
    }
    let verb = String(text[..<space])
    let typed = String(text[text.index(after: space)...]).drop { $0 == " " }
    let lead = String(text[...space])
    guard let command = LineCommands.named(verb) else {
        prompt.completion = "No command “\(verb)”"
        return []
    }
    let candidates: [String]
    switch command.completion {
    case .none:
        prompt.completion = command.usage + " takes no argument"
        return []
    case .specs: candidates = state.specs.map(\.id)
    case .rules: candidates = (state.outline?.rules.map(\.id) ?? []) + (state.outline.map { RuleTree.allSectionIDs($0.sections) } ?? [])
    case .filters: candidates = RuleFilter.allCases.map(\.rawValue)
    case .themes: candidates = LineCommands.builtInThemes
    case .files:
        if state.served { return refuseInServedSession(&state, .openFile) }
        return [.completePath(String(typed))]
    case .evalRuns:
        return [.completeEvalRun(String(typed))]
    }
    apply(&prompt, prefix: lead, candidates: candidates.filter { $0.hasPrefix(typed) }, typed: String(typed), finish: { _ in "" })
    return []
}

/// A path completion came back: applied if the line still ends with what was completed.
func applyPathCompletion(_ state: inout WorkbenchState, typed: String, candidates: [String]) {
    guard case .prompt(var prompt) = state.top, prompt.kind == .command else { return }
    let text = prompt.editor.text
    guard let space = text.firstIndex(of: " "), String(text[text.index(after: space)...]).drop(while: { $0 == " " }) == typed else { return }
    apply(&prompt, prefix: String(text[...space]), candidates: candidates, typed: typed, finish: { _ in "" })
    state.top = .prompt(prompt)
}

/// Puts the longest common prefix of the candidates on the line (and `finish` after a
/// single one); says what the choices are when there are several.
private func apply(_ prompt: inout Prompt, prefix: String, candidates: [String], typed: String, finish: (String) -> String) {
    guard let first = candidates.first else {
        prompt.completion = "Nothing starts with “\(typed)”"
        return
    }
    if candidates.count == 1 {
        prompt.editor = LineEditor(prefix + first + finish(first))
        return
    }
    var common = first
    for candidate in candidates.dropFirst() {
        while !candidate.hasPrefix(common) { common.removeLast() }
    }
    prompt.editor = LineEditor(prefix + common)
    let shown = candidates.prefix(12).map { $0.split(separator: "/", omittingEmptySubsequences: false).suffix(2).joined(separator: "/") }
    prompt.completion = shown.joined(separator: "  ") + (candidates.count > 12 ? "  … \(candidates.count) in all" : "")
}
