import TenetSynth
import TenetUI

extension WorkbenchConfig {
    /// The provider the config file describes — `provider`, `model`, `base-url`,
    /// `api-key-env` (`none`: send no key) and the sampling settings — with a message for
    /// each sampling line it cannot take (`FILE:LINE: …`); such a line is left out.
    public func providerSettings(file: String) -> (settings: ProviderSettings, problems: [String]) {
        let keyOptions = (variable: "api-key-env in \(file)", keyless: "api-key-env = none in \(file)")
        let apiKey: APIKeyRule
        switch apiKeyEnv {
        case "none"?: apiKey = APIKeyRule(variable: nil, variableOption: keyOptions.variable, keylessOption: keyOptions.keyless)
        case let name?: apiKey = APIKeyRule(variable: name, named: true, variableOption: keyOptions.variable, keylessOption: keyOptions.keyless)
        case nil: apiKey = APIKeyRule(variableOption: keyOptions.variable, keylessOption: keyOptions.keyless)
        }
        var sampling = RoleSampling()
        var problems: [String] = []
        for line in self.sampling {
            do {
                try sampling.set(line.name, line.value)
            } catch {
                problems.append(ConfigError(file: file, line: line.line, message: error.message).description)
            }
        }
        let settings = ProviderSettings(kind: provider.flatMap(ProviderSettings.Kind.init(rawValue:)) ?? .offline, model: model,
                                        baseURL: baseURL, apiKey: apiKey, sampling: sampling)
        return (settings, problems)
    }
}
