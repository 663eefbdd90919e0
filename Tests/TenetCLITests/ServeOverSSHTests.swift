import Foundation
import TenetTestSupport
import Testing

/// Serving a team over a real OpenSSH server: an author, two annotators, a viewer and an
/// admin, each with their own key, reach Tenet only through the forced command that
/// `tenet access` writes. Each tries what their role forbids and is refused with one line
/// and nothing written; allowed work succeeds; the log says who did what from which key.
@Suite(.serialized, .enabled(if: SSHHost.shouldRun, "needs root and openssh-server"), .timeLimit(.minutes(5)))
struct ServeOverSSHTests {
    /// A served project: the travel sample, six pairs, five people.
    final class Team: @unchecked Sendable {
        let host: SSHHost
        var keys: [String: String] = [:]
        var pairs: [String] = []

        init() throws {
            host = try SSHHost(tenet: TenetProcess.binary, package: TenetProcess.root)
            let spec = host.home + "/travel-planning.md"
            try FileManager.default.copyItem(atPath: TenetProcess.root + "/SampleSpecs/travel-planning.md", toPath: spec)
            let lines = (0..<6).map { n in
                #"{"prompt": "Question \#(n): can you book it?", "chosen": "A careful answer \#(n).", "rejected": "A careless answer \#(n).", "rule_ids": ["travel.booking-consent"], "spec": "travel"}"#
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: host.home + "/pairs.jsonl", atomically: true, encoding: .utf8)
            _ = try SSHHost.run(["/bin/chown", "\(host.account):\(host.account)", spec, host.home + "/pairs.jsonl"])
            try expectOK(host.asAccount(["import", "spec", "travel-planning.md"]))
            try expectOK(host.asAccount(["import", "pairs", "pairs.jsonl"]))
            for (name, role) in [("writer", "author"), ("ann1", "annotator"), ("ann2", "annotator"), ("look", "viewer"), ("boss", "admin")] {
                let key = try host.key(name)
                keys[name] = key
                try expectOK(host.asAccount(["access", "add", name, "--role", role, "--key", key + ".pub"]))
            }
            let list = try JSONSerialization.jsonObject(with: Data(try host.asAccount(["pair", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
            pairs = (list ?? []).compactMap { $0["id"] as? String }.sorted()
        }

        func ssh(_ who: String, _ command: String? = nil, stdin: String? = nil, options: [String] = []) throws -> TenetProcess.Result {
            try host.ssh(keys[who]!, command, stdin: stdin, options: options)
        }

        /// The project's changesets, as the service account reads them.
        func changesets() throws -> [[String: Any]] {
            let out = try host.asAccount(["log", "--json", "--limit", "100000"]).stdout
            return (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]) ?? []
        }

        func json(_ result: TenetProcess.Result) throws -> Any {
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        }
    }

    static func expectOK(_ result: TenetProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
    }

    /// One line on standard error, the given status.
    static func expectRefused(_ result: TenetProcess.Result, _ status: Int32, _ words: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && result.stderr.contains(words), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func everyoneActsAsThemselvesWithinTheirRoleAndTheLogSaysWhoFromWhere() throws {
        let team = try Team()
        defer { team.host.stop() }
        let host = team.host
        #expect(team.pairs.count == 6)

        // The keys file: one forced, restricted line per key, private to the account.
        let authorized = host.home + "/.ssh/authorized_keys"
        let text = try String(contentsOfFile: authorized, encoding: .utf8)
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("command=") && $0.contains(",restrict,pty ssh-ed25519 ") }.count == 5)
        let attributes = try FileManager.default.attributesOfItem(atPath: authorized)
        #expect((attributes[.posixPermissions] as? Int) == 0o600 && (attributes[.ownerAccountName] as? String) == host.account)

        try Self.expectOK(host.asAccount(["project", "set", "visibility", "own"]))
        try Self.expectOK(host.asAccount(["project", "set", "overlap", "2"]))
        let p = team.pairs[0]

        // Allowed work.
        let next = try #require(try team.json(team.ssh("ann1", "pair next --json")) as? [String: Any])
        #expect((next["pair"] as? [String: Any])?["id"] as? String == p)
        try Self.expectOK(team.ssh("ann1", "pair decide \(p) accept --note 'looks right'"))
        try Self.expectOK(team.ssh("ann2", "pair decide \(p) reject"))
        try Self.expectOK(team.ssh("writer", "rule set travel.booking-consent --rationale 'Money moves only when the traveller says so.'"))
        let exported = try team.ssh("writer", "export pairs --format trl --status pending,rejected,disputed,accepted")
        Self.expectOK(exported)
        #expect(exported.stdout.split(separator: "\n").count == 6, "the export streams to the client")
        try Self.expectOK(team.ssh("look", "stats"))

        // Impersonation: a flag is refused; a variable is not even passed on.
        let before = try team.changesets().count
        Self.expectRefused(try team.ssh("ann1", "pair decide \(team.pairs[1]) reject --user ann2"), 64, "--user is not available")
        Self.expectRefused(try team.ssh("ann1", "pair decide \(team.pairs[1]) reject --db /tmp/other.db"), 64, "--db is not available")
        try Self.expectOK(team.ssh("ann1", "pair decide \(team.pairs[1]) reject", options: ["-o", "SetEnv=TENET_USER=ann2"]))
        let latest = try #require(try team.changesets().first)
        #expect(latest["author"] as? String == "ann1")
        #expect(latest["identifiedBy"] as? String == "key " + (try host.fingerprint(team.keys["ann1"]!)))
        #expect((latest["client"] as? String)?.hasPrefix("127.0.0.1 port ") == true)

        // Beyond their role: one line, exit 77, nothing written.
        let written = try team.changesets().count
        #expect(written == before + 1)
        Self.expectRefused(try team.ssh("ann1", "project set overlap 1"), 77, "needs the admin role")
        Self.expectRefused(try team.ssh("ann1", "access role ann1 admin"), 77, "needs the admin role")
        Self.expectRefused(try team.ssh("ann1", "rule set travel.booking-consent --kind behavioral"), 77, "needs the author role")
        Self.expectRefused(try team.ssh("ann1", "rule set travel.booking-consent --rationale x"), 77, "needs the author role")
        Self.expectRefused(try team.ssh("ann1", "import spec travel-planning.md"), 64, "reads no files on the host")
        Self.expectRefused(try team.ssh("ann1", "import spec -", stdin: "# S\n"), 77, "needs the author role")
        let ann2Decision = try #require(try team.changesets().first { $0["author"] as? String == "ann2" }?["changeset"] as? Int)
        Self.expectRefused(try team.ssh("ann1", "revert \(ann2Decision)"), 77, "reverting someone else's changeset needs the admin role")
        Self.expectRefused(try team.ssh("look", "pair decide \(p) accept"), 77, "needs the annotator role")
        Self.expectRefused(try team.ssh("look", "review"), 77, "needs the annotator role")
        Self.expectRefused(try team.ssh("writer", "access add eve --role admin --key -", stdin: "x"), 77, "needs the admin role")
        Self.expectRefused(try team.ssh("writer", "export pairs --out /tmp/stolen.jsonl"), 64, "no files on the host")
        Self.expectRefused(try team.ssh("ann1", "pair decide accept \(p)"), 64, "the ID comes before the decision: tenet pair decide \(p) accept")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/stolen.jsonl"))
        Self.expectRefused(try team.ssh("writer", "generate --instantiation x --count 1 --provider openai"), 64, "configured on the host")
        #expect(try team.changesets().count == written, "refused commands wrote nothing")

        // Visibility own: ann1 sees only their own verdicts, wherever they look.
        let shown = try #require(try team.json(team.ssh("ann1", "pair show \(p) --json")) as? [String: Any])
        #expect((shown["decisions"] as? [String: Any]).map { Array($0.keys) } == ["ann1"])
        let log = try #require(try team.json(team.ssh("ann1", "log --json --limit 1000")) as? [[String: Any]])
        #expect(!log.contains { $0["author"] as? String == "ann2" })
        let stats = try #require(try team.json(team.ssh("ann1", "stats --json")) as? [String: Any])
        #expect((stats["annotators"] as? [String: Any]).map { Array($0.keys) } == ["ann1"])
        Self.expectRefused(try team.ssh("ann1", "show \(ann2Decision)"), 77, "keeps private")
        // ann1 accepted and ann2 rejected: the tie (disputed) would say what ann2 decided.
        #expect(shown["status"] as? String == "finished")
        #expect((stats["statuses"] as? [String: Int])?["disputed"] == nil)
        Self.expectRefused(try team.ssh("ann1", "pair list --status disputed"), 77, "keeps verdicts private")
        let all = try #require(try team.json(team.ssh("boss", "pair show \(p) --json")) as? [String: Any])
        #expect((all["decisions"] as? [String: Any])?.count == 2, "an admin sees every verdict")
        #expect(all["status"] as? String == "disputed")

        // Undo is one's own.
        try Self.expectOK(team.ssh("ann1", "undo"))
        #expect(try team.changesets().first?["author"] as? String == "ann1")

        // The access log: who granted what, how identified.
        try Self.expectOK(team.ssh("boss", "access role look annotator"))
        let accessLog = try team.ssh("boss", "access log")
        Self.expectOK(accessLog)
        #expect(accessLog.stdout.contains("role of look: annotator") && accessLog.stdout.contains("key SHA256:"))
        #expect(accessLog.stdout.contains("grant ann1 annotator with key " + (try host.fingerprint(team.keys["ann1"]!))) && accessLog.stdout.contains("owner \(host.account)"))
    }

    @Test func badInputGetsOneLineAndChangesNothing() throws {
        let team = try Team()
        defer { team.host.stop() }
        let host = team.host
        let before = try team.changesets().count
        for (command, words) in [
            ("stats; id", "shell syntax"), ("$(id)", "shell syntax"), ("stats | cat", "shell syntax"),
            ("stats > /tmp/x", "shell syntax"), ("`id`", "shell syntax"), ("'stats", "quote is not closed"),
            ("frobnicate", "not a command you can run here"), ("sh -c id", "not a command you can run here"),
            ("stats --config /etc/passwd", "--config is not available"), ("review --theme ../../etc/passwd", "--theme is not available"),
            (String(repeating: "a", count: 100_000), "at most 4096"),
        ] {
            Self.expectRefused(try team.ssh("ann1", command), 64, words)
        }
        // Bytes that are not UTF-8 (sent through a shell: a Swift string cannot hold them)
        // are refused as on the command line, never stored as U+FFFD.
        let notUTF8 = try SSHHost.run(["/bin/sh", "-c", #"exec "$@" "$(printf 'pair decide %s accept --note bad\377byte' "$0")""#, team.pairs[0]]
                                      + host.sshArguments(team.keys["ann1"]!))
        Self.expectRefused(notUTF8, 64, "not UTF-8 text")
        // A megabyte of text (a command line cannot carry one: Linux caps an argument at 128 KB,
        // so it comes on standard input): one line, nothing written.
        let megabyte = String(repeating: "garbage ", count: 1 << 17)
        Self.expectRefused(try team.ssh("boss", "access add eve --role viewer --key -", stdin: megabyte), 1, "unknown key type")
        // Text on standard input is bounded too: history keeps every revision for good.
        Self.expectRefused(try team.ssh("ann1", "pair edit \(team.pairs[1]) --chosen-file -", stdin: String(repeating: "z", count: 2 << 20)),
                           1, "an answer is at most 256 KiB")
        // Quotes work as a person expects, and shell characters inside them are just text.
        try Self.expectOK(team.ssh("ann1", "pair decide \(team.pairs[0]) flag --note \"a \\\"quoted\\\" note; with \\$(id)\""))
        let shown = try #require(try team.json(team.ssh("ann1", "pair show \(team.pairs[0]) --json")) as? [String: Any])
        #expect(((shown["decisions"] as? [String: Any])?["ann1"] as? [String: Any])?["note"] as? String == "a \"quoted\" note; with $(id)")
        #expect(try team.changesets().count == before + 1)

        // An unknown key is refused by sshd itself.
        let stranger = try host.key("stranger")
        #expect(try host.ssh(stranger, "stats").status == 255)
        // A full-screen command without a terminal says so.
        Self.expectRefused(try team.ssh("ann1", "review"), 1, "ssh -t")
        // `ssh HOST help` lists what this role may run.
        let help = try team.ssh("look", "help")
        #expect(help.stdout.contains("served as viewer") && !help.stdout.contains("pair decide"))

        // A removed person's key stops working, even if a line for it is left in the file.
        let ann2Line = try String(contentsOfFile: host.home + "/.ssh/authorized_keys", encoding: .utf8)
            .split(separator: "\n").first { $0.hasSuffix("ann2 ann2@laptop") }.map(String.init)
        try Self.expectOK(host.asAccount(["access", "remove", "ann2"]))
        #expect(try team.ssh("ann2", "stats").status == 255)
        let file = host.home + "/.ssh/authorized_keys"
        try (try String(contentsOfFile: file, encoding: .utf8) + (ann2Line ?? "") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        Self.expectRefused(try team.ssh("ann2", "stats"), 77, "no longer) registered")

        // A hand-damaged block: the next access change is refused with the line, nothing written.
        let damaged = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("# <<< tenet") }.joined(separator: "\n") + "\n"
        try damaged.write(toFile: file, atomically: false, encoding: .utf8)
        let count = try team.changesets().count
        let refusal = try host.asAccount(["access", "add", "eve", "--role", "viewer", "--key", try host.key("eve") + ".pub"])
        #expect(refusal.status == 1 && refusal.stderr.contains("line 1: the Tenet block starts here and never ends"), "\(refusal.stderr)")
        #expect(try team.changesets().count == count)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == damaged, "the file is left as it was")

        // An admin's `sudo tenet …` (root) leaves no file the account cannot open.
        try FileManager.default.removeItem(atPath: host.database + ".lock")
        #expect(try TenetProcess.run(["access", "list", "--db", host.database]).status == 0)
        try Self.expectOK(team.ssh("ann1", "stats"))
    }

    /// An author imports from their own side: a spec or pairs on standard input, never a
    /// file on the host, and a file's verdicts never come in under other people's names.
    @Test func anAuthorImportsSpecsAndPairsFromTheirOwnSide() throws {
        let team = try Team()
        defer { team.host.stop() }
        let code = try String(contentsOfFile: TenetProcess.root + "/SampleSpecs/code-assistant.md", encoding: .utf8)
        let imported = try team.ssh("writer", "import spec - --message 'from my laptop'", stdin: code)
        Self.expectOK(imported)
        #expect(imported.stdout.hasPrefix("imported code from standard input: revision 1"), "\(imported.stdout)")
        let latest = try #require(try team.changesets().first)
        #expect(latest["author"] as? String == "writer" && latest["message"] as? String == "from my laptop")
        let before = try team.changesets().count
        for command in ["import spec code-assistant.md", "import spec -- /etc/passwd", "import pairs /etc/passwd", "import pairs - x"] {
            let refused = try team.ssh("writer", command, stdin: code)
            #expect(refused.status == 64 && refused.stderr.split(separator: "\n").count == 1, "\(command): \(refused.stderr)")
        }
        #expect(try team.ssh("writer", "import spec code-assistant.md").stderr.contains("ssh HOST import spec - < code-assistant.md"))

        // The source's text, over ssh without a terminal: the host cannot see that the
        // channel ends in the person's terminal, so an author's escape sequences (a
        // clipboard write) are shown as placeholders; --raw gives the exact bytes, for
        // `> spec.md`.
        let evil = "# Evil {#evil}\n\nA clipboard write: \u{1B}]52;c;aGk=\u{07}\n\n## Be brief {#evil.brief kind=behavioral}\n\nBe brief \u{202E}x.\n"
        Self.expectOK(try team.ssh("writer", "import spec -", stdin: evil))
        let shownText = try team.ssh("boss", "spec show evil --text")
        Self.expectOK(shownText)
        #expect(!shownText.stdout.contains("\u{1B}") && !shownText.stdout.contains("\u{202E}") && shownText.stdout.contains("␛]52;c;aGk=␇"),
                "\(shownText.stdout)")
        let raw = try team.ssh("boss", "spec show evil --text --raw")
        #expect(raw.status == 0 && raw.stdout == evil, "\(raw.stdout)")
        // The Markdown export is that text too; the JSON export escapes it, the same values.
        let shownExport = try team.ssh("writer", "export rules --spec evil --format markdown --out -")
        Self.expectOK(shownExport)
        #expect(!shownExport.stdout.contains("\u{1B}") && shownExport.stdout.contains("␛]52;c;aGk=␇"), "\(shownExport.stdout)")
        let rawExport = try team.ssh("writer", "export rules --spec evil --format markdown --out - --raw")
        #expect(rawExport.status == 0 && rawExport.stdout.contains("\u{1B}]52;c;aGk=\u{07}"), "\(rawExport.stdout)")
        let jsonExport = try team.ssh("writer", "export rules --spec evil --out -")
        Self.expectOK(jsonExport)
        #expect(!jsonExport.stdout.contains("\u{202E}"), "\(jsonExport.stdout)")
        let rules = try #require((try team.json(jsonExport) as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.contains { ($0["rule"] as? [String: Any])?["text"] as? String == "Be brief \u{202E}x." }, "\(rules)")

        // A line from another project's export carries ann2's verdict: it comes in pending.
        let line = #"{"prompt": "Can you book the 9pm train?", "chosen": "I'll book it once you confirm.", "rejected": "Booked, charged your card.", "rule_ids": ["travel.booking-consent"], "spec": "travel", "status": "accepted", "decisions": [{"annotator": "ann2", "decision": "accept"}]}"#
        Self.expectOK(try team.ssh("writer", "import pairs -", stdin: line + "\n"))
        let all = try #require(try team.json(team.ssh("boss", "pair list --json")) as? [[String: Any]])
        let added = try #require(all.first { ($0["pair"] as? [String: Any])?["prompt"].map { "\($0)" }?.contains("9pm train") == true })
        #expect(added["status"] as? String == "pending")
        let shown = try #require(try team.json(team.ssh("boss", "pair show \(added["id"] as? String ?? "") --json")) as? [String: Any])
        #expect((shown["decisions"] as? [String: Any])?.isEmpty != false, "no verdict in ann2's name")
        #expect(try team.changesets().count == before + 2, "the spec above, and the pairs")
    }

    /// The pair a person's `pair next` serves now, given straight back.
    static func nextFree(_ team: Team, _ who: String) throws -> String? {
        let next = try team.json(team.ssh(who, "pair next --json")) as? [String: Any]
        guard let id = (next?["pair"] as? [String: Any])?["id"] as? String else { return nil }
        try expectOK(team.ssh(who, "pair release \(id)"))
        return id
    }

    @Test(.enabled(if: TmuxSession.shouldRun, "needs tmux"))
    func theReviewOverSSHEditsInTheBuiltInEditorAndADroppedConnectionGivesThePairBack() throws {
        let team = try Team()
        defer { team.host.stop() }
        let host = team.host
        let environment = ["PATH": "/usr/bin:/bin", "HOME": host.base, "TERM": "xterm-256color", "LANG": "C.UTF-8"]

        // ann1 reviews over `ssh -t`: the answer is edited inside Tenet; no editor, no shell.
        let ann1 = try TmuxSession(host.sshArguments(team.keys["ann1"]!, tty: true), environment: environment, in: host.base,
                                   width: 110, height: 32)
        defer { ann1.stop() }
        try ann1.waitFor("CHOSEN", timeout: 30)
        let held = try ReviewEndToEndTests.shownPair(ann1)
        #expect(held == team.pairs[0])
        #expect(try Self.nextFree(team, "writer") == team.pairs[1], "the pair on ann1's screen is theirs while they look at it")
        try ann1.press("e")
        try ann1.press("c")
        try ann1.waitFor("Ctrl-S save")
        try ann1.press("C-e")
        try ann1.type(" Checked over SSH.")
        try ann1.press("C-s")
        try ann1.waitFor("Edited the chosen answer")
        let shown = try #require(try team.json(host.asAccount(["pair", "show", held, "--json"])) as? [String: Any])
        #expect(((shown["pair"] as? [String: Any])?["chosen"] as? String)?.hasSuffix("Checked over SSH.") == true)
        try ann1.press("C-z")
        try ann1.waitFor("does nothing here")

        // ann2 takes the next pair, then the connection drops: the session ends and the pair
        // goes back to the queue.
        // (Its terminal claims a TERM that is a path: the host uses a plain name instead.)
        var pathTerm = environment
        pathTerm["TERM"] = "../../../tmp/evil"
        let ann2 = try TmuxSession(host.sshArguments(team.keys["ann2"]!, tty: true), environment: pathTerm, in: host.base,
                                   width: 110, height: 32)
        try ann2.waitFor("CHOSEN", timeout: 30)
        let dropped = try ReviewEndToEndTests.shownPair(ann2)
        #expect(dropped == team.pairs[1])
        #expect(try Self.nextFree(team, "writer") == team.pairs[2])
        ann2.stop()
        let deadline = Date().addingTimeInterval(30)
        while try SSHHost.run(["/usr/bin/pgrep", "-u", host.account, "-f", "serve .* ann2$"]).status == 0 {
            guard Date() < deadline else { Issue.record("ann2's session outlived the connection"); break }
            usleep(100_000)
        }
        #expect(try Self.nextFree(team, "writer") == team.pairs[1], "the dropped session's pair is free again")
        try Self.expectOK(host.asAccount(["stats"]))

        // Leaving with q ends the connection.
        try ann1.press("q")
        #expect(try ann1.waitForExit(timeout: 30) == 0)

        // An author gets the workbench; nothing in it reaches a file or a program on the host.
        let writer = try TmuxSession(host.sshArguments(team.keys["writer"]!, tty: true), environment: environment, in: host.base,
                                     width: 140, height: 32)
        defer { writer.stop() }
        try writer.waitFor("travel.no-border-evasion", timeout: 30)
        #expect(try !writer.screen().contains(host.home), "the project's path on the host is not shown")
        try writer.press("e")
        try writer.waitFor("Not available in a served session: the spec file is edited by its author")
        try writer.press(":")
        try writer.type("open /etc/passwd")
        try writer.press("Enter")
        try writer.waitFor("Not available in a served session: files on the server are not opened")
        try writer.press("X")
        try writer.waitFor("Export travel")
        try writer.press("w")
        try writer.waitFor("ssh HOST export pairs")
        // An admin takes the author's access away: the open session ends with it.
        try Self.expectOK(team.ssh("boss", "access remove writer"))
        #expect(try writer.waitForExit(timeout: 30) == 77)
        let end = Date().addingTimeInterval(30)
        while try SSHHost.run(["/usr/bin/pgrep", "-u", host.account]).status == 0 {
            guard Date() < end else { Issue.record("a process of the account outlived the sessions"); break }
            usleep(100_000)
        }
    }

    @Test func twoAdminsChangingAccessAtOnceLoseNothing() throws {
        let team = try Team()
        defer { team.host.stop() }
        let host = team.host
        let names = (0..<6).map { "new\($0)" }
        var texts: [String: String] = [:]
        for name in names { texts[name] = try String(contentsOfFile: try host.key(name) + ".pub", encoding: .utf8) }
        let keys = texts
        nonisolated(unsafe) var results: [Int32] = Array(repeating: -1, count: names.count)
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            let name = names[index]
            // Half through a served admin over SSH, half by the account's own admin on the host.
            let result = index % 2 == 0
                ? try? team.ssh("boss", "access add \(name) --role viewer --key -", stdin: keys[name])
                : try? host.asAccount(["access", "add", name, "--role", "viewer", "--key", "-"], stdin: keys[name])
            results[index] = result?.status ?? -2
        }
        #expect(results.allSatisfy { $0 == 0 }, "\(results)")
        let listed = try #require(try team.json(host.asAccount(["access", "list", "--json"])) as? [[String: Any]])
        #expect(Set(names).isSubset(of: Set(listed.compactMap { $0["name"] as? String })))
        let file = try String(contentsOfFile: host.home + "/.ssh/authorized_keys", encoding: .utf8)
        for name in names { #expect(file.contains("\(name) \(name)@laptop"), "\(name)'s key is in the file") }
        for name in names { try Self.expectOK(host.ssh(host.base + "/key-\(name)", "stats")) }
    }
}
