/// The smallest window the workbench draws in; below it, a short message.
public let minimumSize = Size(width: 30, height: 8)

/// Draws the whole workbench for a state into a new buffer: a pure function of its
/// arguments, so every screen can be tested as text.
public func render(_ state: WorkbenchState, size: Size, theme: ResolvedTheme) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: size.width, height: size.height, style: theme[.text])
    guard !isTooSmall(size) else {
        // Only the quit key works here, and only when quitting loses nothing (``tooSmallKey``).
        let quit = state.keymap.firstKey(.quit).map(\.label)
        let then = quit.map { quitLosesNothing(state) ? "\($0) quits" : "enlarge to go on" } ?? "enlarge to go on"
        let lines = ["Window too small", "needs \(minimumSize.width)×\(minimumSize.height), now \(size.width)×\(size.height)", then]
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
    // The topmost screen, then every overlay above it, in order.
    let screenIndex = state.layers.lastIndex { !$0.isOverlay }
    switch screenIndex.map({ state.layers[$0] }) ?? .browse {
    case .welcome:
        WelcomeScreen.draw(state, into: &buffer, rect: body, theme: theme)
    case .changes(let view):
        buffer.write([Span(view.title, .heading)], x: 1, y: body.y, theme: theme, limit: body.width - 1)
        drawList(view.lines, scroll: view.scroll, into: &buffer,
                 rect: Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1), theme: theme, scrollHint: state.keymap.scrollHint)
    case .instantiate(let view):
        InstantiateScreen.draw(view, state: state, into: &buffer, rect: body, theme: theme)
    case .export(let view):
        ExportScreen.draw(view, state: state, into: &buffer, rect: body, theme: theme)
    case .evaluation(let view):
        EvalScreen.draw(view, state: state, into: &buffer, rect: body, theme: theme)
    case .review:
        if let view = state.review { ReviewScreen.draw(view, state: state, into: &buffer, rect: body, theme: theme) }
    case .documents(let view):
        DocumentReviewScreen.draw(view, state: state, into: &buffer, rect: body, theme: theme)
    default:
        SpecView.draw(state, into: &buffer, rect: body, theme: theme)
    }
    for layer in state.layers[((screenIndex ?? -1) + 1)...] {
        buffer.cursor = nil
        switch layer {
        case .help(let scroll):
            buffer.fill(body, style: theme[.text])
            drawList(HelpScreen.lines(state.keymap, width: size.width - 2, configPath: state.configPath), scroll: scroll, into: &buffer, rect: body, theme: theme, scrollHint: state.keymap.scrollHint)
        case .text(let edit):
            buffer.fill(body, style: theme[.text])
            TextAreaScreen.draw(edit, state: state, into: &buffer, rect: body, theme: theme)
        case .menu(let menu): MenuBox.draw(menu, into: &buffer, rect: body, theme: theme)
        case .edit(let edit): EditBox.draw(edit, into: &buffer, rect: body, theme: theme)
        case .merge(let view): MergeScreen.draw(view, state: state, into: &buffer, rect: body, theme: theme)
        case .confirm(let question): ConfirmBox.draw(question, keymap: state.keymap, into: &buffer, rect: body, theme: theme)
        case .reviewEntry(let entry): ReviewScreen.drawEntry(entry, into: &buffer, rect: body, theme: theme)
        case .suggestions(let view): SuggestionsPanel.draw(view, state: state, into: &buffer, rect: body, theme: theme)
        case .prompt, .browse, .welcome, .history, .instantiate, .changes, .review, .export, .documents, .evaluation:
            // The prompt is drawn by the status bar.
            break
        }
    }
    StatusBar.draw(state, into: &buffer, theme: theme)
    return buffer
}

/// Lines in a rectangle from a scroll offset. When they overflow, the last row says where
/// the view is and how to scroll.
func drawList(_ lines: [StyledLine], scroll: Int, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme,
              scrollHint: String) {
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
