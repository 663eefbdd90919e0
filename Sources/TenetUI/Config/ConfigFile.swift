/// The workbench settings a user's config file can set. `nil` (or a command missing from
/// `keys`) means "not set here: use the default".
public struct WorkbenchConfig: Sendable, Equatable {
    /// Theme name, e.g. `light` (looked up as `themes/NAME.theme`).
    public var theme: String?
    /// The line `theme` is set on, for a message about the theme it names.
    public var themeLine: Int?
    /// Command line for editing a file, e.g. `nvim` or `code --wait`.
    public var editor: String?
    /// Width of the tree pane, in percent of the screen (``treeWidthRange``).
    public var treeWidth: Int?
    /// The filter the tree starts with, e.g. `unclassified`, as written.
    public var filter: String?
    /// How often to look for changes on disk, in milliseconds (``pollRange``).
    public var pollMilliseconds: Int?
    /// Command name → its keys, replacing the default keys; an empty array unbinds it.
    public var keys: [String: [Key]]
    /// How the workbench generates pairs: `offline` (the default) or `openai`.
    public var provider: String?
    /// The model name, for `openai`.
    public var model: String?
    /// The endpoint's base URL, for `openai`, e.g. `http://localhost:8000/v1`.
    public var baseURL: String?
    /// The environment variable holding the API key, for `openai` (the key itself is never
    /// written in the config); `none` sends no key.
    public var apiKeyEnv: String?
    /// Sampling set for every role (`max-tokens = 1024`) or for one (`defender.max-tokens =
    /// 800`), in file order, read as the providers read them (TenetSynth's `RoleSampling`).
    public var sampling: [SamplingLine] = []

    /// One sampling setting as written: its name (lowercased), value and line.
    public struct SamplingLine: Sendable, Equatable {
        public var name: String
        public var value: String
        public var line: Int

        public init(name: String, value: String, line: Int) {
            self.name = name
            self.value = value
            self.line = line
        }
    }

    public init(theme: String? = nil, editor: String? = nil, treeWidth: Int? = nil, filter: String? = nil,
                pollMilliseconds: Int? = nil, keys: [String: [Key]] = [:]) {
        self.theme = theme
        self.editor = editor
        self.treeWidth = treeWidth
        self.filter = filter
        self.pollMilliseconds = pollMilliseconds
        self.keys = keys
    }

    /// The providers `provider` may name.
    public static let providers = ["offline", "openai"]
    /// Allowed `tree-width` values (percent).
    public static let treeWidthRange = 20...80
    /// Allowed `poll-interval` values (milliseconds).
    public static let pollRange = 100...10_000
}

/// Reads the workbench config file. Pure: it is handed the text, never touches the disk.
///
/// ```
/// # ~/.config/tenet/config
/// theme = light
/// editor = nvim
/// tree-width = 40          # percent, 20–80
/// filter = unclassified
/// poll-interval = 500      # milliseconds, 100–10000
/// provider = openai        # how pairs are generated: offline (default) or openai
/// model = qwen2.5-7b-instruct
/// base-url = http://localhost:8000/v1
/// api-key-env = OPENAI_API_KEY   # or none: send no key
/// max-tokens = 1024        # every role's max_tokens …
/// temperature = 0.8        # … the writing roles' temperature …
/// stop = "\n\n"            # … and stop sequences (repeat the line for more)
/// judge.max-tokens = 200   # one role's: planner, attacker, defender, violator, judge, annotator
///
/// [keys]
/// move-down = j down
/// undo = u ctrl-z
/// history = none           # unbind
/// ```
///
/// `#` starts a comment at the start of a line or after a blank. Values may be wrapped in
/// double or single quotes. In `[keys]`, keys are separated by blanks or commas and named
/// as ``Key/init(name:)`` reads them, plus `comma` and `hash` for `,` and `#`.
public enum ConfigFile {
    /// The top-level settings, in the order messages list them.
    public static let settings = ["theme", "editor", "tree-width", "filter", "poll-interval",
                                  "provider", "model", "base-url", "api-key-env", "max-tokens", "temperature", "stop"]

    /// The settings that sample, each also taken as `ROLE.NAME`.
    public static let samplingSettings = ["max-tokens", "temperature", "stop"]

    /// Reads a config file, collecting every mistake instead of stopping at the first: a bad
    /// line is reported and skipped, every good line still counts.
    ///
    /// - Parameters:
    ///   - text: the whole file.
    ///   - file: its path or name, for messages.
    ///   - commands: the command names `[keys]` may bind.
    ///   - filters: the names `filter` may take; `nil` accepts any non-empty value.
    public static func parse(_ text: String, file: String, commands: Set<String>, filters: Set<String>? = nil)
        -> (config: WorkbenchConfig, errors: [ConfigError]) {
        var config = WorkbenchConfig()
        var errors: [ConfigError] = []
        var setOn: [String: Int] = [:]          // setting or command → line it was set on
        enum Section { case top, keys, unknown }
        var section = Section.top

        for line in ConfigSyntax.lines(text) {
            func report(_ message: String) { errors.append(ConfigError(file: file, line: line.number, message: message)) }

            if line.text.hasPrefix("[") {
                guard line.text.hasSuffix("]"), line.text.count >= 2 else {
                    report("a section header is written [keys]")
                    section = .unknown
                    continue
                }
                let name = ConfigSyntax.trimmed(line.text.dropFirst().dropLast()).lowercased()
                if name == "keys" {
                    section = .keys
                } else {
                    report("unknown section [\(name)]; the only section is [keys] (settings go before it)")
                    section = .unknown
                }
                continue
            }
            if section == .unknown { continue }        // reported once, at its header

            let form = section == .keys ? "command = keys, e.g. move-down = j down" : "setting = value, e.g. theme = dark"
            guard let (rawName, rawValue) = ConfigSyntax.splitAssignment(line.text) else {
                report("missing \"=\": write " + form)
                continue
            }
            guard !rawName.isEmpty else {
                report("missing \(section == .keys ? "command" : "setting") before \"=\": write " + form)
                continue
            }
            let value = unquoted(rawValue)

            if section == .keys {
                let command = commands.contains(String(rawName)) ? String(rawName) : rawName.lowercased()
                guard commands.contains(command) else {
                    let matches = ConfigSyntax.closeMatches(for: command, in: commands.sorted())
                    report("unknown command \"\(rawName)\"; "
                        + (matches.isEmpty ? "see ? in the workbench for command names"
                                           : "did you mean " + matches.joined(separator: " or ") + "?"))
                    continue
                }
                if let previous = setOn["[keys] " + command] {
                    report("\(command) is already bound on line \(previous); keep one of them")
                    continue
                }
                switch parseKeys(value, command: command) {
                case .success(let keys):
                    // One key, one command: the second would silently take it from the first.
                    if let clash = keys.lazy.compactMap({ key in config.keys.first { $0.value.contains(key) }.map { (key, $0.key) } }).first {
                        report("\(clash.0.label) is already bound to \(clash.1) on line \(setOn["[keys] " + clash.1] ?? 0); give each key one command")
                        continue
                    }
                    config.keys[command] = keys
                    setOn["[keys] " + command] = line.number
                case .failure(let problem):
                    report(problem.message)
                }
                continue
            }

            let name = rawName.lowercased()
            if let key = samplingKey(name) {
                // Checked against the roles and values by whoever makes the provider.
                let option = key.split(separator: ".").last.map(String.init) ?? key
                if option != "stop", let previous = setOn[key] {
                    report("\(key) is already set on line \(previous); keep one of them")
                    continue
                }
                guard !value.isEmpty else {
                    report("\(name) needs a value, e.g. \(example(samplingSettings.contains(option) ? option : "max-tokens"))")
                    continue
                }
                config.sampling.append(WorkbenchConfig.SamplingLine(name: name, value: value, line: line.number))
                setOn[key] = line.number
                continue
            }
            guard settings.contains(name) else {
                var message = "unknown setting \"\(rawName)\"\(ConfigSyntax.didYouMean(name, in: settings)); known settings: "
                    + settings.joined(separator: ", ")
                if commands.contains(name) { message += "; key bindings go under [keys]" }
                report(message)
                continue
            }
            if let previous = setOn[name] {
                report("\(name) is already set on line \(previous); keep one of them")
                continue
            }
            guard !value.isEmpty else {
                report("\(name) needs a value, e.g. \(example(name))")
                continue
            }
            switch name {
            case "theme":
                config.theme = value
                config.themeLine = line.number
            case "editor": config.editor = value
            case "filter":
                if let filters, !filters.contains(value) {
                    report("unknown filter \"\(value)\"\(ConfigSyntax.didYouMean(value, in: filters.sorted())); filters: "
                        + filters.sorted().joined(separator: ", "))
                    continue
                }
                config.filter = value
            case "tree-width":
                guard let percent = number(value, unit: "%"), WorkbenchConfig.treeWidthRange.contains(percent) else {
                    report("tree-width must be a percentage from 20 to 80, e.g. \(example(name)); got \"\(value)\"")
                    continue
                }
                config.treeWidth = percent
            case "provider":
                guard WorkbenchConfig.providers.contains(value.lowercased()) else {
                    report("provider must be \(WorkbenchConfig.providers.joined(separator: " or ")); got \"\(value)\"")
                    continue
                }
                config.provider = value.lowercased()
            case "model": config.model = value
            case "base-url":
                guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
                    report("base-url must start with http:// or https://, e.g. \(example(name)); got \"\(value)\"")
                    continue
                }
                config.baseURL = value
            case "api-key-env":
                guard value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    report("api-key-env is the name of an environment variable, e.g. \(example(name)) — never the key itself")
                    continue
                }
                config.apiKeyEnv = value
            default: // poll-interval
                guard let ms = number(value, unit: "ms"), WorkbenchConfig.pollRange.contains(ms) else {
                    report("poll-interval must be milliseconds from 100 to 10000, e.g. \(example(name)); got \"\(value)\"")
                    continue
                }
                config.pollMilliseconds = ms
            }
            setOn[name] = line.number
        }
        return (config, errors)
    }

    // MARK: - Values

    private static func example(_ setting: String) -> String {
        switch setting {
        case "theme": return "theme = light"
        case "editor": return "editor = nvim"
        case "tree-width": return "tree-width = 40"
        case "filter": return "filter = unclassified"
        case "provider": return "provider = openai"
        case "model": return "model = qwen2.5-7b-instruct"
        case "base-url": return "base-url = http://localhost:8000/v1"
        case "api-key-env": return "api-key-env = OPENAI_API_KEY"
        case "max-tokens": return "max-tokens = 800"
        case "temperature": return "temperature = 0.7"
        case "stop": return "stop = \"\\n\\n\" (or none)"
        default: return "poll-interval = 500"
        }
    }

    /// A sampling setting's name with `_` read as `-` (`judge.max_tokens` →
    /// `judge.max-tokens`), when `name` is one: a sampling setting, or any `ROLE.NAME`.
    private static func samplingKey(_ name: String) -> String? {
        let key = name.replacingOccurrences(of: "_", with: "-")
        return samplingSettings.contains(key) || key.contains(".") ? key : nil
    }

    /// The value without one pair of surrounding quotes.
    private static func unquoted(_ value: Substring) -> String {
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            return String(value.dropFirst().dropLast())
        }
        return String(value)
    }

    /// A whole number, optionally followed by `unit` (`40`, `40%`, `500ms`).
    private static func number(_ value: String, unit: String) -> Int? {
        var digits = Substring(value)
        if digits.hasSuffix(unit) { digits = ConfigSyntax.trimmed(digits.dropLast(unit.count)) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    // MARK: - Keys

    struct KeyProblem: Error { var message: String }

    /// Names `Key(name:)` cannot take because they are separators or start comments.
    private static let extraKeyNames: [String: Key] = ["comma": .char(","), "hash": .char("#")]

    private static let keyNames = ["space", "enter", "esc", "tab", "shift-tab", "backspace", "delete", "insert",
                                   "up", "down", "left", "right", "home", "end", "pgup", "pgdn", "comma", "hash"]

    /// Reads `j down, ctrl-z` or `none`.
    static func parseKeys(_ value: String, command: String) -> Result<[Key], KeyProblem> {
        let words = value.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
        guard !words.isEmpty else {
            return .failure(KeyProblem(message: "\(command) needs keys, e.g. \(command) = j down, or none to unbind it"))
        }
        if words.contains(where: { $0.lowercased() == "none" }) {
            guard words.count == 1 else {
                return .failure(KeyProblem(message: "\"none\" unbinds \(command) and cannot be combined with keys; write one or the other"))
            }
            return .success([])
        }
        var keys: [Key] = []
        for word in words {
            guard let key = extraKeyNames[word.lowercased()] ?? Key(name: word) else {
                return .failure(KeyProblem(message: keyProblem(word)))
            }
            if case .char(let c) = key, c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return .failure(KeyProblem(message: "a control character is not a key name; write ctrl-LETTER, e.g. ctrl-r"))
            }
            // The terminal sends these as Backspace, Tab and Enter: bound, they would never fire.
            let aliases: [Character: String] = ["h": "backspace", "i": "tab", "j": "enter", "m": "enter"]
            if case .ctrl(let c) = key, let alias = aliases[c] {
                return .failure(KeyProblem(message: "ctrl-\(c) arrives as \(alias) in a terminal; bind \(alias) or another key"))
            }
            if !keys.contains(key) { keys.append(key) }
        }
        return .success(keys)
    }

    /// What is wrong with a key name `Key(name:)` did not accept.
    private static func keyProblem(_ word: String) -> String {
        let lower = word.lowercased()
        if lower == "ctrl-" || lower == "c-" { return "\"\(word)\" needs a letter, e.g. ctrl-r" }
        if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-") {
            return "\"\(word)\": ctrl- takes one letter, e.g. ctrl-r"
        }
        if lower.count > 1, lower.first == "f", lower.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "\"\(word)\": function keys are f1 to f12"
        }
        return "unknown key \"\(word)\"\(ConfigSyntax.didYouMean(lower, in: keyNames)); use one character (j, J, ?), "
            + "ctrl-LETTER, f1–f12, or one of: " + keyNames.joined(separator: ", ")
    }
}
