/// The first line: what is open.
enum TitleBar {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, theme: ResolvedTheme) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), style: theme[.title])
        var spans: StyledLine = [Span(" Tenet ", .title, extra: .bold)]
        if state.screen == .review, let review = state.review {
            // The review can cross specs: the title is the shown pair's own spec.
            if let spec = review.current?.stored.pair.spec {
                let title = state.specs.first { $0.id == spec }?.title
                spans += [Span(" " + (title ?? spec) + " ", .title), Span("· \(spec)", .title)]
            }
        } else if let outline = state.outline {
            spans += [Span(" " + outline.title + " ", .title), Span("· \(outline.id) r\(outline.revision) · \(outline.file)", .title)]
        }
        let mode: String = {
            switch state.top {
            case .edit, .text: return " EDIT "
            case .merge: return " MERGE "
            case .confirm: return " QUIT? "
            case .prompt(let p): return p.kind == .search ? " SEARCH " : " COMMAND "
            case .history: return " HISTORY "
            case .suggestions: return " SUGGESTIONS "
            case .help: return " HELP "
            case .instantiate: return " INSTANTIATE "
            case .export: return " EXPORT "
            case .evaluation: return " EVALUATION "
            case .review: return " REVIEW "
            case .documents: return " DOCUMENTS "
            case .reviewEntry(let entry):
                switch entry.kind {
                case .flagReason: return " FLAG "
                case .search: return " SEARCH "
                case .filter: return " FILTER "
                case .whichAnswer: return " EDIT "
                case .documentFlag: return " FLAG "
                }
            default: return ""
            }
        }()
        let modeWidth = DisplayWidth.of(mode)
        // Cut short ("…/travel-planning.m EVALUATION" read as the file's name), it ends in "…".
        buffer.write(spans, x: 0, y: 0, theme: theme, base: theme[.title], limit: buffer.width - modeWidth,
                     ellipsis: true, ellipsisRole: .title)
        if !mode.isEmpty { buffer.write(mode, x: buffer.width - modeWidth, y: 0, style: theme[.title].adding(.reverse)) }
    }
}

/// The last two lines: who, where and how many; then a message, the prompt or key hints.
enum StatusBar {
    static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer, theme: ResolvedTheme) {
        let lineY = buffer.height - 1
        // A long message takes up to three lines, together under the status bar (which
        // moves up over the bottom of the body), so that nobody has to guess its end — fewer
        // in a very small window, where the body needs the rows more (its end marked …).
        var messageLines: [StyledLine] = []
        if let message = state.message, !state.top.isPrompt {
            let role: Role = message.isError ? .error : .message
            let room = buffer.height >= 12 ? 3 : buffer.height >= 10 ? 2 : 1
            let wrapped = Wrap.lines([Span(message.text, role)], width: buffer.width - 2, prefix: [Span(" ")], indent: 1)
            messageLines = Array(wrapped.prefix(room))
            if wrapped.count > room, !messageLines.isEmpty { messageLines[messageLines.count - 1].append(Span("…", role)) }
        }
        let statusY = lineY - max(1, messageLines.count)
        buffer.fill(Rect(x: 0, y: statusY, width: buffer.width, height: 1), style: theme[.statusBar])
        var parts = [" \(state.user)", state.database]
        if state.screen == .review, let review = state.review {
            // The queue can cross specs: the spec open behind it says nothing of the pair.
            parts.append("queue: " + (review.filter.spec ?? "all specs") + " · " + review.filter.summary)
        } else if let outline = state.outline {
            let counts = outline.counts
            parts.append("\(outline.id) r\(outline.revision)")
            parts.append("\(counts.total) rule\(counts.total == 1 ? "" : "s"): \(counts.safety) safety, \(counts.behavioral) behavioral"
                         + (counts.unclassified > 0 ? ", \(counts.unclassified) unclassified" : ""))
            if state.filter != .all { parts.append("filter: \(state.filter.label)") }
        } else if !state.specs.isEmpty {
            parts.append("\(state.specs.count) specs")
        }
        buffer.write(parts.joined(separator: " │ "), x: 0, y: statusY, style: theme[.statusBar])
        if state.busy { buffer.write(" saving… ", x: buffer.width - 9, y: statusY, style: theme[.statusBar]) }
        if let generation = state.generation {
            let text = " generating \(generation.done)/\(generation.total)" + (generation.note.isEmpty ? " " : " (\(generation.note)) ")
            buffer.write(text, x: max(0, buffer.width - DisplayWidth.of(text)), y: statusY, style: theme[.statusBar].adding(.bold))
        } else if let suggesting = state.suggesting {
            let text = " suggesting \(suggesting.done)/\(suggesting.total) "
            buffer.write(text, x: max(0, buffer.width - DisplayWidth.of(text)), y: statusY, style: theme[.statusBar].adding(.bold))
        }

        if case .prompt(let prompt) = state.top {
            let lead = prompt.kind == .search ? "/" : ":"
            buffer.write(lead, x: 0, y: lineY, style: theme[.hintKey])
            let shown = prompt.editor.visible(width: buffer.width - 2)
            buffer.write(shown.text, x: 1, y: lineY, style: theme[.text])
            if prompt.noMatch {
                let note = "  no match"
                let x = min(buffer.width - DisplayWidth.of(note), 2 + DisplayWidth.of(shown.text))
                buffer.write(note, x: x, y: lineY, style: theme[.error])
            }
            buffer.cursor = Point(x: 1 + shown.cursorColumn, y: lineY)
            // What Tab found, over the status line.
            if let found = prompt.completion {
                buffer.fill(Rect(x: 0, y: statusY, width: buffer.width, height: 1), style: theme[.statusBar])
                buffer.write(" " + SafeText.visible(found), x: 0, y: statusY, style: theme[.statusBar], limit: buffer.width)
            }
            return
        }
        if let message = state.message, !messageLines.isEmpty {
            let role: Role = message.isError ? .error : .message
            for (i, line) in messageLines.enumerated() {
                let y = statusY + 1 + i
                buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: theme[.text])
                buffer.write(line, x: 0, y: y, theme: theme, base: theme[role], limit: buffer.width)
            }
            return
        }
        // Whole hints only: one cut in the middle reads as a different key.
        var x = 0
        for hint in hints(state) {
            let width = hint.reduce(0) { $0 + DisplayWidth.of($1.text) }
            guard x + width <= buffer.width else { break }
            buffer.write(hint, x: x, y: lineY, theme: theme, limit: width)
            x += width
        }
    }

    /// Key hints for the current mode, from the keymap, one entry per hint.
    static func hints(_ state: WorkbenchState) -> [StyledLine] {
        func hint(_ key: String, _ what: String) -> [StyledLine] {
            key.isEmpty ? [] : [[Span(" " + key, .hintKey), Span(" " + what + " ", .hint)]]
        }
        /// A command's first key, as the keymap has it now.
        func key(_ command: Command) -> String { state.keymap.firstKey(command)?.label ?? "" }
        /// Every hinted binding of a context, by its first key.
        func hinted(_ context: KeyContext) -> [StyledLine] {
            state.keymap.bindings.filter { $0.contexts.contains(context) && $0.hint != nil && !$0.keys.isEmpty }
                .flatMap { hint($0.keys[0].label, $0.hint ?? "") }
        }
        let scroll = key(.moveDown) + (key(.moveUp).isEmpty ? "" : "/" + key(.moveUp))
        switch state.top {
        case .edit: return hint("Enter", "save") + hint("Esc", "cancel") + hint("Ctrl-U", "clear") + hint("empty", "back to the file's value")
        case .menu: return hint("Esc", "cancel")
        case .text: return hinted(.textArea)
        case .merge: return hinted(.merge) + hint(scroll, "scroll") + hint(key(.back), "back to yours")
        case .confirm: return hinted(.confirm)
        case .suggestions:
            return hint(key(.acceptSuggestion), "accept") + hint(key(.rejectSuggestion), "reject") + hint(scroll, "move")
                + hint(key(.undo), "undo") + hint(key(.back), "close")
        case .history(let view):
            return hint(scroll, "revisions")
                + hint(key(.toggleBlame), view.showBlame ? "timeline" : "blame") + hint(key(.undo), "undo")
                + hint(key(.back), "close")
        case .help, .changes: return hint(scroll, "scroll") + hint(key(.back), "close")
        case .welcome: return hint("i", "import samples") + hint(":", "open FILE") + hint(key(.quit), "quit")
        case .instantiate(let view) where view.entry != nil: return hint("Enter", "ok") + hint("Esc", "cancel")
        case .export(let view) where view.editing != nil: return hint("Enter", "ok") + hint("Esc", "cancel")
        case .export(let view):
            let stop = view.progress != nil ? hint(key(.stopExport), "stop") : []
            return hint(scroll, "row") + hinted(.export) + stop + hint(key(.back), "back")
        case .reviewEntry(let entry) where entry.kind == .whichAnswer: return hint("c", "chosen") + hint("r", "rejected") + hint("Esc", "cancel")
        case .reviewEntry: return hint("Enter", "ok") + hint("Esc", "cancel")
        case .evaluation(let view):
            let open = view.level == .response ? [] : hint(key(.openItem), "open")
            let convert = view.level == .failures || view.level == .response
                ? hint(key(.failureExample), "BAD example") + hint(key(.failurePair), "pair") + hint(key(.undo), "undo") : []
            return hint(key(.help), "help") + hint(scroll, view.level == .response ? "scroll" : "move") + open + convert
                + hint(key(.back), view.level == .runs ? "close" : "back")
        case .review:
            let blind = state.review?.blind == true
            // With no pair on the screen, only the keys that still do something.
            let noPair = state.review?.current == nil
            let deciding: Set<Command> = [.accept, .reject, .skip, .flag, .swap, .editAnswer, .toggleBlind, .toggleRule, .history]
            let hintedReview = state.keymap.bindings.filter { binding in
                binding.contexts.contains(.review) && binding.hint != nil && !binding.keys.isEmpty
                    && !(blind && [.accept, .reject].contains(binding.command))
                    && !(noPair && deciding.contains(binding.command))
            }
            // The deciding keys first: in a narrow window they are the ones that fit.
            let order: [Command] = [.accept, .reject, .skip, .flag, .swap, .editAnswer, .undo, .toggleBlind, .toggleRule,
                                    .search, .filterQueue, .history]
            let ordered = hintedReview.sorted { (order.firstIndex(of: $0.command) ?? 99) < (order.firstIndex(of: $1.command) ?? 99) }
            let blindKeys = blind && !noPair ? hint(key(.preferA), "A") + hint(key(.preferB), "B") + hint(key(.tie), "tie") : []
            let leave = state.atBottom ? key(.quit) : key(.back)
            return hint(key(.help), "help") + blindKeys + ordered.flatMap { hint($0.keys[0].label, $0.hint ?? "") }
                + hint(leave, state.atBottom ? "quit" : "back")
        case .instantiate:
            return hinted(.instantiate) + hint(key(.back), "back")
        case .documents:
            let order: [Command] = [.accept, .reject, .skip, .flag, .editAnswer]
            let leave = state.atBottom ? key(.quit) : key(.back)
            return hint(key(.help), "help") + order.flatMap { hint(key($0), $0 == .skip ? "next" : ($0 == .editAnswer ? "edit" : $0.rawValue)) }
                + hint(key(.previousPair), "back") + hint(scroll, "scroll") + hint(leave, state.atBottom ? "quit" : "close")
        default:
            // Help first: in a narrow window it may be the only hint that fits.
            let hinted = state.keymap.bindings.filter {
                $0.hint != nil && !$0.keys.isEmpty && !$0.contexts.isDisjoint(with: [.spec, .global])
            }
            let ordered = hinted.filter { $0.command == .help } + hinted.filter { $0.command != .help }
            return ordered.flatMap { hint($0.keys[0].label, $0.hint ?? "") }
        }
    }
}
