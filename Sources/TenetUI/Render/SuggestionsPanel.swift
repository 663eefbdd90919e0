import TenetStore

/// Suggested annotations as lines: each field's value now beside the suggested one, and
/// the reason under them.
enum SuggestionLines {
    /// The rule pane's block: the suggestions still waiting, and the key that decides them.
    static func waiting(_ suggestions: [StoredSuggestion], width: Int, label: Int, key: String) -> [StyledLine] {
        // One that agrees with the rule's settled value asks nothing (a heuristic run
        // suggests every field: 126 for 14 rules, most of them `prohibit → prohibit`).
        let waiting = suggestions.filter(\.isWaiting)
        guard !waiting.isEmpty else { return [] }
        let sources = Set(waiting.map { $0.suggestion.source.label }).sorted().joined(separator: "; ")
        var out: [StyledLine] = [[]]
        out += Wrap.lines([Span("Suggested", .heading), Span(" · \(waiting.count) waiting · \(sources) · \(key) decides", .muted)], width: width)
        for item in waiting { out += entry(item, width: width, label: label, lead: []) }
        return out
    }

    /// One suggestion: `Label  now → suggested`, then why (indented under the values).
    static func entry(_ item: StoredSuggestion, width: Int, label: Int, lead: StyledLine, selected: Bool = false) -> [StyledLine] {
        let leadWidth = lead.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let name = item.field.label
        let padded = name + String(repeating: " ", count: max(1, label - DisplayWidth.of(name)))
        let indent = width >= leadWidth + label + 24 ? leadWidth + label : leadWidth + 4
        var change: StyledLine = [Span(oneLine(item.current?.display ?? "—"), .muted), Span(" → "),
                                  Span(oneLine(item.suggestion.value?.display ?? "none given"), selected ? .strong : .text)]
        if item.stale { change.append(Span("  made for an earlier text", .lintWarning)) }
        else if item.agrees && item.suggestion.state == .pending { change.append(Span("  agrees: nothing to decide", .muted)) }
        var lines = Wrap.lines(change, width: width, prefix: lead + [Span(padded, selected ? .strong : .muted)], indent: indent)
        lines += Wrap.lines([Span(oneLine(item.suggestion.reason), .muted)], width: width,
                            prefix: [Span(String(repeating: " ", count: indent))], indent: indent)
        return lines
    }

    /// A value on one line (a rationale may have several).
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// The suggestions overlay: the selected rule's suggestions over the rule pane (the whole
/// body in a narrow window), one selected, with where they came from.
enum SuggestionsPanel {
    static func draw(_ view: SuggestionsView, state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let area: Rect
        if state.isSplit {
            let tree = state.treeWidth(rect.width)
            area = Rect(x: tree + 1, y: rect.y, width: rect.width - tree - 1, height: rect.height)
        } else {
            area = rect
        }
        buffer.fill(area, style: theme[.text])
        let width = area.width - 2
        guard width > 4 else { return }
        let (lines, selected) = self.lines(view, items: state.selectedSuggestions ?? [], width: width)
        // The selected suggestion in view: its lines below the first row that shows.
        let height = area.height - (lines.count > area.height ? 1 : 0)
        var scroll = 0
        if selected.upperBound > height { scroll = min(selected.lowerBound - 2, selected.upperBound - height) }
        drawList(lines, scroll: max(0, scroll), into: &buffer, rect: area, theme: theme, scrollHint: state.keymap.scrollHint)
    }

    /// The overlay's lines, and the range of them that shows the selected suggestion.
    static func lines(_ view: SuggestionsView, items: [StoredSuggestion], width: Int) -> ([StyledLine], Range<Int>) {
        var out = Wrap.lines([Span("Suggestions for ", .heading), Span(view.ruleID, .ruleID)], width: width)
        let sources = Set(items.map { source($0.suggestion.source) }).sorted()
        for source in sources { out += Wrap.lines([Span(source, .muted)], width: width, indent: 2) }
        if items.contains(where: \.stale) {
            out += Wrap.lines([Span("Some were made for an earlier text of the rule: they cannot be accepted; :suggest asks again", .lintWarning)],
                              width: width)
        }
        out.append([])
        var selected = out.count..<out.count
        for (index, item) in items.enumerated() {
            let isSelected = index == view.selected
            let mark: Span = isSelected ? Span("▸ ", .selection) : Span("  ")
            let state: Span
            switch item.suggestion.state {
            case .pending: state = Span("• ", .pending)
            case .accepted: state = Span("✓ ", .accepted)
            case .rejected: state = Span("✗ ", .rejected)
            }
            let start = out.count
            out += SuggestionLines.entry(item, width: width, label: 13, lead: [mark, state], selected: isSelected)
            if isSelected { selected = start..<out.count }
        }
        return (out, selected)
    }

    /// Where suggestions came from: the model and its prompt template (hashed), or the
    /// built-in reading.
    static func source(_ source: SuggestionSource) -> String {
        source.heuristics ? "offline heuristics: Tenet's own reading of the file, no model"
            : source.label + (source.template.map { " · template \($0)" } ?? "")
    }
}
