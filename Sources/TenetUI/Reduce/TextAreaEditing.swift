import TenetSpec
import TenetStore

/// The built-in text editor: opening it on an answer, an example or the rationale, its
/// keys, saving, and what comes back from a save.

/// The lines that mark someone else's text in a merge.
let theirsMarker = "<<<<<<< theirs"
let endOfTheirsMarker = ">>>>>>>"

/// The first key of a command as people read it, or its name when it is unbound.
func keyName(_ state: WorkbenchState, _ command: Command) -> String {
    state.keymap.name(command)
}

/// Opens the built-in editor on a pair's chosen or rejected answer (review: `e`, then `c` or `r`).
func openAnswerEditor(_ state: inout WorkbenchState, _ pair: PairReview, chosen: Bool) -> [Effect] {
    let id = pair.stored.id
    let text = chosen ? pair.stored.pair.chosen : pair.stored.pair.rejected
    let title = "\(chosen ? "Chosen" : "Rejected") answer of pair \(shortID(id))"
    return openText(&state, TextEdit(subject: .answer(pair: id, chosen: chosen), title: title,
                                     revision: pair.stored.revision, text: text))
}

/// Opens the built-in editor on a boundary example of the selected rule: `nil` adds one
/// (a template with the cursor on the user's turn); a number edits that example.
func openExampleEditor(_ state: inout WorkbenchState, number: Int?) -> [Effect] {
    guard let outline = state.selectedRule else { return needRule(&state) }
    guard let detail = state.selectedDetail else {
        state.message = StatusMessage("Still loading \(outline.id); try again", isError: true)
        return []
    }
    let rule = detail.record.effective
    let existing = number.flatMap { n in rule.examples.indices.contains(n - 1) ? rule.examples[n - 1] : nil }
    var edit = TextEdit(subject: .example(key: detail.key, ruleID: rule.id, number: number),
                        title: number.map { "Example \($0) of \(rule.id)" } ?? "New boundary example of \(rule.id)",
                        revision: detail.revision, text: ExampleFile.text(existing, ruleID: rule.id, ruleTitle: rule.title))
    if number == nil {
        let metrics = TextAreaScreen.metrics(edit, size: state.viewport, keymap: state.keymap)
        edit.area.moveCursor(toEndOfLineStartingWith: "user:", width: metrics.width, height: metrics.height)
    }
    return openText(&state, edit)
}

/// Opens the built-in editor on the selected rule's rationale (`r`, or `a` then `r`).
func openRationaleEditor(_ state: inout WorkbenchState) -> [Effect] {
    guard let rule = state.selectedRule else { return needRule(&state) }
    guard let detail = state.selectedDetail else {
        state.message = StatusMessage("Still loading \(rule.id); try again", isError: true)
        return []
    }
    var edit = TextEdit(subject: .rationale(key: rule.key, ruleID: rule.id), title: "Rationale of \(rule.id)",
                        revision: detail.revision, text: AnnotationField.rationale.text(of: detail.record.effective))
    let metrics = TextAreaScreen.metrics(edit, size: state.viewport, keymap: state.keymap)
    edit.area.moveCursorToEnd(width: metrics.width, height: metrics.height)
    return openText(&state, edit)
}

private func openText(_ state: inout WorkbenchState, _ edit: TextEdit) -> [Effect] {
    state.push(.text(edit))
    return []
}

/// A key while the built-in editor is open: the keymap's text-editor keys, else editing.
func textEditKey(_ state: inout WorkbenchState, _ edit: inout TextEdit, _ key: Key) -> [Effect] {
    let command = state.keymap.command(for: key, in: .textArea)
    let metrics = TextAreaScreen.metrics(edit, size: state.viewport, keymap: state.keymap)
    defer { if case .text = state.top { state.top = .text(edit) } }
    if edit.confirmingCancel {
        edit.confirmingCancel = false
        if command == .cancelText {
            closeText(&state, edit)
            if case .merge(let view)? = edit.returnTo {
                state.push(.merge(view))
                state.message = StatusMessage("Back to both texts; nothing saved · \(keyName(state, .keepMine)) keeps yours, "
                                              + "\(keyName(state, .keepTheirs)) keeps theirs, \(keyName(state, .editAgain)) edits")
                return []
            }
            state.message = StatusMessage("Discarded your changes to the \(subjectName(edit.subject)); nothing saved")
            return []
        }
    }
    switch command {
    case .saveText?:
        return saveText(&state, &edit)
    case .cancelText?:
        if edit.hasUnsavedChanges {
            edit.confirmingCancel = true
            return []
        }
        closeText(&state, edit)
        if case .merge(let view)? = edit.returnTo {
            state.push(.merge(view))
            state.message = StatusMessage("Back to both texts; nothing saved")
            return []
        }
        state.message = StatusMessage("Edit cancelled; nothing saved")
        return []
    case .undoText?, .redoText?:
        let done = command == .undoText ? edit.area.undo() : edit.area.redo()
        if !done { state.message = StatusMessage(command == .undoText ? "Nothing to undo in this text" : "Nothing to redo", isError: true) }
        edit.area.scrollToCursor(width: metrics.width, height: metrics.height)
        return []
    default:
        if edit.area.handle(key, width: metrics.width, height: metrics.height) == .edited { edit.problem = nil }
        return []
    }
}

/// Leaves the editor for the layer it was opened over.
private func closeText(_ state: inout WorkbenchState, _ edit: TextEdit) {
    if case .text = state.top { state.pop() }
}

private func subjectName(_ subject: TextEdit.Subject) -> String {
    switch subject {
    case .answer(_, let chosen): return chosen ? "chosen answer" : "rejected answer"
    case .example: return "example"
    case .rationale: return "rationale"
    case .document: return "document"
    case .evalChosen: return "chosen answer"
    }
}

/// Checks the text and asks for it to be saved; a text that cannot be saved stays open
/// with the reason (and, for an example, the cursor on the line at fault).
func saveText(_ state: inout WorkbenchState, _ edit: inout TextEdit) -> [Effect] {
    let text = edit.area.text
    let metrics = TextAreaScreen.metrics(edit, size: state.viewport, keymap: state.keymap)
    // Whatever the text is — an answer, a rationale, an example, a document — a merge's
    // markers are never saved as part of it.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if let marker = lines.firstIndex(where: { $0.hasPrefix(theirsMarker) || $0 == endOfTheirsMarker }) {
        edit.problem = "Not saved: line \(marker + 1) is a merge marker · keep the text you want, delete the marker lines, then \(keyName(state, .saveText))"
        edit.area.moveCursor(toLine: marker, width: metrics.width, height: metrics.height)
        return []
    }
    switch edit.subject {
    case .document(let id):
        return saveDocumentText(&state, &edit, id: id)
    case .answer(let pair, let chosen):
        var answer = text
        while answer.hasSuffix("\n") { answer.removeLast() }
        if answer == edit.base {
            closeText(&state, edit)
            state.message = StatusMessage("No change to the \(subjectName(edit.subject))")
            return []
        }
        guard !answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            edit.problem = "An answer cannot be empty; to drop the pair, reject it (\(keyName(state, .reject))) · \(keyName(state, .undoText)) brings the text back"
            return []
        }
        if let problem = QualityCheck.textProblem(answer, chosen ? "the chosen answer" : "the rejected answer") {
            edit.problem = problem.prefix(1).uppercased() + problem.dropFirst() + " · nothing saved yet"
            return []
        }
        state.savingText = edit
        closeText(&state, edit)
        state.review?.loading = true
        return [.saveAnswer(pair, chosen: chosen, text: answer, expectedRevision: edit.revision, filter: state.review?.filter ?? QueueFilter())]
    case .example(let key, _, let number):
        let original = number.flatMap { n in
            state.detail.flatMap { $0.key == key && $0.record.effective.examples.indices.contains(n - 1) ? $0.record.effective.examples[n - 1] : nil }
        }
        switch ExampleFile.parse(text, knownRuleIDs: Set(state.outline?.rules.map(\.id) ?? []), original: original) {
        case .invalid(let problems):
            let summary = ExampleFile.summary(problems)
            edit.problem = summary.prefix(1).uppercased() + summary.dropFirst() + " · nothing saved yet"
            edit.area.moveCursor(toLine: (problems.first?.line ?? 1) - 1, width: metrics.width, height: metrics.height)
            return []
        case .cancelled:
            closeText(&state, edit)
            state.message = StatusMessage("Example left empty; nothing saved")
            return []
        case .unchanged:
            closeText(&state, edit)
            state.message = StatusMessage("Example \(number ?? 0) unchanged; nothing saved")
            return []
        case .example(let example):
            state.savingText = edit
            closeText(&state, edit)
            return [.saveExample(key: key, number: number, example: example, expectedRevision: edit.revision)]
        }
    case .evalChosen(let conversion):
        var answer = text
        while answer.hasSuffix("\n") { answer.removeLast() }
        guard !answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            edit.problem = "The chosen answer cannot be empty: write what a compliant answer says · \(keyName(state, .cancelText)) leaves without a pair"
            return []
        }
        closeText(&state, edit)
        return startEvalPair(&state, conversion, chosen: answer)
    case .rationale(let key, _):
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if value == edit.base.trimmingCharacters(in: .whitespacesAndNewlines) {
            closeText(&state, edit)
            state.message = StatusMessage("Rationale unchanged; nothing saved")
            return []
        }
        switch AnnotationField.rationale.change(from: value) {
        case .failure(let error):
            edit.problem = error.message
            return []
        case .success(let change):
            state.savingText = edit
            closeText(&state, edit)
            return [.annotate(key: key, change: change, expectedRevision: edit.revision,
                              summary: "rationale \(value.isEmpty ? "cleared" : "saved")")]
        }
    }
}

/// Results of saving an answer typed in the built-in editor.
func applyTextResult(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    switch action {
    case .answerSaved(let pair, let chosen):
        state.savingText = nil
        let undo = state.keymap.label(.undo)
        // The edit's text is checked again (``ProjectStore/editPair``): a failed check is said
        // here, before the pair is decided, as well as on the card.
        let current = state.review?.current.flatMap { $0.stored.id == pair ? $0 : nil }
        if let failed = current?.stored.pair.provenance.checks?.firstFailure {
            state.message = StatusMessage("Edited the \(chosen ? "chosen" : "rejected") answer, but it fails \(failed.gate.rawValue): \(failed.reason)"
                                          + (undo.isEmpty ? "" : " · \(undo) undoes"), isError: true)
            return []
        }
        state.message = StatusMessage("Edited the \(chosen ? "chosen" : "rejected") answer (shown against the original)"
                                      + (undo.isEmpty ? "" : " · \(undo) undoes"))
    case .answerConflict(let pair, let chosen, let theirs, let revision, let author):
        guard let edit = state.savingText, edit.subject == .answer(pair: pair, chosen: chosen) else { return [] }
        state.savingText = nil
        if var view = state.review {
            view.loading = false
            state.review = view
        }
        openMerge(&state, .text(edit), theirs: theirs, author: author, revision: revision)
    default:
        break
    }
    return []
}
