/// The one table of key bindings. Lookup, the help screen and the hints all read it, and
/// the config file rebinds it.
public struct Keymap: Sendable, Equatable {
    public private(set) var bindings: [Binding]

    public init(bindings: [Binding] = Keymap.defaults) {
        self.bindings = bindings
    }

    /// The command a key runs in a context (a context's own bindings win over global ones).
    public func command(for key: Key, in context: KeyContext) -> Command? {
        if let own = bindings.first(where: { $0.contexts.contains(context) && $0.keys.contains(key) }) { return own.command }
        if context == .textArea { return nil }
        return bindings.first(where: { $0.contexts.contains(.global) && $0.keys.contains(key) })?.command
    }

    /// The bindings active in a context, its own first.
    public func bindings(in context: KeyContext) -> [Binding] {
        bindings.filter { $0.contexts.contains(context) }
            + (context == .global || context == .textArea ? [] : bindings.filter { $0.contexts.contains(.global) })
    }

    /// The keys of a command, as people read them (`j/↓`).
    public func label(_ command: Command) -> String {
        bindings.first { $0.command == command }.map { $0.keys.map(\.label).joined(separator: "/") } ?? ""
    }

    /// The first key of a command as people read it, or the command's name when it is
    /// unbound: what messages and hints name.
    public func name(_ command: Command) -> String { firstKey(command)?.label ?? command.rawValue }

    /// "j/k scrolls", with the keys as bound.
    public var scrollHint: String { name(.moveDown) + "/" + name(.moveUp) + " scrolls" }

    /// The first key of a command, for hints.
    public func firstKey(_ command: Command) -> Key? { bindings.first { $0.command == command }?.keys.first }

    /// Gives commands new keys (an empty list unbinds). A key taken from another command
    /// in an overlapping context is removed from it, so one key never does two things.
    /// Returns a note for each command so left with no key that the changes did not
    /// unbind on purpose: copying `set-safety = S` took the only key of `suggestions`.
    @discardableResult
    public mutating func rebind(_ changes: [String: [Key]]) -> [String] {
        var taken: [Command: [(key: Key, by: Command)]] = [:]
        for (name, keys) in changes.sorted(by: { $0.key < $1.key }) {
            guard let command = Command(rawValue: name), let index = bindings.firstIndex(where: { $0.command == command }) else { continue }
            let contexts = bindings[index].contexts
            // A global binding overlaps every context, and every context overlaps global —
            // but the text editor's, where global keys are text.
            func overlaps(_ other: Set<KeyContext>) -> Bool {
                if contexts == [.textArea] || other == [.textArea] { return !other.isDisjoint(with: contexts) }
                return contexts.contains(.global) || other.contains(.global) || !other.isDisjoint(with: contexts)
            }
            for other in bindings.indices where other != index && overlaps(bindings[other].contexts) {
                for key in bindings[other].keys where keys.contains(key) { taken[bindings[other].command, default: []].append((key, command)) }
                bindings[other].keys.removeAll { keys.contains($0) }
            }
            bindings[index].keys = keys
        }
        return taken.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { command in
            guard bindings.first(where: { $0.command == command })?.keys.isEmpty == true, changes[command.rawValue] == nil,
                  let last = taken[command]?.last else { return nil }
            return "[keys]: \(last.key.label) is now \(last.by.rawValue), and \(command.rawValue) has no key left; give it one (\(command.rawValue) = …)"
        }
    }

    /// The Alt chords the workbench acts on: the text editors' own and any bound in this
    /// table. The terminal reads ESC arriving together with one of these characters as
    /// the chord, and ESC with any other key as Esc, then that key.
    public var altChords: Set<Character> {
        Self.editorAltChords.union(bindings.flatMap(\.keys).compactMap { key -> Character? in
            if case .alt(let c) = key { return c }
            return nil
        })
    }

    /// The Alt chords ``TextArea`` and ``LineEditor`` handle themselves (not from this
    /// table): a word back, forward, deleted; the start and the end of the text.
    public static let editorAltChords: Set<Character> = ["b", "f", "d", "<", ">"]

    /// The names the config file may rebind.
    public static var commandNames: Set<String> { Set(Command.allCases.map(\.rawValue)) }

    /// Defaults from the keys people already know (tig, lazygit, Prodigy, vi).
    public static let defaults: [Binding] = [
        Binding(.moveDown, [.char("j"), .down], [.spec, .history, .list, .instantiate, .review, .documents, .export, .suggestions, .evaluation], group: "Move", "Next rule or line"),
        Binding(.moveUp, [.char("k"), .up], [.spec, .history, .list, .instantiate, .review, .documents, .export, .suggestions, .evaluation], group: "Move", "Previous rule or line"),
        Binding(.pageDown, [.pageDown, .ctrl("d"), .ctrl("f")], [.spec, .history, .list, .instantiate, .review, .documents, .evaluation], group: "Move", "Page down"),
        Binding(.pageUp, [.pageUp, .ctrl("u"), .ctrl("b")], [.spec, .history, .list, .instantiate, .review, .documents, .evaluation], group: "Move", "Page up"),
        Binding(.top, [.char("g"), .home], [.spec, .history, .list, .evaluation], group: "Move", "First line"),
        Binding(.bottom, [.char("G"), .end], [.spec, .history, .list, .evaluation], group: "Move", "Last line"),
        Binding(.toggleFold, [.char(" "), .enter], [.spec], group: "Move", hint: "fold", "Fold or unfold a section; on a rule, read it"),
        Binding(.fold, [.char("h"), .left], [.spec, .export], group: "Move", "Fold the section, or go to it (export: the choice before)"),
        Binding(.unfold, [.char("l"), .right], [.spec], group: "Move", "Unfold the section"),
        Binding(.foldAll, [.char("Z")], [.spec], group: "Move", "Fold or unfold every section"),
        Binding(.switchPane, [.tab, .backTab], [.spec, .review], group: "Move", "Switch between the tree and the rule (review: which text j/k scrolls)"),
        Binding(.followReference, [.char(">")], [.spec], group: "Move", "Follow the rule's cross reference"),
        Binding(.jumpBack, [.char("<")], [.spec], group: "Move", "Back to where you followed it from"),

        Binding(.search, [.char("/")], [.spec, .review], group: "Find", hint: "search", "Search rule IDs, titles and text (review: pairs whose prompt or answers contain it)"),
        Binding(.nextMatch, [.char("n")], [.spec], group: "Find", "Next match"),
        Binding(.previousMatch, [.char("N")], [.spec], group: "Find", "Previous match"),
        Binding(.cycleFilter, [.char("f")], [.spec], group: "Find", hint: "filter",
                "Filter: all, unclassified, safety, behavioral, no examples, no rationale, lint problems"),
        Binding(.commandLine, [.char(":")], [.spec], group: "Find",
                "Command line (Tab completes): the commands are listed at the end"),

        Binding(.setSafety, [.char("s")], [.spec], group: "Annotate", hint: "safety", "Kind: safety (a violation fails the answer)"),
        Binding(.setBehavioral, [.char("b")], [.spec], group: "Annotate", hint: "behavioral", "Kind: behavioral (how a good answer looks)"),
        Binding(.clearKind, [.char("c")], [.spec], group: "Annotate", "Kind: back to what the file says"),
        Binding(.cycleDirection, [.char("d")], [.spec], group: "Annotate", "Direction: require, prohibit, as in the file"),
        Binding(.editRationale, [.char("r")], [.spec], group: "Annotate", hint: "rationale", "Edit the rationale (several lines, in the text editor)"),
        Binding(.annotate, [.char("a")], [.spec], group: "Annotate", hint: "annotate",
                "Edit a field: scope, rationale, exceptions, family, concreteness, priority"),
        Binding(.addExample, [.char("A")], [.spec], group: "Annotate", "Add a boundary example (in the text editor, or $EDITOR when set)"),
        Binding(.editExample, [.char("E")], [.spec], group: "Annotate", "Edit a boundary example added in Tenet (in the text editor, or $EDITOR when set)"),
        Binding(.editSpec, [.char("e")], [.spec], group: "Annotate", hint: "edit spec", "Edit the spec file at this rule (in $EDITOR; not in a served session)"),
        Binding(.undo, [.char("u"), .backspace], [.spec, .history, .review, .documents, .suggestions, .evaluation], group: "Annotate", hint: "undo",
                "Undo your last change (review: your last decision or edit, and go back to it)"),
        Binding(.redo, [.ctrl("r")], [.spec, .history, .review, .documents, .suggestions, .evaluation], group: "Annotate", "Redo"),
        Binding(.suggestions, [.char("S")], [.spec], group: "Annotate",
                "Suggested annotations of the rule (a model's, or the built-in reading): accept or reject each field; :suggest asks for them"),
        Binding(.acceptSuggestion, [.char("a")], [.suggestions], group: "Annotate", hint: "accept",
                "Suggestions: accept the selected one (its value becomes your annotation) and go to the next"),
        Binding(.rejectSuggestion, [.char("x")], [.suggestions], group: "Annotate", hint: "reject",
                "Suggestions: reject the selected one (recorded) and go to the next"),

        Binding(.history, [.char("H")], [.spec, .history, .review], group: "Views", hint: "history", "History of the rule (review: of the pair)"),
        Binding(.toggleBlame, [.char("B")], [.history], group: "Views", "Blame: who last set each field"),
        Binding(.instantiate, [.char("I")], [.spec], group: "Views", hint: "instantiate",
                "Instantiate the spec: sample rules under controls, preview, save, generate pairs"),
        Binding(.help, [.char("?"), .function(1)], [.global], group: "Views", hint: "help", "Keys"),
        Binding(.back, [.char("q"), .escape], [.history, .list, .instantiate, .review, .documents, .export, .merge, .suggestions, .evaluation], group: "Views", "Close (the merge view: back to your text)"),
        Binding(.export, [.char("X")], [.spec], group: "Views",
                "Export pairs (trl, openai, distilabel, hf) or the annotated rules (json, markdown, specbench, msm)"),
        Binding(.review, [.char("R")], [.spec], group: "Views", hint: "review", "Review this spec's pairs, one at a time"),
        Binding(.evaluation, [.char("V")], [.spec], group: "Views", hint: "eval",
                "Evaluation runs: scores, per-rule bars worst first, a rule's failing responses (also :eval RUN)"),

        Binding(.openItem, [.enter, .char("l"), .right], [.evaluation], group: "Evaluation", hint: "open",
                "Open the run, the rule's failing responses, or the response in full"),
        Binding(.failureExample, [.char("b")], [.evaluation], group: "Evaluation", hint: "BAD example",
                "On a failing response: add it as a BAD boundary example on the rule (undoable)"),
        Binding(.failurePair, [.char("p")], [.evaluation], group: "Evaluation", hint: "pair",
                "On a failing response: a pending preference pair for review (rejected: the response; chosen: written in the editor or generated)"),

        Binding(.accept, [.char("a")], [.review, .documents], group: "Review", hint: "accept", "Accept the pair (or document) and go on"),
        Binding(.reject, [.char("x")], [.review, .documents], group: "Review", hint: "reject", "Reject the pair (or document) and go on"),
        Binding(.skip, [.char(" ")], [.review, .documents], group: "Review", hint: "skip", "Skip it, no verdict (a pair is not served to you again; a document comes back in your next review)"),
        Binding(.flag, [.char("f")], [.review, .documents], group: "Review", hint: "flag", "Flag it for an adjudicator, with an optional reason"),
        Binding(.swap, [.char("s")], [.review], group: "Review", hint: "swap", "Swap chosen and rejected (the original is kept)"),
        Binding(.editAnswer, [.char("e")], [.review, .documents], group: "Review", hint: "edit", "Edit the chosen or the rejected answer (text editor, or $EDITOR when set; shown as a diff); a document: its text"),
        Binding(.nextPair, [.char("n")], [.review, .documents], group: "Review", "Next pair without deciding"),
        Binding(.previousPair, [.char("p")], [.review, .documents], group: "Review", "Back to the pair before (recent decisions can be changed)"),
        Binding(.toggleBlind, [.char("b")], [.review], group: "Review", hint: "blind", "Blind mode: answers as A and B in random order"),
        Binding(.preferA, [.char("1")], [.review], group: "Review", "Blind: A is better"),
        Binding(.preferB, [.char("2")], [.review], group: "Review", "Blind: B is better"),
        Binding(.tie, [.char("0")], [.review], group: "Review", "Blind: a tie"),
        Binding(.toggleRule, [.char("r")], [.review], group: "Review", hint: "rule", "The targeted rule in full, or the answers again"),
        Binding(.ruleProgress, [.char("P")], [.review], group: "Review", "Progress per rule: pairs finished of all, by status"),
        Binding(.filterQueue, [.char("F")], [.review], group: "Review", hint: "filter",
                "Filter the queue: status=, rule=, strategy=, generator= (empty: pending, all)"),

        Binding(.nextSeed, [.char("n")], [.instantiate], group: "Instantiate", hint: "seed", "Next seed (p: previous)"),
        Binding(.previousSeed, [.char("p")], [.instantiate], group: "Instantiate", "Previous seed"),
        Binding(.moreRules, [.char("+"), .char("=")], [.instantiate], group: "Instantiate", hint: "rules", "More rules (the range moves up by one)"),
        Binding(.fewerRules, [.char("-")], [.instantiate], group: "Instantiate", "Fewer rules"),
        Binding(.cycleCoverage, [.char("c")], [.instantiate], group: "Instantiate", hint: "coverage", "Coverage: sections, families, none"),
        Binding(.cycleSafetyShare, [.char("b")], [.instantiate], group: "Instantiate", hint: "balance",
                "Safety share: as in the spec, 25%, 50%, 75%"),
        Binding(.toggleFormat, [.char("o")], [.instantiate], group: "Instantiate", hint: "format", "Text: system prompt or SpecBench turn"),
        Binding(.toggleUnclassified, [.char("U")], [.instantiate], group: "Instantiate", "Let unclassified rules in, or not"),
        Binding(.saveInstantiation, [.char("w")], [.instantiate], group: "Instantiate", hint: "save", "Save the instance under a name"),
        Binding(.generate, [.char("x")], [.instantiate], group: "Instantiate", hint: "generate",
                "Generate pairs from the saved instance with the configured provider, in the background"),
        Binding(.stopGeneration, [.char("X")], [.instantiate], group: "Instantiate",
                "Stop the running generation, keeping the pairs made so far (also :stop)"),
        Binding(.changeOption, [.char(" "), .enter, .char("l"), .right], [.export], group: "Export", hint: "change",
                "Change the row's choice, or type it (Decided by, Changed, As of, Instance, Output)"),
        Binding(.runExport, [.char("w")], [.export], group: "Export", hint: "write", "Write the export (the file appears only when complete)"),
        Binding(.stopExport, [.char("X")], [.export], group: "Export", "Stop the running export; the target is left as it was"),
        Binding(.quit, [.char("q"), .ctrl("c")], [.global], group: "Views", hint: "quit", "Quit (back, in a pane)"),

        Binding(.keepMine, [.char("m")], [.merge], group: "Merge", hint: "mine", "Save yours over theirs"),
        Binding(.keepTheirs, [.char("t")], [.merge], group: "Merge", hint: "theirs", "Keep theirs; yours is dropped"),
        Binding(.editAgain, [.char("e")], [.merge], group: "Merge", hint: "edit",
                "Edit yours with theirs in view, then save (the text editor marks theirs)"),
        Binding(.yes, [.char("y")], [.confirm], group: "Questions", hint: "yes", "Yes"),
        Binding(.no, [.char("n"), .escape], [.confirm], group: "Questions", hint: "no", "No"),

        // Raw mode: Ctrl-S, Ctrl-Q and Ctrl-Z arrive as keys, never as flow control or suspend.
        Binding(.saveText, [.ctrl("s"), .function(2)], [.textArea], group: "Text editor", hint: "save",
                "Save the text being edited (an answer, an example, the rationale)"),
        Binding(.cancelText, [.escape, .ctrl("q")], [.textArea], group: "Text editor", hint: "cancel",
                "Close without saving (with unsaved changes: asks first, once)"),
        Binding(.undoText, [.ctrl("z")], [.textArea], group: "Text editor", hint: "undo", "Undo the last change to the text"),
        Binding(.redoText, [.ctrl("y"), .ctrl("r")], [.textArea], group: "Text editor", hint: "redo", "Redo the change undone"),
    ]
}
