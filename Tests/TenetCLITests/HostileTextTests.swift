import Foundation
import Testing

/// Text from a spec, a pairs file, an answer, a key comment or the command line itself
/// reaches the terminal shown, never interpreted: whatever command prints it, on standard
/// output and on standard error, as text or as `--json`.
@Suite struct HostileTextTests {
    /// A bidi override, an isolate, a screen clear, a one-character CSI, a bell, an OSC 52
    /// clipboard write and DEL.
    static let hostile = "\u{202E}kcatta\u{2066}iso\u{2069} \u{1B}[2J \u{9B}31m \u{07} \u{1B}]52;c;aGk=\u{07} \u{7F}"

    /// A spec with `h` in every field a command prints: titles, text, parameters, an
    /// example's turns, a link.
    static func spec(_ h: String) -> String {
        """
        # Evil \(h) spec {#evil}

        Intro \(h).

        ## Parameters

        | parameter | values | default | meaning |
        |---|---|---|---|
        | `tone` | `calm`, `loud` | `calm` | how it talks \(h) |

        ## Rules \(h) {#evil.s}

        ### Be nice \(h) {#evil.nice kind=safety direction=prohibit}

        Rule text \(h) in {{tone}}.

        - **Rationale:** because \(h)
        - **Scope:** all \(h)

        **Example (BAD):** Hostile example \(h)

        ```chat
        user: hi \(h)
        assistant: ok \(h)
        ```

        **Why:** reason \(h)

        **Example (GOOD):** Kind example \(h)

        ```chat
        user: hi \(h)
        assistant: good \(h)
        Second line
        ```

        See [other](#evil.missing\(h)).

        """
    }

    let directory: String

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        let h = Self.hostile
        let spec = Self.spec(h)
        try spec.write(toFile: directory + "/evil.md", atomically: true, encoding: .utf8)
        try spec.replacingOccurrences(of: "Be nice", with: "Be kind").write(toFile: directory + "/evil2.md", atomically: true, encoding: .utf8)
        let escaped = Self.hostile.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
        let pairs = [
            #"{"prompt": "question \#(escaped)", "chosen": "good \#(escaped)\nsecond line", "rejected": "bad \#(escaped)", "rule_ids": ["evil.nice"], "spec": "evil", "strategy": "s \#(escaped)"}"#,
            "not json \(h)",
        ]
        try (pairs.joined(separator: "\n") + "\n").write(toFile: directory + "/pairs.jsonl", atomically: true, encoding: .utf8)
        try "edited answer \(h)\n".write(toFile: directory + "/answer.txt", atomically: true, encoding: .utf8)
        try "edited answer \u{202E}kcatta\u{2066}iso\u{2069}\n".write(toFile: directory + "/bidi.txt", atomically: true, encoding: .utf8)
        try "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJdxWjAuzfRzMLjaFURkBF5udfcYeaNYtlOtJJm/Enn3 eve\(h)\n"
            .write(toFile: directory + "/eve.pub", atomically: true, encoding: .utf8)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments, in: directory, environment: ["TENET_USER": "alice", "TENET_DB": directory + "/tenet.db"])
    }

    /// What a terminal would act on: C0 controls but line feed and tab, DEL, C1 controls,
    /// bidi embeddings, overrides and isolates.
    static func acting(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }.map { String(format: "U+%04X", $0.value) }
    }

    /// Runs a command and checks that neither of its outputs carries anything a terminal
    /// would act on.
    @discardableResult
    func safely(_ arguments: [String], status: Int32? = 0) throws -> TenetProcess.Result {
        let result = try run(arguments)
        if let status { #expect(result.status == status, "\(arguments): \(result.stderr)") }
        #expect(Self.acting(result.stdout).isEmpty, "\(arguments) stdout: \(Self.acting(result.stdout))")
        #expect(Self.acting(result.stderr).isEmpty, "\(arguments) stderr: \(Self.acting(result.stderr))")
        return result
    }

    /// The placeholders that show what was there.
    static let placeholders = ["<U+202E>", "<U+2066>", "<U+2069>", "␛[2J", "<9B>31m", "␇", "␛]52;c;aGk=␇", "␡"]

    func showsPlaceholders(_ text: String, _ arguments: [String], _ expected: [String] = placeholders) {
        for shown in expected {
            #expect(text.contains(shown), "\(arguments) does not show \(shown)")
        }
    }

    /// JSON keeps the text exactly, with what a terminal would act on escaped as \uXXXX.
    func keepsTextInJSON(_ result: TenetProcess.Result, _ arguments: [String]) throws {
        #expect(result.stdout.contains("\\u202e") && result.stdout.contains("\\u009b"), "\(arguments)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
        let data = try JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])
        #expect(String(decoding: data, as: UTF8.self).contains("\u{202E}kcatta"), "\(arguments): the text itself survives")
    }

    @Test func everyCommandShowsHostileTextWithoutPassingItToTheTerminal() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Spec files, before and after import.
        try safely(["import", "spec", "evil.md"])
        for arguments in [["parse", "evil.md"], ["rule", "show", "evil.nice"], ["spec", "show", "evil"], ["instantiate", "evil"]] {
            showsPlaceholders(try safely(arguments).stdout, arguments)
        }
        // A link's target ends at the first space: only the bidi characters are in it.
        showsPlaceholders(try safely(["lint", "evil.md"], status: 1).stdout, ["lint"], ["<U+202E>kcatta<U+2066>iso<U+2069>"])
        for arguments in [["parse", "--json", "evil.md"], ["rule", "show", "evil.nice", "--json"], ["spec", "show", "evil", "--json"],
                          ["show", "1", "--json"], ["instantiate", "evil", "--json"]] {
            try keepsTextInJSON(try safely(arguments), arguments)
        }
        try safely(["lint", "--json", "evil.md"], status: 1)
        try safely(["rule", "set", "evil.nice", "--rationale", "now \(Self.hostile)"])
        try safely(["import", "spec", "evil2.md"])
        for arguments in [["log"], ["log", "--json"], ["show", "1"], ["show", "2"], ["show", "3"], ["rule", "list"], ["spec", "list"],
                          ["blame", "evil.nice"], ["blame", "evil.nice", "--json"], ["diff", "evil.md", "evil2.md"],
                          ["diff", "--json", "evil.md", "evil2.md"], ["diff", "evil.nice", "1", "2"], ["tag", "v1"], ["tag", "--list"]] {
            try safely(arguments, status: nil)
        }
        // Pairs: a file whose lines are all refused (one holds control characters, which no
        // imported pair may), then pairs of the spec's own examples — the spec's text as
        // written, shown safely — with answers, notes, reasons.
        let refused = try safely(["import", "pairs", "pairs.jsonl"], status: 1)
        #expect(refused.stderr.contains("pairs.jsonl:1: error: the chosen answer holds control character U+001B"), "\(refused.stderr)")
        #expect(refused.stderr.contains("pairs.jsonl:2"))
        try safely(["import", "pairs", "--from-spec", "evil"])
        let list = try safely(["pair", "list", "--json"])
        let id = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String)
        try safely(["pair", "list"])
        showsPlaceholders(try safely(["pair", "show", id]).stdout, ["pair", "show"])
        #expect(try safely(["pair", "show", id]).stdout.contains("\nSecond line"), "an answer keeps its lines")
        try keepsTextInJSON(try safely(["pair", "show", id, "--json"]), ["pair", "show", "--json"])
        try safely(["pair", "decide", id, "accept", "--note", "n \(Self.hostile)"])
        #expect(try safely(["pair", "edit", id, "--chosen-file", "answer.txt"], status: 1).stderr.contains("holds control character"))
        try safely(["pair", "edit", id, "--chosen-file", "bidi.txt"])
        try safely(["pair", "reopen", id, "--reason", "r \(Self.hostile)"], status: nil)
        for arguments in [["pair", "show", id], ["pair", "next"], ["pair", "next", "--json"], ["stats"], ["stats", "--json"],
                          ["log"], ["export", "pairs", "-o", "out.jsonl"]] {
            try safely(arguments, status: nil)
        }
        // People and their keys.
        try safely(["access", "add", "eve", "--role", "viewer", "--key", "eve.pub", "--authorized-keys", directory + "/authorized_keys"],
                   status: nil)
        for arguments in [["access", "list"], ["access", "list", "--json"], ["access", "log"]] { try safely(arguments, status: nil) }
    }

    @Test func messagesQuotingTheCommandLineShowItSafely() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let h = Self.hostile
        try safely(["import", "spec", "evil.md"])
        // Files that are not there, unknown rules, bad values: each message names what was typed.
        for arguments in [["parse", "no such \(h).md"], ["import", "spec", "no such \(h).md"], ["lint", "no such \(h).md"],
                          ["rule", "show", "no-rule\(h)"], ["pair", "show", "p-\(h)"], ["import", "pairs", "no such \(h).jsonl"],
                          ["instantiate", "evil", "--rules", "x\(h)"], ["tag", "bad\(h)"], ["pair", "list", "--status", "s\(h)"],
                          ["log", "--user", "bob\(h)"], ["open", "no such \(h).md"]] {
            let result = try safely(arguments, status: nil)
            #expect(result.status != 0, "\(arguments)")
            let said = result.stdout + result.stderr
            #expect(said.contains("<U+202E>kcatta") || said.contains("␛[2J"), "\(arguments): \(said)")
        }
    }

    /// On a terminal (a real pseudo-terminal, from `script`), what prints the spec's own
    /// text — `spec show --text`, `instantiate`, `export rules --out -` — shows it safely;
    /// into a pipe it stays exact.
    @Test func onATerminalDataOutputIsShownSafely() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try safely(["import", "spec", "evil.md"])
        for arguments in [["spec", "show", "evil", "--text"], ["instantiate", "evil"],
                          ["export", "rules", "--spec", "evil", "--format", "markdown", "--out", "-"],
                          ["export", "rules", "--spec", "evil", "--format", "json", "--out", "-"]] {
            let command = ([TenetProcess.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
            let terminal = try TenetProcess.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], in: directory,
                                                    environment: ["TENET_USER": "alice", "TENET_DB": directory + "/tenet.db"])
            #expect(terminal.status == 0, "\(arguments): \(terminal.stdout)")
            // script turns line feeds into CR LF; nothing else may act.
            let acting = Self.acting(terminal.stdout.replacingOccurrences(of: "\r\n", with: "\n"))
            #expect(acting.isEmpty, "\(arguments) on a terminal: \(acting)")
            #expect(terminal.stdout.contains("kcatta"), "\(arguments): the text is there, shown")
        }
    }

    /// Into a pipe, an export's JSON has what a terminal acts on escaped — `| less` or an
    /// SSH channel may still end in one — yet reads back the same; the Markdown export is
    /// the spec's exact bytes; `--raw` is only for the Markdown on standard output.
    @Test func exportsToStandardOutputAreEscapedJSONOrExactMarkdown() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try safely(["import", "spec", "evil.md"])
        // A pair's text holds no control characters (import refuses them), but bidi ones.
        let bidi = "\u{202E}kcatta\u{2066}iso\u{2069}"
        try (#"{"prompt": "question \#(bidi)", "chosen": "good", "rejected": "bad", "rule_ids": ["evil.nice"], "spec": "evil"}"# + "\n")
            .write(toFile: directory + "/one.jsonl", atomically: true, encoding: .utf8)
        try safely(["import", "pairs", "one.jsonl"])
        let rules = try safely(["export", "rules", "--spec", "evil", "--out", "-"])
        #expect(rules.stdout.contains(#"\u202e"#), "\(rules.stdout)")
        let file = try safely(["export", "rules", "--spec", "evil", "--out", "rules.json"])
        #expect(file.status == 0)
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/rules.json")))
        let piped = try JSONSerialization.jsonObject(with: Data(rules.stdout.utf8))
        #expect((written as? NSDictionary)?.isEqual(to: piped as? [String: Any] ?? [:]) == true, "the same values as the file's")
        #expect(try String(contentsOfFile: directory + "/rules.json", encoding: .utf8).contains("\u{202E}"), "a file holds the exact text")
        let pairs = try safely(["export", "pairs", "--status", "pending", "--out", "-"])
        let line = try #require(pairs.stdout.split(separator: "\n").first)
        let pair = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let prompt = try #require((pair["prompt"] as? [[String: Any]])?.first?["content"] as? String)
        #expect(prompt == "question " + bidi, "\(pair)")
        let markdown = try run(["export", "rules", "--spec", "evil", "--format", "markdown", "--out", "-"])
        #expect(markdown.status == 0 && markdown.stdout.contains(Self.hostile), "exact into a pipe")
        for misplaced in [["--raw", "--out", "-"], ["--format", "markdown", "--raw", "--out", "x.md"]] {
            let refused = try run(["export", "rules", "--spec", "evil"] + misplaced)
            #expect(refused.status == 64 && refused.stderr.contains("--raw is for --format markdown --out -"), "\(misplaced): \(refused.stderr)")
        }
    }

    @Test func theSpecSourceStaysExactIntoAPipe() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try safely(["import", "spec", "evil.md"])
        let exact = try run(["spec", "show", "evil", "--text"])
        #expect(exact.stdout == (try String(contentsOfFile: directory + "/evil.md", encoding: .utf8)), "exact into a pipe, as documented")
    }
}
