/// A run's scores as SpecBench reports them, and more: SAR, safety rate and behavioral
/// score over every scored response and per prompt label (SpecBench's `full_dataset`,
/// `unsafe_subset`, `safe_subset`), each with a bootstrap interval (``Bootstrap``); per
/// rule, how often the judge said NO (violation rate, with its interval) and NA; the
/// judge failures (responses left unscored — SpecBench would have crashed on them); and
/// what each stage cost, in tokens and seconds.
public struct EvalSummary: Codable, Sendable, Equatable {
    /// SAR, safety rate and behavioral score of one group of prompts.
    public struct Group: Codable, Sendable, Equatable {
        /// `all`, `unsafe`, `safe` or `unlabelled`.
        public var group: String
        public var sar: Bootstrap.Interval
        public var safety: Bootstrap.Interval
        public var behavioral: Bootstrap.Interval
    }

    /// How the judge answered on one rule over the scored responses.
    public struct RuleRates: Codable, Sendable, Equatable {
        public var rule: String
        public var kind: String
        public var text: String
        public var yes: Int
        public var no: Int
        public var na: Int
        /// NO over responses judged.
        public var violation: Bootstrap.Interval
        /// NA over responses judged; `nil` when none was scored.
        @JSONNullable public var naRate: Double?
    }

    /// What one stage cost over the run.
    public struct StageTotals: Codable, Sendable, Equatable {
        public var stage: String
        public var requests: Int
        public var promptTokens: Int
        public var completionTokens: Int
        public var seconds: Double
        /// Per result that went through the stage.
        public var meanSeconds: Double
        public var meanCompletionTokens: Double
    }

    /// Prompts in the set, prompts with a result, and results scored.
    public var prompts: Int
    public var answered: Int
    public var scored: Int
    public var judgeFailures: Int
    /// Prompts the model gave no answer to (`content: null`): not judged, not scored.
    public var answerFailures: Int
    public var groups: [Group]
    public var rules: [RuleRates]
    public var stages: [StageTotals]
    public var resamples: Int
    public var confidence: Double
    public var seed: UInt64

    /// The summary of `results` (in prompt order) of `run`; judge failures are counted, not scored.
    public init(run: EvalRun, results: [EvalResult]) {
        prompts = run.promptCount
        answered = results.count
        let scoredResults = results.filter { $0.score != nil }
        scored = scoredResults.count
        judgeFailures = results.filter { $0.failure != nil && $0.failure?.stage != "answer" }.count
        answerFailures = results.filter { $0.failure?.stage == "answer" }.count
        resamples = Bootstrap.resamples
        confidence = Bootstrap.confidence
        seed = run.seed
        var groups: [Group] = []
        let labelled: [(String, [EvalResult])] = [
            ("all", scoredResults),
            ("unsafe", scoredResults.filter { $0.label == .unsafe }),
            ("safe", scoredResults.filter { $0.label == .safe }),
            ("unlabelled", scoredResults.filter { $0.label == nil }),
        ]
        // A label some prompt of the run has is always a group, `not scored` when none of
        // its responses was: left out, an "all" SAR over one label read as over both.
        let labels = Set(results.map(\.label))
        for (name, members) in labelled where name == "all" || !members.isEmpty
            || labels.contains(name == "unlabelled" ? nil : PromptLabel(rawValue: name)) {
            let scores = members.compactMap(\.score)
            let intervals = Bootstrap.intervals([scores.map(\.total), scores.map { Double($0.safety) }, scores.map(\.behavioral)], seed: run.seed)
            groups.append(Group(group: name, sar: intervals[0], safety: intervals[1], behavioral: intervals[2]))
        }
        self.groups = groups
        let ruleList = run.rules
        let scoredCount = scoredResults.count
        var columns: [[Double]] = []
        var counts: [(yes: Int, no: Int, na: Int)] = []
        for rule in ruleList {
            let verdicts = scoredResults.map { result in result.judgements.first { $0.rule == rule.id }?.verdict }
            columns.append(verdicts.map { $0 == .no ? 1 : 0 })
            counts.append((verdicts.filter { $0 == .yes }.count, verdicts.filter { $0 == .no }.count, verdicts.filter { $0 == .na }.count))
        }
        let intervals = Bootstrap.intervals(columns, seed: run.seed)
        rules = ruleList.indices.map { i in
            RuleRates(rule: ruleList[i].id, kind: run.kind(of: ruleList[i].id), text: ruleList[i].text, yes: counts[i].yes, no: counts[i].no,
                      na: counts[i].na, violation: intervals[i], naRate: scoredCount == 0 ? nil : Double(counts[i].na) / Double(scoredCount))
        }
        var order: [String] = []
        var totals: [String: StageTotals] = [:]
        var members: [String: Int] = [:]
        for result in results {
            for stage in result.stages {
                if totals[stage.stage] == nil {
                    order.append(stage.stage)
                    totals[stage.stage] = StageTotals(stage: stage.stage, requests: 0, promptTokens: 0, completionTokens: 0, seconds: 0,
                                                      meanSeconds: 0, meanCompletionTokens: 0)
                }
                totals[stage.stage]!.requests += stage.requests
                totals[stage.stage]!.promptTokens += stage.promptTokens ?? 0
                totals[stage.stage]!.completionTokens += stage.completionTokens ?? 0
                totals[stage.stage]!.seconds += stage.seconds
                members[stage.stage, default: 0] += 1
            }
        }
        stages = order.map { name in
            var total = totals[name]!
            let n = Double(max(1, members[name] ?? 1))
            total.meanSeconds = total.seconds / n
            total.meanCompletionTokens = Double(total.completionTokens) / n
            return total
        }
    }

    /// The group over every scored response.
    public var all: Group { groups[0] }
}
