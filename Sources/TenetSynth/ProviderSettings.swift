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
    /// Where the API key comes from, and whether one is needed (the key is never stored).
    public var apiKey: APIKeyRule
    /// Each role's `max_tokens`, `temperature` and `stop`.
    public var sampling: RoleSampling
    /// Seconds to wait for one response.
    public var timeout: Double
    /// Retries of a request that got 429, 5xx or no answer.
    public var retries: Int

    public init(kind: Kind = .offline, model: String? = nil, baseURL: String? = nil, apiKey: APIKeyRule = APIKeyRule(),
                sampling: RoleSampling = RoleSampling(), timeout: Double = 60, retries: Int = 4) {
        self.kind = kind
        self.model = model
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.sampling = sampling
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
        kind == .openai ? endpointProblem(baseURLName: baseURLName, modelName: modelName) : nil
    }

    /// What the endpoint's description lacks, whatever `kind` says.
    public func endpointProblem(baseURLName: String = "--base-url", modelName: String = "--model") -> String? {
        guard let baseURL, !baseURL.isEmpty else { return "the openai provider needs \(baseURLName) (e.g. http://localhost:8000/v1)" }
        if model?.isEmpty ?? true { return "the openai provider needs \(modelName)" }
        return OpenAIProvider.baseURLProblem(baseURL).map { "\(baseURLName) " + $0 }
    }

    /// A provider for a run with this seed. Fails, before any request, when the settings
    /// are incomplete or the API key is missing (``APIKeyRule``).
    public func make(seed: UInt64) throws(SynthError) -> any ChatProvider {
        switch kind {
        case .offline:
            return OfflineProvider()
        case .openai:
            return try endpoint(seed: seed)
        }
    }

    /// The OpenAI-compatible endpoint these settings describe, whatever `kind` says.
    public func endpoint(seed: UInt64 = 0) throws(SynthError) -> OpenAIProvider {
        if let problem = endpointProblem() { throw SynthError(message: problem) }
        return try OpenAIProvider(baseURL: baseURL ?? "", model: model ?? "", apiKey: apiKey, sampling: sampling,
                                  seed: seed, timeout: timeout, retries: retries)
    }
}
