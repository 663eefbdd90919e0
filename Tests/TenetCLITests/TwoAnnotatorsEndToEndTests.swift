import Foundation
import Testing

/// Two annotators reviewing one database at once, each in a real terminal (tmux), with
/// overlap 2: a verdict follows the text it judged, a lost save race shows both texts and
/// waits for a choice, and q / Esc close one layer of the review at a time.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(4)))
struct TwoAnnotatorsEndToEndTests {
    typealias Scratch = WorkbenchEndToEndTests.Scratch

    static func review(_ s: Scratch, as user: String) throws -> TmuxSession {
        try s.workbench(["review"], env: ["TENET_USER": user], width: 110, height: 32)
    }

    /// The pairs an export credits to an annotator, by ID.
    static func exported(_ s: Scratch, annotator: String) throws -> [String] {
        let result = try s.tenet(["export", "pairs", "--status", "pending,accepted,edited,disputed", "--annotator", annotator,
                                  "--format", "openai", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["metadata"] as? [String: Any])?["id"] as? String ?? (object?["id"] as? String)
        }
    }

    @Test func anEditAfterAnothersAcceptSendsThePairBackAndTheExportDropsTheOldAccept() throws {
        let s = try Scratch()
        let ids = try ReviewEndToEndTests.tenPairs(s)
        #expect(try s.tenet(["project", "set", "overlap", "2"]).status == 0)
        let alice = try Self.review(s, as: "alice")
        defer { alice.stop() }
        try ReviewEndToEndTests.waitForPair(alice, ids[0])
        try alice.press("a")
        try alice.waitUntil("alice moved on") { _ in try ReviewEndToEndTests.shownPair(alice) != ids[0] }
        #expect(try Self.exported(s, annotator: "alice").contains(ids[0]))

        // bob is served the same pair (it needs a second verdict), edits its chosen answer in
        // the built-in editor and accepts.
        let bob = try Self.review(s, as: "bob")
        defer { bob.stop() }
        try ReviewEndToEndTests.waitForPair(bob, ids[0])
        try bob.press("e")
        try bob.press("c")
        try bob.waitFor("Chosen answer of pair")
        try bob.press("M->")
        try bob.type(" Checked by bob.")
        try bob.press("C-s")
        try bob.waitFor("Edited the chosen answer")
        try bob.press("a")
        try bob.waitUntil("bob's accept saved") { _ in
            let shown = try s.json(["pair", "show", ids[0]]) as? [String: Any]
            return (shown?["decisions"] as? [String: Any])?["bob"] != nil
        }

        // alice's accept judged other text: it no longer counts, and the pair comes back to
        // her first, saying why.
        let shown = try #require(try s.json(["pair", "show", ids[0]]) as? [String: Any])
        #expect((shown["decisions"] as? [String: Any]).map { Array($0.keys) } == ["bob"])
        #expect(try !Self.exported(s, annotator: "alice").contains(ids[0]), "the export no longer credits alice's old accept")
        #expect(try Self.exported(s, annotator: "bob").contains(ids[0]))
        try alice.press("n")
        try alice.waitUntil("the pair back on alice's screen, with the reason", timeout: 20) { screen in
            try ReviewEndToEndTests.shownPair(alice) == ids[0] && screen.contains("the chosen answer was edited since your verdict")
        }
        #expect(try alice.screen().contains("Checked by bob."))
        try alice.press("a")
        try alice.waitUntil("alice's second accept") { _ in
            let now = try s.json(["pair", "show", ids[0]]) as? [String: Any]
            return now?["status"] as? String == "edited"
        }
        #expect(try Self.exported(s, annotator: "alice").contains(ids[0]))
    }

    @Test func aLostSaveRaceOpensTheMergeViewWithBothTexts() throws {
        let s = try Scratch()
        let ids = try ReviewEndToEndTests.tenPairs(s)
        let alice = try Self.review(s, as: "alice")
        defer { alice.stop() }
        try ReviewEndToEndTests.waitForPair(alice, ids[0])
        try alice.press("e")
        try alice.press("c")
        try alice.waitFor("Chosen answer of pair")
        try alice.press("M->")
        try alice.type(" Alice's addition.")
        // bob saves his version of the same answer first, from another process.
        let bob = s.directory + "/bob.txt"
        try "Bob's rewrite of the answer.\n".write(toFile: bob, atomically: true, encoding: .utf8)
        #expect(try s.tenet(["pair", "edit", ids[0], "--chosen-file", "bob.txt"], user: "bob").status == 0)
        try alice.press("C-s")
        // Wait for the whole view (both texts and the message), not its first line: a
        // capture can land mid-draw on a loaded machine.
        _ = try alice.waitUntil("the merge view with both texts", timeout: 30) { screen in
            screen.contains("choose which stands") && screen.contains("MERGE") && screen.contains("Alice's addition.")
                && screen.contains("Bob's rewrite of the answer.") && screen.contains("bob saved a change first")
        }
        // Enter chooses nothing: bob's text stays.
        try alice.press("Enter")
        func chosen() throws -> String? { ((try s.json(["pair", "show", ids[0]]) as? [String: Any])?["pair"] as? [String: Any])?["chosen"] as? String }
        #expect(try chosen() == "Bob's rewrite of the answer.")
        // e: edit with theirs in view, between markers; take the markers and bob's line out, save.
        try alice.press("e")
        try alice.waitFor("<<<<<<< theirs (bob")
        try alice.press("M->")
        for _ in 0..<3 { try alice.press("C-a", "C-k", "BSpace") }
        try alice.waitForAbsence(of: "<<<<<<< theirs")
        try alice.press("C-s")
        try alice.waitFor("Edited the chosen answer", timeout: 20)
        #expect(try chosen()?.hasSuffix("Alice's addition.") == true)
    }

    @Test func qAndEscFromEverySubViewReturnToTheReview() throws {
        let s = try Scratch()
        let ids = try ReviewEndToEndTests.tenPairs(s)
        let tui = try Self.review(s, as: "alice")
        defer { tui.stop() }
        try ReviewEndToEndTests.waitForPair(tui, ids[0])
        // Each view over the pair, closed by q and by Esc: the review is back, the program alive.
        let views: [(open: [String], shows: String)] = [(["r"], "Boundary examples ("), (["H"], "History of \(ids[0])"), (["P"], "Progress per rule"),
                                                        (["?"], "HELP"), (["f"], "FLAG"), (["F"], "FILTER"), (["/"], "Pairs containing")]
        for view in views {
            for close in ["q", "Escape"] where !(close == "q" && ["f", "F", "/"].contains(view.open[0])) {
                try tui.press(view.open[0])
                try tui.waitFor(view.shows)
                try tui.press(close)
                try tui.waitUntil("the review after \(view.open[0]) then \(close)") { screen in
                    !screen.contains(view.shows) && screen.contains("REVIEW") && screen.contains("✓ CHOSEN")
                }
            }
        }
        // A stray Esc at the bottom says so and ends nothing.
        try tui.press("Escape")
        try tui.waitFor("Nothing open to close")
        #expect(try ReviewEndToEndTests.shownPair(tui) == ids[0])
        // From the workbench, the review is a layer over the spec view: q returns there.
        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)
        let workbench = try s.workbench(width: 110, height: 32)
        defer { workbench.stop() }
        try workbench.waitFor("travel.no-border-evasion")
        try workbench.press("R")
        try workbench.waitFor("✓ CHOSEN")
        try workbench.press("r")
        try workbench.waitFor("Boundary examples (")
        try workbench.press("Escape")
        try workbench.waitFor("✓ CHOSEN")
        try workbench.press("q")
        try workbench.waitUntil("the spec view again") { !$0.contains("✓ CHOSEN") && $0.contains("travel.no-border-evasion") }
    }
}
