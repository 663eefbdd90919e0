import TenetSpec
import TenetStore

/// Keys on the document review: the pair review's keys, one document at a time — `a`
/// accept, `x` reject, `f` flag (with an optional reason), `e` edit the text in the text
/// editor, `u` undo and `Ctrl-R` redo (showing the document they touched), `Space`/`n`
/// next without deciding, `p` back, `j`/`k` scroll, `q` back or quit.
func documentReviewKey(_ state: inout WorkbenchState, _ view: inout DocumentReviewView, _ key: Key) -> [Effect] {
    let command = state.keymap.command(for: key, in: .documents)
    let page = max(1, state.bodyHeight - 4)
    defer { setDocumentView(&state, view) }
    switch command {
    case .moveDown?: view.scroll += 1; return []
    case .moveUp?: view.scroll = max(0, view.scroll - 1); return []
    case .pageDown?: view.scroll += page; return []
    case .pageUp?: view.scroll = max(0, view.scroll - page); return []
    case .help?:
        state.push(.help(scroll: 0))
        return []
    case .back?, .quit?:
        if state.atBottom {
            if key == .escape {
                state.message = StatusMessage("Nothing open to close · \(keyName(state, .quit)) leaves the review")
                return []
            }
            return requestQuit(&state)
        }
        state.pop()
        return []
    case .skip?, .nextPair?:
        guard view.index + 1 < view.documents.count else {
            state.message = StatusMessage("This is the last document here · \(keyName(state, .previousPair)) goes back", isError: true)
            return []
        }
        view.index += 1
        view.scroll = 0
        return []
    case .previousPair?:
        guard view.index > 0 else {
            state.message = StatusMessage("No document before this one", isError: true)
            return []
        }
        view.index -= 1
        view.scroll = 0
        return []
    default: break
    }
    guard let stored = view.current, !view.loading else {
        if command != nil {
            state.message = StatusMessage(view.loading ? "Loading…" : "No documents to review here · tenet midtrain generate makes some",
                                          isError: !view.loading)
            return []
        }
        return doesNothing(&state, key)
    }
    switch command {
    case .accept?:
        view.loading = true
        return [.decideDocument(stored.id, .accepted, note: nil, expectedRevision: stored.revision)]
    case .reject?:
        view.loading = true
        return [.decideDocument(stored.id, .rejected, note: nil, expectedRevision: stored.revision)]
    case .flag?:
        state.push(.reviewEntry(ReviewEntry(.documentFlag)))
        return []
    case .undo?:
        view.loading = true
        return [.undoInDocuments]
    case .redo?:
        view.loading = true
        return [.redoInDocuments]
    case .editAnswer?:
        state.push(.text(TextEdit(subject: .document(id: stored.id), title: "Document \(shortID(stored.id)) · \(stored.document.type)",
                                  revision: stored.revision, text: stored.document.text)))
        return []
    default:
        return doesNothing(&state, key)
    }
}

/// The flag reason's entry over the document review: `Enter` flags, `Esc` cancels.
func documentFlagKey(_ state: inout WorkbenchState, _ entry: inout ReviewEntry, _ key: Key) -> [Effect] {
    switch entry.editor.handle(key) {
    case .cancel:
        state.pop()
        return []
    case .submit:
        state.pop()
        guard case .documents(var view) = state.top, let stored = view.current else { return [] }
        let text = entry.editor.text.trimmingCharacters(in: .whitespaces)
        view.loading = true
        setDocumentView(&state, view)
        return [.decideDocument(stored.id, .flagged, note: text.isEmpty ? nil : text, expectedRevision: stored.revision)]
    default:
        state.top = .reviewEntry(entry)
        return []
    }
}

/// A document's text from the text editor: saved unless unchanged or empty.
func saveDocumentText(_ state: inout WorkbenchState, _ edit: inout TextEdit, id: String) -> [Effect] {
    let text = edit.area.text.trimmingCharacters(in: .whitespacesAndNewlines)
    if text == edit.base.trimmingCharacters(in: .whitespacesAndNewlines) {
        if case .text = state.top { state.pop() }
        state.message = StatusMessage("No change to the document")
        return []
    }
    guard !text.isEmpty else {
        edit.problem = "A document cannot be empty; to drop it, reject it (\(keyName(state, .reject))) · \(keyName(state, .undoText)) brings the text back"
        return []
    }
    state.savingText = edit
    if case .text = state.top { state.pop() }
    if case .documents(var view) = state.top {
        view.loading = true
        setDocumentView(&state, view)
    }
    return [.saveDocument(id, text: text, expectedRevision: edit.revision)]
}

/// Results for the document review and `:midtrain`.
func applyDocumentResult(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    switch action {
    case .documentsLoaded(let filter, let documents, let rules, let home):
        var view = DocumentReviewView(filter: filter)
        view.documents = documents
        view.rules = rules
        view.loading = false
        if home { state.reset(to: .documents(view)) } else { state.pop(to: { !$0.isOverlay }); state.push(.documents(view)) }
        if documents.isEmpty {
            state.message = StatusMessage("No \(filter.status?.rawValue ?? "") documents\(filter.spec.map { " of \($0)" } ?? "") to review · tenet midtrain generate makes some")
        }
    case .documentChanged(let stored, let summary, let decided):
        state.savingText = nil
        guard state.updateLayer({ if case .documents(let view) = $0 { return view } else { return nil } }, { .documents($0) }, { view in
            view.loading = false
            if stored.status == .pending { view.decidedIDs.remove(stored.id) } else { view.decidedIDs.insert(stored.id) }
            if let index = view.documents.firstIndex(where: { $0.id == stored.id }) {
                view.documents[index] = stored
                // A decision moves on; an edit stays, to read what was saved. (Accepting an
                // edited document leaves it `edited` too: its status cannot tell them apart.)
                if decided, index == view.index, index + 1 < view.documents.count {
                    view.index += 1
                    view.scroll = 0
                }
            }
        }) else { return [] }
        state.message = StatusMessage(summary + " · \(keyName(state, .previousPair)) goes back to change it")
    case .documentsRestored(let documents, let undo):
        // The reversal's own message stays; the view shows the first document it touched.
        _ = state.updateLayer({ if case .documents(let view) = $0 { return view } else { return nil } }, { .documents($0) }, { view in
            view.loading = false
            for stored in documents {
                // An undone decision leaves the count; a redone one is back in it.
                if undo && stored.status == .pending { view.decidedIDs.remove(stored.id) } else if !undo { view.decidedIDs.insert(stored.id) }
                guard let index = view.documents.firstIndex(where: { $0.id == stored.id }) else { continue }
                view.documents[index] = stored
            }
            if let first = documents.first, let index = view.documents.firstIndex(where: { $0.id == first.id }) {
                view.index = index
                view.scroll = 0
            }
        })
    case .midtrainChecked(let spec, let rules, let findings):
        var lines: [StyledLine] = []
        let ready = rules - Set(findings.map(\.rule)).count
        lines.append([Span(findings.isEmpty ? "All \(rules) rules have a rationale and none is marked general: ready for midtraining documents"
                                            : "\(ready) of \(rules) rules ready; \(findings.count) thing\(findings.count == 1 ? "" : "s") to fix first", .strong)])
        for finding in findings {
            lines.append([])
            lines.append([Span(SafeText.visible(finding.rule), .ruleID), Span("  " + SafeText.visible(finding.title))])
            lines.append([Span("  " + finding.why, .muted)])
            lines.append([Span("  fix: ", .muted), Span(SafeText.visible(finding.fix), .code)])
        }
        state.push(.changes(ChangesView(title: "Midtraining readiness · \(spec)", lines: lines)))
    default:
        break
    }
    return []
}

/// Writes the document review back into its layer, wherever it is in the stack.
func setDocumentView(_ state: inout WorkbenchState, _ view: DocumentReviewView) {
    _ = state.updateLayer({ if case .documents(let old) = $0 { return old } else { return nil } }, { .documents($0) }, { $0 = view })
}

/// `d-1234abcd` of a longer ID.
/// A pair's or document's ID shortened for a title or a line that is short of room (the
/// whole ID goes where someone may copy it into a command).
func shortID(_ id: String) -> String { id.count > 10 ? String(id.prefix(10)) : id }
