import TenetSpec

/// The instantiation screen: the controls and their keys, then the instance — each rule
/// with why it was picked — and the exact text a model would be given.
enum InstantiateScreen {
    static func draw(_ view: InstantiateView, state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        guard view.spec != nil else {
            buffer.write("Loading \(view.specID)…", x: rect.x + 1, y: rect.y, style: theme[.muted])
            return
        }
        let keymap = state.keymap
        let c = view.controls
        func key(_ command: Command) -> String { keymap.firstKey(command)?.label ?? "—" }
        let share = c.safetyShare.map { "\(Int($0 * 100))%" } ?? "as in the spec"
        let controls: [StyledLine] = [
            [Span("Instantiate ", .heading), Span(view.specID, .ruleID), Span(" r\(view.revision)", .muted)]
                + (view.savedName.map { [Span("  saved as ", .muted), Span($0, .strong)] } ?? []),
            [Span(key(.nextSeed) + "/" + key(.previousSeed), .hintKey), Span(" seed "), Span("\(c.seed)", .strong),
             Span("   " + key(.moreRules) + "/" + key(.fewerRules), .hintKey), Span(" rules "), Span("\(c.minRules)..\(c.maxRules)", .strong),
             Span("   " + key(.cycleCoverage), .hintKey), Span(" coverage "), Span(c.coverage.rawValue, .strong),
             Span("   " + key(.cycleSafetyShare), .hintKey), Span(" safety share "), Span(share, .strong),
             Span("   " + key(.toggleUnclassified), .hintKey), Span(" unclassified "), Span(c.includeUnclassified ? "in" : "out", .strong),
             Span("   " + key(.toggleFormat), .hintKey), Span(" text "), Span(view.format.rawValue, .strong)],
            // The actions on a line of their own: at 120 columns "x generate" wrapped apart.
            [Span(key(.saveInstantiation), .hintKey), Span(" save"), Span("   " + key(.generate), .hintKey), Span(" generate")],
        ]
        var lines: [StyledLine] = []
        for line in controls { lines += Wrap.lines(line, width: rect.width - 2) }
        lines.append([])
        if let problem = view.problem {
            lines += Wrap.lines([Span(problem, .error)], width: rect.width - 2)
        } else if let instance = view.preview {
            lines += Wrap.lines([Span("\(instance.rules.count) rules", .count), Span(" (drawn \(instance.drawnCount)) · "),
                                 Span("\(instance.safety.count) safety", .safety), Span(", "),
                                 Span("\(instance.behavioral.count) behavioral", .behavioral)], width: rect.width - 2)
            for (i, rule) in instance.rules.enumerated() {
                lines += Wrap.lines([TreePane.badge(rule.kind), Span(" "), Span(rule.id, .ruleID), Span("  " + rule.reason, .muted)],
                                    width: rect.width - 2, prefix: [Span(pad("\(i + 1).", 4), .muted)], indent: 6)
            }
            for parameter in instance.parameters {
                lines += Wrap.lines([Span(parameter.name, .placeholder), Span(" = \(parameter.value ?? "(unset)")"),
                                     Span(" (\(parameter.source.rawValue))", .muted)], width: rect.width - 2, prefix: [Span("    ")])
            }
            for note in instance.notes { lines += Wrap.lines([Span("note: " + note, .lintWarning)], width: rect.width - 2) }
            lines.append([])
            lines += Wrap.lines([Span("What the model is given (\(view.format.rawValue))", .heading)], width: rect.width - 2)
            for paragraph in instance.rendered(view.format, question: view.format == .specbench ? "{question}" : nil).split(separator: "\n", omittingEmptySubsequences: false) {
                lines += Wrap.lines([Span(String(paragraph))], width: rect.width - 4, prefix: [Span("  ")], indent: 2)
            }
        }
        var body = rect
        if let entry = view.entry {
            body.height -= 2
            let y = rect.maxY - 2
            buffer.write(String(repeating: "─", count: rect.width), x: rect.x, y: y, style: theme[.border])
            let label = entry == .saveName ? " Save as: " : " Pairs to generate (\(SafeText.visible(state.generator))): "
            EntryField.draw(label: label, editor: view.editor, x: rect.x, y: y + 1, width: rect.width, into: &buffer, theme: theme)
        }
        drawList(lines, scroll: view.scroll, into: &buffer, rect: body, theme: theme, scrollHint: state.keymap.scrollHint)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
