import Foundation
import Testing

/// The built-in text editor in the real binary, in a real terminal (tmux), with no
/// $EDITOR or $VISUAL: a pair's answer edited with the keys a user presses, saved, and
/// checked from the command line.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "needs tmux"), .timeLimit(.minutes(3)))
struct BuiltInEditorEndToEndTests {
    typealias Scratch = WorkbenchEndToEndTests.Scratch

    /// The chosen answer of a pair as `tenet pair show --json` has it.
    static func chosen(_ s: Scratch, _ id: String) throws -> String? {
        let shown = try s.json(["pair", "show", id]) as? [String: Any]
        return (shown?["pair"] as? [String: Any])?["chosen"] as? String
    }

    @Test func anAnswerIsEditedInTheBuiltInEditorAndSaved() throws {
        let s = try Scratch()
        let ids = try ReviewEndToEndTests.tenPairs(s)
        // The scratch environment has neither EDITOR nor VISUAL: the built-in editor it is.
        let tui = try s.workbench(["review"], width: 100, height: 30)
        defer { tui.stop() }
        try ReviewEndToEndTests.waitForPair(tui, ids[0])
        let original = try #require(try Self.chosen(s, ids[0]))
        let lines = original.split(separator: "\n", maxSplits: 1).map(String.init)
        #expect(lines.count == 2)

        try tui.press("e")
        try tui.press("c")
        let opened = try tui.waitUntil("the editor open on the answer, its keys shown") {
            $0.contains("Chosen answer of pair") && $0.contains(lines[0]) && $0.contains("Ctrl-S save") && $0.contains("Esc cancel")
        }
        #expect(opened.contains(lines[0]))
        #expect(try tui.rows()[0].hasSuffix(" EDIT"))
        // Review keys are text here; Ctrl-K cuts the first line's end, Enter makes a line.
        try tui.press("End")
        try tui.type(" Checked: axs")
        try tui.press("Enter")
        try tui.type("Fees: 日本 é")
        try tui.waitFor("Fees: 日本 é")
        // Esc with changes asks first; any other key goes on editing.
        try tui.press("Escape")
        try tui.waitFor("again discards them")
        try tui.press("Right")
        try tui.waitForAbsence(of: "again discards them")
        // Undo the last line's typing and redo it.
        try tui.press("C-z")
        try tui.waitForAbsence(of: "Fees: 日本 é")
        try tui.press("C-y")
        try tui.waitFor("Fees: 日本 é")
        try tui.press("C-s")
        try tui.waitFor("Edited the chosen answer", timeout: 30)

        let expected = lines[0] + " Checked: axs\nFees: 日本 é\n" + lines[1]
        var stored: String?
        let deadline = Date().addingTimeInterval(30)
        repeat {
            stored = try Self.chosen(s, ids[0])
            if stored == expected { break }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        #expect(stored == expected)
        // Nothing was decided by the keys typed into the answer.
        let shown = try s.json(["pair", "show", ids[0]]) as? [String: Any]
        #expect((shown?["pair"] as? [String: Any])?["status"] as? String != "accepted")

        try tui.press("q")
        #expect(try WorkbenchEndToEndTests.exitStatus(tui) == 0)
    }
}
