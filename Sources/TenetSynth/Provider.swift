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
    /// The probing conversation so far (for the defender, violator and judge).
    public var prompt: [Turn]
    public var chosen: String?
    public var rejected: String?
    /// Randomness for this pair, started at ``seed``.
    public var random: SeededRandom
    /// This pair's seed (``PairSeed/of(run:index:)``): model providers send it with
    /// every request of the pair.
    public var seed: UInt64
}

/// A model, or a stand-in for one, that answers an agent's prompt.
public protocol ChatProvider: Sendable {
    /// `offline-template` or `openai`.
    var name: String { get }
    /// The model's name, when there is one.
    var model: String? { get }
    /// The answer to `messages` for `role`; model providers also return the raw exchange.
    func complete(_ messages: [ChatMessage], role: AgentRole, context: ProbeContext) async throws -> (text: String, exchange: Exchange?)
}

extension ChatProvider {
    /// Turns that come before the attacker's message (a multi-turn example's earlier
    /// conversation). Models write the whole probe themselves: none.
    public func turnsBefore(_ probe: String, context: ProbeContext) -> [Turn] { [] }
}
