import TenetSpec
import TenetStore

/// What an effect found, as data: the reducer words it (with the keys as the keymap has
/// them), so the shell never writes to the user itself.

/// An undo or redo that went through.
public struct Reversal: Sendable, Equatable {
    /// Undo (else redo).
    public var undo: Bool
    /// The changeset undone or redone, and the changeset that did it.
    public var original: Int64
    public var changeset: Int64
    /// What it touched, by short name (at most a few), and how many in all.
    public var names: [String]
    public var count: Int
    /// The pair it touched, if any (the review shows it).
    public var pair: String?
    /// For a redo, the undo it took back (what `tenet log` and `tenet redo` name).
    public var undone: Int64?
    /// What the changeset undone or redone was, as its message says ("generate 5 pairs
    /// from travel-1"), when known.
    public var what: String?

    public init(undo: Bool, original: Int64, changeset: Int64, names: [String], count: Int, pair: String?, undone: Int64? = nil,
                what: String? = nil) {
        self.undone = undone
        self.what = what
        self.undo = undo
        self.original = original
        self.changeset = changeset
        self.names = names
        self.count = count
        self.pair = pair
    }
}

/// How a background generation ended.
public struct GenerationOutcome: Sendable, Equatable {
    public var instantiation: String
    /// The provider, as named in messages (`offline`, `openai gpt-4o`).
    public var provider: String
    /// Pairs asked for, drawn (distinct), kept, and dropped by a quality gate.
    public var asked: Int
    public var taken: Int
    public var kept: Int
    public var dropped: Int
    /// Failed pairs by the gate they failed first.
    public var failedBy: [QualityCheck.Gate: Int]
    /// The instance's rules the run could not probe.
    public var skipped: [SkippedRule]
    /// Stopped by the user before the end.
    public var stopped: Bool
    /// Why it stopped early or did not start (a provider or save problem).
    public var problem: String?

    /// Made but already in the project (or made twice in the run): not new.
    public var duplicates: Int

    public init(instantiation: String, provider: String, asked: Int, taken: Int = 0, kept: Int = 0, dropped: Int = 0, duplicates: Int = 0,
                failedBy: [QualityCheck.Gate: Int] = [:], skipped: [SkippedRule] = [], stopped: Bool = false, problem: String? = nil) {
        self.duplicates = duplicates
        self.failedBy = failedBy
        self.skipped = skipped
        self.instantiation = instantiation
        self.provider = provider
        self.asked = asked
        self.taken = taken
        self.kept = kept
        self.dropped = dropped
        self.stopped = stopped
        self.problem = problem
    }

    /// How it ended, in a sentence (made terminal-safe).
    public var summary: String {
        if let problem, taken == 0, !stopped { return "Generation not started: " + SafeText.visible(problem) }
        if let problem { return "Generation stopped: \(SafeText.visible(problem)) · \(kept) pairs kept" }
        if stopped { return "Generation stopped · \(kept) pairs kept" }
        var summary = "Generated \(kept) pairs from \(SafeText.visible(instantiation)) (\(SafeText.visible(provider)))"
        if dropped > 0 { summary += ", \(dropped) dropped" + (QualityCheck.summary(failedBy: failedBy).map { " (\($0))" } ?? "") }
        if taken < asked { summary += "; only \(taken) distinct could be drawn — widen the instance or use a model provider" }
        else if kept < asked, duplicates > 0 {
            // Drawn, but the project had them: say why there are fewer new pairs than asked.
            summary += "; \(kept) new of the \(asked) asked for, \(duplicates) already in the project — "
                + "this instance gives no more distinct pairs: widen it (more rules, unclassified ones) or use a model provider"
        }
        if let skipped = SkippedRule.summary(skipped, shown: 2) { summary += " · " + SafeText.visible(skipped) }
        return summary
    }
}

/// How a background suggestion run ended (or why it did not start).
public struct SuggestionRunOutcome: Sendable, Equatable {
    public var spec: String
    /// Who made the suggestions, as messages name it (`openai gpt-4o`, `offline heuristics, no model`).
    public var source: String
    /// Rules asked about, answered, and whose answer could not be read; rules that needed nothing.
    public var rules: Int
    public var asked: Int
    public var unreadable: Int
    public var complete: Int
    /// Suggestions saved.
    public var saved: Int
    /// Stopped by the user before the end.
    public var stopped: Bool
    /// Why it stopped early or did not start.
    public var problem: String?

    public init(spec: String, source: String, rules: Int = 0, asked: Int = 0, unreadable: Int = 0, complete: Int = 0, saved: Int = 0,
                stopped: Bool = false, problem: String? = nil) {
        self.spec = spec
        self.source = source
        self.rules = rules
        self.asked = asked
        self.unreadable = unreadable
        self.complete = complete
        self.saved = saved
        self.stopped = stopped
        self.problem = problem
    }
}

/// Something the shell could not do for a reason the user can act on.
public enum Hindrance: Sendable, Equatable {
    /// No rule or section by that ID in any spec of the project.
    case noSuchRule(String)
    /// The session has no external editor (a served session): texts open in the built-in one.
    case noExternalEditor
    /// A draft could not be written (to merge an edit with theirs); the text is still in it.
    case draftUnwritable(String)
    /// The queue's finished pairs could not be counted.
    case uncounted
    /// The sample specs are not installed where Tenet looked.
    case noSamples
    /// A spec's file is not where it was imported from.
    case specFileMissing(String)
    /// An example typed in the external editor does not read or does not check out: the
    /// draft is kept.
    case exampleInvalid(path: String, problems: [ExampleFile.Problem], adding: Bool)
    /// An answer typed in the external editor still has merge markers (the draft is kept).
    case mergeMarkersLeft
    /// An answer typed in the external editor is empty.
    case emptyAnswer
    /// An answer typed in the external editor fails the checks every stored pair passes
    /// (a control character, over 256 KiB, the same as the other answer): the draft is kept.
    case answerRefused(String)
    /// A decision met someone else's change to the pair: it is shown as it is now.
    case pairChanged(author: String?, fields: [String])
    /// An answer typed in the external editor met someone else's change (the draft is kept
    /// for the next edit, with theirs).
    case answerChangedExternally(author: String)
    /// A suggestion was decided on after someone's new run replaced it: shown as it is now.
    case suggestionChanged(author: String)
}

/// Nothing was written, and why that is fine.
public enum NoChange: Sendable, Equatable {
    /// An example left empty in the editor.
    case emptyExample
    /// An example saved from the editor as it was.
    case example(number: Int)
    /// The spec's file was opened in the editor and not changed.
    case specFile(String)
    /// An answer came back from the external editor as it was.
    case answer(chosen: Bool)
}
