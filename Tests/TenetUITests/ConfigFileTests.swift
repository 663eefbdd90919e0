import Testing
@testable import TenetUI
import TenetSpec

/// Command names as the workbench would pass them (a fixed list, so these tests do not
/// depend on the keymap).
private let commands: Set<String> = ["move-down", "move-up", "set-safety", "undo", "redo", "history", "search", "quit"]

private func parse(_ text: String, filters: Set<String>? = nil) -> (config: WorkbenchConfig, errors: [ConfigError]) {
    ConfigFile.parse(text, file: "config", commands: commands, filters: filters)
}

@Suite("Config file")
struct ConfigFileTests {
    @Test func readsAFullFile() {
        let (config, errors) = parse("""
            # ~/.config/tenet/config
            theme = light
            editor = nvim
            tree-width = 40
            filter = unclassified
            poll-interval = 500

            [keys]
            move-down = j down
            set-safety = S
            undo = u ctrl-z
            history = none
            """)
        #expect(errors.isEmpty, "\(errors)")
        var expected = WorkbenchConfig(theme: "light", editor: "nvim", treeWidth: 40, filter: "unclassified",
                                       pollMilliseconds: 500, keys: [
                                           "move-down": [.char("j"), .down], "set-safety": [.char("S")],
                                           "undo": [.char("u"), .ctrl("z")], "history": [],
                                       ])
        // Where the theme is set, for a message about the theme it names.
        expected.themeLine = 2
        #expect(config == expected)
    }

    @Test func generationProviderSettings() {
        let (config, errors) = parse("""
        provider = OpenAI
        model = "qwen2.5-7b-instruct"
        base-url = http://localhost:8000/v1
        api-key-env = VLLM_KEY
        """)
        #expect(errors.isEmpty)
        #expect(config.provider == "openai" && config.model == "qwen2.5-7b-instruct")
        #expect(config.baseURL == "http://localhost:8000/v1" && config.apiKeyEnv == "VLLM_KEY")
        let (bad, problems) = parse("""
        provider = anthropic
        base-url = localhost:8000
        api-key-env = sk-abc123
        """)
        #expect(bad.provider == nil && bad.baseURL == nil && bad.apiKeyEnv == nil)
        #expect(problems.map(\.line) == [1, 2, 3])
        #expect(problems[0].message == "provider must be offline or openai; got \"anthropic\"")
        #expect(problems[1].message.contains("base-url must start with http:// or https://"))
        #expect(problems[2].message.contains("never the key itself"))
    }

    @Test func emptyFileSetsNothing() {
        let (config, errors) = parse("\n# nothing\n\n")
        #expect(errors.isEmpty)
        #expect(config == WorkbenchConfig())
    }

    @Test func valueForms() {
        let (config, errors) = parse("""
            THEME = "high-contrast"   # a comment
            editor = 'code --wait'
            tree-width = 25%
            poll-interval = 250ms
            [ Keys ]
            Move-Up = k, up ,pgup
            search = / comma hash f3 Space c-f
            quit = q q Q
            """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(config.theme == "high-contrast")
        #expect(config.editor == "code --wait")
        #expect(config.treeWidth == 25)
        #expect(config.pollMilliseconds == 250)
        #expect(config.keys["move-up"] == [.char("k"), .up, .pageUp])
        #expect(config.keys["search"] == [.char("/"), .char(","), .char("#"), .function(3), .char(" "), .ctrl("f")])
        #expect(config.keys["quit"] == [.char("q"), .char("Q")])
    }

    @Test func rangeLimitsAreInclusive() {
        #expect(parse("tree-width = 20\npoll-interval = 100").errors.isEmpty)
        #expect(parse("tree-width = 80\npoll-interval = 10000").errors.isEmpty)
    }

    @Test(arguments: [
        ("colour = red", 1, #"unknown setting "colour"; known settings: theme, editor, tree-width, filter, poll-interval"#),
        ("\nthem = dark", 2, #"unknown setting "them" (did you mean theme?)"#),
        ("undo = u", 1, "key bindings go under [keys]"),
        ("theme = dark\ntree-width = 90", 2, "tree-width must be a percentage from 20 to 80, e.g. tree-width = 40"),
        ("tree-width = 19", 1, "from 20 to 80"),
        ("tree-width = wide", 1, #"got "wide""#),
        ("tree-width = 99999999999999999999999", 1, "from 20 to 80"),
        ("poll-interval = 50", 1, "poll-interval must be milliseconds from 100 to 10000"),
        ("poll-interval = -500", 1, "from 100 to 10000"),
        ("poll-interval = 20000", 1, "from 100 to 10000"),
        ("theme", 1, #"missing "=": write setting = value, e.g. theme = dark"#),
        ("= dark", 1, #"missing setting before "=": write setting = value"#),
        ("[keys]\n = j", 2, #"missing command before "=": write command = keys"#),
        ("editor =", 1, "editor needs a value, e.g. editor = nvim"),
        ("editor = \"\"", 1, "editor needs a value"),
        ("theme = a\ntheme = b", 2, "theme is already set on line 1; keep one of them"),
        ("[colours]\ntext = red", 1, "unknown section [colours]; the only section is [keys]"),
        ("[keys", 1, "a section header is written [keys]"),
        ("[keys]\nmove-down j", 2, #"missing "=": write command = keys, e.g. move-down = j down"#),
        ("[keys]\nmvoe-down = j", 2, #"unknown command "mvoe-down"; did you mean move-down?"#),
        ("[keys]\n\nfrobnicate = x", 3, "see ? in the workbench for command names"),
        ("[keys]\nundo = ctrl-", 2, #""ctrl-" needs a letter, e.g. ctrl-r"#),
        ("[keys]\nundo = ctrl-1", 2, "ctrl- takes one letter, e.g. ctrl-r"),
        ("[keys]\nundo = f13", 2, "function keys are f1 to f12"),
        ("[keys]\nundo = uu", 2, #"unknown key "uu""#),
        ("[keys]\nundo = entr", 2, #"unknown key "entr" (did you mean enter?)"#),
        ("[keys]\nundo = \u{7}", 2, "control character"),
        ("[keys]\nundo = none u", 2, #""none" unbinds undo and cannot be combined with keys"#),
        ("[keys]\nundo =", 2, "undo needs keys, e.g. undo = j down, or none to unbind it"),
        ("[keys]\nundo = u\nundo = z", 3, "undo is already bound on line 2"),
    ])
    func errorsSayWhereAndWhat(text: String, line: Int, fragment: String) {
        let errors = parse(text).errors
        #expect(errors.count == 1, "\(errors)")
        guard let error = errors.first else { return }
        #expect(error.line == line)
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.description == "config:\(line): \(error.message)")
    }

    @Test func filtersAreCheckedWhenKnown() {
        let filters: Set<String> = ["all", "safety", "unclassified"]
        #expect(parse("filter = safety", filters: filters).errors.isEmpty)
        let errors = parse("filter = safty", filters: filters).errors
        #expect(errors.map(\.message) == [#"unknown filter "safty" (did you mean safety?); filters: all, safety, unclassified"#])
        #expect(parse("filter = anything").errors.isEmpty)
    }

    @Test func badLinesDoNotLoseTheRest() {
        let (config, errors) = parse("""
            theme = light
            colour = red
            tree-width = 200
            editor = vim
            tree-width = 30
            [nope]
            filter = ignored inside an unknown section
            [keys]
            undo = u ctrl-
            redo = r
            nonsense
            move-down = j
            """)
        #expect(errors.map(\.line) == [2, 3, 6, 9, 11])
        #expect(config.theme == "light")
        #expect(config.editor == "vim")
        #expect(config.treeWidth == 30)
        #expect(config.filter == nil)
        #expect(config.keys == ["redo": [.char("r")], "move-down": [.char("j")]])
    }
}

/// Random input must never crash either parser, and every error must point at a real line.
@Suite("Parsers survive random input")
struct RandomInputTests {
    static let words = [
        "=", "==", " ", "\t", "\n", "\r\n", "\r", "#", "[", "]", "[keys]", "[x]", "/", ",", "\"", "'", "on", "none",
        "name", "text", "title", "selection", "status-bar", "bold", "reverse", "dim", "red", "bright-red", "grey",
        "default", "31/blue", "300", "255", "-1", "0", "16", "99999999999999999999", "theme", "editor", "tree-width",
        "poll-interval", "filter", "undo", "move-down", "ctrl-", "ctrl-r", "f0", "f12", "space", "%", "ms", "é", "\u{0}",
        "\u{1B}[31m", "\u{7F}", "🙂", "\u{301}", "\u{2028}",
    ]

    static func lineCount(_ text: String) -> Int {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).count
    }

    static func check(_ text: String) {
        let lines = lineCount(text)
        if case .failure(let error) = ThemeFile.parse(text, file: "fuzz.theme") {
            #expect((1...lines).contains(error.line))
        } else {
            _ = (try? ThemeFile.parse(text, file: "fuzz.theme").get())?.resolved(for: .eight)
        }
        for error in ConfigFile.parse(text, file: "fuzz", commands: ["undo", "move-down"]).errors {
            #expect((1...lines).contains(error.line))
        }
    }

    @Test func randomBytes() {
        var random = SeededRandom(seed: 1)
        for _ in 0..<400 {
            let bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomLinesOfRealWords() {
        var random = SeededRandom(seed: 2)
        for _ in 0..<1000 {
            let count = Int.random(in: 0...30, using: &random)
            let text = (0..<count).map { _ in Self.words.randomElement(using: &random) ?? "" }
                .joined(separator: Bool.random(using: &random) ? " " : "")
            Self.check(text)
        }
    }
}

@Suite struct ConfigKeyClashTests {
    @Test func aKeyBoundTwiceOrUnreachableIsReported() {
        let commands = Keymap.commandNames
        let (config, errors) = ConfigFile.parse("[keys]\nundo = z\nredo = z\nhistory = ctrl-j\n", file: "config", commands: commands)
        #expect(config.keys["undo"] == [.char("z")])
        #expect(config.keys["redo"] == nil)
        #expect(errors.map(\.line) == [3, 4])
        #expect(errors.first?.message.contains("already bound to undo on line 2") == true)
        #expect(errors.last?.message.contains("arrives as enter") == true)
    }
}

