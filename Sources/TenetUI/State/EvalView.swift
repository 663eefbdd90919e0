import TenetSpec
import TenetStore

/// The evaluation screen (`V` in the spec view, `:eval [RUN]`): the runs, newest first;
/// a run's summary with per-rule bars, worst first; a rule's failing responses; one
/// response in full. Each level is a step deeper; `q`/`Esc` goes back one step.
public struct EvalView: Sendable, Equatable {
    /// How deep the screen is.
    public enum Level: Sendable, Equatable { case runs, summary, failures, response }

    public var level: Level = .runs
    /// The runs, newest first (`nil`: still loading).
    public var runs: [EvalRunListing]?
    public var runSelected = 0
    /// The run opened (Enter on a run, or `:eval RUN`), and its summary once loaded.
    public var run: String?
    public var summary: EvalRunSummary?
    /// The summary's rules, worst first: the selection indexes this.
    public var ruleSelected = 0
    /// The rule whose failing responses are listed, and those responses once loaded.
    public var rule: String?
    public var failures: EvalFailureList?
    public var failureSelected = 0
    /// How far the summary or the response is scrolled (lines).
    public var scroll = 0
    /// A conversion (example or pair) is being written: one at a time.
    public var converting = false

    public init(run: String? = nil) {
        self.run = run
        if run != nil { level = .summary }
    }

    /// The rules as the bars list them: violation rate, then NA rate, highest first.
    public var rulesWorstFirst: [EvalSummary.RuleRates] { summary.map { EvalView.worstFirst($0.summary.rules) } ?? [] }

    static func worstFirst(_ rules: [EvalSummary.RuleRates]) -> [EvalSummary.RuleRates] {
        rules.enumerated().sorted { a, b in
            if a.element.violation.mean != b.element.violation.mean { return a.element.violation.mean > b.element.violation.mean }
            if a.element.naRate != b.element.naRate { return (a.element.naRate ?? 0) > (b.element.naRate ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The failing response selected on the failures or response level.
    public var selectedFailure: EvalFailureRow? {
        guard let items = failures?.items, items.indices.contains(failureSelected) else { return nil }
        return items[failureSelected]
    }

    /// The run selected in the list.
    public var selectedRun: EvalRunListing? {
        guard let runs, runs.indices.contains(runSelected) else { return nil }
        return runs[runSelected]
    }
}

/// One run as the list shows it: the stored run, its SAR with interval (`nil`: nothing
/// scored yet, or not counted yet) and when it last changed.
public struct EvalRunListing: Sendable, Equatable {
    public var stored: StoredEvalRun
    public var sar: Bootstrap.Interval?
    public var scored: Int
    /// Whether the SAR was counted: the list comes first, the SARs (which read every
    /// result of every run) after it.
    public var counted: Bool
    /// When the run's newest revision was written (started, resumed, stopped or
    /// finished), as the changeset has it, to the minute.
    public var changed: String

    public init(stored: StoredEvalRun, sar: Bootstrap.Interval?, scored: Int, counted: Bool = true, changed: String) {
        self.stored = stored
        self.sar = sar
        self.scored = scored
        self.counted = counted
        self.changed = changed
    }
}

/// A run with its summary, as ``EvalSummary`` computes it (the numbers `tenet eval show` prints).
public struct EvalRunSummary: Sendable, Equatable {
    public var stored: StoredEvalRun
    public var summary: EvalSummary

    public init(stored: StoredEvalRun, summary: EvalSummary) {
        self.stored = stored
        self.summary = summary
    }
}

/// A rule's failing responses in a run: the first ``limit`` in prompt order, and how many
/// there are in all.
public struct EvalFailureList: Sendable, Equatable {
    public var run: String
    public var rule: String
    public var items: [EvalFailureRow]
    public var total: Int

    /// At most this many are listed (a large run can fail a rule thousands of times).
    public static let limit = 200

    public init(run: String, rule: String, items: [EvalFailureRow], total: Int) {
        self.run = run
        self.rule = rule
        self.items = items
        self.total = total
    }
}

/// One response the judge said NO to on a rule: the prompt, the response, the judge's
/// reason on that rule and the response's score.
public struct EvalFailureRow: Sendable, Equatable {
    public var prompt: String
    public var label: PromptLabel?
    public var asked: String
    public var response: String
    public var reason: String
    public var score: ResponseScore?

    public init(prompt: String, label: PromptLabel?, asked: String, response: String, reason: String, score: ResponseScore?) {
        self.prompt = prompt
        self.label = label
        self.asked = asked
        self.response = response
        self.reason = reason
        self.score = score
    }

    /// The row for `result`'s verdict on `rule`, when that verdict is NO.
    public init?(_ result: EvalResult, rule: String) {
        guard let judgement = result.judgements.first(where: { $0.rule == rule }), judgement.verdict == .no else { return nil }
        self.init(prompt: result.prompt, label: result.label, asked: result.asked, response: result.response, reason: judgement.reason,
                  score: result.score)
    }
}
