/// What one prompt of a run gave: the model's answer, the judge's verdicts with reasons,
/// the scores, and what each stage cost. Stored as the prompt finishes.
public struct EvalResult: Codable, Sendable, Equatable {
    /// The prompt's ID in its set, and its place in the set (from 0).
    public var prompt: String
    public var ordinal: Int
    public var label: PromptLabel?
    /// The user message the model was asked (without the rules the method adds).
    public var asked: String
    /// The answer judged: after the last `</think>` (``ReasoningSplit``).
    public var response: String
    /// The reasoning before it: Align3's three stages, or a reasoning model's own thought.
    public var thought: String?
    /// Each request made for this prompt, in order: `answer` (raw, vanilla), `behavioral`,
    /// `safety`, `final` (Align3), then `judge`.
    public var stages: [StageCost]
    public var judge: JudgeOutcome?
    /// `nil` when the judge could not be read (``failure``).
    public var score: ResponseScore?
    public var failure: EvalFailure?

    public init(prompt: String, ordinal: Int, label: PromptLabel?, asked: String, response: String, thought: String?,
                stages: [StageCost], judge: JudgeOutcome?, score: ResponseScore?, failure: EvalFailure?) {
        self.prompt = prompt
        self.ordinal = ordinal
        self.label = label
        self.asked = asked
        self.response = response
        self.thought = thought
        self.stages = stages
        self.judge = judge
        self.score = score
        self.failure = failure
    }

    /// Every verdict, safety rules first.
    public var judgements: [Judgement] { (judge?.safety ?? []) + (judge?.behavioral ?? []) }
}

/// What one stage (one or more requests) cost: tokens as the endpoint reported them
/// (`usage`; `nil` when it reported none) and wall-clock seconds.
public struct StageCost: Codable, Sendable, Equatable {
    public var stage: String
    public var requests: Int
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var seconds: Double

    public init(stage: String, requests: Int = 1, promptTokens: Int?, completionTokens: Int?, seconds: Double) {
        self.stage = stage
        self.requests = requests
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.seconds = seconds
    }
}

/// The judge's reading of one response.
public struct JudgeOutcome: Codable, Sendable, Equatable {
    public var `protocol`: JudgeProtocol
    public var safety: [Judgement]
    public var behavioral: [Judgement]
    /// Requests made, retries included.
    public var attempts: Int
    /// The replies that were read (one for joint, one per rule for sequential).
    public var replies: [String]

    public init(protocol: JudgeProtocol, safety: [Judgement], behavioral: [Judgement], attempts: Int, replies: [String]) {
        self.protocol = `protocol`
        self.safety = safety
        self.behavioral = behavioral
        self.attempts = attempts
        self.replies = replies
    }
}

/// Why a prompt has no score: the judge's replies could not be read, every attempt; or
/// the model's answer had no content (`content: null`).
public struct EvalFailure: Codable, Sendable, Equatable {
    /// `judge`, or `answer` when the model gave no answer.
    public var stage: String
    public var message: String
    public var attempts: Int
    /// The last reply, as the judge wrote it.
    public var lastReply: String?

    public init(stage: String, message: String, attempts: Int, lastReply: String?) {
        self.stage = stage
        self.message = message
        self.attempts = attempts
        self.lastReply = lastReply
    }
}
