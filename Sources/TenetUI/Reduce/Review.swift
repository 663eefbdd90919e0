import TenetStore

/// Keys on the review screen: one key per decision, each saving and moving on.
func reviewKey(_ state: inout WorkbenchState, _ key: Key) -> [Effect] {
    guard var view = state.review else {
        state.pop()
        return []
    }
    var closing = false
    defer { state.review = closing ? nil : view }
    if case .paste = key {
        state.message = StatusMessage("A paste goes into a text field: \(keyName(state, .editAnswer)) edits an answer", isError: true)
        return []
    }
    let command = state.keymap.command(for: key, in: .review)
    let page = max(1, state.bodyHeight - 4)
    // Moving and looking work while a pair loads; deciding needs one on screen.
    switch command {
    case .moveDown?: scroll(&view, 1); return []
    case .moveUp?: scroll(&view, -1); return []
    case .pageDown?: scroll(&view, page); return []
    case .pageUp?: scroll(&view, -page); return []
    case .switchPane?:
        let all = ReviewView.Pane.allCases
        view.focus = all[((all.firstIndex(of: view.focus) ?? 0) + (key == .backTab ? all.count - 1 : 1)) % all.count]
        return []
    case .back?, .quit?:
        // One layer at a time: an open view over the pair closes first.
        if view.ruleProgress != nil { view.ruleProgress = nil; return [] }
        if view.history != nil { view.history = nil; return [] }
        if view.showRule { view.showRule = false; view.ruleScroll = 0; return [] }
        // At the bottom (`tenet review`'s own screen), leaving ends the program: a stray Esc
        // (one that closed a view a moment ago, or came ahead of a key over SSH) must not.
        if state.atBottom && key == .escape {
            let leave = state.keymap.bindings.first { $0.command == .back }?.keys.filter { $0 != .escape }.map(\.label).first
            state.message = StatusMessage("Nothing open to close" + (leave.map { " · \($0) leaves the review" } ?? ""))
            return []
        }
        let shown = view.current?.stored.id
        if state.atBottom {
            let effects = requestQuit(&state)
            // Asked first: the review stays until the answer.
            if effects.isEmpty { return [] }
            closing = true
            return [.leaveReview(release: shown)] + effects
        }
        state.pop()
        closing = true
        return [.leaveReview(release: shown)]
    case .help?:
        state.push(.help(scroll: 0))
        return []
    case .toggleBlind?:
        view.blind.toggle()
        state.message = StatusMessage(view.blind ? "Blind: the answers are A and B in random order · \(keyName(state, .preferA)) A is better · "
                                                     + "\(keyName(state, .preferB)) B · \(keyName(state, .tie)) a tie"
                                                 : "Blind mode off: chosen and rejected as labelled")
        return []
    case .toggleRule?:
        view.showRule.toggle()
        view.ruleScroll = 0
        return []
    case .ruleProgress?:
        if view.ruleProgress != nil { view.ruleProgress = nil; return [] }
        state.message = StatusMessage("Counting pairs per rule…")
        return [.loadRuleProgress(spec: view.filter.spec)]
    case .search?:
        state.push(.reviewEntry(ReviewEntry(.search, text: view.filter.text ?? "")))
        return []
    case .filterQueue?:
        // Ends in a space: what is typed next is a new key=value, not the end of the last.
        state.push(.reviewEntry(ReviewEntry(.filter, text: filterText(view.filter) + " ")))
        return []
    case .redo?: return [.redoInReview(filter: view.filter, shown: view.current?.stored.id)]
    case .undo?: view.loading = true; return [.undoInReview(filter: view.filter, shown: view.current?.stored.id)]
    case .previousPair?:
        // The pair shown before this one; from the end of the queue (nothing shown), the
        // last one shown.
        let current = view.current?.stored.id
        let index = current.flatMap { view.trail.lastIndex(of: $0) }
        guard let before = index.map({ $0 > 0 ? view.trail[$0 - 1] : nil }) ?? view.trail.last(where: { $0 != current }) else {
            state.message = StatusMessage("No pair before this one in this session", isError: true)
            return []
        }
        view.loading = true
        return [.showPair(before, filter: view.filter)]
    default: break
    }
    guard let pair = view.current, !view.loading else {
        if command != nil {
            let leave = state.atBottom ? "\(keyName(state, .quit)) quits" : "\(keyName(state, .back)) goes back"
            state.message = StatusMessage(view.finished ? "Nothing left to review here · \(keyName(state, .filterQueue)) changes the filter · \(leave)" : "Loading…", isError: view.finished)
            return []
        }
        return doesNothing(&state, key)
    }
    let id = pair.stored.id, revision = pair.stored.revision
    func decide(_ decision: Decision, note: String? = nil) -> [Effect] {
        view.loading = true
        view.passed.removeAll { $0 == id }
        return [.decidePair(id, decision, note: note, blind: view.blind, expectedRevision: revision, filter: view.filter, passed: view.passed)]
    }
    switch command {
    case .accept?: return view.blind ? blindOnly(&state) : decide(.accept)
    case .reject?: return view.blind ? blindOnly(&state) : decide(.reject)
    case .skip?: return decide(.skip)
    case .flag?:
        state.push(.reviewEntry(ReviewEntry(.flagReason)))
        return []
    case .preferA?, .preferB?:
        guard view.blind else {
            state.message = StatusMessage("\(keyName(state, .preferA)), \(keyName(state, .preferB)) and \(keyName(state, .tie)) judge blind pairs · \(keyName(state, .toggleBlind)) turns blind mode on", isError: true)
            return []
        }
        // A is the chosen answer unless this pair's A/B order is swapped.
        let picksChosen = (command == .preferA) != view.blindSwapped
        return decide(picksChosen ? .accept : .reject, note: picksChosen ? nil : "blind: preferred the rejected answer")
    case .tie?:
        guard view.blind else {
            state.message = StatusMessage("\(keyName(state, .tie)) records a tie in blind mode · \(keyName(state, .toggleBlind)) turns it on", isError: true)
            return []
        }
        return decide(.tie)
    case .swap?:
        view.loading = true
        return [.swapPair(id, expectedRevision: revision, filter: view.filter)]
    case .editAnswer?:
        state.push(.reviewEntry(ReviewEntry(.whichAnswer)))
        return []
    case .nextPair?:
        view.loading = true
        view.passed.removeAll { $0 == id }
        view.passed.append(id)
        if view.passed.count > ProjectStore.passedLimit { view.passed.removeFirst(view.passed.count - ProjectStore.passedLimit) }
        return [.nextPair(view.filter, after: id, release: id, passed: view.passed)]
    case .history?:
        if view.history != nil { view.history = nil; return [] }
        return [.loadPairHistory(id)]
    default:
        return doesNothing(&state, key)
    }
}

private func blindOnly(_ state: inout WorkbenchState) -> [Effect] {
    state.message = StatusMessage("Blind mode: \(keyName(state, .preferA)) A is better · \(keyName(state, .preferB)) B is better · "
                                  + "\(keyName(state, .tie)) a tie (\(keyName(state, .toggleBlind)) turns it off)", isError: true)
    return []
}

private func scroll(_ view: inout ReviewView, _ delta: Int) {
    if view.showRule {
        view.ruleScroll = max(0, view.ruleScroll + delta)
    } else if view.history != nil || view.ruleProgress != nil {
        return
    } else {
        view.scroll[view.focus] = max(0, (view.scroll[view.focus] ?? 0) + delta)
    }
}

/// A key in the entry over the review: the line editor's, then, on Enter, what the entry
/// was for. `Esc` closes the entry and nothing else.
func reviewEntryKey(_ state: inout WorkbenchState, _ entry: inout ReviewEntry, _ key: Key) -> [Effect] {
    if entry.kind == .documentFlag { return documentFlagKey(&state, &entry, key) }
    guard var view = state.review else {
        state.pop()
        return []
    }
    if entry.kind == .whichAnswer {
        state.pop()
        guard let pair = view.current, key == .char("c") || key == .char("r") else { return [] }
        let chosen = key == .char("c")
        if state.usesExternalEditor { return [.editAnswer(pair.stored.id, chosen: chosen, expectedRevision: pair.stored.revision, filter: view.filter)] }
        return openAnswerEditor(&state, pair, chosen: chosen)
    }
    switch entry.editor.handle(key) {
    case .cancel:
        state.pop()
        return []
    case .submit:
        let text = entry.editor.text.trimmingCharacters(in: .whitespaces)
        var filter = view.filter
        switch entry.kind {
        case .flagReason:
            state.pop()
            guard let pair = view.current else { return [] }
            view.loading = true
            view.passed.removeAll { $0 == pair.stored.id }
            state.review = view
            return [.decidePair(pair.stored.id, .flag, note: text.isEmpty ? nil : text, blind: view.blind,
                                expectedRevision: pair.stored.revision, filter: view.filter, passed: view.passed)]
        case .search:
            filter.text = text.isEmpty ? nil : text
        case .filter:
            switch parseFilter(text, base: filter) {
            case .success(let parsed): filter = parsed
            case .failure(let problem):
                // The entry stays open with what was typed.
                state.message = StatusMessage(problem.message, isError: true)
                state.top = .reviewEntry(entry)
                return []
            }
        case .whichAnswer, .documentFlag:
            return []
        }
        state.pop()
        // On Enter, the queue is served again under the new filter.
        let previous = view.filter
        view.filter = filter
        view.loading = true
        view.progress?.finished = nil
        state.review = view
        state.message = StatusMessage("Queue: " + filter.summary)
        return [.refilterReview(filter, release: view.current?.stored.id, previous: previous)]
    default:
        state.top = .reviewEntry(entry)
        return []
    }
}

/// Results for the review screen.
func applyReviewResult(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    switch action {
    case .reviewStarted(let filter, let home):
        state.review = ReviewView(filter: filter)
        // `tenet review`: the review is the bottom layer, left by quitting.
        if home { state.reset(to: .review) } else { state.pop(to: { !$0.isOverlay }); state.push(.review) }
    case .reviewPairLoaded(let review, let rules, let progress):
        guard var view = state.review else { return [] }
        view.loading = false
        if let progress {
            // A fresh count of the fast parts; the finished count stays until recounted.
            view.progress = QueueProgress(total: progress.total, decidedByMe: progress.decidedByMe,
                                          finished: progress.finished ?? view.progress?.finished)
        }
        view.history = nil
        view.ruleProgress = nil
        if let review {
            if view.current?.stored.id != review.stored.id {
                view.scroll = [:]
                view.ruleScroll = 0
                view.showRule = false
            }
            view.current = review
            view.rules = rules
            view.finished = false
            // A pair seen before keeps its place, so p walks back in the order they came.
            if !view.trail.contains(review.stored.id) {
                view.trail.append(review.stored.id)
                if view.trail.count > 200 { view.trail.removeFirst(view.trail.count - 200) }
            }
        } else {
            view.current = nil
            view.rules = []
            view.finished = true
        }
        state.review = view
    case .reviewFilterRefused(let text, let previous):
        // Nothing was served or released: the pair shown stays, under the filter it had.
        guard var view = state.review else { return [] }
        let refused = view.filter
        view.filter = previous
        view.loading = false
        state.review = view
        // The filter line opens again with what was typed, as a filter that does not parse
        // keeps it: closed, the keys typed next (Esc, u) went to the screen and undid a verdict.
        if state.top == .review {
            state.push(.reviewEntry(ReviewEntry(.filter, text: filterText(refused))))
            state.message = StatusMessage(text + " · Enter tries again, Esc keeps the queue as it was", isError: true)
        } else {
            state.message = StatusMessage(text + " · " + keyName(state, .filterQueue) + " filters again", isError: true)
        }
        return [.countReviewProgress(previous)]
    case .reviewProgressCounted(let counted, let filter):
        // The store's count, as it is: never adjusted here (it agrees with tenet stats).
        guard var view = state.review, view.filter == filter else { return [] }
        view.progress = counted
        state.review = view
    case .pairDecided(let pair, let decision, let note, let status, let decidedByMe):
        guard var view = state.review else { return [] }
        let short = shortID(pair)
        let summary = "\(short): \(decision)\(note.map { " (\(SafeText.visible($0)))" } ?? "") · \(status) · "
            + "\(keyName(state, .undo)) undoes, \(keyName(state, .previousPair)) goes back"
        view.progress?.decidedByMe = decidedByMe
        view.recent.removeAll { $0.pair == pair }
        view.recent.append(RecentDecision(pair: pair, decision: decision))
        if view.recent.count > 5 { view.recent.removeFirst() }
        state.review = view
        state.message = StatusMessage(summary)
    case .ruleProgressLoaded(let rules):
        guard var view = state.review else { return [] }
        view.ruleProgress = rules
        state.review = view
        state.message = nil
    case .pairHistoryLoaded(let pair, let entries):
        guard var view = state.review, view.current?.stored.id == pair else { return [] }
        view.history = entries
        state.review = view
    default:
        break
    }
    return []
}

/// The filter as the `F` entry shows it for editing.
func filterText(_ filter: QueueFilter) -> String {
    var parts = ["status=\(filter.status)"]
    if let rule = filter.rule { parts.append("rule=\(rule)") }
    if let strategy = filter.strategy { parts.append("strategy=\(strategy)") }
    if let generator = filter.generator { parts.append("generator=\(generator)") }
    return parts.joined(separator: " ")
}

/// Reads `status=… rule=… strategy=… generator=…`; an empty text is every pending pair.
/// The spec and the search text are kept.
func parseFilter(_ text: String, base: QueueFilter) -> Result<QueueFilter, ReviewFilterError> {
    var filter = QueueFilter(spec: base.spec, text: base.text)
    for word in text.split(separator: " ") {
        let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
            return .failure(ReviewFilterError(message: "Write key=value: status=, rule=, strategy=, generator= (got “\(word)”)"))
        }
        switch parts[0] {
        case "status":
            guard PairStatus(rawValue: parts[1]) != nil else {
                return .failure(ReviewFilterError(message: "Statuses: " + PairStatus.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            filter.status = parts[1]
        case "rule": filter.rule = parts[1]
        case "strategy": filter.strategy = parts[1]
        case "generator": filter.generator = parts[1]
        default:
            return .failure(ReviewFilterError(message: "Unknown filter “\(parts[0])”: status=, rule=, strategy=, generator="))
        }
    }
    return .success(filter)
}

/// Why a filter was not understood.
struct ReviewFilterError: Error, Equatable {
    var message: String
}
