/// A text being edited in the built-in editor (``TextArea``): a pair's answer, a boundary
/// example in the ``ExampleFile`` format, or a rule's rationale. No workbench shortcut
/// fires while it is open; only the keymap's text-editor keys (save, cancel, undo, redo).
public struct TextEdit: Sendable, Equatable {
    /// What the text is, and where it is saved.
    public enum Subject: Sendable, Equatable {
        /// The chosen (or rejected) answer of a pair.
        case answer(pair: String, chosen: Bool)
        /// A boundary example of a rule: `nil` adds one; a number edits that example.
        case example(key: String, ruleID: String, number: Int?)
        case rationale(key: String, ruleID: String)
        /// A midtraining document's text.
        case document(id: String)
        /// The chosen answer of a new pair whose rejected answer is a failing response.
        case evalChosen(EvalConversion)
    }

    public var subject: Subject
    /// What the screen's first line says is being edited.
    public var title: String
    /// The revision (of the pair or the rule) the text was opened at: a save fails if
    /// someone else changed it since.
    public var revision: Int
    /// The text as stored when it was opened: a save of the same text saves nothing.
    public var base: String
    public var area: TextArea
    /// Why the last save was refused, or what a conflict needs from the user.
    public var problem: String?
    /// Cancel was pressed with unsaved changes: the next cancel discards them.
    public var confirmingCancel = false
    /// The merge view this edit was opened from (its edit key): cancelling goes back to it,
    /// with yours and theirs as they were, not to the screen under it with both dropped.
    public var returnTo: MergeReturn?

    public init(subject: Subject, title: String, revision: Int, text: String) {
        self.subject = subject
        self.title = title
        self.revision = revision
        base = text
        area = TextArea(text)
    }

    /// The rule the text belongs to, for examples and the rationale.
    public var ruleKey: String? {
        switch subject {
        case .answer, .document, .evalChosen: return nil
        case .example(let key, _, _), .rationale(let key, _): return key
        }
    }

    /// Whether closing would lose typed text.
    public var hasUnsavedChanges: Bool { area.isModified && area.text != base }
}

/// A merge view to go back to (boxed: a merge view holds the edit that holds it).
public indirect enum MergeReturn: Sendable, Equatable {
    case merge(MergeView)
}
