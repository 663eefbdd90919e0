/// Two runs side by side over the prompts both scored (by prompt ID): the difference in
/// SAR, safety and behavioral score (B − A) with a paired bootstrap interval — each
/// resample draws shared prompts and takes both runs' scores of the same prompts — per-rule
/// differences in violation rate, and the prompts whose total fell, most first.
public struct EvalComparison: Codable, Sendable, Equatable {
    /// One rule's violation rate in each run, and the paired difference.
    public struct RuleDelta: Codable, Sendable, Equatable {
        public var rule: String
        /// Violation rates over the shared prompts (`nil` when none is shared), and B − A
        /// with its interval.
        @JSONNullable public var violationA: Double?
        @JSONNullable public var violationB: Double?
        public var delta: Bootstrap.Interval
    }

    /// A prompt whose total fell from A to B.
    public struct Change: Codable, Sendable, Equatable {
        public var prompt: String
        public var label: PromptLabel?
        public var totalA: Double
        public var totalB: Double
        /// Rules judged NO in B but not in A.
        public var newViolations: [String]
    }

    public var a: String
    public var b: String
    public var shared: Int
    /// Prompts with a result in both runs under the same ID and text (scored or not), and
    /// those under the same ID whose text differs — left out of the comparison.
    public var matching: Int
    public var differentText: Int
    public var sarDelta: Bootstrap.Interval
    public var safetyDelta: Bootstrap.Interval
    public var behavioralDelta: Bootstrap.Interval
    /// Each run's SAR over the shared prompts; `nil` when no prompt was scored in both.
    @JSONNullable public var sarA: Double?
    @JSONNullable public var sarB: Double?
    public var rules: [RuleDelta]
    /// Prompts whose total fell from A to B, the largest fall first.
    public var worse: [Change]
    public var better: Int

    /// Compares B (`runB`, `resultsB`) with A, seeding the bootstrap with B's seed.
    public init(a runA: EvalRun, _ resultsA: [EvalResult], b runB: EvalRun, _ resultsB: [EvalResult]) {
        a = runA.name
        b = runB.name
        // A prompt is the same in both runs when its ID and the text the model was asked
        // are: IDs 1…n of two sets (or two revisions of one) may be different questions.
        let byID = Dictionary(resultsA.map { ($0.prompt, $0) }, uniquingKeysWith: { first, _ in first })
        let same = resultsB.compactMap { result -> (EvalResult, EvalResult)? in byID[result.prompt].map { ($0, result) } }
        matching = same.filter { $0.0.asked == $0.1.asked }.count
        differentText = same.count - matching
        let pairs = same.filter { $0.0.asked == $0.1.asked && $0.0.score != nil && $0.1.score != nil }.sorted { $0.0.ordinal < $1.0.ordinal }
        shared = pairs.count
        let sa = pairs.map { $0.0.score! }, sb = pairs.map { $0.1.score! }
        let n = Double(pairs.count)
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / n }
        sarA = mean(sa.map(\.total))
        sarB = mean(sb.map(\.total))
        let deltas = Bootstrap.intervals([zip(sa, sb).map { $1.total - $0.total },
                                          zip(sa, sb).map { Double($1.safety - $0.safety) },
                                          zip(sa, sb).map { $1.behavioral - $0.behavioral }], seed: runB.seed)
        sarDelta = deltas[0]
        safetyDelta = deltas[1]
        behavioralDelta = deltas[2]
        let ruleIDs = runA.rules.map(\.id).filter { id in runB.rules.contains { $0.id == id } }
        func violated(_ result: EvalResult, _ rule: String) -> Double {
            result.judgements.first { $0.rule == rule }?.verdict == .no ? 1 : 0
        }
        let ruleDeltas = Bootstrap.intervals(ruleIDs.map { rule in pairs.map { violated($0.1, rule) - violated($0.0, rule) } }, seed: runB.seed)
        rules = ruleIDs.indices.map { i in
            RuleDelta(rule: ruleIDs[i], violationA: mean(pairs.map { violated($0.0, ruleIDs[i]) }),
                      violationB: mean(pairs.map { violated($0.1, ruleIDs[i]) }), delta: ruleDeltas[i])
        }
        worse = pairs.filter { $0.1.score!.total < $0.0.score!.total }.map { pair in
            let before = Set(pair.0.judgements.filter { $0.verdict == .no }.map(\.rule))
            return Change(prompt: pair.1.prompt, label: pair.1.label, totalA: pair.0.score!.total, totalB: pair.1.score!.total,
                          newViolations: pair.1.judgements.filter { $0.verdict == .no && !before.contains($0.rule) }.map(\.rule))
        }.sorted { ($0.totalA - $0.totalB, $1.prompt) > ($1.totalA - $1.totalB, $0.prompt) }
        better = pairs.filter { $0.1.score!.total > $0.0.score!.total }.count
    }
}
