import Foundation
import Testing

/// The terminal as people meet it over SSH and on old terminals, in a real one (tmux):
/// Esc and a key arriving in one write, and a vt100 with no alternate screen.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(3)))
struct TerminalEndToEndTests {
    typealias Scratch = WorkbenchEndToEndTests.Scratch

    /// alice's decision on a pair, from the command line.
    static func decision(_ s: Scratch, _ id: String) throws -> [String: Any]? {
        let shown = try #require(try s.json(["pair", "show", id]) as? [String: Any])
        return (shown["decisions"] as? [String: Any])?["alice"] as? [String: Any]
    }

    @Test func escAndAKeyInOneWriteAreEscThenTheKeyUnlessAnAltChordTheEditorUses() throws {
        let s = try Scratch()
        let (ids, tui) = try ReviewEndToEndTests.reviewTenPairs(s)
        defer { tui.stop() }

        // f opens the flag prompt; Esc and a in one write (as one SSH packet brings them):
        // Esc closes the prompt, a accepts the pair — no Alt-a, no lost key.
        try tui.press("f")
        try tui.waitFor("Flag — why (optional):")
        try tui.press("Escape", "a")
        try ReviewEndToEndTests.waitForPair(tui, ids[1])
        #expect(try !tui.screen().contains("Flag — why"))
        #expect(try Self.decision(s, ids[0])?["decision"] as? String == "accept")

        // The same from the queue filter (F): Esc, then x rejects.
        try tui.press("F")
        try tui.waitFor("Filter (status= rule= strategy= generator=)")
        try tui.press("Escape", "x")
        try ReviewEndToEndTests.waitForPair(tui, ids[2])
        #expect(try Self.decision(s, ids[1])?["decision"] as? String == "reject")

        // An Alt chord the editors use still arrives as one: Alt-b, a word back.
        try tui.press("f")
        try tui.waitFor("Flag — why (optional):")
        try tui.type("one two")
        try tui.press("Escape", "b")
        try tui.type("X")
        try tui.waitFor("one Xtwo")
        try tui.press("Enter")
        try ReviewEndToEndTests.waitForPair(tui, ids[3])
        let flagged = try Self.decision(s, ids[2])
        #expect(flagged?["decision"] as? String == "flag" && flagged?["note"] as? String == "one Xtwo")

        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)
    }

    @Test func onAVt100QuittingLeavesTheShellPromptNotTheLastFrame() throws {
        let s = try Scratch()
        let ids = try ReviewEndToEndTests.tenPairs(s)
        let shell = try TmuxSession(["bash", "--norc", "--noprofile", "-i"],
                                    environment: s.environment(["PS1": "PROMPT$ ", "TERM": "vt100"]), in: s.directory)
        shell.owner = s
        defer { shell.stop() }
        try shell.waitFor("PROMPT$")
        try shell.type("\(TmuxSession.quote(TenetProcess.binary)) review --db \(TmuxSession.quote(s.database)); echo STATUS=$?")
        try shell.press("Enter")
        try shell.waitUntil("the review screen") { $0.contains("✓ CHOSEN") && $0.contains("you 0/10") }
        #expect(try shell.display("#{alternate_on}") == "0", "a vt100 has no alternate screen")
        try ReviewEndToEndTests.waitForPair(shell, ids[0])

        try shell.press("q")
        let after = try shell.waitUntil("the shell's prompt after the status") { $0.contains("STATUS=0\nPROMPT$") }
        for frame in ["✓ CHOSEN", "✗ REJECTED", "you 0/10", ids[0], "Careful answer 0"] {
            #expect(!after.contains(frame), "“\(frame)” of the last frame is gone:\n\(after)")
        }
        let rows = try shell.rows()
        #expect(rows.first?.hasPrefix("STATUS=0") == true, "the screen was cleared and the cursor homed:\n\(after)")
    }
}
