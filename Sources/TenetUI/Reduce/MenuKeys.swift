/// Keys in a one-key menu: an item's key picks it; Esc or q closes the menu.
func menuKey(_ state: inout WorkbenchState, _ menu: Menu, _ key: Key) -> [Effect] {
    if let ruleKey = menu.ruleKey, state.selectedRule?.key != ruleKey {
        state.pop()
        state.message = StatusMessage("The selection moved (someone's change came in); the menu was closed", isError: true)
        return []
    }
    if case .char(let c) = key, let item = menu.items.first(where: { $0.key == c }) {
        state.pop()
        switch item.choice {
        case .field(.rationale): return openRationaleEditor(&state)
        case .field(let field): return startEdit(&state, field)
        case .reference(let id): return follow(&state, id)
        case .example(let number):
            guard let rule = state.selectedRule else { return [] }
            return state.usesExternalEditor ? [.editExample(key: rule.key, number: number)] : openExampleEditor(&state, number: number)
        case .evalChosen(let conversion, let generate):
            return generate ? startEvalPair(&state, conversion, chosen: nil) : openEvalChosenEditor(&state, conversion)
        }
    }
    if key == .escape || key == .char("q") || key == .ctrl("c") { state.pop() }
    return []
}
