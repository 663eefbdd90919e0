/// The annotation field being edited, at the bottom of the body.
enum EditBox {
    static func draw(_ edit: FieldEdit, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let height = edit.problem == nil ? 3 : 4
        let box = Rect(x: rect.x, y: rect.maxY - height, width: rect.width, height: height)
        buffer.fill(box, style: theme[.text])
        buffer.write(String(repeating: "─", count: box.width), x: box.x, y: box.y, style: theme[.border])
        buffer.write([Span(" \(edit.field.label) of ", .heading), Span(edit.ruleID, .ruleID), Span(" ")],
                     x: box.x + 1, y: box.y, theme: theme, limit: box.width - 2)
        let fieldWidth = box.width - 2
        buffer.fill(Rect(x: box.x + 1, y: box.y + 1, width: fieldWidth, height: 1), style: theme[.editField])
        let shown = edit.editor.visible(width: fieldWidth)
        buffer.write(shown.text, x: box.x + 1, y: box.y + 1, style: theme[.editField], limit: fieldWidth)
        buffer.cursor = Point(x: box.x + 1 + shown.cursorColumn, y: box.y + 1)
        let help = edit.field == .exceptions ? "Separate exceptions with |" : "Empty clears it: the file's value applies again"
        buffer.write(help, x: box.x + 1, y: box.y + 2, style: theme[.muted], limit: fieldWidth)
        if let problem = edit.problem { buffer.write(problem, x: box.x + 1, y: box.y + 3, style: theme[.error], limit: fieldWidth) }
    }
}

/// A one-key menu, at the bottom of the body.
enum MenuBox {
    static func draw(_ menu: Menu, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        var lines: [StyledLine] = menu.items.map { [Span("  " + String($0.key), .hintKey), Span("  " + $0.label)] }
        if lines.count + 2 > rect.height {
            // Not enough rows: the items flow along lines instead, so none is hidden.
            let flowing = menu.items.flatMap { [Span(String($0.key), .hintKey), Span(" " + $0.label + "  ")] }
            lines = Wrap.lines(flowing, width: rect.width - 2, prefix: [Span(" ")], indent: 1)
        }
        let height = min(rect.height, lines.count + 2)
        let box = Rect(x: rect.x, y: rect.maxY - height, width: rect.width, height: height)
        buffer.fill(box, style: theme[.text])
        buffer.write(String(repeating: "─", count: box.width), x: box.x, y: box.y, style: theme[.border])
        buffer.write(" " + menu.title + " ", x: box.x + 1, y: box.y, style: theme[.heading], limit: box.width - 2)
        for (i, line) in lines.prefix(height - 2).enumerated() {
            buffer.write(line, x: box.x, y: box.y + 1 + i, theme: theme, limit: box.width - 1)
        }
        buffer.write("  Esc cancels", x: box.x, y: box.maxY - 1, style: theme[.muted], limit: box.width)
    }
}
