import Foundation

/// Where the API key comes from, and what happens when there is none — decided before
/// the first request, so that a missing key is named instead of showing up as the
/// server's errors:
///
/// - The variable is set but empty (or blank) → an error, whatever the endpoint.
/// - The user named the variable (`--api-key-env VAR`, `api-key-env = VAR`) and it is not
///   set → an error.
/// - The default variable (`OPENAI_API_KEY`) is not set → requests go without a key to a
///   local endpoint (``LocalHost``: loopback, a private address, `localhost`, a
///   single-label name …); for any other host → an error naming the variable.
/// - `--no-api-key` (`api-key-env = none`) → no key is read or sent, whatever the host.
///
/// The key itself is never stored or recorded; only the variable's name is.
public struct APIKeyRule: Sendable, Equatable {
    /// The variable read when none is named.
    public static let defaultVariable = "OPENAI_API_KEY"

    /// The variable holding the key; `nil` sends none (`--no-api-key`).
    public var variable: String?
    /// The user named the variable: then it must be set.
    public var named: Bool
    /// How the user names a variable, for messages: `--api-key-env`, or the config key.
    public var variableOption: String
    /// How the user asks for no key, for messages: `--no-api-key`, or `api-key-env = none`.
    public var keylessOption: String

    public init(variable: String? = APIKeyRule.defaultVariable, named: Bool = false,
                variableOption: String = "--api-key-env", keylessOption: String = "--no-api-key") {
        self.variable = variable
        self.named = named
        self.variableOption = variableOption
        self.keylessOption = keylessOption
    }

    /// No key, whatever the host.
    public static let keyless = APIKeyRule(variable: nil)

    /// The variable `name`, named by the user.
    public static func named(_ name: String) -> APIKeyRule { APIKeyRule(variable: name, named: true) }

    /// What a provider sends, and how to say it when no key went.
    public struct Resolved: Sendable, Equatable {
        /// The key, or `nil` for none.
        public var key: String?
        /// The rule it was resolved by.
        public var rule: APIKeyRule

        /// When no key is sent: why, and what would send one (`no API key was sent
        /// ($OPENAI_API_KEY is not set); …`). `nil` when a key is sent.
        public var noKeyNote: String? {
            guard key == nil else { return nil }
            guard let variable = rule.variable else {
                return "no API key was sent (\(rule.keylessOption)); if the endpoint needs one, drop \(rule.keylessOption) and "
                    + "export \(APIKeyRule.defaultVariable)=<your key> (or name its variable with \(rule.variableOption))"
            }
            return "no API key was sent ($\(variable) is not set); if the endpoint needs one, export \(variable)=<your key>"
                + " (or name the variable that holds it with \(rule.variableOption))"
        }

        /// For a refused key (HTTP 401/403 with a key sent).
        public var refusedNote: String? {
            guard key != nil, let variable = rule.variable else { return nil }
            return "the endpoint refused the key in $\(variable); check that it is a valid key for this endpoint"
        }
    }

    /// The key to send to `url`, or an error that names the variable and says what to do.
    public func resolve(for url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(SynthError) -> Resolved {
        guard let variable else { return Resolved(key: nil, rule: self) }
        let host = url.host ?? ""
        let local = LocalHost.contains(host)
        guard let value = environment[variable] else {
            if named {
                throw SynthError(message: "$\(variable) is not set (\(variableOption) names it); export \(variable)=<your key>, "
                    + "or use \(keylessOption) instead for an endpoint that needs no key")
            }
            guard local else {
                throw SynthError(message: "$\(variable) is not set, and \(host) is not a local endpoint; export \(variable)=<your key>, "
                    + "name the variable that holds it with \(variableOption), or use \(keylessOption) if this endpoint needs no key")
            }
            return Resolved(key: nil, rule: self)
        }
        let key = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            let keyless = named || !local ? "use \(keylessOption)" : "unset it"
            throw SynthError(message: "$\(variable) is set but empty; set it to your key, or \(keyless) for an endpoint that needs none")
        }
        guard !key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw SynthError(message: "$\(variable) holds a line break or another control character; set it to the key alone")
        }
        return Resolved(key: key, rule: self)
    }
}
