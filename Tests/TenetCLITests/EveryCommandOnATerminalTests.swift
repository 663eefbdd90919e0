import Foundation
import Testing

/// Every command, run on a real pseudo-terminal (`script`) against a project whose stored
/// text is hostile — a spec, pairs, answers, author and annotator names, role names and
/// people written by an older Tenet that did not check them — sends nothing from that
/// text to the terminal that the terminal would act on: no OSC 0 title, no OSC 52
/// clipboard write, no CSI, no C1 control, no bidi override, no line forged by a newline
/// in a name.
///
/// The commands come from `tenet --experimental-dump-help`, the command tree itself: a
/// command added without an entry in ``arguments`` fails this test until it has one.
@Suite struct EveryCommandOnATerminalTests {
    /// An OSC 0 window title, an OSC 52 clipboard write, a CSI that blinks and reverses,
    /// a one-character CSI, a C1 next-line, a bidi override and isolate, a bell, DEL.
    /// Among it a colour of the kinds Tenet styles its own output with (`35;2;33`, a mix it
    /// never writes): from the data, even that is shown as text.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}]52;c;aGk=\u{07}\u{1B}[5;7m\u{9B}6n\u{85}\u{202E}kcatta\u{2066}x\u{2069}\u{07}\u{7F}"
        + "\u{1B}[35;2;33m\u{200F}\u{61C}\u{2028}"
    /// The same, with a newline that would forge a line of `tenet log`.
    static let hostileName = "eve" + hostile + "\n     99  2020-01-01T00:00:00Z  forged"

    let directory: String
    var environment: [String: String] { ["TENET_USER": "alice", "TENET_DB": directory + "/tenet.db", "TERM": "xterm-256color"] }

    init() throws {
        directory = try TenetProcess.temporaryDirectory()
        let h = Self.hostile
        let spec = HostileTextTests.spec(h)
        try spec.write(toFile: directory + "/evil.md", atomically: true, encoding: .utf8)
        try spec.replacingOccurrences(of: "Be nice", with: "Be kind").write(toFile: directory + "/evil2.md", atomically: true, encoding: .utf8)
        // The role and the text are checked on import now (no control characters); they
        // are made hostile by hand in ``seed()``.
        let question = "{\"role\": \"userROLEMARK\", \"content\": \"question ROLEMARK\"}"
        let pair = """
        {"chosen": [\(question), {"role": "assistant", "content": "good ROLEMARK\\nsecond line"}], \
        "rejected": [\(question), {"role": "assistant", "content": "bad ROLEMARK"}], "rule_ids": ["evil.nice"], "spec": "evil"}
        """
        try (pair + "\n").write(toFile: directory + "/pairs.jsonl", atomically: true, encoding: .utf8)
        // Prompts too are checked on import (no control characters): made hostile in ``seed()``.
        try ("{\"prompt\": \"prompt ROLEMARK\"}\n").write(toFile: directory + "/prompts.jsonl", atomically: true, encoding: .utf8)
        try "edited \(h)\n".write(toFile: directory + "/answer.txt", atomically: true, encoding: .utf8)
    }

    func plain(_ arguments: [String]) throws -> TenetProcess.Result {
        try TenetProcess.run(arguments, in: directory, environment: environment)
    }

    /// A project with hostile text everywhere, and names no current Tenet accepts written
    /// into it directly, as an older version or another tool could have.
    func seed() throws -> (pair: String, document: String) {
        for arguments in [["import", "spec", "evil.md"], ["rule", "set", "evil.nice", "--rationale", "now \(Self.hostile)"],
                          ["import", "pairs", "pairs.jsonl"], ["import", "prompts", "prompts.jsonl", "--name", "p"],
                          ["instantiate", "evil", "--save", "inst"], ["tag", "v1"]] {
            let result = try plain(arguments)
            #expect(result.status == 0, "seeding \(arguments): \(result.stdout) \(result.stderr)")
        }
        let list = try plain(["pair", "list", "--json"])
        let pair = (try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String ?? "none"
        _ = try plain(["pair", "decide", pair, "accept", "--note", "n \(Self.hostile)"])
        _ = try plain(["midtrain", "generate", "evil", "--count", "1"])
        let documents = try plain(["midtrain", "list", "--json"])
        let document = (try? JSONSerialization.jsonObject(with: Data(documents.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String ?? "none"
        // What the current Tenet refuses on entry, stored by hand.
        let name = Self.hostileName.unicodeScalars.map { "char(\($0.value))" }.joined(separator: "||")
        let roleJSON = String(decoding: try JSONSerialization.data(withJSONObject: [Self.hostile], options: []), as: UTF8.self)
            .dropFirst(2).dropLast(2)
        let sql = """
            INSERT INTO changeset (author, created_at, session, kind, message) VALUES (\(name), '2026-01-01T00:00:00Z', 's', 'edit', 'by hand');
            UPDATE review SET annotator = \(name);
            DROP TRIGGER revision_is_append_only;
            UPDATE revision SET data = replace(data, 'ROLEMARK', '\(roleJSON)');
            CREATE TRIGGER revision_is_append_only BEFORE UPDATE ON revision BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
            DROP TRIGGER prompt_item_is_append_only;
            UPDATE prompt_item SET data = replace(data, 'ROLEMARK', '\(roleJSON)');
            CREATE TRIGGER prompt_item_is_append_only BEFORE UPDATE ON prompt_item BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
            INSERT OR IGNORE INTO access_person (name, role, removed) VALUES (\(name), 'viewer', 0);
            INSERT OR IGNORE INTO access_person (name, role, removed) VALUES ('alice', 'admin', 0);
            """
        let written = try TenetProcess.runProgram("/usr/bin/sqlite3", [directory + "/tenet.db", sql], in: directory)
        #expect(written.status == 0, "seeding by hand: \(written.stderr)")
        return (pair, document)
    }

    /// The arguments each command runs with (after its name); the screens get `q` until
    /// they close.
    static func arguments(pair: String, document: String) -> [String: [String]] {
        let h = hostile
        return [
            "workbench": [], "open": ["evil.md"], "parse": ["evil.md"], "lint": ["evil.md"], "diff": ["evil.md", "evil2.md"],
            "import spec": ["evil2.md"], "import pairs": ["pairs.jsonl"], "import prompts": ["prompts.jsonl", "--name", "p2"],
            "spec list": [], "spec show": ["evil", "--text"], "spec archive": ["evil-\(h)"], "spec restore": ["evil-\(h)"],
            "rule list": [], "rule show": ["evil.nice"], "rule set": ["evil.nice", "--scope", "s \(h)"],
            "rule example add": ["evil.nice", "--verdict", "bad", "--title", "t \(h)", "--turn", "user: u \(h)", "--turn", "assistant: a \(h)"],
            "rule example edit": ["evil.nice", "1", "--title", "t2 \(h)"], "rule example remove": ["evil.nice", "9"],
            "annotate": ["--list"], "undo": [], "redo": [], "revert": ["2"], "log": [], "show": ["1"], "blame": ["evil.nice"],
            "tag": ["--list"], "instantiate": ["evil"], "instantiation list": [], "instantiation show": ["inst"],
            "generate": ["--instantiation", "inst", "--count", "1"],
            "pair list": [], "pair show": [pair], "pair next": [], "pair decide": [pair, "flag", "--note", "f \(h)"],
            "pair swap": [pair], "pair edit": [pair, "--chosen-file", "answer.txt"], "pair reopen": [pair, "--reason", "r \(h)"],
            "pair release": [pair], "review": [], "stats": [], "project show": [], "project set": ["pretty-name", "n \(h)"],
            "export pairs": ["--out", "-"], "export rules": ["--spec", "evil", "--format", "markdown", "--out", "-"],
            "export docs": ["--out", "-"], "access add": ["bob\(h)", "--role", "viewer"], "access list": [],
            "access role": ["bob", "viewer"], "access remove": ["bob\(h)"], "access log": [], "access sync": ["--authorized-keys", "ak"],
            "serve": ["--db", "tenet.db", "--key", "SHA256:x", "eve"], "provider check": ["--base-url", "http://127.0.0.1:9/v1", "--model", "m\(h)"],
            "prompts list": [], "prompts show": ["p"], "eval run": ["p", "--model", "m\(h)", "--base-url", "http://127.0.0.1:9/v1"], "eval resume": ["r\(h)"],
            "eval show": ["r\(h)"], "eval list": [], "eval compare": ["a\(h)", "b"], "eval example": ["r\(h)", "1"],
            "eval pair": ["r\(h)", "1"], "eval export": ["r\(h)"], "midtrain check": ["evil"], "midtrain generate": ["evil", "--count", "1"],
            "midtrain list": [], "midtrain show": [document], "midtrain decide": [document, "flag", "--note", "n \(h)"],
            "midtrain edit": [document, "--text-file", "answer.txt"], "midtrain review": [], "midtrain stats": [],
        ]
    }

    /// Full-screen commands: they draw with escape sequences of their own, so only what
    /// comes from the data is looked for, and `q` closes them.
    static let screens: Set<String> = ["workbench", "open", "review", "midtrain review", "serve"]

    /// The command tree's leaves, as typed: `rule example add`.
    func commands() throws -> [String] {
        let dump = try plain(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var leaves: [String] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).filter { $0["commandName"] as? String != "help" }
            if subcommands.isEmpty && !path.isEmpty { leaves.append(path.joined(separator: " ")) }
            for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? "?"]) }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return leaves
    }

    /// Runs `tenet WORDS ARGUMENTS` on a pseudo-terminal and returns all it wrote there;
    /// a screen gets `q` every 0.2 s until it ends (at most 60 s).
    func onTerminal(_ words: [String], screen: Bool) throws -> (status: Int32, output: String) {
        let command = ([TenetProcess.binary] + words).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = input
        try process.run()
        nonisolated(unsafe) var data = Data()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { data = out.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(60)
        // The program may end between the check and the write: its closed pipe must answer
        // EPIPE, not a SIGPIPE that ends the whole test process.
        signal(SIGPIPE, SIG_IGN)
        while process.isRunning && Date() < deadline {
            if screen { try? input.fileHandleForWriting.write(contentsOf: Data("q".utf8)) }
            Thread.sleep(forTimeInterval: 0.2)
        }
        if process.isRunning { process.terminate() }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        reading.wait()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// What came from the data and would act on a terminal. On a line-mode command every
    /// escape sequence but Tenet's own colours counts; on a screen, the data's own ones.
    static func acting(_ text: String, screen: Bool) -> [String] {
        var found: [String] = []
        for marker in ["\u{1B}]0;", "\u{1B}]52;", "\u{1B}[5;7m", "\u{9B}", "\u{85}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{7F}",
                       "\u{1B}[35;2;33m", "\u{200F}", "\u{61C}", "\u{2028}"]
        where text.contains(marker) {
            found.append(marker.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " "))
        }
        if text.contains("\n     99  2020-01-01T00:00:00Z  forged") { found.append("a forged log line") }
        guard !screen else { return found }
        // Line mode: only `ESC [ … m` with Tenet's own parameters and the progress line's
        // `ESC [ K`; no other control but CR, LF, tab.
        var rest = Substring(text)
        while let index = rest.firstIndex(where: { $0.unicodeScalars.first.map { $0.value < 0x20 && ![0x0A, 0x0D, 0x09].contains($0.value) } ?? false }) {
            rest = rest[index...]
            if rest.hasPrefix("\u{1B}[K") { rest = rest.dropFirst(3); continue }
            if rest.hasPrefix("\u{1B}["), let end = rest.prefix(16).firstIndex(of: "m"),
               rest[rest.index(rest.startIndex, offsetBy: 2)..<end].split(separator: ";", omittingEmptySubsequences: false)
                .allSatisfy({ ["0", "1", "2", "22", "31", "32", "33", "34", "35", "36", "39"].contains(String($0)) }) {
                rest = rest[rest.index(after: end)...]
                continue
            }
            found.append("control " + String(format: "U+%04X", rest.unicodeScalars.first!.value) + " in …" + String(rest.prefix(12)).debugDescription)
            rest = rest.dropFirst()
        }
        return found
    }

    @Test func noCommandPassesControlSequencesFromStoredTextToTheTerminal() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (pair, document) = try seed()
        let table = Self.arguments(pair: pair, document: document)
        let commands = try commands()
        #expect(commands.count >= 60, "the command tree: \(commands)")
        var ran = 0
        for command in commands {
            guard let arguments = table[command] else {
                Issue.record("`tenet \(command)` is not in EveryCommandOnATerminalTests.arguments: add how to run it")
                continue
            }
            let screen = Self.screens.contains(command)
            let words = command.split(separator: " ").map(String.init) + arguments
            let (status, output) = try onTerminal(words, screen: screen)
            #expect(status < 128, "tenet \(command) ended with \(status): \(output.suffix(400))")
            // The hand-written names are there, shown: the seeding reached the output.
            let shown = ["log": "eve␛]0;pwned", "pair show": "[user␛]0;pwned␇"]
            if let expected = shown[command] { #expect(output.contains(expected) && output.contains("<U+202E>"), "tenet \(command): \(output.prefix(600))") }
            let acting = Self.acting(output, screen: screen)
            #expect(acting.isEmpty, "tenet \(command) on a terminal: \(acting)")
            ran += 1
        }
        #expect(ran == commands.count)
    }

    /// Names are checked where they enter: a role with a control sequence in a pairs file
    /// is refused with its line, as is `--user` with one.
    @Test func hostileNamesAreRefusedOnEntry() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try plain(["import", "spec", "evil.md"])
        let role = "{\"role\": \"user\\u001b]0;x\\u0007\", \"content\": \"q\"}"
        try "{\"chosen\": [\(role), {\"role\": \"assistant\", \"content\": \"a\"}], \"rejected\": [\(role), {\"role\": \"assistant\", \"content\": \"b\"}]}\n"
            .write(toFile: directory + "/roles.jsonl", atomically: true, encoding: .utf8)
        let refused = try plain(["import", "pairs", "roles.jsonl"])
        #expect(refused.status == 1 && refused.stderr.contains("roles.jsonl:1:") && refused.stderr.contains(".role holds control characters"),
                "\(refused.stderr)")
        let user = try plain(["log", "--user", "eve\u{202E}"])
        #expect(user.status == 64, "\(user.stderr)")

        // Identifiers a listing shows on their own line — a pair's ID, spec, strategy and
        // rules, a prompt's ID — are one line with nothing a terminal acts on. A red "[S]"
        // in a pair's ID once reached `pair list` as colour.
        let good = "\"chosen\": \"a\", \"rejected\": \"b\""
        let lines = [
            "{\"prompt\": \"q1\", \(good), \"id\": \"p-x\\u001b[1;31m[S] FAKE\\u001b[0m\"}",
            "{\"prompt\": \"q2\", \(good), \"strategy\": \"direct\\nFORGED: line\"}",
            "{\"prompt\": \"q3\", \(good), \"rule_ids\": [\"evil.nice\\u202e\"]}",
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/ids.jsonl", atomically: true, encoding: .utf8)
        let ids = try plain(["import", "pairs", "ids.jsonl"])
        #expect(ids.status == 1, "\(ids.stderr)")
        for (line, what) in [(1, "`id` holds control characters"), (2, "`strategy` holds control characters"), (3, "a rule ID holds control characters")] {
            #expect(ids.stderr.contains("ids.jsonl:\(line):") && ids.stderr.contains(what), "line \(line): \(ids.stderr)")
        }
        #expect(try plain(["pair", "list", "--json"]).stdout.filter { !$0.isWhitespace } == "[]", "nothing half-imported")
        try "{\"prompt\": \"p\", \"id\": \"p1\\nFORGED\"}\n".write(toFile: directory + "/pids.jsonl", atomically: true, encoding: .utf8)
        let prompts = try plain(["import", "prompts", "pids.jsonl", "--name", "ps"])
        #expect(prompts.status == 1 && prompts.stderr.contains("pids.jsonl:1:") && prompts.stderr.contains("`id` holds control characters"),
                "\(prompts.stderr)")
        // A model's name is stored with what it makes and listed: checked like a name.
        for arguments in [["annotate", "evil", "--suggest", "--provider", "openai", "--base-url", "http://127.0.0.1:9/v1", "--model", "m\u{1B}[31m"],
                          ["eval", "run", "--prompts", "p", "--method", "vanilla", "--model", "m", "--base-url", "http://127.0.0.1:9/v1",
                           "--judge-model", "j\nFORGED", "--instantiation", "i"]] {
            let model = try plain(arguments)
            #expect(model.status == 64 && model.stderr.contains("model holds control characters"), "\(arguments): \(model.stderr)")
        }
    }
}
