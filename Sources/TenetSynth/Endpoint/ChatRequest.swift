/// The body of one chat-completions request, as it is sent: `model`, `messages`,
/// `max_tokens`, `temperature`, `seed`, `stop` (left out when there is none) and, for
/// the probes of ``ProviderProbe``, `response_format` and vLLM's
/// `continue_final_message` / `add_generation_prompt`.
public struct ChatRequest: Encodable, Sendable, Equatable {
    public var model: String
    public var messages: [ChatMessage]
    public var sampling: Sampling
    /// As sent (``PairSeed/request(_:)``).
    public var seed: UInt64
    /// Asks for a JSON object (`response_format: {"type": "json_object"}`).
    public var jsonObject = false
    /// How a last assistant message is to be continued, when it is.
    public var prefill: PrefillForm?

    public init(model: String, messages: [ChatMessage], sampling: Sampling, seed: UInt64, jsonObject: Bool = false,
                prefill: PrefillForm? = nil) {
        self.model = model
        self.messages = messages
        self.sampling = sampling
        self.seed = seed
        self.jsonObject = jsonObject
        self.prefill = prefill
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, seed, stop
        case maxTokens = "max_tokens"
        case responseFormat = "response_format"
        case continueFinalMessage = "continue_final_message"
        case addGenerationPrompt = "add_generation_prompt"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(messages, forKey: .messages)
        try container.encode(sampling.maxTokens, forKey: .maxTokens)
        try container.encode(sampling.temperature, forKey: .temperature)
        try container.encode(seed, forKey: .seed)
        if !sampling.stop.isEmpty { try container.encode(sampling.stop, forKey: .stop) }
        if jsonObject { try container.encode(["type": "json_object"], forKey: .responseFormat) }
        if prefill == .continueFinalMessage {
            try container.encode(true, forKey: .continueFinalMessage)
            try container.encode(false, forKey: .addGenerationPrompt)
        }
    }
}

/// How an endpoint continues an assistant message left last in `messages` (an assistant
/// prefill), rather than answering after it.
public enum PrefillForm: String, Sendable, Codable, CaseIterable {
    /// Nothing but the message: llama.cpp's server, and Ollama with a template that leaves
    /// the last assistant message open.
    case plain
    /// With `continue_final_message: true, add_generation_prompt: false`: vLLM (and
    /// servers that follow its chat-template options, such as SGLang).
    case continueFinalMessage = "continue_final_message"
}
