import Foundation
import Testing

/// The full-screen workbench driven end to end: the real `tenet` binary in a real terminal
/// (a private tmux server), with keys pressed and the screen read as a user would, and
/// the database checked afterwards with the command-line tools.
///
/// Skipped when tmux is not installed, except on CI (`CI=true`), where it must run.
/// Alone the suite takes about 6 s; the generous time limit is a net against a hang, and
/// leaves room for a test that waits long for a thread while the other suites run.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(3)))
struct WorkbenchEndToEndTests {
    /// A scratch directory with a database path, a clean environment and helpers to start
    /// the workbench in tmux and to check the database from the CLI. Removed at the end.
    final class Scratch {
        let directory: String
        let database: String

        init() throws {
            directory = try TenetProcess.temporaryDirectory()
            database = directory + "/project.db"
            try FileManager.default.createDirectory(atPath: directory + "/config", withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// What the workbench runs with: nothing from the developer's environment but PATH.
        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "HOME": directory,
                "XDG_CONFIG_HOME": directory + "/config",
                "LANG": "C.UTF-8",
                "TERM": "xterm-256color",
                "TENET_USER": "alice",
            ].merging(extra) { $1 }
        }

        /// `tenet ARGS --db DB` in a new 100×30 terminal.
        func workbench(_ arguments: [String] = [], env: [String: String] = [:], width: Int = 100, height: Int = 30,
                       stderr: String? = nil) throws -> TmuxSession {
            let session = try TmuxSession([TenetProcess.binary] + arguments + ["--db", "project.db"], environment: environment(env),
                                          in: directory, width: width, height: height, stderr: stderr)
            session.owner = self
            return session
        }

        /// The CLI on the same database.
        @discardableResult
        func tenet(_ arguments: [String], user: String = "alice") throws -> TenetProcess.Result {
            try TenetProcess.run(arguments + ["--db", database], in: directory, environment: ["TENET_USER": user])
        }

        /// The CLI's `--json` output, parsed; fails the test when the command fails.
        func json(_ arguments: [String]) throws -> Any {
            let result = try tenet(arguments + ["--json"])
            #expect(result.status == 0, "tenet \(arguments.joined(separator: " ")): \(result.stderr)")
            return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        }

        /// `tenet rule show RULE --json`.
        func rule(_ id: String) throws -> [String: Any] {
            try json(["rule", "show", id]) as? [String: Any] ?? [:]
        }

        /// A copy of a sample spec in the scratch directory; its path.
        func copySample(_ name: String) throws -> String {
            let path = directory + "/" + name
            try FileManager.default.copyItem(atPath: TenetProcess.root + "/SampleSpecs/" + name, toPath: path)
            return path
        }

        /// An executable shell script in the scratch directory; its path.
        func script(_ name: String, _ body: String) throws -> String {
            let path = directory + "/" + name
            try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }

        func read(_ name: String) -> String {
            (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? ""
        }
    }

    // MARK: - Screen reading

    /// The right-hand pane of a split screen: each body row after the tree's `│`.
    static func detailPane(_ session: TmuxSession) throws -> [String] {
        let rows = try session.rows()
        guard rows.count >= 3 else { return [] }
        return rows[1..<(rows.count - 2)].map { row in
            guard let bar = row.firstIndex(of: "│") else { return "" }
            return String(row[row.index(after: bar)...]).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The rule the detail pane shows (its first line: the rule ID).
    static func detailRule(_ session: TmuxSession) throws -> String {
        try detailPane(session).first ?? ""
    }

    /// Waits until the detail pane shows `rule`.
    static func waitForDetail(_ session: TmuxSession, _ rule: String) throws {
        try session.waitUntil("the detail pane to show \(rule)") { _ in try detailRule(session) == rule }
    }

    /// Selects a rule with the `:go` command line.
    static func go(_ session: TmuxSession, _ rule: String) throws {
        try session.press(":")
        try session.waitUntil("the command line") { $0.split(separator: "\n").first?.hasSuffix(" COMMAND") == true }
        try session.type("go " + rule)
        try session.press("Enter")
        try waitForDetail(session, rule)
    }

    /// The exit status, once the program has exited (the screen in the failure otherwise).
    static func exitStatus(_ session: TmuxSession) throws -> Int32 {
        let status = try session.waitForExit()
        if status != 0 { Issue.record("exit status \(status); the screen:\n\((try? session.screen()) ?? "")") }
        return status
    }

    static func statusBar(_ rows: [String]) -> String { rows.count >= 2 ? rows[rows.count - 2] : "" }
    /// The message at the bottom: the last row, and when a long message wraps, up to two
    /// rows above the status bar (the row before the last), joined with spaces.
    /// The message under the status bar (the bottom-most row with its `│`), all its lines.
    static func messageLine(_ rows: [String]) -> String {
        guard let bar = rows.lastIndex(where: { $0.contains("│") }) else { return rows.last ?? "" }
        return rows[(bar + 1)...].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    // MARK: - 1. Golden path

    @Test func goldenPathImportBrowseClassifyAnnotateUndoRedoResizeQuit() throws {
        let s = try Scratch()
        let tui = try s.workbench()
        defer { tui.stop() }

        // An empty project: the welcome screen offers the samples.
        try tui.waitFor("No specs in this project yet")
        var rows = try tui.rows()
        #expect(rows.count == 30)
        #expect(rows[0].hasPrefix(" Tenet"))
        #expect(rows.contains { $0.contains("import the sample specs from") })
        #expect(Self.statusBar(rows).contains("alice │ project.db"))

        // i imports the five samples and opens the first (biochem), its first rule selected.
        try tui.press("i")
        try tui.waitFor("Imported 5 sample specs")
        try Self.waitForDetail(tui, "biochem.no-enhancement")
        rows = try tui.rows()
        #expect(rows[0].contains("Biochemistry Lab Assistant · biochem r1"))
        #expect(Self.statusBar(rows).contains("biochem r1 │ 15 rules: 7 safety, 8 behavioral"))

        // k goes up to the section; Space folds it (its rules leave the tree) and unfolds it.
        try tui.press("k")
        try tui.waitUntil("the section summary") { _ in try Self.detailPane(tui).contains("§ biochem.biosecurity") }
        try tui.press("Space")
        try tui.waitFor("▸ Biosecurity")
        #expect(try !tui.screen().contains("biochem.no-toxin-production"))
        try tui.press("Space")
        try tui.waitFor("▾ Biosecurity")
        try tui.waitFor("biochem.no-toxin-production")

        // j, j: the second rule of the section.
        try tui.press("j")
        try Self.waitForDetail(tui, "biochem.no-enhancement")
        try tui.press("j")
        try Self.waitForDetail(tui, "biochem.no-toxin-production")
        #expect(try Self.detailPane(tui).contains { $0.hasPrefix("SAFETY") })

        // b: safety → behavioral, in the tree, the detail, the counts and the message.
        try tui.press("b")
        try tui.waitFor("biochem.no-toxin-production: kind → behavioral · rev 2 · u/Backspace undoes")
        rows = try tui.rows()
        #expect(rows.contains { $0.contains("B biochem.no-toxin-production") })
        #expect(try Self.detailPane(tui).contains { $0.hasPrefix("BEHAVIORAL") && $0.contains("✎") })
        #expect(Self.statusBar(rows).contains("15 rules: 6 safety, 9 behavioral"))

        // r: the rationale in the text editor; Ctrl-U clears the file's text, Ctrl-S saves.
        try tui.press("r")
        try tui.waitFor("Rationale of biochem.no-toxin-production")
        #expect(try tui.rows()[0].hasSuffix(" EDIT"))
        try tui.press("C-u")
        try tui.type("Because alice tested it")
        try tui.waitFor(" Because alice tested it")
        try tui.press("C-s")
        try tui.waitFor("biochem.no-toxin-production: rationale saved · rev 3")
        try tui.waitUntil("the new rationale in the detail") { _ in
            try Self.detailPane(tui).contains { $0.hasPrefix("Rationale ✎") && $0.contains("Because alice tested it") }
        }

        // u undoes the rationale (the file's comes back); Ctrl-R redoes it.
        try tui.press("u")
        try tui.waitFor("Undid changeset")
        try tui.waitForAbsence(of: "Because alice tested it")
        #expect(try Self.detailPane(tui).contains { $0.hasPrefix("Rationale    ") })
        try tui.press("C-r")
        try tui.waitFor("Redid changeset")
        try tui.waitFor("Because alice tested it")

        // A narrow window: the tree alone, every row within 60 columns.
        try tui.resize(width: 60, height: 20)
        rows = try tui.waitUntil("a 60×20 screen") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 20 && lines[15...].contains { $0.hasPrefix(" alice │") } && lines[0].hasPrefix(" Tenet")
        }.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[0].hasPrefix(" Tenet"))
        #expect(rows.allSatisfy { $0.count <= 60 })
        #expect(rows.contains { $0.contains("B biochem.no-toxin-production") })
        let bar = rows.lastIndex { $0.hasPrefix(" alice │") } ?? 18
        #expect(!rows[1..<bar].contains { $0.contains("│") }, "one pane in a narrow window")

        // Large again: both panes, the rationale still shown, the status bar on row 38.
        try tui.resize(width: 120, height: 40)
        rows = try tui.waitUntil("a 120×40 split screen") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 40 && lines[38].contains("alice │") && screen.contains("Because alice tested it")
        }.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[0].hasPrefix(" Tenet"))
        #expect(try Self.detailRule(tui) == "biochem.no-toxin-production")

        // Tiny: a message instead of a broken layout; no key acts on the screen it hides
        // (s would mark the rule safety: the kind asserted below), and q still quits, with status 0.
        try tui.resize(width: 20, height: 5)
        try tui.waitFor("Window too small")
        #expect(try tui.screen().contains("now 20×5"))
        try tui.press("s")
        try tui.press("q")
        #expect(try Self.exitStatus(tui) == 0)

        // The database: kind and rationale saved, by alice; edit, undo and redo in the log.
        let rule = try s.rule("biochem.no-toxin-production")
        let annotations = rule["annotations"] as? [String: Any] ?? [:]
        #expect(annotations["kind"] as? String == "behavioral")
        #expect(annotations["rationale"] as? String == "Because alice tested it")
        #expect((rule["rule"] as? [String: Any])?["kind"] as? String == "behavioral")

        let blame = try s.json(["blame", "biochem.no-toxin-production"]) as? [[String: Any]] ?? []
        let kindBlame = blame.first { $0["field"] as? String == "annotations.kind" }
        let rationaleBlame = blame.first { $0["field"] as? String == "annotations.rationale" }
        #expect(kindBlame?["author"] as? String == "alice")
        #expect(kindBlame?["value"] as? String == "behavioral")
        #expect(rationaleBlame?["author"] as? String == "alice")
        #expect(rationaleBlame?["value"] as? String == "Because alice tested it")

        let log = try s.json(["log"]) as? [[String: Any]] ?? []
        let kinds = log.compactMap { $0["kind"] as? String }
        #expect(Array(kinds.prefix(4)) == ["redo", "undo", "edit", "edit"], "newest first: \(kinds)")
        #expect(kinds.filter { $0 == "import" }.count == 5)
        #expect(log.allSatisfy { $0["author"] as? String == "alice" })
        let edits = log.filter { $0["kind"] as? String == "edit" }
        #expect(edits.allSatisfy { ($0["names"] as? [String]) == ["biochem.no-toxin-production"] })
    }

    // MARK: - 2. Terminal injection from spec text

    @Test func escapeSequencesInASpecAreShownAsPlaceholdersNeverRun() throws {
        let s = try Scratch()
        let esc = "\u{1B}", bel = "\u{07}"
        let text = "Clear \(esc)[2J home \(esc)[H colour \(esc)[31m clip \(esc)]52;c;aGVsbG8=\(bel) title \(esc)]0;PWNED\(bel) bell \(bel) csi \u{9B}31m end."
        let spec = """
        # Hostile spec {#evil}

        ## Section {#evil.section}

        ### Bad \(esc)[31mred\(esc)]0;PWNED\(bel) title {#evil.rule kind=safety}

        \(text)

        - **Rationale:** because \(esc)[2J it clears.

        """
        try spec.write(toFile: s.directory + "/evil.md", atomically: true, encoding: .utf8)

        let tui = try s.workbench(["open", "evil.md"])
        defer { tui.stop() }
        try tui.waitFor("Imported evil from evil.md: 1 rule")
        try Self.waitForDetail(tui, "evil.rule")

        // Every control character is a visible placeholder: title, text and rationale.
        let detail = try Self.detailPane(tui)
        #expect(detail.contains("Bad ␛[31mred␛]0;PWNED␇ title"))
        // The text, as wrapped on screen, joined again: nothing dropped or cut off.
        let shown = detail.drop { !$0.hasPrefix("Clear") }.prefix { !$0.isEmpty }.joined(separator: " ")
        #expect(shown == "Clear ␛[2J home ␛[H colour ␛[31m clip ␛]52;c;aGVsbG8=␇ title ␛]0;PWNED␇ bell ␇ csi <9B>31m end.",
                "the rule text on screen: \(detail)")
        #expect(detail.contains { $0.contains("because ␛[2J it clears.") })

        // The rest of the screen is intact: nothing cleared it or moved the cursor.
        let rows = try tui.rows()
        #expect(rows.count == 30)
        #expect(rows[0].hasPrefix(" Tenet  Hostile spec · evil r1 · evil.md"))
        #expect(rows[1].contains("▾ Section"))
        #expect(rows[2].contains("S evil.rule"))
        #expect(Self.statusBar(rows).hasPrefix(" alice │ project.db │ evil r1 │ 1 rule"))

        // Nothing reached the terminal: no title change, no clipboard write, no bell, no
        // raw escape in the cells.
        #expect(try !tui.display("#{pane_title}").contains("PWNED"))
        #expect(try tui.tmux(["list-buffers"]).isEmpty, "an OSC 52 clipboard write reached tmux")
        #expect(try tui.display("#{window_bell_flag}") == "0", "a BEL reached the terminal")
        let styled = try tui.styledScreen()
        #expect(!styled.contains("\(esc)[2J"))
        #expect(!styled.contains("\(esc)]"))
        #expect(!styled.contains("\(esc)[H"))
        #expect(styled.contains("␛[2J"))

        // Scrolling through it and quitting changes nothing either.
        try tui.press("Tab", "j", "j", "k", "Tab")
        try tui.press("q")
        #expect(try Self.exitStatus(tui) == 0)
        #expect(try !tui.display("#{pane_title}").contains("PWNED"))
        #expect(try tui.tmux(["list-buffers"]).isEmpty)
    }

    // MARK: - 3. Another process changes the database

    @Test func aChangeByAnotherProcessShowsUpWithoutAKeyPress() throws {
        let s = try Scratch()
        _ = try s.copySample("travel-planning.md")
        let tui = try s.workbench(["open", "travel-planning.md"])
        defer { tui.stop() }
        try tui.waitFor("Imported travel from travel-planning.md: 14 rules")
        try Self.go(tui, "travel.budget-honesty")
        #expect(try !tui.screen().contains("Set by bob"))

        // bob sets the rationale from a shell; alice's screen follows within two seconds.
        let set = try s.tenet(["rule", "set", "travel.budget-honesty", "--rationale", "Set by bob"], user: "bob")
        #expect(set.status == 0, "\(set.stderr)")
        // (The workbench polls every 400 ms; 3 s leaves room for a loaded CI machine.)
        try tui.waitFor("bob: edit travel.budget-honesty · shown live", timeout: 3)
        try tui.waitUntil("bob's rationale in the detail", timeout: 3) { _ in
            try Self.detailPane(tui).contains { $0.hasPrefix("Rationale ✎") && $0.contains("Set by bob") }
        }
        #expect(try Self.detailPane(tui).contains { $0.contains("rev 2") })

        // A kind change moves the tree badge and the counts, still without a key.
        let kind = try s.tenet(["rule", "set", "travel.budget-honesty", "--kind", "safety"], user: "bob")
        #expect(kind.status == 0, "\(kind.stderr)")
        try tui.waitFor("S travel.budget-honesty", timeout: 3)
        try tui.waitFor("14 rules: 7 safety, 7 behavioral", timeout: 3)
        #expect(try Self.detailRule(tui) == "travel.budget-honesty", "the selection stays")

        // alice's next change is based on bob's revision (no conflict), and is hers.
        try tui.press("b")
        try tui.waitFor("travel.budget-honesty: kind → behavioral · rev 4")
        try tui.press("q")
        #expect(try Self.exitStatus(tui) == 0)
        let blame = try s.json(["blame", "travel.budget-honesty"]) as? [[String: Any]] ?? []
        #expect(blame.first { $0["field"] as? String == "annotations.rationale" }?["author"] as? String == "bob")
        #expect(blame.first { $0["field"] as? String == "annotations.kind" }?["author"] as? String == "alice")
    }

    // MARK: - 4. Editing the spec in $EDITOR

    @Test func editingTheSpecInTheEditorShowsWhatChangedAndKeepsAnnotations() throws {
        let s = try Scratch()
        let file = try s.copySample("travel-planning.md")
        let original = try String(contentsOfFile: file, encoding: .utf8)
        let headingLine = original.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("{#travel.budget-honesty") }.map { $0 + 1 } ?? -1

        // The "editor": records how it was called and the terminal mode it got, changes
        // one rule's text and appends a new rule.
        let editor = try s.script("edit-spec.sh", """
            for last; do :; done
            printf '%s\\n' "$@" > \(TmuxSession.quote(s.directory + "/editor-args"))
            stty -a < /dev/tty > \(TmuxSession.quote(s.directory + "/editor-stty")) 2>&1
            sed 's/Give realistic cost ranges/Always give realistic cost ranges/' "$last" > "$last.new" && cat "$last.new" > "$last" && rm "$last.new"
            cat >> "$last" <<'RULE'

            ### Warn about common scams {#travel.scam-warnings kind=behavioral}

            Warn travellers about the tourist scams common at their destination.
            RULE

            """)

        let tui = try s.workbench(["open", "travel-planning.md"], env: ["EDITOR": editor])
        defer { tui.stop() }
        try tui.waitFor("Imported travel from travel-planning.md: 14 rules")
        try Self.go(tui, "travel.budget-honesty")

        // An annotation first: the file says behavioral; alice says safety.
        try tui.press("s")
        try tui.waitFor("travel.budget-honesty: kind → safety · rev 2")

        // e: the editor at the rule's line; the re-import's summary when it returns.
        try tui.press("e")
        let changes = try tui.waitFor("What changed in travel")
        #expect(changes.contains("Spec travel is now at revision 2"))
        #expect(changes.contains("+ travel.scam-warnings  added"))
        #expect(changes.contains("~ travel.budget-honesty  changed: text"))
        #expect(changes.contains("13 rules unchanged"))
        #expect(try tui.rows()[0].contains("travel r2"))

        let arguments = s.read("editor-args").split(separator: "\n").map(String.init)
        #expect(arguments.first == "+\(headingLine)", "the editor opens at the rule's heading: \(arguments)")
        #expect(arguments.last.map { $0.hasSuffix("travel-planning.md") } == true)
        let stty = s.read("editor-stty").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
        #expect(stty.contains("echo") && stty.contains("icanon"), "the editor gets a cooked terminal: \(s.read("editor-stty"))")

        // q: back to the tree, with the new rule; the annotation survived the re-import.
        try tui.press("q")
        try tui.waitForAbsence(of: "What changed in travel")
        try tui.waitFor("travel.scam-warnings")
        try Self.waitForDetail(tui, "travel.budget-honesty")
        let detail = try Self.detailPane(tui)
        #expect(detail.contains { $0.hasPrefix("SAFETY") && $0.contains("✎") })
        #expect(detail.contains { $0.hasPrefix("Always give realistic cost ranges") })
        #expect(Self.statusBar(try tui.rows()).contains("travel r2 │ 15 rules: 7 safety, 8 behavioral"))
        try tui.press("q")
        #expect(try Self.exitStatus(tui) == 0)

        let edited = try s.rule("travel.budget-honesty")
        #expect((edited["annotations"] as? [String: Any])?["kind"] as? String == "safety")
        #expect((edited["rule"] as? [String: Any])?["kind"] as? String == "safety")
        #expect(((edited["rule"] as? [String: Any])?["text"] as? String)?.hasPrefix("Always give realistic cost ranges") == true)
        let added = try s.rule("travel.scam-warnings")
        #expect((added["rule"] as? [String: Any])?["kind"] as? String == "behavioral")
        let log = try s.json(["log"]) as? [[String: Any]] ?? []
        #expect(log.compactMap { $0["kind"] as? String } == ["import", "edit", "import"])
    }

    // MARK: - 5. Boundary examples in $EDITOR

    @Test func addingAndEditingAnExampleInTheEditor() throws {
        let s = try Scratch()
        _ = try s.copySample("travel-planning.md")
        // The "editor": keeps the template it was given, then writes a whole example; the
        // second time (an example already there), it only changes the title.
        let editor = try s.script("edit-example.sh", """
            for last; do :; done
            if grep -q '^title: Honest hostel budget' "$last"; then
              sed 's/^title: .*/title: Honest hostel budget, edited/' "$last" > "$last.new" && cat "$last.new" > "$last"
              exit 0
            fi
            cp "$last" \(TmuxSession.quote(s.directory + "/template.txt"))
            # A full-screen editor must own the terminal: be in its foreground process group.
            echo "pgid=$(ps -o pgid= -p $$ | tr -d ' ') tpgid=$(ps -o tpgid= -p $$ | tr -d ' ')" > \(TmuxSession.quote(s.directory + "/foreground.txt"))
            cat > "$last" <<'EXAMPLE'
            verdict: GOOD
            title: Honest hostel budget
            reason: Gives a realistic total instead of a cheerful yes.
            ---
            user: Can I do Paris for 300 euros a week?
            assistant: Only just: dorm beds cost about 35 euros a night, so food must be very cheap.
            EXAMPLE

            """)
        let tui = try s.workbench(["open", "travel-planning.md"], env: ["EDITOR": editor])
        defer { tui.stop() }
        try tui.waitFor("Imported travel from travel-planning.md: 14 rules")
        try Self.go(tui, "travel.accessibility")

        try tui.press("A")
        try tui.waitFor("travel.accessibility: example added (GOOD) · rev 2")
        let template = s.read("template.txt")
        #expect(template.contains("# Boundary example for travel.accessibility: Plan around access needs"))
        #expect(template.contains("verdict: BAD"))
        #expect(template.contains("\n---\n"))
        // The editor was the terminal's foreground job (vim quits at once otherwise).
        let groups = s.read("foreground.txt").trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
            .map { $0.split(separator: "=").last.map(String.init) ?? "" }
        #expect(groups.count == 2 && groups[0] == groups[1] && !groups[0].isEmpty, "editor process groups: \(groups)")

        // The detail lists it (marked as added in Tenet).
        try tui.waitUntil("three examples in the detail") { _ in try Self.detailPane(tui).contains("Boundary examples (3)") }

        // E edits the one example added here.
        try tui.press("E")
        try tui.waitFor("travel.accessibility: example 3 saved · rev 3")
        try tui.press("q")
        #expect(try Self.exitStatus(tui) == 0)

        let rule = try s.rule("travel.accessibility")
        let added = (rule["annotations"] as? [String: Any])?["examples"] as? [[String: Any]] ?? []
        #expect(added.count == 1)
        #expect(added.first?["verdict"] as? String == "GOOD")
        #expect(added.first?["title"] as? String == "Honest hostel budget, edited")
        #expect(added.first?["reason"] as? String == "Gives a realistic total instead of a cheerful yes.")
        let turns = added.first?["turns"] as? [[String: Any]] ?? []
        #expect(turns.map { $0["role"] as? String } == ["user", "assistant"])
        #expect(turns.first?["content"] as? String == "Can I do Paris for 300 euros a week?")
        #expect(((rule["rule"] as? [String: Any])?["examples"] as? [Any])?.count == 3)
        let shown = try s.tenet(["rule", "show", "travel.accessibility"])
        #expect(shown.stdout.contains("GOOD  Honest hostel budget, edited"))
    }

    // MARK: - 6. The terminal is restored on every way out

    @Test func theShellIsUsableAfterSIGTERMSIGHUPSIGINTAndQuit() throws {
        let s = try Scratch()
        let shell = try TmuxSession(["bash", "--norc", "--noprofile", "-i"], environment: s.environment(["PS1": "PROMPT$ "]),
                                    in: s.directory)
        shell.owner = s
        defer { shell.stop() }
        try shell.waitFor("PROMPT$")

        func runWorkbench() throws {
            try shell.type("clear; \(TmuxSession.quote(TenetProcess.binary)) --db \(TmuxSession.quote(s.database)); echo STATUS=$?")
            try shell.press("Enter")
            try shell.waitFor("No specs in this project yet")
            #expect(try shell.display("#{alternate_on}") == "1")
        }

        func expectUsableShell(status: Int, _ why: String) throws {
            try shell.waitFor("STATUS=\(status)")
            let screen = try shell.screen()
            #expect(!screen.contains("No specs in this project yet"), "\(why): the workbench's screen is gone")
            #expect(try shell.display("#{alternate_on}") == "0", "\(why): back on the main screen")
            #expect(try shell.display("#{cursor_flag}") == "1", "\(why): the cursor is visible")
            try shell.type("stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?echo' -e '-\\?icanon' | tr '\\n' ,; echo DONE")
            try shell.press("Enter")
            let after = try shell.waitFor(",DONE")
            #expect(after.contains("icanon,echo,DONE"), "\(why): the terminal is back in cooked mode with echo:\n\(after)")
        }

        // SIGSEGV stands for a crash: the handler restores the terminal, then the process dies of it.
        for (signal, name) in [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT"), (SIGSEGV, "SIGSEGV (a crash)")] {
            try runWorkbench()
            let pid = try #require(Self.pid(of: s.database), "the workbench's process")
            #expect(kill(pid, signal) == 0)
            try expectUsableShell(status: 128 + Int(signal), name)
        }

        try runWorkbench()
        try shell.press("q")
        try expectUsableShell(status: 0, "q")
    }

    /// The pid of the `tenet` whose command line names `database`.
    static func pid(of database: String) -> Int32? {
        let deadline = Date().addingTimeInterval(5)
        repeat {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
                let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                if arguments.first?.hasSuffix("tenet") == true, arguments.contains(database) { return pid }
            }
            // Without /proc (macOS): pgrep.
            let pgrep = Process()
            pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
            pgrep.arguments = ["-f", "--", "tenet --db " + database]
            let out = Pipe()
            pgrep.standardOutput = out
            if (try? pgrep.run()) != nil {
                pgrep.waitUntilExit()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                if let pid = text.split(separator: "\n").first.flatMap({ Int32($0) }) { return pid }
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }

    // MARK: - 6b. No database until something is written

    @Test func quittingAtOnceLeavesNoDatabaseAndImportingTheSamplesCreatesIt() throws {
        let s = try Scratch()
        func projectFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: s.directory)) ?? []).filter { $0.hasPrefix("project.db") }.sorted()
        }
        let first = try s.workbench()
        defer { first.stop() }
        try first.waitFor("No specs in this project yet", timeout: 30)
        try first.press("q")
        #expect(try first.waitForExit(timeout: 30) == 0)
        #expect(projectFiles() == [], "no database and no lock file")

        // The welcome screen still imports the samples: that first write creates the
        // database, the owner's alone.
        let second = try s.workbench()
        defer { second.stop() }
        try second.waitFor("No specs in this project yet", timeout: 30)
        try second.press("i")
        try second.waitFor("Imported 5 sample specs", timeout: 30)
        try second.press("q")
        #expect(try second.waitForExit(timeout: 30) == 0)
        #expect(projectFiles().contains("project.db") && projectFiles().contains("project.db.lock"))
        for file in projectFiles() {
            let mode = try FileManager.default.attributesOfItem(atPath: s.directory + "/" + file)[.posixPermissions] as? Int
            #expect(mode.map { $0 & 0o777 } == 0o600, "\(file) is 0600 (mode \(String(mode ?? 0, radix: 8)))")
        }
        #expect(try s.tenet(["spec", "list"]).stdout.split(separator: "\n").count == 5)
    }

    // MARK: - 7. A bad config and a bad theme

    @Test func aBadConfigAndABrokenThemeAreReportedAndTheDefaultsApply() throws {
        let s = try Scratch()
        _ = try s.copySample("travel-planning.md")
        #expect(try s.tenet(["import", "spec", "travel-planning.md"]).status == 0)
        let config = s.directory + "/config/tenet"
        try FileManager.default.createDirectory(atPath: config + "/themes", withIntermediateDirectories: true)
        try "# mine\ntree-width = 500\n".write(toFile: config + "/config", atomically: true, encoding: .utf8)
        try "name = broken\ntext = default\nmuted = chartreuse-ish\n".write(toFile: config + "/themes/broken.theme", atomically: true, encoding: .utf8)

        let stderr = s.directory + "/stderr.txt"
        let tui = try s.workbench(["--theme", "broken"], width: 250, stderr: stderr)
        defer { tui.stop() }
        // It opens anyway; the first problem is on the message line, naming file and line.
        try Self.waitForDetail(tui, "travel.no-border-evasion")
        let message = try tui.waitUntil("the config problem on the message line") { screen in
            Self.messageLine(screen.split(separator: "\n").map(String.init)).contains(config + "/config:2: tree-width")
        }
        #expect(message.contains("tree-width must be a percentage from 20 to 80"))
        // The default tree width (40 %) and the default (dark) theme: a blue title bar.
        let treeRow = try tui.rows()[1]
        #expect(treeRow.firstIndex(of: "│").map { treeRow.distance(from: treeRow.startIndex, to: $0) } == 250 * 40 / 100, "the default tree width, 40 %: \(treeRow)")
        #expect(try tui.styledScreen().contains("48;5;24m"), "the dark theme's title bar")
        try tui.press("q")
        #expect(try Self.exitStatus(tui) == 0)
        let printed = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
        #expect(printed.contains("tenet: \(config)/config:2: tree-width must be a percentage from 20 to 80"))
        #expect(printed.contains("tenet: \(config)/themes/broken.theme:3: muted: unknown colour"))

        // Only the theme broken: its problem is the one on screen.
        try FileManager.default.removeItem(atPath: config + "/config")
        let again = try s.workbench(["--theme", "broken"], width: 250)
        defer { again.stop() }
        try Self.waitForDetail(again, "travel.no-border-evasion")
        try again.waitUntil("the theme problem on the message line") { screen in
            Self.messageLine(screen.split(separator: "\n").map(String.init)).contains(config + "/themes/broken.theme:3: muted: unknown colour")
        }
        try again.press("q")
        #expect(try Self.exitStatus(again) == 0)
    }

    // MARK: - Generating pairs from the instantiation screen

    @Test func generatingFromTheInstantiationScreenWithAModelEndpointWhileBrowsing() throws {
        let s = try Scratch()
        _ = try s.copySample("travel-planning.md")
        #expect(try s.tenet(["import", "spec", "travel-planning.md"]).status == 0)
        let server = try ChatServer(in: s.directory, delay: 0.05)
        defer { withExtendedLifetime(server) {} }
        try FileManager.default.createDirectory(atPath: s.directory + "/config/tenet", withIntermediateDirectories: true)
        try "provider = openai\nmodel = tiny-model\nbase-url = \(server.baseURL)\n"
            .write(toFile: s.directory + "/config/tenet/config", atomically: true, encoding: .utf8)

        let stderr = s.directory + "/stderr.txt"
        let tui = try s.workbench(width: 120, height: 32, stderr: stderr)
        defer { tui.stop() }
        try Self.waitForDetail(tui, "travel.no-border-evasion")
        try tui.press("I")
        try tui.waitFor("Instantiate travel")
        try tui.press("x")
        try tui.waitFor("Save the instance first")
        try tui.press("w")
        try tui.waitFor("Save as:")
        try tui.press("C-u")
        try tui.type("trip")
        try tui.press("Enter")
        try tui.waitFor("Saved as trip")
        try tui.press("x")
        try tui.waitFor("Pairs to generate (openai tiny-model):")
        try tui.press("C-u")
        try tui.type("12")
        try tui.press("Enter")
        // The screen stays live while it runs: the preview scrolls, the status bar counts.
        try tui.waitFor("generating ")
        try tui.press("j", "j", "k")
        let finished = try tui.waitFor("Generated 12 pairs from trip (openai)", timeout: 60)
        #expect(!finished.contains("generating "), "the status bar's counter is gone when it ends")
        let pairs = try #require(try s.json(["pair", "list"]) as? [[String: Any]])
        #expect(pairs.count == 12)
        let first = try #require(pairs.first?["pair"] as? [String: Any])
        #expect(first["instantiation"] as? String == "trip")
        let provenance = try #require(first["provenance"] as? [String: Any])
        #expect(provenance["generator"] as? String == "openai")
        #expect(provenance["model"] as? String == "tiny-model")

        /// Starts a 400-pair run and waits until some are made.
        func startLongRun() throws {
            try tui.press("x")
            try tui.waitFor("Pairs to generate")
            try tui.press("C-u")
            try tui.type("400")
            try tui.press("Enter")
            try tui.waitUntil("a few more pairs") { screen in
                screen.range(of: #"generating ([1-9][0-9]*)/400"#, options: .regularExpression) != nil
            }
        }
        /// The number in the first match of `pattern`'s group of digits.
        func count(_ pattern: String, in text: String) throws -> Int {
            let match = try #require(text.range(of: pattern, options: .regularExpression), "\(pattern) in \(text)")
            return try #require(Int(text[match].filter(\.isNumber)))
        }

        // A long run stopped with X keeps what it made, and says how many.
        try startLongRun()
        try tui.press("x")
        try tui.waitFor("X stops it")
        try tui.press("X")
        let stopped = try tui.waitFor("Generation stopped", timeout: 30)
        let kept = try count(#"stopped · [0-9]+ pairs kept"#, in: stopped)
        #expect(kept > 0 && kept < 400)
        #expect(try (s.json(["pair", "list"]) as? [Any])?.count == 12 + kept, "every pair it said it kept is stored")

        // Quitting in the middle of a run asks first; n stays, y stops it and saves what
        // was made first.
        try startLongRun()
        try tui.press("q")
        try tui.press("q")
        try tui.waitFor("Quit now? a generation")
        try tui.press("n")
        try tui.waitFor("Still here; nothing stopped")
        try tui.press("q")
        try tui.waitFor("Quit now? a generation")
        try tui.press("y")
        #expect(try Self.exitStatus(tui) == 0)
        let printed = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
        let onQuit = try count(#"Generation stopped · [0-9]+ pairs kept"#, in: printed)
        #expect(try (s.json(["pair", "list"]) as? [Any])?.count == 12 + kept + onQuit)
    }

    // MARK: - 7b. Exporting from the workbench

    @Test func exportingPairsAndRulesFromTheWorkbenchWritesWhatTheCommandLineWrites() throws {
        let s = try Scratch()
        _ = try s.copySample("travel-planning.md")
        #expect(try s.tenet(["import", "spec", "travel-planning.md"]).status == 0)
        #expect(try s.tenet(["instantiate", "travel", "--save", "trip"]).status == 0)
        #expect(try s.tenet(["generate", "--instantiation", "trip", "--count", "12"]).status == 0)
        let ids = try #require(try s.json(["pair", "list"]) as? [[String: Any]]).compactMap { $0["id"] as? String }
        for id in ids.prefix(7) { #expect(try s.tenet(["pair", "decide", id, "accept"]).status == 0) }
        #expect(try s.tenet(["export", "pairs", "--spec", "travel", "--format", "trl", "--out", "cli.jsonl"]).status == 0)
        #expect(try s.tenet(["export", "rules", "--spec", "travel", "--format", "markdown", "--out", "cli.md"]).status == 0)

        let tui = try s.workbench()
        defer { tui.stop() }
        try Self.waitForDetail(tui, "travel.no-border-evasion")
        try tui.press("X")
        try tui.waitFor("7 pairs match these choices")
        try tui.press("w")
        let written = try tui.waitFor("Exported 7 pairs (trl-conversational) to")
        #expect(written.contains("/travel-pairs.jsonl"), "the message names where it went")
        #expect(s.read("travel-pairs.jsonl") == s.read("cli.jsonl") && !s.read("cli.jsonl").isEmpty)
        // Again: it asks before replacing.
        try tui.press("w")
        try tui.waitFor("travel-pairs.jsonl exists · w again replaces it")
        try tui.press("w")
        try tui.waitFor("Exported 7 pairs")

        // The rules as Tenet Markdown, to a path typed on the Output row.
        try tui.press("Space")
        try tui.waitFor("travel-rules.json")
        try tui.press("j", "Space")
        try tui.waitFor("travel-annotated.md")
        try tui.press("j", "j", "Enter")   // past As of to Output
        try tui.waitFor("Write to:")
        try tui.press("C-u")
        try tui.type("annotated.md")
        try tui.press("Enter")
        try tui.press("w")
        try tui.waitFor("Exported 14 rules of travel r1 (markdown) to")
        #expect(s.read("annotated.md") == s.read("cli.md") && !s.read("cli.md").isEmpty)
        try tui.press("q")
        try Self.waitForDetail(tui, "travel.no-border-evasion")
        try tui.press("q")
        #expect(try Self.exitStatus(tui) == 0)
    }

    // MARK: - 8. An unknown TERM

    @Test func anUnknownTermFallsBackAndSaysSo() throws {
        let s = try Scratch()
        let stderr = s.directory + "/stderr.txt"
        let tui = try s.workbench(env: ["TERM": "xterm-nonexistent"], stderr: stderr)
        defer { tui.stop() }
        try tui.waitFor("No specs in this project yet")
        let rows = try tui.waitUntil("the fallback notice") { $0.contains("TERM=xterm-nonexistent is unknown here; using ") }
            .split(separator: "\n").map(String.init)
        #expect(rows[0].hasPrefix(" Tenet"))
        #expect(Self.messageLine(rows).contains("TERM=xterm-nonexistent is unknown here; using "))
        // It works: import the samples and move.
        try tui.press("i")
        try tui.waitFor("Imported 5 sample specs")
        try tui.press("j")
        try Self.waitForDetail(tui, "biochem.no-toxin-production")
        try tui.press("q")
        #expect(try Self.exitStatus(tui) == 0)
        #expect(((try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "").contains("TERM=xterm-nonexistent is unknown here"))
    }
}
