/// The built-in text editor on screen: a title line with the cursor's place, the text
/// soft-wrapped beside line numbers, the reason a save was refused (or the question
/// before discarding changes), and a line of keys from the keymap that is always shown.
enum TextAreaScreen {
    /// Where the text goes at a window size: the same for the reducer (paging, moving by
    /// rows) and the renderer.
    struct Metrics: Equatable {
        /// Columns of the line-number gutter.
        var gutter: Int
        /// Columns and rows of the text.
        var width: Int
        var height: Int
        /// The problem or question, wrapped.
        var notes: [StyledLine]
    }

    static func metrics(_ edit: TextEdit, size: Size, keymap: Keymap) -> Metrics {
        let gutter = String(edit.area.lines.count).count + 2
        let width = max(1, size.width - gutter - 1)
        var notes: [StyledLine] = []
        if let note = note(edit, keymap: keymap) {
            notes = Array(Wrap.lines([note], width: max(1, size.width - 2), prefix: [Span(" ")], indent: 1).prefix(3))
        }
        // The body less the title line and the keys line.
        let height = max(1, size.height - 3 - 2 - notes.count)
        return Metrics(gutter: gutter, width: width, height: height, notes: notes)
    }

    /// The line under the text: the question before discarding, else the last problem.
    private static func note(_ edit: TextEdit, keymap: Keymap) -> Span? {
        if edit.confirmingCancel {
            let cancel = keymap.firstKey(.cancelText)?.label ?? Command.cancelText.rawValue
            let save = keymap.firstKey(.saveText)?.label ?? Command.saveText.rawValue
            return Span("Unsaved changes: \(cancel) again discards them · \(save) saves · any other key goes on editing", .error)
        }
        return edit.problem.map { Span($0, .error) }
    }

    static func draw(_ edit: TextEdit, state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let size = Size(width: buffer.width, height: buffer.height)
        let metrics = metrics(edit, size: size, keymap: state.keymap)
        let area = edit.area
        buffer.fill(rect, style: theme[.text])

        // Title: what is edited, where the cursor is, whether it changed.
        let place = " · line \(area.cursor.line + 1)/\(area.lines.count), col \(area.cursor.column + 1)"
        var title: StyledLine = [Span(" " + edit.title, .heading), Span(place, .muted)]
        if edit.hasUnsavedChanges { title.append(Span(" · modified", .diffChange)) }
        buffer.write(title, x: rect.x, y: rect.y, theme: theme, limit: rect.width)

        // The text, from the first row that keeps the cursor in view at this size.
        let textTop = rect.y + 1
        let cursorRow = area.rowPosition(width: metrics.width)
        let top = TextLayout.visibleTop(area.lines, top: area.top, cursor: cursorRow, width: metrics.width, height: metrics.height)
        var y = textTop
        var line = top.line, row = top.column
        let digits = metrics.gutter - 2
        while y < textTop + metrics.height, line < area.lines.count {
            let characters = area.lines[line]
            let starts = TextLayout.rowStarts(characters, width: metrics.width)
            let marker = String(characters.prefix(theirsMarker.count)) == theirsMarker || String(characters) == endOfTheirsMarker
            while row < starts.count, y < textTop + metrics.height {
                if row == 0 {
                    let number = String(line + 1)
                    buffer.write(String(repeating: " ", count: max(0, digits - number.count)) + number, x: rect.x, y: y, style: theme[.muted])
                }
                let end = row + 1 < starts.count ? starts[row + 1] : characters.count
                var x = rect.x + metrics.gutter
                let style = theme[marker ? .diffChange : .text]
                for index in starts[row]..<end {
                    let c = characters[index]
                    let w = TextLayout.width(c)
                    if buffer.write(String(c), x: x, y: y, style: style, limit: w) == 0 {
                        buffer.write("·", x: x, y: y, style: theme[.muted])
                    }
                    x += w
                }
                if line == area.cursor.line, row == cursorRow.column {
                    let column = TextLayout.columns(characters, from: starts[row], to: area.cursor.column)
                    buffer.cursor = Point(x: min(rect.x + metrics.gutter + column, buffer.width - 1), y: y)
                }
                y += 1
                row += 1
            }
            line += 1
            row = 0
        }

        // The problem or the question, then the keys.
        let notesY = textTop + metrics.height
        for (i, note) in metrics.notes.enumerated() {
            buffer.write(note, x: rect.x, y: notesY + i, theme: theme, base: theme[.error], limit: rect.width)
        }
        // Whole hints only, save and cancel first: a hint cut in the middle misleads.
        var x = rect.x
        for hint in keys(state) {
            let width = hint.reduce(0) { $0 + DisplayWidth.of($1.text) }
            guard x + width <= rect.x + rect.width else { break }
            buffer.write(hint, x: x, y: rect.maxY - 1, theme: theme, limit: width)
            x += width
        }
    }

    /// The text editor's keys from the keymap, then the editing keys that do not change.
    static func keys(_ state: WorkbenchState) -> [StyledLine] {
        var hints: [StyledLine] = []
        for command in [Command.saveText, .cancelText, .undoText, .redoText] {
            guard let binding = state.keymap.bindings.first(where: { $0.command == command }), let key = binding.keys.first else { continue }
            hints.append([Span(" " + key.label, .hintKey), Span(" " + (binding.hint ?? command.rawValue) + " ", .hint)])
        }
        for (keys, what) in TextAreaKeys.hinted {
            hints.append([Span(" " + keys, .hintKey), Span(" " + what + " ", .hint)])
        }
        return hints
    }
}

/// The editing keys of the built-in editor, which are not rebindable (like a text
/// field's): listed on the help screen and, the less known ones, under the text.
enum TextAreaKeys {
    static let all: [(String, String)] = [
        ("← → ↑ ↓", "move (up and down by screen rows of a wrapped line)"),
        ("Home End Ctrl-A Ctrl-E", "start / end of the line"),
        ("PgUp PgDn", "a screen up / down"),
        ("Alt-b Alt-f", "a word back / forward"),
        ("Alt-< Alt->", "start / end of the text"),
        ("Ctrl-K Ctrl-U", "delete to the end / start of the line (Ctrl-K at the end joins the next line)"),
        ("Ctrl-W Alt-d", "delete the word before / after"),
        ("Backspace Delete", "delete a character (at a line's edge: join the lines)"),
        ("Enter Tab", "new line, four spaces"),
        ("a paste", "inserted as text, line breaks kept, control characters dropped"),
    ]

    static let hinted: [(String, String)] = [("Alt-b/f", "word"), ("Ctrl-K/U", "cut line"), ("Ctrl-W", "cut word")]
}
