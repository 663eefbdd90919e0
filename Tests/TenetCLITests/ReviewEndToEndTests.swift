import Foundation
import Testing

/// The review screen driven in a real terminal (tmux): ten pairs reviewed with a, x, s,
/// e, f, u, Ctrl-R, then every decision checked from the command line.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(3)))
struct ReviewEndToEndTests {
    typealias Scratch = WorkbenchEndToEndTests.Scratch

    /// Ten pairs with rule IDs; their IDs in queue order (the queue serves by ID).
    static func tenPairs(_ s: Scratch) throws -> [String] {
        _ = try s.copySample("travel-planning.md")
        #expect(try s.tenet(["import", "spec", "travel-planning.md"]).status == 0)
        let rules = ["travel.booking-consent", "travel.budget-honesty", "travel.no-invented-details"]
        let lines = (0..<10).map { n in
            #"{"prompt": "Question \#(n): can you book the hotel?", "chosen": "Careful answer \#(n).\nSecond line \#(n).", "rejected": "Careless answer \#(n).", "rule_ids": ["\#(rules[n % 3])"], "spec": "travel"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: s.directory + "/pairs.jsonl", atomically: true, encoding: .utf8)
        #expect(try s.tenet(["import", "pairs", "pairs.jsonl"]).status == 0)
        let list = try #require(try s.json(["pair", "list"]) as? [[String: Any]])
        return list.compactMap { $0["id"] as? String }.sorted()
    }

    /// The pair ID on the review screen's header line.
    static func shownPair(_ tui: TmuxSession) throws -> String {
        let header = try tui.rows()[1]
        return String(header.split(separator: " ").first ?? "")
    }

    static func waitForPair(_ tui: TmuxSession, _ id: String) throws {
        try tui.waitUntil("pair \(id) on screen") { _ in try shownPair(tui) == id }
    }

    /// Ten pairs (with `overlap` reviews each) and `tenet review` on them in a 110×32
    /// terminal, the first pair on screen.
    static func reviewTenPairs(_ s: Scratch, overlap: Int? = nil) throws -> (ids: [String], tui: TmuxSession) {
        let ids = try tenPairs(s)
        if let overlap { #expect(try s.tenet(["project", "set", "overlap", "\(overlap)"]).status == 0) }
        let tui = try s.workbench(["review"], width: 110, height: 32)
        try waitForPair(tui, ids[0])
        return (ids, tui)
    }

    @Test func reviewTenPairsWithEveryDecisionKeyThenCheckFromTheCommandLine() throws {
        let s = try Scratch()
        let ids = try Self.tenPairs(s)
        #expect(ids.count == 10)
        let editor = try s.script("edit-answer.sh", """
            for last; do :; done
            printf 'A careful answer, corrected by hand.\\n' > "$last"
            """)
        let tui = try s.workbench(["review"], env: ["EDITOR": editor], width: 110, height: 32)
        defer { tui.stop() }
        try Self.waitForPair(tui, ids[0])
        #expect(try tui.screen().contains("✓ CHOSEN") && tui.screen().contains("✗ REJECTED"))
        #expect(try tui.screen().contains("you 0/10"))
        let firstRule = try #require((((try s.json(["pair", "show", ids[0]]) as? [String: Any])?["pair"] as? [String: Any])?["rules"] as? [String])?.first)
        #expect(try tui.screen().contains(firstRule), "the targeted rule is in view")

        // / finds pairs by their text; F narrows the queue; empty entries clear both.
        try tui.press("/")
        try tui.waitFor("Pairs containing")
        try tui.type("Question 7")
        try tui.press("Enter")
        try tui.waitFor("Question 7: can you book the hotel?")
        #expect(try tui.screen().contains("“Question 7”"), "the search is shown in the header")
        try tui.press("/")
        try tui.press("C-u")
        try tui.press("Enter")
        try Self.waitForPair(tui, ids[0])
        try tui.press("F")
        try tui.waitFor("Filter (status= rule= strategy= generator=)")
        try tui.press("C-u")
        try tui.type("strategy=role-play")
        try tui.press("Enter")
        // No pair was made with that strategy: the screen says so, not that all are decided.
        try tui.waitFor("There are no pairs under this filter yet")
        try tui.press("F")
        try tui.press("C-u")
        try tui.press("Enter")
        try Self.waitForPair(tui, ids[0])

        try tui.press("a")                                   // 0 accept
        try Self.waitForPair(tui, ids[1])
        try tui.press("x")                                   // 1 reject
        try Self.waitForPair(tui, ids[2])
        try tui.press("s")                                   // 2 swap, then accept
        try tui.waitFor("Swapped")
        #expect(try tui.screen().contains("swapped"))
        try tui.press("a")
        try Self.waitForPair(tui, ids[3])
        try tui.press("e")                                   // 3 edit the chosen answer, then accept
        try tui.waitFor("Edit which answer?")
        try tui.press("c")
        try tui.waitFor("Edited the chosen answer")
        #expect(try tui.screen().contains("+ A careful answer, corrected by hand."))
        #expect(try tui.screen().contains("− Careful answer"), "shown as a diff against the original")
        try tui.press("a")
        try Self.waitForPair(tui, ids[4])
        try tui.press("f")                                   // 4 flag with a reason
        try tui.waitFor("Flag — why (optional):")
        try tui.type("asks for a price we cannot know")
        try tui.press("Enter")
        try Self.waitForPair(tui, ids[5])
        try tui.press("Space")                               // 5 skip
        try Self.waitForPair(tui, ids[6])
        try tui.press("x")                                   // 6 reject … then undo it
        try Self.waitForPair(tui, ids[7])
        try tui.press("u")
        try Self.waitForPair(tui, ids[6])
        try tui.waitFor("Undid")
        try tui.press("C-r")                                 // redo: rejected again
        try tui.waitFor("Redid")
        try tui.press("u")                                   // and undo once more: 6 stays undecided
        try tui.waitFor("Undid")
        try tui.press("a")                                   // 6 accept instead
        try Self.waitForPair(tui, ids[7])
        try tui.press("b")                                   // 7 blind: prefer A
        try tui.waitFor("BLIND")
        #expect(try !tui.screen().contains("✓ CHOSEN"), "no labels in blind mode")
        try tui.press("1")
        try Self.waitForPair(tui, ids[8])
        try tui.press("b")
        try tui.press("a")                                   // 8 accept
        try Self.waitForPair(tui, ids[9])
        try tui.press("p")                                   // back to 8, change to reject
        try Self.waitForPair(tui, ids[8])
        try tui.press("x")
        try Self.waitForPair(tui, ids[9])
        try tui.press("a")                                   // 9 accept: the queue is empty
        try tui.waitFor("Nothing left to review here")
        // P: progress per rule (all ten pairs are decided; the flagged and the skipped one are not finished).
        try tui.press("P")
        let perRule = try tui.waitFor("Progress per rule")
        #expect(perRule.contains("travel.booking-consent") && perRule.contains("travel.budget-honesty"))
        #expect(perRule.contains("/4") && perRule.contains("/3"), "four pairs target one rule, three each the others")
        try tui.press("P")
        try tui.waitForAbsence(of: "Progress per rule")
        try tui.press("q")
        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)

        // Every decision and edit, from the command line, with its author and revision.
        func pair(_ n: Int) throws -> [String: Any] { try #require(try s.json(["pair", "show", ids[n]]) as? [String: Any]) }
        func decision(_ n: Int) throws -> String? {
            ((try pair(n)["decisions"] as? [String: Any])?["alice"] as? [String: Any])?["decision"] as? String
        }
        #expect(try decision(0) == "accept" && pair(0)["status"] as? String == "accepted")
        #expect(try decision(1) == "reject" && pair(1)["status"] as? String == "rejected")
        let swapped = try pair(2)
        let swappedChosen = (swapped["pair"] as? [String: Any])?["chosen"] as? String
        #expect(swapped["swapped"] as? Bool == true && swappedChosen?.hasPrefix("Careless answer") == true)
        #expect((swapped["original"] as? [String: String])?["rejected"] == swappedChosen)
        let edited = try pair(3)
        #expect(edited["status"] as? String == "edited")
        #expect((edited["pair"] as? [String: Any])?["chosen"] as? String == "A careful answer, corrected by hand.")
        #expect((edited["original"] as? [String: String])?["chosen"]?.hasPrefix("Careful answer") == true)
        let flagged = try pair(4)
        #expect(flagged["status"] as? String == "flagged")
        #expect(((flagged["decisions"] as? [String: Any])?["alice"] as? [String: Any])?["note"] as? String == "asks for a price we cannot know")
        #expect(try decision(5) == "skip" && pair(5)["status"] as? String == "pending")
        #expect(try decision(6) == "accept")
        let blind = try #require(((try pair(7)["decisions"] as? [String: Any])?["alice"] as? [String: Any]))
        #expect(blind["blind"] as? Bool == true)
        #expect(try decision(8) == "reject", "changed after going back")
        #expect(try decision(9) == "accept")
        #expect(try pair(6)["revision"] as? Int == 6, "reject, undo, redo, undo, accept: five revisions after the import")
        let log = try s.tenet(["log", "--limit", "30"]).stdout
        #expect(log.contains("alice") && log.contains("edit chosen of pair \(ids[3])") && log.contains("flag pair \(ids[4])"))
    }

    /// Keys typed at once decide only the pair on screen: "aaaaa" in one burst accepted five
    /// pairs, four of them never drawn long enough to be read. The keys typed before a new
    /// pair was drawn are dropped; `?` after them shows that all were handled.
    @Test func keysTypedAheadDecideOnlyThePairOnScreen() throws {
        let s = try Scratch()
        let (ids, tui) = try Self.reviewTenPairs(s)
        defer { tui.stop() }
        try tui.type("aaaaa")
        try Self.waitForPair(tui, ids[1])
        try tui.press("?")
        try tui.waitFor("Keys")
        try tui.press("Escape")
        try Self.waitForPair(tui, ids[1])
        let accepted = try #require(try s.json(["pair", "list", "--status", "accepted"]) as? [[String: Any]])
        #expect(accepted.compactMap { $0["id"] as? String } == [ids[0]], "only the pair on screen was decided")
    }

    @Test func othersDecisionsAndEditsOnTheShownPairAppearLive() throws {
        let s = try Scratch()
        let (ids, tui) = try Self.reviewTenPairs(s, overlap: 2)
        defer { tui.stop() }
        #expect(try tui.screen().contains("decisions: none yet"))
        // bob, in another process, edits the rejected answer of the pair alice is looking at,
        // then decides it (a verdict on the text as he left it).
        try "A careless answer, as bob rewrote it.\n".write(toFile: s.directory + "/bob.txt", atomically: true, encoding: .utf8)
        #expect(try s.tenet(["pair", "edit", ids[0], "--rejected-file", "bob.txt"], user: "bob").status == 0)
        #expect(try s.tenet(["pair", "decide", ids[0], "reject", "--note", "invents a fee"], user: "bob").status == 0)
        // Both appear without a key press (waiting for the final screen, not the first change).
        try tui.waitUntil("bob's edit and verdict on screen", timeout: 20) {
            $0.contains("bob reject (invents a fee)") && $0.contains("+ A careless answer, as bob rewrote it.")
        }
        // alice's verdict is the second of two: the pair is now disputed, and says so.
        try tui.press("a")
        try Self.waitForPair(tui, ids[1])
        let shown = try #require(try s.json(["pair", "show", ids[0]]) as? [String: Any])
        #expect(shown["status"] as? String == "disputed")
        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)
    }
}
