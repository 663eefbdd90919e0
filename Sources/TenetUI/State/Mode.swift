import TenetStore

/// What has the keyboard: browsing, a pop-up, or a text field.
public enum Mode: Sendable, Equatable {
    /// The spec view: tree and rule.
    case browse
    /// The project has no specs yet.
    case welcome
    case help(scroll: Int)
    case history(HistoryView)
    /// The instantiation screen.
    case instantiate(InstantiateView)
    case menu(Menu)
    /// Editing an annotation in a text field: no shortcut fires.
    case edit(FieldEdit)
    /// Editing a longer text (an answer, an example, the rationale) in the built-in
    /// editor: no shortcut fires but the text editor's own.
    case text(TextEdit)
    /// Typing a search or a command at the bottom line: no shortcut fires.
    case prompt(Prompt)
    /// What a re-import of the spec changed.
    case changes(ChangesView)
    /// The review screen (its state is ``WorkbenchState/review``).
    case review
    /// The export screen.
    case export(ExportView)
}

/// A choice of a few items, each picked by one key.
public struct Menu: Sendable, Equatable {
    public enum Choice: Sendable, Equatable {
        case field(AnnotationField)
        case reference(String)
        case example(Int)
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

/// An annotation being edited in place.
public struct FieldEdit: Sendable, Equatable {
    public var field: AnnotationField
    public var key: String
    public var ruleID: String
    /// The rule revision the edit started from: saving fails if someone else changed it.
    public var revision: Int
    public var editor: LineEditor
    /// Why the last Enter was refused.
    public var problem: String?
    /// The save failed on someone else's newer revision and the user was told: the next
    /// Enter saves over it. Until then a newer revision never silently becomes the base.
    public var overwriteAcknowledged = false
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
}

/// A rule's history as the history pane shows it.
public struct HistoryView: Sendable, Equatable {
    public var key: String
    public var ruleID: String
    public var entries: [LogEntry] = []
    public var selected = 0
    /// Field changes of the selected entry's revision, once loaded.
    public var changes: [FieldChange]?
    public var changesRevision: Int?
    public var blame: [BlameLine] = []
    public var showBlame = false
    public var loading = true

    public init(key: String, ruleID: String) {
        self.key = key
        self.ruleID = ruleID
    }
}

/// The summary of a re-import, line by line.
public struct ChangesView: Sendable, Equatable {
    public var title: String
    public var lines: [StyledLine]
    public var scroll = 0
}

extension Mode {
    /// Typing at the bottom line (a search or a command), which the bottom line then shows.
    var isPrompt: Bool {
        if case .prompt = self { return true }
        return false
    }
}
