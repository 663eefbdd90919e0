/// Which provider generates pairs and how to reach it: what `tenet generate`'s options
/// and the workbench's config file both describe.
public struct ProviderSettings: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The embedded template provider: no network, deterministic from the seed.
        case offline
        /// Any OpenAI-compatible chat-completions endpoint.
        case openai
    }

    public var kind: Kind
    public var model: String?
    public var baseURL: String?
    /// The environment variable holding the API key (the key is never stored).
    public var apiKeyVariable: String
    public var temperature: Double
    /// Seconds to wait for one response.
    public var timeout: Double
    /// Retries of a request that got 429, 5xx or no answer.
    public var retries: Int

    public init(kind: Kind = .offline, model: String? = nil, baseURL: String? = nil, apiKeyVariable: String = "OPENAI_API_KEY",
                temperature: Double = 0.7, timeout: Double = 60, retries: Int = 4) {
        self.kind = kind
        self.model = model
        self.baseURL = baseURL
        self.apiKeyVariable = apiKeyVariable
        self.temperature = temperature
        self.timeout = timeout
        self.retries = retries
    }

    /// How it is named to the user: `offline`, or `openai MODEL`.
    public var label: String {
        switch kind {
        case .offline: return "offline"
        case .openai: return "openai" + (model.map { " " + $0 } ?? "")
        }
    }

    /// What is missing before it can run, as the user should fix it; `nil` when complete.
    /// `where` names the place the settings come from (`--base-url`, the config file…).
    public func problem(baseURLName: String = "--base-url", modelName: String = "--model") -> String? {
        guard kind == .openai else { return nil }
        if baseURL?.isEmpty ?? true { return "the openai provider needs \(baseURLName) (e.g. http://localhost:8000/v1)" }
        if model?.isEmpty ?? true { return "the openai provider needs \(modelName)" }
        return nil
    }

    /// A provider for a run with this seed.
    public func make(seed: UInt64) throws(SynthError) -> any ChatProvider {
        switch kind {
        case .offline:
            return OfflineProvider()
        case .openai:
            if let problem = problem() { throw SynthError(message: problem) }
            return try OpenAIProvider(baseURL: baseURL ?? "", model: model ?? "", apiKeyVariable: apiKeyVariable,
                                      temperature: temperature, seed: seed, timeout: timeout, retries: retries)
        }
    }
}
