/// The first screen of an empty project.
enum WelcomeScreen {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        var lines: [StyledLine] = [[Span("No specs in this project yet", .heading)], [Span(state.database, .muted)], []]
        let quit = state.keymap.name(.quit)
        if state.served {
            // Nothing on the host is opened from a served session: the admin imports specs.
            lines.append([Span("The project's admin imports specs on the server; they show here once imported.")])
            lines.append([])
            lines.append([Span("  \(quit)  ", .hintKey), Span("quit")])
        } else {
            if let samples = state.samplesPath {
                lines.append([Span("  i  ", .hintKey), Span("import the sample specs from " + SafeText.visible(samples))])
            }
            lines.append([Span("  :  ", .hintKey), Span("open FILE — import a spec of your own (Markdown or specifications.json; Tab completes)")])
            lines.append([Span("  \(quit)  ", .hintKey), Span("quit")])
            lines.append([])
            lines.append([Span("From a shell: tenet import spec FILE", .muted)])
        }
        var y = rect.y + 1
        for line in lines {
            for wrapped in Wrap.lines(line, width: rect.width - 4) where y < rect.maxY {
                buffer.write(wrapped, x: rect.x + 2, y: y, theme: theme, limit: rect.width - 4)
                y += 1
            }
        }
    }
}
