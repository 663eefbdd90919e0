/// The smallest window the workbench draws in; below it, a short message.
public let minimumSize = Size(width: 30, height: 8)

/// Draws the whole workbench for a state into a new buffer: a pure function of its
/// arguments, so every screen can be tested as text.
public func render(_ state: WorkbenchState, size: Size, theme: ResolvedTheme) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: size.width, height: size.height, style: theme[.text])
    guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
        let lines = ["Window too small", "Tenet needs \(minimumSize.width)×\(minimumSize.height)", "now \(size.width)×\(size.height) · q quits"]
        for (i, line) in lines.enumerated() where i < size.height {
            buffer.write(line, x: max(0, (size.width - DisplayWidth.of(line)) / 2), y: max(0, size.height / 2 - 1) + i,
                         style: theme[i == 0 ? .error : .text])
        }
        return buffer
    }
    var state = state
    state.viewport = size
    state.clampScroll()

    TitleBar.draw(state, into: &buffer, theme: theme)
    let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 3)
    switch state.mode {
    case .welcome:
        WelcomeScreen.draw(state, into: &buffer, rect: body, theme: theme)
    case .help(let scroll):
        drawList(HelpScreen.lines(state.keymap, width: size.width - 2), scroll: scroll, into: &buffer, rect: body, theme: theme)
    case .changes(let view):
        buffer.write([Span(view.title, .heading)], x: 1, y: body.y, theme: theme, limit: body.width - 1)
        drawList(view.lines, scroll: view.scroll, into: &buffer,
                 rect: Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1), theme: theme)
    default:
        SpecView.draw(state, into: &buffer, rect: body, theme: theme)
    }
    if case .menu(let menu) = state.mode { MenuBox.draw(menu, into: &buffer, rect: body, theme: theme) }
    if case .edit(let edit) = state.mode { EditBox.draw(edit, into: &buffer, rect: body, theme: theme) }
    StatusBar.draw(state, into: &buffer, theme: theme)
    return buffer
}

/// Lines in a rectangle from a scroll offset. When they overflow, the last row says where
/// the view is and how to scroll.
func drawList(_ lines: [StyledLine], scroll: Int, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme,
              scrollHint: String = "j/k scrolls") {
    let overflow = lines.count > rect.height && rect.height > 1
    let height = overflow ? rect.height - 1 : rect.height
    let first = max(0, min(scroll, lines.count - height))
    for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
        buffer.write(line, x: rect.x + 1, y: rect.y + offset, theme: theme, limit: rect.width - 2)
    }
    if overflow {
        let last = min(lines.count, first + height)
        let marker = (last < lines.count ? "↓ " : "  ") + "\(last)/\(lines.count) · " + scrollHint
        buffer.write(marker, x: rect.x + 1, y: rect.maxY - 1, style: theme[.muted], limit: rect.width - 2)
    }
}

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
            let treeWidth = min(max(24, rect.width * state.treeWidthPercent / 100), rect.width - 30)
            let tree = Rect(x: rect.x, y: rect.y, width: treeWidth, height: rect.height)
            TreePane.draw(state, into: &buffer, rect: tree, theme: theme)
            for y in rect.y..<rect.maxY { buffer.write("│", x: treeWidth, y: y, style: theme[.border]) }
            right = Rect(x: treeWidth + 1, y: rect.y, width: rect.width - treeWidth - 1, height: rect.height)
        } else {
            right = rect
            let showingTree: Bool = {
                if case .history = state.mode { return false }
                return state.focus == .tree
            }()
            if showingTree {
                TreePane.draw(state, into: &buffer, rect: rect, theme: theme)
                return
            }
        }
        if case .history(let view) = state.mode {
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
            lines = []
        }
        let scroll = min(state.detailScroll, max(0, lines.count - rect.height + 1))
        let hint = state.focus == .detail ? "j/k scrolls · Tab back to the tree" : (state.isSplit ? "Tab, then j/k scrolls" : "j/k scrolls")
        drawList(lines, scroll: scroll, into: &buffer, rect: rect, theme: theme, scrollHint: hint)
        if state.focus == .detail && state.isSplit {
            buffer.write("▐", x: rect.maxX - 1, y: rect.y, style: theme[.selection])
        }
    }
}

/// The first line: what is open.
enum TitleBar {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, theme: ResolvedTheme) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), style: theme[.title])
        var spans: StyledLine = [Span(" Tenet ", .title, extra: .bold)]
        if let outline = state.outline {
            spans += [Span(" " + outline.title + " ", .title), Span("· \(outline.id) r\(outline.revision) · \(outline.file)", .title)]
        }
        let mode: String = {
            switch state.mode {
            case .edit: return " EDIT "
            case .prompt(let p): return p.kind == .search ? " SEARCH " : " COMMAND "
            case .history: return " HISTORY "
            case .help: return " HELP "
            default: return ""
            }
        }()
        let modeWidth = DisplayWidth.of(mode)
        buffer.write(spans, x: 0, y: 0, theme: theme, base: theme[.title], limit: buffer.width - modeWidth)
        if !mode.isEmpty { buffer.write(mode, x: buffer.width - modeWidth, y: 0, style: theme[.title].adding(.reverse)) }
    }
}

/// The last two lines: who, where and how many; then a message, the prompt or key hints.
enum StatusBar {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, theme: ResolvedTheme) {
        let statusY = buffer.height - 2, lineY = buffer.height - 1
        buffer.fill(Rect(x: 0, y: statusY, width: buffer.width, height: 1), style: theme[.statusBar])
        var parts = [" \(state.user)", state.database]
        if let outline = state.outline {
            let counts = outline.counts
            parts.append("\(outline.id) r\(outline.revision)")
            parts.append("\(counts.total) rules: \(counts.safety) safety, \(counts.behavioral) behavioral"
                         + (counts.unclassified > 0 ? ", \(counts.unclassified) unclassified" : ""))
            if state.filter != .all { parts.append("filter: \(state.filter.label)") }
        } else if !state.specs.isEmpty {
            parts.append("\(state.specs.count) specs")
        }
        buffer.write(parts.joined(separator: " │ "), x: 0, y: statusY, style: theme[.statusBar])
        if state.busy { buffer.write(" saving… ", x: buffer.width - 9, y: statusY, style: theme[.statusBar]) }

        if case .prompt(let prompt) = state.mode {
            let lead = prompt.kind == .search ? "/" : ":"
            buffer.write(lead, x: 0, y: lineY, style: theme[.hintKey])
            let shown = prompt.editor.visible(width: buffer.width - 2)
            buffer.write(shown.text, x: 1, y: lineY, style: theme[.text])
            buffer.cursor = Point(x: 1 + shown.cursorColumn, y: lineY)
            return
        }
        if let message = state.message {
            buffer.write(" " + message.text, x: 0, y: lineY, style: theme[message.isError ? .error : .message])
            return
        }
        buffer.write(hints(state), x: 0, y: lineY, theme: theme, limit: buffer.width)
    }

    /// Key hints for the current mode, from the keymap.
    static func hints(_ state: WorkbenchState) -> StyledLine {
        func hint(_ key: String, _ what: String) -> StyledLine { [Span(" " + key, .hintKey), Span(" " + what + " ", .hint)] }
        switch state.mode {
        case .edit: return hint("Enter", "save") + hint("Esc", "cancel") + hint("Ctrl-U", "clear") + hint("empty", "back to the file's value")
        case .menu: return hint("Esc", "cancel")
        case .history(let view):
            return hint(state.keymap.label(.moveDown) + "/" + state.keymap.label(.moveUp), "revisions")
                + hint(state.keymap.label(.toggleBlame), view.showBlame ? "timeline" : "blame") + hint(state.keymap.label(.undo), "undo")
                + hint("q", "close")
        case .help, .changes: return hint("j/k", "scroll") + hint("q", "close")
        case .welcome: return hint("i", "import samples") + hint(":", "open FILE") + hint("q", "quit")
        default:
            // Help first: in a narrow window it may be the only hint that fits.
            let hinted = state.keymap.bindings.filter { $0.hint != nil && !$0.keys.isEmpty }
            let ordered = hinted.filter { $0.command == .help } + hinted.filter { $0.command != .help }
            return ordered.flatMap { hint($0.keys[0].label, $0.hint ?? "") }
        }
    }
}

/// The annotation field being edited, at the bottom of the body.
enum EditBox {
    static func draw(_ edit: FieldEdit, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let height = edit.problem == nil ? 3 : 4
        let box = Rect(x: rect.x, y: rect.maxY - height, width: rect.width, height: height)
        buffer.fill(box, style: theme[.text])
        buffer.write(String(repeating: "─", count: box.width), x: box.x, y: box.y, style: theme[.border])
        buffer.write([Span(" \(edit.field.label) of ", .heading), Span(edit.ruleID, .ruleID), Span(" ")],
                     x: box.x + 1, y: box.y, theme: theme, limit: box.width - 2)
        let fieldWidth = box.width - 2
        buffer.fill(Rect(x: box.x + 1, y: box.y + 1, width: fieldWidth, height: 1), style: theme[.editField])
        let shown = edit.editor.visible(width: fieldWidth)
        buffer.write(shown.text, x: box.x + 1, y: box.y + 1, style: theme[.editField], limit: fieldWidth)
        buffer.cursor = Point(x: box.x + 1 + shown.cursorColumn, y: box.y + 1)
        let help = edit.field == .exceptions ? "Separate exceptions with |" : "Empty clears it: the file's value applies again"
        buffer.write(help, x: box.x + 1, y: box.y + 2, style: theme[.muted], limit: fieldWidth)
        if let problem = edit.problem { buffer.write(problem, x: box.x + 1, y: box.y + 3, style: theme[.error], limit: fieldWidth) }
    }
}

/// A one-key menu, at the bottom of the body.
enum MenuBox {
    static func draw(_ menu: Menu, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let height = min(rect.height, menu.items.count + 2)
        let box = Rect(x: rect.x, y: rect.maxY - height, width: rect.width, height: height)
        buffer.fill(box, style: theme[.text])
        buffer.write(String(repeating: "─", count: box.width), x: box.x, y: box.y, style: theme[.border])
        buffer.write(" " + menu.title + " ", x: box.x + 1, y: box.y, style: theme[.heading], limit: box.width - 2)
        for (i, item) in menu.items.prefix(height - 2).enumerated() {
            buffer.write([Span("  " + String(item.key), .hintKey), Span("  " + item.label)], x: box.x, y: box.y + 1 + i,
                         theme: theme, limit: box.width - 1)
        }
        buffer.write("  Esc cancels", x: box.x, y: box.maxY - 1, style: theme[.muted], limit: box.width)
    }
}

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
