import ArgumentParser
import TenetSynth

extension ProviderSettings.Kind: ExpressibleByArgument {}

/// Which provider a command asks and how to reach it (`generate`, `annotate --suggest`).
struct ProviderOptions: ParsableArguments {
    @Option(help: "offline (default) or openai.") var provider: ProviderSettings.Kind = .offline
    @Option(help: "The model name (openai).") var model: String?
    @Option(name: .customLong("base-url"), help: "The endpoint's base URL, e.g. http://localhost:8000/v1 (openai).") var baseURL: String?
    @Option(name: .customLong("api-key-env"), help: "The environment variable holding the API key (openai).") var apiKeyEnv = "OPENAI_API_KEY"
    @Option(help: "Seconds to wait for one response (openai).") var timeout: Double = 60
    @Option(help: "Retries of a request that got 429, 5xx or no answer (openai).") var retries: Int = 4

    /// The settings these options describe, sampling at `temperature`.
    func settings(temperature: Double = 0.7) -> ProviderSettings {
        ProviderSettings(kind: provider, model: model, baseURL: baseURL, apiKeyVariable: apiKeyEnv,
                         temperature: temperature, timeout: timeout, retries: retries)
    }
}
