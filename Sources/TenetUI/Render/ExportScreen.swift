import TenetFormats

/// The export screen: one row per choice (the selected one marked), the output, what the
/// choices select, and the progress or result of the last export.
enum ExportScreen {
    static func draw(_ view: ExportView, state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let labels: [ExportView.Row: String] = [
            .what: "Export", .format: "Format", .scope: "Pairs of", .statuses: "Statuses", .annotator: "Decided by",
            .since: "Changed", .instantiation: "Instance", .asOf: "As of", .withSpec: "With spec", .provenance: "Provenance",
            .output: "Output",
        ]
        var lines: [StyledLine] = [[Span("Export ", .heading), Span(view.specID ?? "the project", .ruleID)], []]
        /// The last line of the selected row: the list is scrolled to keep it in view.
        var selectedEnd = 0
        for row in view.rows {
            let selected = row == view.row
            let label = (labels[row] ?? row.rawValue).padding(toLength: 12, withPad: " ", startingAt: 0)
            let value = SafeText.visible(view.value(row))
            lines += Wrap.lines([Span(value, selected ? .selection : .text)], width: rect.width - 2,
                                prefix: [Span(selected ? "▸ " : "  ", .hintKey), Span(label, selected ? .strong : .muted)], indent: 14)
            if selected { selectedEnd = lines.count - 1 }
        }
        lines.append([])
        if view.pairs {
            if let problem = view.countProblem {
                lines += Wrap.lines([Span(SafeText.visible(problem), .error)], width: rect.width - 2)
            } else {
                let matching = view.matching.map { "\($0) pair\($0 == 1 ? " matches" : "s match") these choices" } ?? "counting the pairs…"
                lines += Wrap.lines([Span(matching, .count)], width: rect.width - 2)
                if let warning = view.query.unreviewedWarning { lines += Wrap.lines([Span(warning, .lintWarning)], width: rect.width - 2) }
            }
        } else {
            lines += Wrap.lines([Span(ruleNote(view.ruleFormat), .muted)], width: rect.width - 2)
        }
        if let progress = view.progress {
            let width = max(4, min(30, rect.width - 30))
            let share = progress.total > 0 ? min(1, Double(progress.done) / Double(progress.total)) : 0
            let filled = Int(share * Double(width))
            lines += Wrap.lines([Span("exporting ▕" + String(repeating: "█", count: filled), .accepted),
                                 Span(String(repeating: "░", count: width - filled) + "▏", .muted),
                                 Span(" \(progress.done)/\(progress.total) · \(state.keymap.label(.stopExport)) stops", .muted)],
                                width: rect.width - 2)
        } else if let result = view.result {
            lines += Wrap.lines([Span(SafeText.visible(result.text), result.isError ? .error : .accepted)], width: rect.width - 2)
        }
        var body = rect
        if let row = view.editing {
            body.height -= 2
            let y = rect.maxY - 2
            buffer.write(String(repeating: "─", count: rect.width), x: rect.x, y: y, style: theme[.border])
            EntryField.draw(label: " \(entryLabel(row)): ", editor: view.editor, x: rect.x, y: y + 1, width: rect.width, into: &buffer, theme: theme)
        }
        // In a short window the selected row stays in view (it scrolled off, and Space and
        // w acted on a row not shown); the list moves with the selection.
        let visible = lines.count > body.height && body.height > 1 ? body.height - 1 : body.height
        let moves = [state.keymap.firstKey(.moveDown), state.keymap.firstKey(.moveUp)].compactMap { $0?.label }.joined(separator: "/")
        drawList(lines, scroll: max(0, selectedEnd - visible + 1), into: &buffer, rect: body, theme: theme,
                 scrollHint: moves.isEmpty ? "follows the selection" : "\(moves) moves the selection")
    }

    /// The line editor's label for a typed row.
    static func entryLabel(_ row: ExportView.Row) -> String {
        switch row {
        case .annotator: return "Decided by (empty: anyone)"
        case .since: return "Changed after tag or changeset (empty: all)"
        case .instantiation: return "Saved instantiation (empty: the whole spec)"
        case .asOf: return "As of tag or changeset (empty: now)"
        default: return "Write to"
        }
    }

    /// What a rule format holds, in a line.
    static func ruleNote(_ format: RuleExportRequest.Format) -> String {
        switch format {
        case .json: return "Every rule as annotated, with who set each annotation, when and in which changeset."
        case .markdown: return "The spec in Tenet Markdown with every annotation and example written in; tenet import spec reads it back."
        case .specbench: return "A folder: specifications.json (safety and behavioral lists) and scenario.json."
        case .msm: return "The Model Spec Midtraining rules seed, with each rule's rationale."
        }
    }
}
