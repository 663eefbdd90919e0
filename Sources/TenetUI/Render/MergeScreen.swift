/// The merge view on screen: what this person typed and what someone else saved first,
/// side by side in a wide window and one above the other in a narrow one. Lines that
/// differ are marked; both texts are shown as written (no reflow: the exact text is what
/// is being chosen).
enum MergeScreen {
    /// Side by side from this many columns.
    static let sideBySideWidth = 100

    static func draw(_ view: MergeView, state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        buffer.fill(rect, style: theme[.text])
        let heading: StyledLine = [Span(SafeText.visible(view.title), .heading),
                                   Span(" · \(SafeText.visible(view.author)) saved a change first (revision \(view.revision)) · choose which stands", .muted)]
        var y = rect.y
        for line in Wrap.lines(heading, width: rect.width - 1, prefix: [Span(" ")], indent: 1).prefix(2) {
            buffer.write(line, x: rect.x, y: y, theme: theme, limit: rect.width - 1)
            y += 1
        }
        let content = Rect(x: rect.x, y: y, width: rect.width, height: max(0, rect.maxY - y))
        guard content.height > 0 else { return }
        if rect.width >= sideBySideWidth {
            let half = (content.width - 1) / 2
            let left = Rect(x: content.x, y: content.y, width: half, height: content.height)
            let right = Rect(x: content.x + half + 1, y: content.y, width: content.width - half - 1, height: content.height)
            drawColumn(column(view, yours: true, width: half - 2), scroll: view.scroll, into: &buffer, rect: left, theme: theme, keymap: state.keymap)
            for row in content.y..<content.maxY { buffer.write("│", x: content.x + half, y: row, style: theme[.border]) }
            drawColumn(column(view, yours: false, width: right.width - 2), scroll: view.scroll, into: &buffer, rect: right, theme: theme, keymap: state.keymap)
        } else {
            drawColumn(stacked(view, width: content.width - 2), scroll: view.scroll, into: &buffer, rect: content, theme: theme, keymap: state.keymap)
        }
    }

    /// How far the view scrolls at the state's window size.
    static func scrollLimit(_ view: MergeView, state: WorkbenchState) -> Int {
        let width = state.viewport.width
        let height = max(1, state.bodyHeight - 2)
        let count = width >= sideBySideWidth
            ? max(column(view, yours: true, width: (width - 1) / 2 - 2).count, column(view, yours: false, width: width - (width - 1) / 2 - 3).count)
            : stacked(view, width: width - 2).count
        return max(0, count - height)
    }

    /// One text under its heading, wrapped; lines the other text lacks are marked.
    static func column(_ view: MergeView, yours: Bool, width: Int) -> [StyledLine] {
        let text = yours ? view.yours : view.theirs
        let other = Set((yours ? view.theirs : view.yours).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        var lines: [StyledLine] = [[Span(yours ? "Yours (not saved)" : "Theirs (\(SafeText.visible(view.author)), now saved)", .heading)]]
        let raw = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.isEmpty { lines.append([Span("(empty)", .muted)]) }
        for line in raw where !text.isEmpty {
            let differs = !other.contains(line)
            let marker = differs ? (yours ? "+ " : "- ") : "  "
            let role: Role = differs ? (yours ? .diffAdd : .diffRemove) : .text
            lines += Wrap.lines([Span(marker, role), Span(SafeText.visible(line), role)], width: max(4, width), indent: 2)
        }
        return lines
    }

    private static func stacked(_ view: MergeView, width: Int) -> [StyledLine] {
        column(view, yours: true, width: width) + [[]] + column(view, yours: false, width: width)
    }

    private static func drawColumn(_ lines: [StyledLine], scroll: Int, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme,
                                   keymap: Keymap) {
        drawList(lines, scroll: scroll, into: &buffer, rect: rect, theme: theme, scrollHint: keymap.scrollHint)
    }
}

/// A yes-or-no question, at the bottom of the body.
enum ConfirmBox {
    static func draw(_ question: Confirmation, keymap: Keymap, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let yes = keymap.firstKey(.yes)?.label ?? Command.yes.rawValue
        let no = keymap.firstKey(.no)?.label ?? Command.no.rawValue
        let lines = Wrap.lines([Span(question.question, .strong)], width: rect.width - 2, prefix: [Span(" ")], indent: 1)
            + [[Span(" " + yes, .hintKey), Span(" yes   "), Span(no, .hintKey), Span(" no")]]
        let height = min(rect.height, lines.count + 1)
        let box = Rect(x: rect.x, y: rect.maxY - height, width: rect.width, height: height)
        buffer.fill(box, style: theme[.text])
        buffer.write(String(repeating: "─", count: box.width), x: box.x, y: box.y, style: theme[.border])
        for (i, line) in lines.prefix(height - 1).enumerated() {
            buffer.write(line, x: box.x, y: box.y + 1 + i, theme: theme, limit: box.width - 1)
        }
    }
}
