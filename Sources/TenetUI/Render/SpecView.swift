import TenetSpec

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
            HistoryPane.draw(view, keymap: state.keymap, into: &buffer, rect: right, theme: theme)
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
            if let outline = state.outline, let section = findSection(outline.sections, id) {
                lines += ParameterLines.lines(outline.parameters.filter { (section.line...section.endLine).contains($0.line) }, width: width)
                // Findings on none of its rules ("… were read as no rules"), in its lines.
                let range = section.line...max(section.line, section.endLine)
                lines += RuleDetail.lintLines((state.lint[LintMark.noRule] ?? []).filter { range.contains($0.line) }, width: width)
            }
            lines.append([])
            lines += Wrap.lines([Span("\(state.keymap.name(.toggleFold)) \(folded ? "unfolds" : "folds") it · \(state.keymap.name(.editSpec)) edits the spec here", .muted)], width: width)
        case .rule?:
            if let detail = state.selectedDetail {
                lines = RuleDetail.lines(detail, lint: state.lint[detail.key] ?? [], width: width,
                                         suggestions: state.selectedSuggestions ?? [], suggestionsKey: state.keymap.name(.suggestions))
            } else {
                lines = [[Span(state.selectedRule?.id ?? "", .ruleID)], [Span("Loading…", .muted)]]
            }
        case nil:
            lines = Wrap.lines([Span(state.filter == .all ? "Nothing selected." : "No rule passes the filter \(state.filter.label).", .muted)], width: width)
        }
        let scroll = min(state.detailScroll, max(0, lines.count - rect.height + 1))
        let scrolls = state.keymap.scrollHint, tab = state.keymap.name(.switchPane)
        let hint = state.focus == .detail ? "\(scrolls) · \(tab) back to the tree" : (state.isSplit ? "\(tab), then \(scrolls)" : scrolls)
        drawList(lines, scroll: scroll, into: &buffer, rect: rect, theme: theme, scrollHint: hint)
        if state.focus == .detail && state.isSplit {
            buffer.write("▐", x: rect.maxX - 1, y: rect.y, style: theme[.selection])
        }
    }
}

/// The parameters a section declares: name, values (or free text), default, description.
enum ParameterLines {
    static func lines(_ parameters: [Parameter], width: Int) -> [StyledLine] {
        guard !parameters.isEmpty else { return [] }
        var lines: [StyledLine] = [[], [Span("Parameters (\(parameters.count))", .heading), Span(" · chosen per instance on the instantiation screen", .muted)]]
        for parameter in parameters {
            let values = parameter.values.isEmpty ? "free text" : parameter.values.joined(separator: " | ")
            var spans: StyledLine = [Span("{{" + SafeText.visible(parameter.name) + "}}", .ruleID), Span("  " + SafeText.visible(values))]
            if let value = parameter.defaultValue { spans.append(Span("  default " + SafeText.visible(value), .muted)) }
            lines += Wrap.lines(spans, width: width, prefix: [Span("  ")], indent: 4)
            if !parameter.description.isEmpty {
                lines += Wrap.lines([Span(SafeText.visible(parameter.description), .muted)], width: width, prefix: [Span("    ")], indent: 4)
            }
        }
        return lines
    }
}
