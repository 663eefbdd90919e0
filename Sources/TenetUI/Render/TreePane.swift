import TenetSpec
import TenetStore

/// The rule tree: sections with fold markers and counts; rules with a kind badge, their
/// ID (and title when there is room), and flags for examples, rationale, annotations set
/// in Tenet (`✎`) and lint.
enum TreePane {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        guard let outline = state.outline else { return }
        let focused = state.focus == .tree || !state.isSplit
        let showTitles = rect.width >= 56
        for line in 0..<rect.height {
            let index = state.treeScroll + line
            guard index < state.rows.count else { break }
            let row = state.rows[index]
            let y = rect.y + line
            let selected = index == state.selection
            let indent = String(repeating: " ", count: min(row.depth * 2, max(0, rect.width / 3)))
            var spans: StyledLine = [Span(indent)]
            var flags: StyledLine = []
            switch row.content {
            case .section(_, let title, let counts, let folded):
                spans += [Span(folded ? "▸ " : "▾ ", .muted), Span(title, .section)]
                flags = countSpans(counts)
            case .rule(let index, _):
                let rule = outline.rules[index]
                spans += [badge(rule.kind), Span(" "), Span(rule.id, .ruleID)]
                if showTitles { spans += [Span("  "), Span(rule.title, .muted)] }
                // Until the details arrive (a large spec's first frame), no flags rather than
                // a misleading "none".
                flags = !outline.hasDetails ? [Span("   ")] : [rule.examples > 0 ? Span("e", .muted) : Span("·", .muted),
                                                               rule.hasRationale ? Span("r", .muted) : Span("·", .muted),
                                                               Span(rule.annotated ? "✎" : " ", .muted)]
                if let marks = state.lint[rule.key], !marks.isEmpty {
                    let worst = marks.contains { $0.severity == .error }
                    flags.append(Span(worst ? "✗" : "!", worst ? .lintError : .lintWarning))
                } else {
                    flags.append(Span(" "))
                }
            }
            let flagWidth = flags.reduce(0) { $0 + DisplayWidth.of($1.text) }
            let textLimit = max(1, rect.width - flagWidth - 3)
            let written = buffer.write(spans, x: rect.x + 1, y: y, theme: theme, limit: textLimit)
            if written >= textLimit, textLimit > 1 {
                buffer.write("…", x: rect.x + textLimit, y: y, style: theme[.muted])
            }
            if rect.width > flagWidth + 8 {
                buffer.write(flags, x: rect.maxX - flagWidth - 1, y: y, theme: theme, limit: flagWidth)
            }
            if selected {
                let selection = theme[focused ? .selection : .selectionInactive]
                buffer.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1)) { old in
                    var style = selection
                    // Keep a role's foreground on an inactive (underline-only) selection.
                    if !focused, selection.background == .terminalDefault, selection.foreground == .terminalDefault { style.foreground = old.foreground }
                    return style
                }
            }
        }
        if state.rows.isEmpty {
            let change = state.keymap.firstKey(.cycleFilter).map { " · \($0.label) changes the filter" } ?? ""
            let text = state.filter.noneMatch + (state.filter == .all ? "" : change)
            for (i, line) in Wrap.lines([Span(text, .muted)], width: rect.width - 2).prefix(rect.height).enumerated() {
                buffer.write(line, x: rect.x + 1, y: rect.y + i, theme: theme, limit: rect.width - 2)
            }
        }
    }

    static func badge(_ kind: RuleKind) -> Span {
        switch kind {
        case .safety: return Span("S", .safety, extra: .bold)
        case .behavioral: return Span("B", .behavioral, extra: .bold)
        case .unclassified: return Span("?", .unclassified)
        }
    }

    static func countSpans(_ counts: KindCounts) -> StyledLine {
        // Per kind; they add up to the section's total.
        var spans: StyledLine = []
        for (n, label, role) in [(counts.safety, "S", Role.safety), (counts.behavioral, "B", .behavioral),
                                 (counts.unclassified, "?", .unclassified)] where n > 0 {
            if !spans.isEmpty { spans.append(Span(" ")) }
            spans.append(Span("\(n)\(label)", role))
        }
        return spans
    }
}
