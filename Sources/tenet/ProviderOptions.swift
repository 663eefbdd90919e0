import ArgumentParser
import TenetSpec
import TenetSynth

extension ProviderSettings.Kind: ChoiceArgument {}

/// Which provider a command asks and how (`generate`, `annotate --suggest`): the endpoint,
/// and each role's sampling.
struct ProviderOptions: ParsableArguments {
    @Option(help: "offline (default) or openai.") var provider: ProviderSettings.Kind = .offline
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var sampling: SamplingOptions

    /// The settings these options describe, for a command that asks `roles`; `temperature`
    /// is `generate`'s `--temperature`. Throws a usage error for a bad value.
    func settings(roles: [ModelRole], temperature: String? = nil, command: String) throws -> ProviderSettings {
        var settings = try endpoint.settings()
        settings.kind = provider
        settings.sampling = try sampling.sampling(roles: roles, temperature: temperature, command: command)
        return settings
    }
}

/// How to reach an OpenAI-compatible endpoint — its model and URL, and the connection
/// (``ConnectionOptions``).
struct EndpointOptions: ParsableArguments {
    @Option(help: "The model name (openai).") var model: String?
    @Option(name: .customLong("base-url"), help: "The endpoint's base URL, e.g. http://localhost:8000/v1 (openai).") var baseURL: String?
    @OptionGroup var connection: ConnectionOptions

    var apiKeyEnv: String? { connection.apiKeyEnv }
    var noAPIKey: Bool { connection.noAPIKey }
    var keyWords: [String] { connection.keyWords }
    var timeout: Double { connection.timeout }
    var retries: Int { connection.retries }
    func apiKey() throws -> APIKeyRule { try connection.apiKey() }

    func validate() throws {
        try Self.checkModelName(model, "--model")
    }

    /// Refuses a model's name that is not one line of text a terminal shows as it is: it
    /// is stored with what the model makes and shown in listings (`annotate --list`).
    static func checkModelName(_ value: String?, _ option: String) throws {
        guard let value, !value.isEmpty, let problem = ShownName.problem(value, maximumLength: 256) else { return }
        throw ValidationError("\(option) \(problem)")
    }

    /// The endpoint's settings (`kind` left offline: the caller says).
    func settings() throws -> ProviderSettings {
        ProviderSettings(model: model, baseURL: baseURL, apiKey: try apiKey(), timeout: timeout, retries: retries)
    }
}

/// How to connect to an endpoint a command already knows (`eval resume` takes a run's):
/// where its key comes from (``APIKeyRule``), how long to wait, how often to retry.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("api-key-env"), help: ArgumentHelp(
        "The environment variable holding the API key (default: OPENAI_API_KEY).",
        discussion: "Named here, it must be set. Left to the default and unset, requests go without a key to a local endpoint only (loopback, a private address, localhost, a single-label name).",
        valueName: "VAR")) var apiKeyEnv: String?
    @Flag(name: .customLong("no-api-key"), help: "Send no API key, whatever the endpoint (for one that needs none).") var noAPIKey = false
    @Option(parsing: .unconditional, help: "Seconds to wait for one response (openai).") var timeout: Double = 60
    @Option(parsing: .unconditional, help: "Retries of a request that got 429, 5xx or no answer (openai).") var retries: Int = 4

    func validate() throws {
        try OptionRange.check(timeout, "--timeout", OptionRange.timeout)
        try OptionRange.check(retries, "--retries", OptionRange.retries)
    }

    /// The options naming where the keys come from, as typed (names only, never a key): a
    /// command printed for running again must send the same keys to the same hosts.
    var keyWords: [String] { (apiKeyEnv.map { ["--api-key-env", $0] } ?? []) + (noAPIKey ? ["--no-api-key"] : []) }

    /// Where the key comes from; a usage error for `--api-key-env` with `--no-api-key`, or
    /// for a value that is not a variable's name (a key pasted there would be shown in
    /// messages).
    func apiKey() throws -> APIKeyRule {
        try Self.keyRule(variable: apiKeyEnv, none: noAPIKey, option: "--api-key-env", noneOption: "--no-api-key")
    }

    /// The key rule of a variable's name given with `option`, or none with `noneOption`.
    static func keyRule(variable: String?, none: Bool, option: String, noneOption: String) throws -> APIKeyRule {
        guard let variable else { return none ? .keyless : APIKeyRule() }
        guard !none else { throw ValidationError("\(option) names a key to send and \(noneOption) sends none; give one of them") }
        guard let first = variable.first, !first.isNumber,
              variable.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw ValidationError("\(option) takes the name of an environment variable, e.g. \(option) VLLM_KEY — never the key itself")
        }
        return .named(variable)
    }
}

/// Each role's `max_tokens`, `temperature` and `stop` (``RoleSampling``).
struct SamplingOptions: ParsableArguments {
    @Option(name: .customLong("max-tokens"), help: ArgumentHelp(
        "The most tokens of every role's answer (openai).",
        discussion: "Defaults per role: " + ModelRole.allCases.map { "\($0.rawValue) \(RoleSampling.defaults(for: $0).maxTokens)" }
            .joined(separator: ", ") + ".",
        valueName: "N")) var maxTokens: String?
    @Option(name: .customLong("stop"), help: ArgumentHelp(
        "A sequence every role's answer stops at (openai; repeat for more, up to 4; \\n is a line break; none for none).",
        valueName: "S")) var stop: [String] = []
    @Option(name: .customLong("role-option"), help: ArgumentHelp(
        "One role's max-tokens, temperature or stop, e.g. judge.max-tokens=300 or defender.stop=\\n\\n (repeat for more).",
        discussion: "Roles: \(ModelRole.allCases.map(\.rawValue).joined(separator: ", ")). A role's own option wins over the one for every role.",
        valueName: "ROLE.OPTION=VALUE")) var roleOptions: [String] = []

    /// The sampling these options describe, for a command that asks `roles`; a usage error
    /// names the option and what it takes.
    func sampling(roles: [ModelRole], temperature: String?, command: String) throws -> RoleSampling {
        var sampling = RoleSampling()
        do {
            if let maxTokens { try sampling.set("max-tokens", maxTokens, shownAs: "--max-tokens") }
            if let temperature { try sampling.set("temperature", temperature, shownAs: "--temperature") }
            for sequence in stop { try sampling.set("stop", sequence, shownAs: "--stop") }
            for assignment in roleOptions { try sampling.set(assignment: assignment) }
        } catch {
            throw ValidationError(error.message)
        }
        if let stray = sampling.namedRoles.first(where: { !roles.contains($0) }) {
            throw ValidationError("\(command) asks as \(roles.map(\.rawValue).joined(separator: ", ")) only; "
                + "\(stray.rawValue) options apply to \(stray.command)")
        }
        return sampling
    }
}
