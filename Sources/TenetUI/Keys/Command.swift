/// Everything a key can do in the workbench. The raw value is the name used in the
/// config file's `[keys]` section and in the help screen.
public enum Command: String, CaseIterable, Sendable, Hashable {
    // Moving
    case moveDown = "move-down", moveUp = "move-up", pageDown = "page-down", pageUp = "page-up"
    case top, bottom
    case fold, unfold, toggleFold = "toggle-fold", foldAll = "fold-all"
    case switchPane = "switch-pane"
    case followReference = "follow-reference", jumpBack = "jump-back"
    // Finding
    case search, nextMatch = "next-match", previousMatch = "previous-match"
    case cycleFilter = "cycle-filter", commandLine = "command-line"
    // Annotating
    case setSafety = "set-safety", setBehavioral = "set-behavioral", clearKind = "clear-kind"
    case cycleDirection = "cycle-direction"
    case editRationale = "edit-rationale", annotate
    case addExample = "add-example", editExample = "edit-example"
    case editSpec = "edit-spec"
    case undo, redo
    // Suggested annotations
    case suggestions, acceptSuggestion = "accept-suggestion", rejectSuggestion = "reject-suggestion"
    // Views
    case history, toggleBlame = "toggle-blame"
    case instantiate
    case nextSeed = "next-seed", previousSeed = "previous-seed", moreRules = "more-rules", fewerRules = "fewer-rules"
    case cycleCoverage = "cycle-coverage", cycleSafetyShare = "cycle-safety-share", toggleFormat = "toggle-format"
    case toggleUnclassified = "toggle-unclassified", saveInstantiation = "save-instantiation", generate,
         stopGeneration = "stop-generation"
    // Reviewing pairs
    case review
    case accept, reject, skip, flag, swap, editAnswer = "edit-answer"
    case nextPair = "next-pair", previousPair = "previous-pair"
    case toggleBlind = "toggle-blind", preferA = "prefer-a", preferB = "prefer-b", tie
    case toggleRule = "toggle-rule", filterQueue = "filter-queue", ruleProgress = "rule-progress"
    // Exporting
    case export, changeOption = "change-option", runExport = "run-export", stopExport = "stop-export"
    // Evaluation runs
    case evaluation, openItem = "open-item", failureExample = "failure-example", failurePair = "failure-pair"
    case help, back, quit
    // A save that lost a race (the merge view), and questions
    case keepMine = "keep-mine", keepTheirs = "keep-theirs", editAgain = "edit-again"
    case yes, no
    // The built-in text editor
    case saveText = "save-text", cancelText = "cancel-text", undoText = "undo-text", redoText = "redo-text"
}

/// Where a key binding applies.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    /// Everywhere outside text entry.
    case global
    /// The spec view: rule tree and rule detail.
    case spec
    /// The history pane of a rule.
    case history
    /// A pop-up list (help, changes).
    case list
    /// The instantiation screen.
    case instantiate
    /// The review screen: one pair at a time.
    case review
    /// The export screen.
    case export
    /// Reviewing midtraining documents: the pair review's keys, one document at a time.
    case documents
    /// The evaluation screen: runs, a run's per-rule bars, a rule's failing responses.
    case evaluation
    /// The merge view: a save that lost a race, both texts shown.
    case merge
    /// A yes-or-no question (quitting with work running).
    case confirm
    /// The suggested annotations of a rule, over the rule pane.
    case suggestions
    /// The built-in text editor. Only its own bindings apply there (no global ones): every
    /// other key is text.
    case textArea = "text-area"
}

/// One entry of the keymap: the keys, what they do and where. The same table drives
/// dispatch, the help screen and the status-bar hints.
public struct Binding: Sendable, Equatable {
    public var command: Command
    public var keys: [Key]
    public var contexts: Set<KeyContext>
    /// What the help screen says.
    public var description: String
    /// The group the help screen lists it under.
    public var group: String
    /// A short label for the status-bar hints (`nil`: not hinted).
    public var hint: String?

    public init(_ command: Command, _ keys: [Key], _ contexts: Set<KeyContext>, group: String, hint: String? = nil,
                _ description: String) {
        self.command = command
        self.keys = keys
        self.contexts = contexts
        self.description = description
        self.group = group
        self.hint = hint
    }
}
