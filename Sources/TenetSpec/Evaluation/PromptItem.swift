/// One prompt of a prompt set: what the model is asked and what the judge is told about it,
/// in SpecBench's terms (`data/SCENARIO/prompts.json`).
public struct PromptItem: Codable, Sendable, Equatable {
    /// Unique within its set: given by the file, else the prompt's number from 1.
    public var id: String
    /// The user's question as the judge reads it (SpecBench's `prompt`).
    public var prompt: String
    /// The reworded, adversarial form the model is asked instead, when there is one
    /// (SpecBench's `adversarial_prompt`; its runs ask it by default).
    public var adversarialPrompt: String?
    /// Turns before the question (a spec example's earlier conversation), oldest first.
    public var context: [Turn]?
    public var label: PromptLabel?
    /// A note for the judge (SpecBench's `prompt_comment`).
    public var comment: String?
    /// A reference answer (SpecBench's `answer`; present but empty is kept as empty, because
    /// SpecBench's judge comment tests for presence).
    public var answer: String?
    /// Where it came from: `FILE:LINE`, `spec RULE example N`, `pair ID`.
    public var source: String?
    /// The rule it was made to probe, when it came from a spec example or a pair.
    public var rule: String?

    public init(id: String, prompt: String, adversarialPrompt: String? = nil, context: [Turn]? = nil, label: PromptLabel? = nil,
                comment: String? = nil, answer: String? = nil, source: String? = nil, rule: String? = nil) {
        self.id = id
        self.prompt = prompt
        self.adversarialPrompt = adversarialPrompt
        self.context = context
        self.label = label
        self.comment = comment
        self.answer = answer
        self.source = source
        self.rule = rule
    }

    /// What the model is asked: the adversarial form when there is one, else the prompt.
    public var asked: String { adversarialPrompt ?? prompt }

    enum CodingKeys: String, CodingKey {
        case id, prompt, context, label, comment, answer, source, rule
        case adversarialPrompt = "adversarial_prompt"
    }
}
