import TenetSpec

/// Setting sampling from text, the one reader behind `tenet`'s flags (`--max-tokens 800`,
/// `--role-option defender.max-tokens=800`) and the config file's keys
/// (`defender.max-tokens = 800`), so that both take the same names and values and say the
/// same thing about a mistake.
///
/// A name is an option — `max-tokens` (or `max_tokens`), `temperature`, `stop` — for every
/// role, or `ROLE.OPTION` for one (`judge.temperature`). Values: `max-tokens` a whole number
/// of at least 1; `temperature` a number from 0 to 2; `stop` one stop sequence (given again
/// to add another, up to 4; `\n`, `\t`, `\r` and `\\` stand for a line break, a tab, a
/// carriage return and a backslash), or `none` for no stop sequences at all.
extension RoleSampling {
    /// The options each role takes, as they are written.
    public static let optionNames = ["max-tokens", "temperature", "stop"]

    /// Sets `name` to `value` (a stop sequence is added); throws a message saying what is
    /// wrong and what would be right, naming the setting as `shownAs` (e.g. `--max-tokens`;
    /// by default as `name` reads: `judge.max-tokens`).
    public mutating func set(_ name: String, _ value: String, shownAs: String? = nil) throws(SynthError) {
        let (role, option) = try Self.target(of: name)
        var overrides = role.map { roles[$0] ?? Overrides() } ?? all
        let shown = shownAs ?? (role.map { $0.rawValue + "." } ?? "") + option
        switch option {
        case "max-tokens":
            if let earlier = overrides.maxTokens { throw SynthError(message: "\(shown) is already set (to \(earlier)); give it once") }
            // At most what `eval run` takes: a larger number is no answer length, only a
            // request the endpoint refuses (or a JSON number it cannot hold).
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }), let tokens = Int(value), (1...1_000_000).contains(tokens) else {
                throw SynthError(message: "\(shown) must be a whole number of tokens from 1 to 1000000 (e.g. 800); got \"\(SafeText.visible(value))\"")
            }
            overrides.maxTokens = tokens
        case "temperature":
            if let earlier = overrides.temperature { throw SynthError(message: "\(shown) is already set (to \(earlier)); give it once") }
            guard let temperature = Double(value), temperature.isFinite, Self.temperatures.contains(temperature),
                  value.allSatisfy({ $0.isASCII }) else {
                throw SynthError(message: "\(shown) must be a number from 0 to 2 (e.g. 0.7); got \"\(value)\"")
            }
            overrides.temperature = temperature
        default: // stop
            if value.lowercased() == "none" {
                if let earlier = overrides.stop, !earlier.isEmpty {
                    throw SynthError(message: "\(shown) none (no stop sequences) cannot be combined with stop sequences; keep one or the other")
                }
                overrides.stop = []
                break
            }
            let sequence = try Self.unescaped(value, name: shown)
            guard !sequence.isEmpty else {
                throw SynthError(message: "\(shown) needs a sequence to stop at (e.g. \\n\\n), or none for no stop sequences")
            }
            if overrides.stop == [] {
                throw SynthError(message: "\(shown) none (no stop sequences) cannot be combined with stop sequences; keep one or the other")
            }
            var stops = overrides.stop ?? []
            guard stops.count < Self.maxStops else {
                throw SynthError(message: "\(shown) takes at most \(Self.maxStops) stop sequences (the OpenAI API's limit)")
            }
            if !stops.contains(sequence) { stops.append(sequence) }
            overrides.stop = stops
        }
        if let role { roles[role] = overrides } else { all = overrides }
    }

    /// Reads `ROLE.OPTION=VALUE` (a `--role-option`) and sets it.
    public mutating func set(assignment: String) throws(SynthError) {
        guard let equals = assignment.firstIndex(of: "="), assignment[..<equals].contains(".") else {
            throw SynthError(message: "write ROLE.OPTION=VALUE, e.g. judge.max-tokens=300 or defender.stop=\\n\\n; got \"\(assignment)\""
                + " (for every role at once: --max-tokens, --temperature, --stop)")
        }
        try set(String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
    }

    /// The role (nil: every role) and option a name sets.
    static func target(of name: String) throws(SynthError) -> (ModelRole?, String) {
        let parts = name.lowercased().split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let roleNames = ModelRole.allCases.map(\.rawValue)
        var role: ModelRole?
        if parts.count == 2 {
            guard let named = ModelRole(rawValue: parts[0]) else {
                throw SynthError(message: "unknown role \"\(parts[0])\"\(CloseName.hint(parts[0], in: roleNames)); roles: "
                    + roleNames.joined(separator: ", "))
            }
            role = named
        }
        let option = parts[parts.count - 1].replacingOccurrences(of: "_", with: "-")
        guard optionNames.contains(option) else {
            let whose = role.map { " for \($0.rawValue)" } ?? ""
            throw SynthError(message: "unknown option \"\(parts[parts.count - 1])\"\(whose)\(CloseName.hint(option, in: optionNames)); "
                + "each role takes " + optionNames.joined(separator: ", "))
        }
        return (role, option)
    }

    /// `\n`, `\t`, `\r` and `\\` read as the characters they stand for.
    static func unescaped(_ text: String, name: String) throws(SynthError) -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                default:
                    throw SynthError(message: "\(name): unknown escape \\\(character); write \\n, \\t, \\r or \\\\ (a backslash)")
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { throw SynthError(message: "\(name) ends in a lone \\; write \\\\ for a backslash") }
        return out
    }
}
