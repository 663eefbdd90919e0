/// The spec view: tree and rule side by side, or one of them in a narrow window; the
/// history pane takes the rule's place.
enum SpecView {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        guard state.outline != nil else {
            buffer.write("Loading…", x: 1, y: rect.y, style: theme[.muted])
            return
        }
        var right: Rect
        if state.isSplit {
            let treeWidth = state.treeWidth(rect.width)
            let tree = Rect(x: rect.x, y: rect.y, width: treeWidth, height: rect.height)
            TreePane.draw(state, into: &buffer, rect: tree, theme: theme)
            for y in rect.y..<rect.maxY { buffer.write("│", x: treeWidth, y: y, style: theme[.border]) }
            right = Rect(x: treeWidth + 1, y: rect.y, width: rect.width - treeWidth - 1, height: rect.height)
        } else {
            right = rect
            let showingTree: Bool = {
                if case .history = state.screen { return false }
                return state.focus == .tree
            }()
            if showingTree {
                TreePane.draw(state, into: &buffer, rect: rect, theme: theme)
                return
            }
        }
        if case .history(let view) = state.screen {
            HistoryPane.draw(view, into: &buffer, rect: right, theme: theme)
            return
        }
        DetailPane.draw(state, into: &buffer, rect: right, theme: theme)
    }
}

/// The right-hand pane: the selected rule, or the selected section's summary.
enum DetailPane {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let width = rect.width - 2
        guard width > 4 else { return }
        var lines: [StyledLine]
        switch state.selectedRow?.content {
        case .section(let id, let title, let counts, let folded)?:
            lines = Wrap.lines([Span(title, .heading)], width: width)
            lines += Wrap.lines([Span("§ " + id, .muted)], width: width)
            lines.append([])
            lines += Wrap.lines([Span("\(counts.total) rule\(counts.total == 1 ? "" : "s")", .count)] + (counts.total == 0 ? [] :
                [Span(": "), Span("\(counts.safety) safety", .safety), Span(", "), Span("\(counts.behavioral) behavioral", .behavioral),
                 Span(", "), Span("\(counts.unclassified) unclassified", .unclassified)]), width: width)
            lines.append([])
            lines += Wrap.lines([Span((folded ? "Space unfolds it" : "Space folds it") + " · e edits the spec here", .muted)], width: width)
        case .rule?:
            if let detail = state.selectedDetail {
                lines = RuleDetail.lines(detail, lint: state.lint[detail.key] ?? [], width: width)
            } else {
                lines = [[Span(state.selectedRule?.id ?? "", .ruleID)], [Span("Loading…", .muted)]]
            }
        case nil:
            lines = Wrap.lines([Span(state.filter == .all ? "Nothing selected." : "No rule passes the filter \(state.filter.label).", .muted)], width: width)
        }
        let scroll = min(state.detailScroll, max(0, lines.count - rect.height + 1))
        let hint = state.focus == .detail ? "j/k scrolls · Tab back to the tree" : (state.isSplit ? "Tab, then j/k scrolls" : "j/k scrolls")
        drawList(lines, scroll: scroll, into: &buffer, rect: rect, theme: theme, scrollHint: hint)
        if state.focus == .detail && state.isSplit {
            buffer.write("▐", x: rect.maxX - 1, y: rect.y, style: theme[.selection])
        }
    }
}
