import Testing
import TenetSpec
import TenetStore
@testable import TenetUI

/// The built-in text editor: every editing key, undo and redo, wide and combining
/// characters, pastes, soft wrapping, and the keymap's save and cancel keys.
@Suite struct TextAreaTests {
    /// A text area after keys, at 40 columns and 10 rows.
    static func typed(_ text: String, _ keys: [Key], width: Int = 40, height: Int = 10) -> TextArea {
        var area = TextArea(text)
        for key in keys { _ = area.handle(key, width: width, height: height) }
        return area
    }

    @Test func typingEnterAndBackspaceJoinLines() {
        var area = Self.typed("", .typing("hello") + [.enter] + .typing("world"))
        #expect(area.text == "hello\nworld")
        #expect(area.cursor == TextPosition(line: 1, column: 5))
        for _ in 0..<5 { _ = area.handle(.backspace, width: 40, height: 10) }
        #expect(area.text == "hello\n")
        _ = area.handle(.backspace, width: 40, height: 10)
        #expect(area.text == "hello" && area.cursor == TextPosition(line: 0, column: 5))
        // Delete at a line's end joins the next line.
        area = Self.typed("ab\ncd", [.end, .delete])
        #expect(area.text == "abcd")
        // Backspace at the very start and Delete at the very end do nothing.
        #expect(TextArea("x").handleReturning(.backspace) == .ignored)
        #expect(Self.typed("x", [.end]).handleReturning(.delete) == .ignored)
    }

    @Test func arrowsHomeEndAndLineStartEnd() {
        var area = Self.typed("one\ntwo three", [.down, .end])
        #expect(area.cursor == TextPosition(line: 1, column: 9))
        _ = area.handle(.ctrl("a"), width: 40, height: 10)
        #expect(area.cursor.column == 0)
        _ = area.handle(.ctrl("e"), width: 40, height: 10)
        #expect(area.cursor.column == 9)
        _ = area.handle(.home, width: 40, height: 10)
        _ = area.handle(.left, width: 40, height: 10)
        #expect(area.cursor == TextPosition(line: 0, column: 3), "left at a line's start goes to the end of the line before")
        _ = area.handle(.right, width: 40, height: 10)
        #expect(area.cursor == TextPosition(line: 1, column: 0))
        // Up keeps the column it aims for across a shorter line.
        area = Self.typed("a long first line\nab\nanother long line", [.end, .up, .up])
        #expect(area.cursor == TextPosition(line: 0, column: 17))
        area = Self.typed("a long first line\nab\nanother long line", [.alt(">"), .up])
        #expect(area.cursor == TextPosition(line: 1, column: 2))
        _ = area.handle(.up, width: 40, height: 10)
        #expect(area.cursor == TextPosition(line: 0, column: 17))
        _ = area.handle(.alt("<"), width: 40, height: 10)
        #expect(area.cursor == TextPosition(line: 0, column: 0))
    }

    @Test func wordMovesAndWordKills() {
        var area = Self.typed("alpha beta, gamma", [.end, .alt("b")])
        #expect(area.cursor.column == 12)
        _ = area.handle(.alt("b"), width: 40, height: 10)
        #expect(area.cursor.column == 6)
        _ = area.handle(.alt("f"), width: 40, height: 10)
        #expect(area.cursor.column == 10)
        area = Self.typed("alpha beta gamma", [.end, .ctrl("w")])
        #expect(area.text == "alpha beta ")
        _ = area.handle(.ctrl("w"), width: 40, height: 10)
        #expect(area.text == "alpha ")
        area = Self.typed("alpha beta gamma", [.alt("d")])
        #expect(area.text == " beta gamma")
        // Word moves cross line breaks.
        area = Self.typed("one\ntwo", [.down, .alt("b"), .alt("b")])
        #expect(area.cursor == TextPosition(line: 0, column: 0))
        // Ctrl-W at a line's start joins it to the line before.
        area = Self.typed("one\ntwo", [.down, .ctrl("w")])
        #expect(area.text == "two")
    }

    @Test func killToEndAndStartOfLine() {
        var area = Self.typed("first line\nsecond", [.alt("f"), .ctrl("k")])
        #expect(area.text == "first\nsecond")
        _ = area.handle(.ctrl("k"), width: 40, height: 10)
        #expect(area.text == "firstsecond", "Ctrl-K at a line's end joins the next line")
        area = Self.typed("first line", [.alt("f"), .ctrl("u")])
        #expect(area.text == " line" && area.cursor.column == 0)
    }

    @Test func undoAndRedoWithinTheField() {
        var area = Self.typed("", .typing("hello world") + [.enter] + .typing("again"))
        #expect(area.isModified)
        var done = area.undo()
        #expect(done && area.text == "hello world\n")
        done = area.undo()
        #expect(done && area.text == "hello world")
        done = area.undo()
        #expect(done && area.text == "hello ", "a typed word is one step")
        while area.undo() {}
        #expect(area.text == "" && !area.isModified, "undoing everything is unmodified again")
        done = area.redo()
        #expect(done && area.text == "hello")
        while area.redo() {}
        #expect(area.text == "hello world\nagain")
        // A new change after an undo drops what could be redone.
        _ = area.undo()
        _ = area.handle(.char("!"), width: 40, height: 10)
        done = area.redo()
        #expect(!done)
        #expect(area.text == "hello world\n!")
        // Kills and pastes undo too.
        area = Self.typed("keep this", [.ctrl("e"), .ctrl("u"), .paste("x\ny")])
        #expect(area.text == "x\ny")
        _ = area.undo()
        #expect(area.text == "")
        _ = area.undo()
        #expect(area.text == "keep this")
    }

    @Test func pastesAreTextWithLineBreaksAndNoControlCharacters() {
        let area = Self.typed("[]", [.right, .paste("line 1\r\nline 2\u{1B}[2J\u{07}\rline\t3\u{9B}31m")])
        #expect(area.text == "[line 1\nline 2[2J\nline\t331m]")
        #expect(area.cursor == TextPosition(line: 2, column: 9))
        #expect(!area.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
    }

    @Test func wideAndCombiningCharactersKeepTheCursorRight() {
        // e + combining acute is one character: one step, one column.
        var area = Self.typed("", [.char("e"), .char("\u{301}"), .char("x")])
        #expect(area.lines[0].count == 2)
        #expect(area.cursor.column == 2)
        _ = area.handle(.left, width: 40, height: 10)
        _ = area.handle(.backspace, width: 40, height: 10)
        #expect(area.text == "x", "Backspace removes the letter with its mark")
        // Wide characters take two columns: the cursor after 日本 is at column 4.
        area = Self.typed("日本語", [.right, .right])
        #expect(TextLayout.columns(area.lines[0], from: 0, to: area.cursor.column) == 4)
        var state = WorkbenchState(user: "alice", database: "x")
        _ = reduce(&state, .resized(Size(width: 40, height: 12)))
        var edit = TextEdit(subject: .rationale(key: "k", ruleID: "r"), title: "T", revision: 1, text: "日本語 é")
        _ = edit.area.handle(.end, width: 30, height: 5)
        state.push(.text(edit))
        let screen = render(state, size: Size(width: 40, height: 12), theme: .plain)
        let metrics = TextAreaScreen.metrics(edit, size: Size(width: 40, height: 12), keymap: state.keymap)
        // 日本語 (6) + space + é (1) = 8 columns after the gutter.
        #expect(screen.cursor == Point(x: metrics.gutter + 8, y: 2))
        // Wrapped rows keep wide characters whole: at 5 columns, 日本 then 語.
        #expect(TextLayout.rowStarts(Array("日本語"), width: 5) == [0, 2])
    }

    @Test func longLinesSoftWrapAndUpDownMoveByScreenRows() {
        let line = String(repeating: "word ", count: 20)  // 100 columns
        var area = TextArea(line)
        let starts = TextLayout.rowStarts(area.lines[0], width: 30)
        #expect(starts == [0, 30, 60, 90])
        _ = area.handle(.down, width: 30, height: 10)
        #expect(area.cursor == TextPosition(line: 0, column: 30))
        _ = area.handle(.end, width: 30, height: 10)
        #expect(area.rowPosition(width: 30).column == 3)
        // A line that fills its last row exactly gets an empty row for the cursor.
        #expect(TextLayout.rowStarts(Array("abcdef"), width: 3) == [0, 3, 6])
        // Words are not cut when a space is on the row.
        #expect(TextLayout.rowStarts(Array("hello world"), width: 8) == [0, 6])
    }

    /// A window that grows shows the text from its first row again: the rows that had
    /// scrolled off at the small size do not stay hidden while there is room for them.
    @Test func growingTheWindowFillsItFromTheTop() {
        let text = String(repeating: "word ", count: 12) + "\nsecond line\nthird"
        var area = TextArea(text)
        area.moveCursorToEnd(width: 20, height: 3)
        #expect(area.top > TextPosition(line: 0, column: 0), "at 20×3 the first rows are scrolled off")
        area.scrollToCursor(width: 100, height: 30)
        #expect(area.top == TextPosition(line: 0, column: 0))
        // With more text than fits, the view only fills up to the last row, cursor kept.
        var long = TextArea((1...40).map { "line \($0)" }.joined(separator: "\n"))
        long.moveCursorToEnd(width: 20, height: 5)
        long.scrollToCursor(width: 20, height: 10)
        #expect(long.top == TextPosition(line: 30, column: 0))
        long.moveCursor(toLine: 10, width: 20, height: 10)
        long.scrollToCursor(width: 20, height: 10)
        #expect(long.top == TextPosition(line: 10, column: 0), "room below, but the text goes on: nothing moves")
    }

    @Test func pagingAndLargeTextsStayResponsive() {
        let text = (1...5000).map { "line \($0) " + String(repeating: "x", count: $0 % 90) }.joined(separator: "\n")
        var area = TextArea(text)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<20 { _ = area.handle(.pageDown, width: 60, height: 20) }
            _ = area.handle(.alt(">"), width: 60, height: 20)
            for _ in 0..<50 { _ = area.handle(.char("z"), width: 60, height: 20) }
            _ = area.handle(.pageUp, width: 60, height: 20)
        }
        #expect(area.lines.count == 5000)
        #expect(area.cursor.line < 4999 && area.cursor.line > 4950)
        // A net against quadratic work, not a benchmark: a keystroke takes well under this.
        #expect(elapsed < .seconds(5))
        // The cursor stays among the rows shown.
        let top = area.top
        #expect(TextLayout.rowsBetween(area.lines, top, area.rowPosition(width: 60), width: 60) < 20)
    }

    // MARK: - In the workbench

    @Test func rOpensTheRationaleInTheTextEditorAndTheKeymapSaves() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("r")])
        guard case .text(let opened) = state.top else { Issue.record("r did not open the text editor"); return }
        #expect(opened.title == "Rationale of travel.budget-honesty")
        // Shortcuts are text here; Enter is a new line.
        fixture.press(&state, [.ctrl("u")] + .typing("First reason.") + [.enter] + .typing("q?u: second line"))
        #expect(try fixture.store.rule("travel.budget-honesty").revision == 1)
        let screen = render(state, size: state.viewport, theme: .plain).text
        #expect(screen.contains("Ctrl-S save") && screen.contains("Esc cancel") && screen.contains("Ctrl-Z undo"))
        fixture.press(&state, [.ctrl("s")])
        #expect(state.top == .browse)
        let rationale = try fixture.store.rule("travel.budget-honesty").record.annotations.rationale
        #expect(rationale == "First reason.\nq?u: second line")
        #expect(state.message?.text.contains("rationale saved") == true)
    }

    @Test func saveAndCancelKeysComeFromTheKeymap() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        var keymap = Keymap()
        keymap.rebind(["save-text": [.function(5)], "cancel-text": [.ctrl("g")]])
        state.keymap = keymap
        fixture.press(&state, [.char("r")] + .typing(" more"))
        let screen = render(state, size: state.viewport, theme: .plain).text
        #expect(screen.contains("F5 save") && screen.contains("Ctrl-G cancel"))
        #expect(!screen.contains("Ctrl-S save"))
        fixture.press(&state, [.ctrl("s")])
        guard case .text = state.top else { Issue.record("Ctrl-S still saved after rebinding"); return }
        fixture.press(&state, [.ctrl("g")])
        guard case .text(let asking) = state.top else { Issue.record("cancel lost the text without asking"); return }
        #expect(asking.confirmingCancel)
        #expect(render(state, size: state.viewport, theme: .plain).text.contains("Ctrl-G again discards them"))
    }

    @Test func cancelWithChangesAsksOnceAnyOtherKeyGoesOn() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("r"), .escape])
        #expect(state.top == .browse, "no changes: Esc closes at once")
        fixture.press(&state, [.char("r")] + .typing(" typed"))
        fixture.press(&state, [.escape])
        guard case .text(let asking) = state.top, asking.confirmingCancel else { Issue.record("did not ask"); return }
        fixture.press(&state, [.char("!")])
        guard case .text(let goingOn) = state.top else { Issue.record("closed"); return }
        #expect(!goingOn.confirmingCancel && goingOn.area.text.hasSuffix(" typed!"))
        fixture.press(&state, [.escape, .escape])
        #expect(state.top == .browse)
        #expect(state.message?.text.contains("Discarded") == true)
        #expect(try fixture.store.rule("travel.budget-honesty").revision == 1)
    }

    @Test func ctrlZAndCtrlYUndoAndRedoInTheField() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("r"), .ctrl("u")] + .typing("abc"))
        fixture.press(&state, [.ctrl("z")])
        guard case .text(let undone) = state.top else { Issue.record("closed"); return }
        #expect(!undone.area.text.contains("abc"))
        fixture.press(&state, [.ctrl("y")])
        guard case .text(let redone) = state.top else { Issue.record("closed"); return }
        #expect(redone.area.text == "abc")
        // In the field, u and Ctrl-R never reach the store's undo.
        #expect(reduce(&state, .key(.ctrl("r"))).isEmpty)
    }

    @Test func anExampleThatDoesNotParseStaysOpenWithItsLine() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        fixture.press(&state, [.char("A")])
        guard case .text(let template) = state.top else { Issue.record("A did not open the text editor"); return }
        #expect(template.area.text.contains("verdict: BAD"))
        #expect(String(template.area.lines[template.area.cursor.line]).hasPrefix("user:"), "the cursor waits on the user's turn")
        // A bad verdict: refused, the text kept, the cursor on the line at fault.
        fixture.press(&state, .typing("Is the fee included?") + [.down, .ctrl("e")] + .typing("Yes, always."))
        goToLine(fixture, &state, 4)
        fixture.press(&state, [.ctrl("e"), .ctrl("w")] + .typing("MAYBE"))
        var effects = reduce(&state, .key(.ctrl("s")))
        #expect(effects.isEmpty)
        guard case .text(let refused) = state.top else { Issue.record("a parse error closed the editor"); return }
        #expect(refused.problem?.hasPrefix("Line 5: verdict must be GOOD, BAD or BORDERLINE") == true)
        #expect(refused.area.cursor.line == 4)
        #expect(refused.area.text.contains("Yes, always."))
        #expect(render(state, size: state.viewport, theme: .plain).text.contains("Line 5: verdict must be"))
        fixture.press(&state, [.ctrl("e"), .ctrl("w")] + .typing("GOOD"))
        effects = reduce(&state, .key(.ctrl("s")))
        guard case .saveExample(let key, nil, let example, 1)? = effects.first else { Issue.record("no save: \(effects)"); return }
        #expect(key == "travel/travel.budget-honesty" || key.hasSuffix("travel.budget-honesty"))
        #expect(example.verdict == .good)
        #expect(example.turns.map(\.content) == ["Is the fee included?", "Yes, always."])
        // The store's answer closes the circle.
        let result = try fixture.store.addExample(key, example, expectedRevision: 1)
        _ = reduce(&state, .ruleSaved(try fixture.store.rule(result.key), summary: "example added (GOOD)"))
        #expect(state.savingText == nil && state.top == .browse)
    }

    @Test func withAnExternalEditorExamplesAndAnswersGoThereButTheRationaleStaysHere() throws {
        let fixture = try Fixture()
        var state = try fixture.state(select: "travel.budget-honesty")
        state.externalEditor = "nano"
        guard case .editExample(_, nil)? = reduce(&state, .key(.char("A"))).first else { Issue.record("A did not use $EDITOR"); return }
        fixture.press(&state, [.char("r")])
        guard case .text = state.top else { Issue.record("the rationale left the built-in editor"); return }
    }
}

/// Moves the built-in editor's cursor to a line (from 0) with the arrow keys, as a user
/// would: wrapped lines take several presses.
func goToLine(_ fixture: Fixture, _ state: inout WorkbenchState, _ line: Int) {
    for _ in 0..<200 {
        guard case .text(let edit) = state.top, edit.area.cursor.line != line else { return }
        fixture.press(&state, [edit.area.cursor.line < line ? .down : .up])
    }
}

extension TextArea {
    /// What a key does to a copy, at 40×10.
    func handleReturning(_ key: Key) -> Outcome {
        var copy = self
        return copy.handle(key, width: 40, height: 10)
    }
}
