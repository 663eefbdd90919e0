import TenetStore

/// A rule's history: the timeline of changesets that touched it, the field changes of
/// the selected one (old and new values as a diff), or blame — who last set each field.
enum HistoryPane {
    static func draw(_ view: HistoryView, keymap: Keymap, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        guard rect.width > 4, rect.height > 2 else { return }
        var y = rect.y
        buffer.write([Span("History of ", .heading), Span(view.ruleID, .ruleID), Span(view.showBlame ? "  blame · \(keymap.name(.toggleBlame)) timeline · \(keymap.name(.back)) closes" : "  \(keymap.name(.toggleBlame)) blame · \(keymap.name(.back)) closes", .muted)],
                     x: rect.x + 1, y: y, theme: theme, limit: rect.width - 1)
        y += 1
        if view.loading {
            buffer.write("Loading…", x: rect.x + 1, y: y, style: theme[.muted], limit: rect.width - 1)
            return
        }
        if view.showBlame {
            // Fields set since the rule was created first; the rest summed up in one line.
            let created = view.blame.map(\.revision).min() ?? 1
            let changed = view.blame.filter { $0.revision > created || $0.field.hasPrefix("annotations.") && $0.value != .null && $0.value != .array([]) }
            let untouched = view.blame.count - changed.count
            for line in changed where y + 1 < rect.maxY {
                let name = line.field.replacingOccurrences(of: "annotations.", with: "✎ ").replacingOccurrences(of: "source.", with: "")
                buffer.write([Span(pad(name, 14), .strong), Span(ExampleChanges.summary(field: line.field, value: line.value) ?? compact(line.value))], x: rect.x + 1, y: y, theme: theme, limit: rect.width - 2)
                buffer.write("  \(line.author) · #\(line.changeset) r\(line.revision) \(line.kind) · \(shortTime(line.time))",
                             x: rect.x + 1, y: y + 1, style: theme[.muted], limit: rect.width - 2)
                y += 2
            }
            if untouched > 0, y < rect.maxY, let origin = view.blame.first(where: { $0.revision == created }) {
                buffer.write("\(untouched) other fields as created in #\(origin.changeset) by \(origin.author) (\(origin.kind))",
                             x: rect.x + 1, y: y, style: theme[.muted], limit: rect.width - 1)
            }
            return
        }
        // Timeline: about 40% of the pane, the selected entry kept in view.
        let listHeight = max(1, min(view.entries.count, (rect.maxY - y) * 2 / 5))
        let first = max(0, min(view.selected - listHeight / 2, view.entries.count - listHeight))
        for (offset, entry) in view.entries.dropFirst(first).prefix(listHeight).enumerated() {
            let index = first + offset
            var spans: StyledLine = [Span(pad("#\(entry.changeset)", 6), .muted), Span(shortTime(entry.time) + " ", .muted),
                                     Span(pad(entry.author, 10), .strong), Span(pad(entry.kind, 7), entry.kind == "undo" ? .diffRemove : .text)]
            if let revision = entry.revision { spans.append(Span("r\(revision) ", .muted)) }
            spans.append(Span((entry.fields ?? []).map(shortField).joined(separator: ", ")))
            if !entry.message.isEmpty { spans.append(Span("  " + entry.message, .muted)) }
            buffer.write(spans, x: rect.x + 1, y: y, theme: theme, limit: rect.width - 1)
            if index == view.selected {
                buffer.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1)) { _ in theme[.selection] }
            }
            y += 1
        }
        if view.entries.isEmpty {
            buffer.write("No history yet.", x: rect.x + 1, y: y, style: theme[.muted])
            return
        }
        buffer.write(String(repeating: "─", count: rect.width), x: rect.x, y: y, style: theme[.border])
        y += 1
        guard let changes = view.changes else {
            buffer.write("Loading changes…", x: rect.x + 1, y: y, style: theme[.muted], limit: rect.width - 1)
            return
        }
        var lines: [StyledLine] = []
        for change in changes {
            lines += Wrap.lines([Span(shortField(change.field), .strong)], width: rect.width - 1)
            if let described = ExampleChanges.lines(field: change.field, old: change.old, new: change.new) {
                for line in described { lines += Wrap.lines([Span(line, .diffAdd)], width: rect.width - 1, prefix: [Span("~ ", .diffAdd)], indent: 2) }
                continue
            }
            if change.old != .null {
                lines += Wrap.lines([Span(compact(change.old), .diffRemove)], width: rect.width - 1, prefix: [Span("- ", .diffRemove)], indent: 2)
            }
            if change.new != .null {
                lines += Wrap.lines([Span(compact(change.new), .diffAdd)], width: rect.width - 1, prefix: [Span("+ ", .diffAdd)], indent: 2)
            }
            if change.old == .null && change.new == .null { lines.append([Span("  (no value)", .muted)]) }
        }
        if changes.isEmpty { lines = [[Span("No field changed in this revision.", .muted)]] }
        for line in lines.prefix(max(0, rect.maxY - y)) {
            buffer.write(line, x: rect.x + 1, y: y, theme: theme, limit: rect.width - 1)
            y += 1
        }
    }

    static func shortField(_ field: String) -> String {
        field.hasPrefix("annotations.") ? "✎" + field.dropFirst("annotations.".count) : field.replacingOccurrences(of: "source.", with: "")
    }

    static func shortTime(_ time: String) -> String {
        // 2026-11-23T16:20:01.123Z → 11-23 16:20
        let chars = Array(time)
        guard chars.count >= 16 else { return time }
        return String(chars[5..<10]) + " " + String(chars[11..<16])
    }

    static func compact(_ value: JSONValue) -> String {
        switch value {
        case .null: return "(none)"
        case .string(let text): return text
        case .array(let items) where items.allSatisfy({ if case .string = $0 { return true } else { return false } }):
            return items.map { if case .string(let s) = $0 { return "• " + s } else { return "" } }.joined(separator: " ")
        default: return value.description
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let w = DisplayWidth.of(text)
        return w >= width ? text + " " : text + String(repeating: " ", count: width - w)
    }
}
