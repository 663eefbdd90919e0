/// A labelled one-line text field at the bottom of a screen, with the cursor in it.
enum EntryField {
    static func draw(label: String, editor: LineEditor, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer, theme: ResolvedTheme) {
        buffer.write(label, x: x, y: y, style: theme[.heading])
        let start = x + DisplayWidth.of(label)
        let available = width - DisplayWidth.of(label) - 1
        buffer.fill(Rect(x: start, y: y, width: available, height: 1), style: theme[.editField])
        let shown = editor.visible(width: available)
        buffer.write(shown.text, x: start, y: y, style: theme[.editField], limit: available)
        buffer.cursor = Point(x: start + shown.cursorColumn, y: y)
    }
}
