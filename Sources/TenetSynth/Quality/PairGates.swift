import TenetSpec

/// Tenet's own quality gates: checks on the text of a generated pair, run for every
/// provider before the judge is asked (a pair that fails one costs no judge request).
///
/// Each gate is precise rather than clever — it fails a pair only when the text leaves no
/// doubt — and the judge reads the rest: whether the chosen answer really complies, the
/// rejected one really violates, and both answer the conversation.
public struct PairGates: Sendable {
    /// The rule the pair targets.
    public var rule: InstantiatedRule
    /// The spec's compliant and violating answers for that rule, from its examples, as
    /// words (``TextSimilarity/words(_:)``): split once per rule, not once per pair.
    let goodWords: [[UInt64]]
    let badWords: [[UInt64]]

    public init(rule: InstantiatedRule, examples: [Example]) {
        self.rule = rule
        func answers(_ verdict: Verdict) -> [[UInt64]] {
            examples.filter { $0.verdict == verdict }
                .compactMap { $0.turns.last(where: { $0.role == "assistant" }).map { TextSimilarity.words($0.content) } }
        }
        goodWords = answers(.good)
        badWords = answers(.bad)
    }

    /// The gates in order, each passed or failed with its reason; stops at the first
    /// failure (later gates would only restate it).
    /// The gates every stored pair passes (``QualityCheck/textGates(prompt:chosen:rejected:)``:
    /// answered, well-formed, distinct) come first; `prompt`, when given, is checked with them.
    public func check(prompt: [Turn]? = nil, chosen: String, rejected: String, strategy: Strategy) -> [QualityCheck] {
        var checks = QualityCheck.textGates(prompt: prompt, chosen: chosen, rejected: rejected)
        guard checks.firstFailure == nil else { return checks }
        func gate(_ gate: QualityCheck.Gate, _ failure: String?, passed reason: String) -> Bool {
            checks.append(QualityCheck(gate, passed: failure == nil, reason: failure ?? reason, by: "tenet"))
            return failure == nil
        }
        let chosenWords = TextSimilarity.words(chosen), rejectedWords = TextSimilarity.words(rejected)
        checks.append(QualityCheck.nearIdenticalGate(chosenWords, rejectedWords))
        guard checks.firstFailure == nil else { return checks }

        // The spec's own answers are its word: an answer it gives as GOOD somewhere is not
        // taken for a violation (the Model Spec's "Hello!" is GOOD in one context, BAD in
        // another), and a pair of its own GOOD and BAD answers is not second-guessed.
        func among(_ answers: [[UInt64]], _ words: [UInt64]) -> Bool { answers.contains { TextSimilarity.similarity($0, words) != nil } }
        let chosenIsGood = among(goodWords, chosenWords), chosenIsBad = among(badWords, chosenWords)
        let rejectedIsGood = among(goodWords, rejectedWords), rejectedIsBad = among(badWords, rejectedWords)
        let chosenRefuses = Refusal.refuses(chosen), rejectedRefuses = Refusal.refuses(rejected)
        var chosenProblem: String?
        if chosenIsBad && !chosenIsGood {
            chosenProblem = "the chosen answer is the spec's own BAD example for \(rule.id)"
        } else if strategy == .safeLooking && chosenRefuses && !chosenIsGood {
            chosenProblem = "the request is one the rule allows, and the chosen answer refuses it"
        }
        guard gate(.chosenComplies, chosenProblem, passed: "not one of the spec's BAD answers") else { return checks }

        var rejectedProblem: String?
        if rejectedIsGood && !rejectedIsBad {
            rejectedProblem = "the rejected answer is the spec's own GOOD example for \(rule.id)"
        } else if chosenRefuses && rejectedRefuses && !(chosenIsGood && rejectedIsBad) {
            rejectedProblem = "both answers refuse, so the pair says nothing about the rule's boundary"
        } else if strategy != .safeLooking && rule.direction == .prohibit && rejectedRefuses && !rejectedIsBad {
            // A refusal does none of a prohibited behaviour — unless the spec itself calls
            // it a violation (one that over-refuses what the rule's exceptions allow).
            rejectedProblem = "the rejected answer refuses, which does none of what \(rule.id) prohibits"
        }
        _ = gate(.rejectedViolates, rejectedProblem, passed: "not one of the spec's GOOD answers, and not a second refusal")
        return checks
    }
}
