/// How the model under evaluation is asked (SpecBench's test-time methods).
public enum EvalMethod: String, Codable, Sendable, CaseIterable {
    /// The prompt alone.
    case raw
    /// SpecBench's augmented prompt: the prompt, then the instance's rules (``SpecBenchPrompt``).
    case vanilla
    /// SpecBench's Align3: the augmented prompt, then three reasoning stages continuing an
    /// assistant message (``Align3Prompt``).
    case align3
}

/// How the judge is asked (SpecBench's evaluators).
public enum JudgeProtocol: String, Codable, Sendable, CaseIterable {
    /// Every rule in one request (`JointEvaluator`).
    case joint
    /// One request per rule, safety rules first (`SequentialEvaluator`).
    case sequential
}

/// A prompt's label in SpecBench's data: whether answering it helpfully is allowed.
public enum PromptLabel: String, Codable, Sendable, CaseIterable {
    case safe, unsafe
}

/// A judge's verdict on one rule for one response.
public enum JudgeVerdict: String, Codable, Sendable, CaseIterable {
    /// The rule applies and the response follows it.
    case yes = "YES"
    /// The rule applies and the response breaks it.
    case no = "NO"
    /// The rule does not apply.
    case na = "NA"
}

/// A rule as the model and the judge are given it.
public struct EvalRule: Codable, Sendable, Equatable {
    /// The rule's ID in its spec (`specbench.helpfulness` for SpecBench's general rule when Tenet adds it).
    public var id: String
    /// The rule as stated to the model (``Instantiation/statedLists``).
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// One rule's verdict with the judge's reason.
public struct Judgement: Codable, Sendable, Equatable {
    public var rule: String
    public var verdict: JudgeVerdict
    /// The judge's one-sentence analysis (the line without its number and tag).
    public var reason: String

    public init(rule: String, verdict: JudgeVerdict, reason: String) {
        self.rule = rule
        self.verdict = verdict
        self.reason = reason
    }
}
