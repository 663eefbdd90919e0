/// What an OpenAI-compatible endpoint was found to support, each with the evidence:
/// what ``ProviderProbe`` asked and what came back. Encoded (`tenet provider check
/// --json`) as one object whose keys are always present:
///
/// ```json
/// {"base_url": "…", "model": "…", "api_key": {"sent": false, "variable": "OPENAI_API_KEY"},
///  "chat": {"supported": "yes", "evidence": "…"},
///  "models": {"supported": "yes", "evidence": "…", "listed": ["…"], "model_listed": true},
///  "seed": {"supported": "unknown", "evidence": "…"},
///  "prefill": {"supported": "yes", "evidence": "…", "form": "continue_final_message"},
///  "json_mode": {"supported": "no", "evidence": "…"}}
/// ```
public struct ProviderCapabilities: Sendable, Equatable, Encodable {
    /// `unknown`: the answers could not tell.
    public enum Support: String, Sendable, Codable { case yes, no, unknown }

    /// One capability: whether, and what showed it.
    public struct Finding: Sendable, Equatable, Encodable {
        public var supported: Support
        public var evidence: String

        public init(_ supported: Support, _ evidence: String) {
            self.supported = supported
            self.evidence = evidence
        }
    }

    /// The endpoint asked, without a trailing `/`.
    public var baseURL: String
    /// The model asked (the one named, else the first the endpoint lists).
    public var model: String
    /// The variable the key came from or would come from; `nil` with `--no-api-key`.
    public var keyVariable: String?
    /// Whether a key went with the requests.
    public var keySent: Bool
    /// A plain chat request is answered (always `yes` in a finished probe: otherwise it fails).
    public var chat: Finding
    /// `GET {base}/models` lists models.
    public var models: Finding
    /// The models listed, when they are.
    public var listedModels: [String]?
    /// Whether ``model`` is among them, when they are listed.
    public var modelListed: Bool?
    /// The same `seed` gives the same answer at temperature 1.
    public var seed: Finding
    /// A last assistant message is continued rather than answered.
    public var prefill: Finding
    /// The request form that continued it.
    public var prefillForm: PrefillForm?
    /// `response_format: {"type": "json_object"}` is accepted and gives a JSON object.
    public var jsonMode: Finding

    public init(baseURL: String, model: String, keyVariable: String?, keySent: Bool, chat: Finding, models: Finding,
                listedModels: [String]?, modelListed: Bool?, seed: Finding, prefill: Finding, prefillForm: PrefillForm?,
                jsonMode: Finding) {
        self.baseURL = baseURL
        self.model = model
        self.keyVariable = keyVariable
        self.keySent = keySent
        self.chat = chat
        self.models = models
        self.listedModels = listedModels
        self.modelListed = modelListed
        self.seed = seed
        self.prefill = prefill
        self.prefillForm = prefillForm
        self.jsonMode = jsonMode
    }

    /// Each capability with its name, in the order they are shown.
    public var findings: [(name: String, finding: Finding)] {
        [("chat", chat), ("models", models), ("seed", seed), ("prefill", prefill), ("json mode", jsonMode)]
    }

    enum Key: String, CodingKey {
        case baseURL = "base_url", model, apiKey = "api_key", chat, models, seed, prefill, jsonMode = "json_mode"
        case sent, variable, supported, evidence, listed, modelListed = "model_listed", form
    }

    public func encode(to encoder: Encoder) throws {
        var object = encoder.container(keyedBy: Key.self)
        try object.encode(baseURL, forKey: .baseURL)
        try object.encode(model, forKey: .model)
        var key = object.nestedContainer(keyedBy: Key.self, forKey: .apiKey)
        try key.encode(keySent, forKey: .sent)
        try key.encode(keyVariable, forKey: .variable)
        try object.encode(chat, forKey: .chat)
        var models = object.nestedContainer(keyedBy: Key.self, forKey: .models)
        try models.encode(self.models.supported, forKey: .supported)
        try models.encode(self.models.evidence, forKey: .evidence)
        try models.encode(listedModels, forKey: .listed)
        try models.encode(modelListed, forKey: .modelListed)
        try object.encode(seed, forKey: .seed)
        var prefill = object.nestedContainer(keyedBy: Key.self, forKey: .prefill)
        try prefill.encode(self.prefill.supported, forKey: .supported)
        try prefill.encode(self.prefill.evidence, forKey: .evidence)
        try prefill.encode(prefillForm, forKey: .form)
        try object.encode(jsonMode, forKey: .jsonMode)
    }
}
