/// The first screen of an empty project.
enum WelcomeScreen {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        var lines: [StyledLine] = [[Span("No specs in this project yet", .heading)], [Span(state.database, .muted)], []]
        if let samples = state.samplesPath {
            lines.append([Span("  i  ", .hintKey), Span("import the sample specs from " + samples)])
        }
        lines.append([Span("  :  ", .hintKey), Span("open FILE — import a spec of your own (Markdown or specifications.json)")])
        lines.append([Span("  q  ", .hintKey), Span("quit")])
        lines.append([])
        lines.append([Span("From a shell: tenet open FILE", .muted)])
        var y = rect.y + 1
        for line in lines {
            for wrapped in Wrap.lines(line, width: rect.width - 4) where y < rect.maxY {
                buffer.write(wrapped, x: rect.x + 2, y: y, theme: theme, limit: rect.width - 4)
                y += 1
            }
        }
    }
}
