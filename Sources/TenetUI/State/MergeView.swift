/// A save that lost a race: what this person typed and what someone else saved first, side
/// by side, until they choose which stands. Nothing is written before that choice, and
/// nothing typed is lost: going back reopens the editor with it.
public struct MergeView: Sendable, Equatable {
    /// What was typed, to save or to reopen.
    public enum Typed: Sendable, Equatable {
        /// A one-line annotation.
        case field(FieldEdit)
        /// A text from the built-in editor: an answer, an example, the rationale.
        case text(TextEdit)
    }

    public var typed: Typed
    /// What the text is (`Scope of R-12`, `Chosen answer of pair p-1a2b`).
    public var title: String
    public var yours: String
    public var theirs: String
    /// Who saved theirs, and the revision it is at now.
    public var author: String
    public var revision: Int
    public var scroll = 0

    public init(typed: Typed, title: String, yours: String, theirs: String, author: String, revision: Int) {
        self.typed = typed
        self.title = title
        self.yours = yours
        self.theirs = theirs
        self.author = author
        self.revision = revision
    }
}

/// A question asked before something that cannot be taken back.
public struct Confirmation: Sendable, Equatable {
    /// What a yes does.
    public enum Consequence: Sendable, Equatable {
        /// Leave the program (stopping the work still running).
        case quit
    }

    /// What is at stake, in a sentence.
    public var question: String
    public var consequence: Consequence

    public init(question: String, consequence: Consequence) {
        self.question = question
        self.consequence = consequence
    }
}
