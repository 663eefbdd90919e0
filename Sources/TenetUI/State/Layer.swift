import TenetStore

/// One layer of the workbench's stack (``WorkbenchState/layers``): a screen, or an overlay
/// drawn over the screen beneath it. The top layer has the keyboard; `q` and `Esc` close it
/// and uncover the one beneath; only the bottom layer leaves the program.
public enum Layer: Sendable, Equatable {
    // Screens: each fills the body.

    /// The spec view: tree and rule.
    case browse
    /// The project has no specs yet.
    case welcome
    /// A rule's history, in place of the rule pane.
    case history(HistoryView)
    /// The instantiation screen.
    case instantiate(InstantiateView)
    /// What a re-import of the spec changed.
    case changes(ChangesView)
    /// The review screen (its state is ``WorkbenchState/review``).
    case review
    /// The export screen.
    case export(ExportView)
    /// Reviewing midtraining documents.
    case documents(DocumentReviewView)
    /// The evaluation screen: runs, a run's summary, a rule's failing responses, one response.
    case evaluation(EvalView)

    // Overlays: drawn over the screen beneath, which keeps its state.

    /// The keys.
    case help(scroll: Int)
    /// A choice of a few items, each picked by one key.
    case menu(Menu)
    /// Editing an annotation in a text field: no shortcut fires.
    case edit(FieldEdit)
    /// Editing a longer text (an answer, an example, the rationale) in the built-in
    /// editor: no shortcut fires but the text editor's own.
    case text(TextEdit)
    /// Typing a search or a command at the bottom line: no shortcut fires.
    case prompt(Prompt)
    /// A one-line entry over the review (a flag's reason, which answer, a search, a filter).
    case reviewEntry(ReviewEntry)
    /// A save lost a race: both texts, and the choice of which one stands.
    case merge(MergeView)
    /// A question before something that cannot be taken back (quitting with work running).
    case confirm(Confirmation)
    /// The selected rule's suggested annotations, over the rule pane: each accepted or
    /// rejected with one key.
    case suggestions(SuggestionsView)

    /// Whether the layer is drawn over another (else it is a screen of its own).
    public var isOverlay: Bool {
        switch self {
        case .browse, .welcome, .history, .instantiate, .changes, .review, .export, .documents, .evaluation: return false
        case .help, .menu, .edit, .text, .prompt, .reviewEntry, .merge, .confirm, .suggestions: return true
        }
    }
}

/// An annotation being edited in place.
public struct FieldEdit: Sendable, Equatable {
    public var field: AnnotationField
    public var key: String
    public var ruleID: String
    /// The rule revision the edit started from: saving fails if someone else changed it.
    public var revision: Int
    public var editor: LineEditor
    /// The value as it was when the edit started: if someone else's change left it as it
    /// was, a save on their newer revision overwrites nothing of theirs.
    public var original: String
    /// Why the last Enter was refused.
    public var problem: String?

    public init(field: AnnotationField, key: String, ruleID: String, revision: Int, text: String, problem: String? = nil) {
        self.field = field
        self.key = key
        self.ruleID = ruleID
        self.revision = revision
        editor = LineEditor(text)
        original = text
        self.problem = problem
    }
}

/// The bottom-line text entry.
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case search, command }
    public var kind: Kind
    public var editor: LineEditor
    /// Selection to go back to when a search is cancelled.
    public var origin: String?
    /// Search as you type found nothing for the text so far.
    public var noMatch = false
    /// What the last Tab found (the choices, or that there are none), until the next key.
    public var completion: String?
}

/// The summary of a re-import, line by line.
public struct ChangesView: Sendable, Equatable {
    public var title: String
    public var lines: [StyledLine]
    public var scroll = 0
}

extension Layer {
    /// Typing at the bottom line (a search or a command), which the bottom line then shows.
    var isPrompt: Bool {
        if case .prompt = self { return true }
        return false
    }
}
