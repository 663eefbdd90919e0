import TenetSpec
import TenetStore

/// A save that lost a race: opening the merge view on both texts, and its keys. Nothing
/// overwrites another person's newer value without an explicit choice here.

/// A rule changed under an annotation, example or rationale being saved. When their change
/// left this value as it was, saving ours on their revision overwrites nothing of theirs,
/// so it goes through at once; else the merge view opens on both.
func openMerge(_ state: inout WorkbenchState, rule now: StoredRule, author: String) -> [Effect] {
    state.busy = false
    if state.selectedRule?.key == now.key { state.detail = now }
    let rule = now.record.effective
    if let edit = state.savingEdit, edit.key == now.key {
        state.savingEdit = nil
        let theirs = edit.field.text(of: rule)
        if theirs == edit.original {
            var retry = edit
            retry.revision = now.revision
            return saveField(&state, retry)
        }
        if theirs == edit.editor.text {
            state.message = StatusMessage("\(author) had already set \(edit.field.label.lowercased()) of \(edit.ruleID) to what you typed; nothing to save")
            return [.loadDetail(now.key)]
        }
        openMerge(&state, .field(edit), theirs: theirs, author: author, revision: now.revision)
        return [.loadDetail(now.key)]
    }
    guard var edit = state.savingText, edit.ruleKey == now.key else { return [.loadDetail(now.key)] }
    state.savingText = nil
    let theirs: String
    switch edit.subject {
    case .rationale:
        theirs = AnnotationField.rationale.text(of: rule)
    case .example(_, let ruleID, let number):
        guard let number else {
            // A new example replaces nothing: it is added on their revision.
            edit.revision = now.revision
            return saveAgain(&state, edit)
        }
        theirs = rule.examples.indices.contains(number - 1)
            ? ExampleFile.text(rule.examples[number - 1], ruleID: ruleID, ruleTitle: rule.title) : "(example \(number) is gone)"
    case .answer, .document, .evalChosen:
        return [.loadDetail(now.key)]
    }
    if theirs.trimmingCharacters(in: .whitespacesAndNewlines) == edit.base.trimmingCharacters(in: .whitespacesAndNewlines) {
        edit.revision = now.revision
        return saveAgain(&state, edit)
    }
    openMerge(&state, .text(edit), theirs: theirs, author: author, revision: now.revision)
    return [.loadDetail(now.key)]
}

/// Opens the merge view over the current layer.
func openMerge(_ state: inout WorkbenchState, _ typed: MergeView.Typed, theirs: String, author: String, revision: Int) {
    let title: String, yours: String
    switch typed {
    case .field(let edit):
        title = "\(edit.field.label) of \(edit.ruleID)"
        yours = edit.editor.text
    case .text(let edit):
        title = edit.title
        yours = edit.area.text
    }
    state.push(.merge(MergeView(typed: typed, title: title, yours: yours, theirs: theirs, author: author, revision: revision)))
    state.message = StatusMessage("Not saved: \(SafeText.visible(author)) saved a change first · \(keyName(state, .keepMine)) keeps yours, "
                                  + "\(keyName(state, .keepTheirs)) keeps theirs, \(keyName(state, .editAgain)) edits", isError: true)
}

/// Keys in the merge view: keep mine, keep theirs, edit again; back returns to the text
/// typed (saving it again asks again while theirs is newer).
func mergeKey(_ state: inout WorkbenchState, _ view: inout MergeView, _ key: Key) -> [Effect] {
    let command = state.keymap.command(for: key, in: .merge)
    let page = max(1, state.bodyHeight - 4)
    switch command {
    case .moveDown?, .moveUp?, .pageDown?, .pageUp?:
        let delta = command == .moveDown ? 1 : command == .moveUp ? -1 : command == .pageDown ? page : -page
        view.scroll = max(0, min(MergeScreen.scrollLimit(view, state: state), view.scroll + delta))
        state.top = .merge(view)
        return []
    case .keepMine?:
        state.pop()
        switch view.typed {
        case .field(var edit):
            edit.revision = view.revision
            return saveField(&state, edit)
        case .text(var edit):
            edit.revision = view.revision
            edit.base = view.theirs
            return saveAgain(&state, edit)
        }
    case .keepTheirs?:
        state.pop()
        state.message = StatusMessage("Kept \(SafeText.visible(view.author))'s \(view.title.lowercasedFirst); yours was dropped")
        if case .text(let edit) = view.typed, case .answer(let pair, _) = edit.subject {
            return [.showPair(pair, filter: state.review?.filter ?? QueueFilter())]
        }
        return []
    case .editAgain?, .back?:
        state.pop()
        switch view.typed {
        case .field(var edit):
            if command == .editAgain {
                edit.revision = view.revision
                edit.original = view.theirs
            }
            edit.problem = "Theirs (\(SafeText.visible(view.author))): " + SafeText.visible(view.theirs)
            state.push(.edit(edit))
        case .text(var edit):
            if command == .editAgain {
                // Cancelling the edit comes back here, both texts as they are now.
                edit.returnTo = .merge(view)
                // Theirs goes under yours between markers; the save then goes on their revision.
                var mine = edit.area.text
                while mine.hasSuffix("\n") { mine.removeLast() }
                edit.area.replaceAll(with: mine + "\n\(theirsMarker) (\(view.author), revision \(view.revision))\n" + view.theirs + "\n" + endOfTheirsMarker)
                edit.base = view.theirs
                edit.revision = view.revision
                edit.problem = "Theirs is below yours between the markers: keep what you want, delete the marker lines, then \(keyName(state, .saveText))"
                    + " (\(keyName(state, .undoText)) takes theirs out again)"
            } else {
                edit.problem = "Not saved yet: \(SafeText.visible(view.author)) saved a change first · \(keyName(state, .saveText)) shows both again"
            }
            state.push(.text(edit))
        }
        return []
    case .help?:
        state.push(.help(scroll: 0))
        return []
    default:
        state.message = StatusMessage("Choose: \(keyName(state, .keepMine)) yours, \(keyName(state, .keepTheirs)) theirs, "
                                      + "\(keyName(state, .editAgain)) edit, \(keyName(state, .back)) back to your text", isError: true)
        return []
    }
}

/// Saves a one-line annotation (the edit line has closed).
func saveField(_ state: inout WorkbenchState, _ edit: FieldEdit) -> [Effect] {
    switch edit.field.change(from: edit.editor.text) {
    case .failure(let error):
        var reopened = edit
        reopened.problem = error.message
        state.push(.edit(reopened))
        return []
    case .success(let change):
        state.savingEdit = edit
        return [.annotate(key: edit.key, change: change, expectedRevision: edit.revision,
                          summary: "\(edit.field.rawValue) \(edit.editor.text.isEmpty ? "cleared" : "saved")")]
    }
}

/// Saves a text from the built-in editor again (its layer has closed): it reopens, and the
/// editor's own save checks and sends it, closing it again when it goes.
private func saveAgain(_ state: inout WorkbenchState, _ edit: TextEdit) -> [Effect] {
    var edit = edit
    state.push(.text(edit))
    let effects = saveText(&state, &edit)
    if case .text = state.top { state.top = .text(edit) }
    return effects
}

extension String {
    /// The string with its first letter in lower case (`Scope of R-1` → `scope of R-1`).
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
