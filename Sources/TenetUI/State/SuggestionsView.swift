import TenetStore

/// The selected rule's suggested annotations, as loaded with its detail.
public struct RuleSuggestions: Sendable, Equatable {
    /// The rule's entity key.
    public var rule: String
    public var items: [StoredSuggestion]

    public init(rule: String, items: [StoredSuggestion]) {
        self.rule = rule
        self.items = items
    }

    /// Suggestions waiting for the author.
    public var pending: [StoredSuggestion] { items.filter { $0.suggestion.state == .pending } }
}

/// The suggestions overlay over the rule pane: the selected rule's suggestions, one of
/// them selected, each accepted or rejected with one key.
public struct SuggestionsView: Sendable, Equatable {
    /// The rule's entity key and ID: if the selection moves to another rule, it closes.
    public var rule: String
    public var ruleID: String
    public var selected: Int

    public init(rule: String, ruleID: String, selected: Int = 0) {
        self.rule = rule
        self.ruleID = ruleID
        self.selected = selected
    }
}

/// A suggestion run in the background, as the status bar shows it: rules asked of all.
public struct SuggestionRunStatus: Sendable, Equatable {
    public var done: Int
    public var total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}
