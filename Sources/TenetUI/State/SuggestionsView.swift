import TenetStore

/// The selected rule's suggested annotations, as loaded with its detail.
public struct RuleSuggestions: Sendable, Equatable {
    /// The rule's entity key.
    public var rule: String
    public var items: [StoredSuggestion]
}

/// The suggestions overlay over the rule pane: the selected rule's suggestions, one of
/// them selected, each accepted or rejected with one key.
public struct SuggestionsView: Sendable, Equatable {
    /// The rule's entity key and ID: if the selection moves to another rule, it closes.
    public var rule: String
    public var ruleID: String
    public var selected = 0
}

/// A suggestion run in the background, as the status bar shows it: rules asked of all.
public struct SuggestionRunStatus: Sendable, Equatable {
    public var done: Int
    public var total: Int
}
