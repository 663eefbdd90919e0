import TenetSpec

/// One chat message sent to a model.
public struct ChatMessage: Sendable, Equatable, Codable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// What an agent is working on, for providers that work from structure (offline) rather
/// than from the rendered prompt (models).
public struct ProbeContext: Sendable {
    public var rule: InstantiatedRule
    /// The rule's boundary examples, from the spec.
    public var examples: [Example]
    public var strategy: Strategy
    /// For a provider that writes from the spec's examples: the request and the spec's
    /// answers the pair is made from (one case, never two).
    public var boundaryCase: BoundaryCase?
    /// The probing conversation so far (for the defender, violator and judge).
    public var prompt: [Turn]
    public var chosen: String?
    public var rejected: String?
    /// Randomness for this pair, started at ``seed``.
    public var random: SeededRandom
    /// This pair's seed (``PairSeed/of(run:index:)``): model providers send it with
    /// every request of the pair.
    public var seed: UInt64

    public init(rule: InstantiatedRule, examples: [Example], strategy: Strategy, boundaryCase: BoundaryCase? = nil,
                prompt: [Turn], chosen: String? = nil, rejected: String? = nil, random: SeededRandom, seed: UInt64) {
        self.rule = rule
        self.examples = examples
        self.strategy = strategy
        self.boundaryCase = boundaryCase
        self.prompt = prompt
        self.chosen = chosen
        self.rejected = rejected
        self.random = random
        self.seed = seed
    }
}

/// A model, or a stand-in for one, that answers an agent's prompt.
public protocol ChatProvider: Sendable {
    /// `offline-template` or `openai`.
    var name: String { get }
    /// The model's name, when there is one.
    var model: String? { get }
    /// Whether it writes pairs only from the spec's own examples (see the default).
    var writesFromExamples: Bool { get }
    /// The answer to `messages` for `role`; model providers also return the raw exchange.
    func complete(_ messages: [ChatMessage], role: AgentRole, context: ProbeContext) async throws -> (text: String, exchange: Exchange?)
}

extension ChatProvider {
    /// Whether it writes pairs only from the spec's own examples (the offline provider),
    /// so that a rule without a usable example cannot be probed. Models write their own.
    public var writesFromExamples: Bool { false }
}
