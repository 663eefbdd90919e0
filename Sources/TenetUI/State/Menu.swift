/// A choice of a few items, each picked by one key.
public struct Menu: Sendable, Equatable {
    public enum Choice: Sendable, Equatable {
        case field(AnnotationField)
        case reference(String)
        case example(Int)
        /// The chosen answer of a pair from a failing response: written in the editor, or generated.
        case evalChosen(EvalConversion, generate: Bool)
    }

    public struct Item: Sendable, Equatable {
        public var key: Character
        public var label: String
        public var choice: Choice
    }

    public var title: String
    /// The rule the menu acts on: if the selection moves (a live reload), the menu closes.
    public var ruleKey: String?
    public var items: [Item]
}
