import TenetSpec
import TenetStore

/// Results of effects coming back.
func applyResult(_ state: inout WorkbenchState, _ action: Action) -> [Effect] {
    switch action {
    case .specsLoaded(let specs):
        state.specs = specs
        if specs.isEmpty {
            state.outline = nil
            state.rebuildRows()
            if state.review == nil { state.reset(to: .welcome) }
        } else if state.layers.first == .welcome {
            state.replaceBottom(with: .browse)
        }
        return []

    case .specLoaded(let outline, let select):
        let sameSpec = state.outline?.id == outline.id
        // An annotation (a rationale, an example, a direction) changes what lint finds:
        // the findings are read again whenever a rule's revision moved.
        let annotated = sameSpec && state.outline.map { old in
            old.revision != outline.revision || old.rules.map(\.revision) != outline.rules.map(\.revision)
        } ?? false
        if !sameSpec {
            // Jumps are kept: they may lead back to another spec.
            state.folded = []
            state.lint = [:]
            state.treeScroll = 0
            state.selection = 0
            state.detail = nil
        }
        state.outline = outline
        if state.layers.first == .welcome { state.replaceBottom(with: .browse) }
        var keep: String?
        if let select {
            if let index = outline.ruleIndex(select) { keep = outline.rules[index].key }
            else if outline.sectionPath(select) != nil { keep = "§" + select }
        }
        state.rebuildRows(keep: keep)
        if keep == nil, !sameSpec, let first = state.rows.firstIndex(where: { if case .rule = $0.content { return true } else { return false } }) {
            state.selection = first
        }
        state.clampScroll()
        var effects = selectionEffects(&state)
        if let rule = state.selectedRule, state.detail?.key == rule.key, state.detail?.revision != rule.revision {
            effects = [.loadDetail(rule.key)]
        }
        if !sameSpec || state.lint.isEmpty || annotated { effects.append(.lint(spec: outline.id)) }
        return effects

    case .ruleDetailsLoaded(let spec, let rules):
        guard var outline = state.outline, outline.id == spec else { return [] }
        outline.addDetails(rules)
        state.outline = outline
        state.rebuildRows()
        state.clampScroll()
        return []

    case .detailLoaded(let stored):
        guard stored.key == state.selectedRule?.key else { return [] }
        state.detail = stored
        // Its suggested annotations show beside its values.
        return [.loadSuggestions(rule: stored.key)]

    case .ruleSaved(let stored, let summary):
        state.busy = false
        state.savingEdit = nil
        state.savingText = nil
        let relint = showSavedRule(&state, stored)
        let undo = state.keymap.label(.undo)
        state.message = StatusMessage("\(stored.id): \(summary) · rev \(stored.revision)" + (undo.isEmpty ? "" : " · \(undo) undoes"))
        // Its suggestions stand beside its values as they are now: after a scope typed with
        // `a` `s`, one that "agrees" with the file's old scope would erase the new one.
        let suggestions: [Effect] = state.suggestions?.rule == stored.key ? [.loadSuggestions(rule: stored.key)] : []
        return refreshHistory(&state, key: stored.key) + selectionEffects(&state) + relint + suggestions

    case .reversed(let reversal):
        state.message = StatusMessage(reversalSummary(state, reversal))
        // An undone decision is no longer among the review's recent ones.
        if reversal.undo, let pair = reversal.pair { state.review?.recent.removeAll { $0.pair == pair } }
        // With no spec open (the welcome screen after the last one was archived), the
        // project is loaded again and its first spec opened.
        return [state.outline == nil && state.review == nil ? .loadProject(select: nil) : state.reloadEffect] + refreshHistory(&state, key: nil)

    case .historyLoaded(let key, let entries, let blame):
        var revision: Int?
        _ = state.updateHistory { view in
            guard view.key == key else { return }
            view.entries = entries
            view.blame = blame
            view.loading = false
            view.selected = min(view.selected, max(0, entries.count - 1))
            view.changes = nil
            revision = entries.indices.contains(view.selected) ? entries[view.selected].revision : nil
        }
        return revision.map { [.loadRevision(key: key, revision: $0)] } ?? []

    case .revisionLoaded(let key, let revision, let changes):
        _ = state.updateHistory { view in
            guard view.key == key, view.entries.indices.contains(view.selected),
                  view.entries[view.selected].revision == revision else { return }
            view.changes = changes
            view.changesRevision = revision
        }
        return []

    case .lintLoaded(let spec, let marks):
        guard state.outline?.id == spec else { return [] }
        state.lint = marks
        state.rebuildRows()
        state.clampScroll()
        return []

    case .reimported(let report):
        state.push(.changes(ChangesView(title: "What changed in \(report.spec)", lines: ChangeSummary.lines(report, close: keyName(state, .back)))))
        return [.openSpec(report.spec, select: state.selectedRule?.key, quick: report.spec != state.outline?.id), .lint(spec: report.spec)]

    case .externalChange(let authors, let what):
        let summary = SafeText.visible(authors.joined(separator: ", ") + ": " + what) + " · shown live"
        if state.message?.live ?? true { state.message = StatusMessage(summary, live: true) }
        var effects: [Effect] = [state.reloadEffect] + refreshHistory(&state, key: nil)
        // Others' decisions on the pair being reviewed show up at once.
        if state.screen == .review, let view = state.review, let shown = view.current?.stored.id, !view.loading {
            effects.append(.showPair(shown, filter: view.filter))
        }
        // And their decisions, edits and new pairs in the queue's counts.
        if state.screen == .review, let view = state.review { effects.append(.countReviewProgress(view.filter)) }
        return effects

    case .instantiationSpecLoaded(let spec, let revision):
        _ = state.updateLayer({ if case .instantiate(let view) = $0 { return view } else { return nil } }, { .instantiate($0) }) { view in
            guard view.specID == spec.id else { return }
            view.spec = spec
            view.revision = revision
            view.clampToPool()
            view.refresh()
        }
        return []

    case .instantiationSaved(let name, let revision):
        _ = state.updateLayer({ if case .instantiate(let view) = $0 { return view } else { return nil } }, { .instantiate($0) }) {
            $0.savedName = name
        }
        state.message = StatusMessage("Saved as \(name), revision \(revision) · \(keyName(state, .generate)) generates pairs from it")
        return []

    case .generationProgress(let done, let total, let note):
        state.generation = GenerationStatus(done: done, total: total, note: note)
        return []

    case .generationFinished(let outcome):
        state.generation = nil
        state.message = StatusMessage(generationSummary(state, outcome), isError: outcome.problem != nil && outcome.kept == 0)
        return []

    case .imported(let report, let path):
        let shown = SafeText.visible(path)
        state.message = StatusMessage(report.changeset == nil
            ? "\(shown) has not changed since it was imported (\(report.spec) r\(report.revision))"
            : report.rules == 0
            ? "Imported \(report.spec) from \(shown), but \(Linter.noRules)"
            : "Imported \(report.spec) from \(shown): \(report.added.count) rule\(report.added.count == 1 ? "" : "s")",
            isError: report.changeset != nil && report.rules == 0)
        return []

    case .specArchived(let result):
        let title = SafeText.visible(result.title)
        state.message = StatusMessage(result.archived
            ? "Archived \(result.spec) (\(title)): hidden from lists, history kept · \(keyName(state, .undo)) or :restore \(result.spec) brings it back"
            : "Restored \(result.spec) (\(title))")
        // The list changed: the archived spec's screens go, and another spec opens.
        if result.archived && state.outline?.id == result.spec {
            state.reset(to: .browse)
            state.outline = nil
            state.detail = nil
            return [.loadProject(select: nil)]
        }
        return [.loadProject(select: result.archived ? state.outline?.id : result.spec)]

    case .samplesImported(let count):
        state.message = StatusMessage("Imported \(count) sample spec\(count == 1 ? "" : "s") · :spec ID switches")
        return []

    case .swapped(let pair):
        state.review?.loading = false
        // The pair as it is now came just before: swapped, or back as generated.
        let now = state.review?.current.flatMap { $0.stored.id == pair ? $0 : nil }
        state.message = StatusMessage(now?.swapped == false
            ? "Swapped back: the answers are chosen and rejected as generated · \(keyName(state, .undo)) undoes"
            : "Swapped: the old rejected answer is now chosen · \(keyName(state, .swap)) again swaps back, \(keyName(state, .undo)) undoes")
        return []

    case .unchanged(let what):
        state.busy = false
        state.review?.loading = false
        switch what {
        case .emptyExample: state.message = StatusMessage("Example left empty; nothing saved")
        case .example(let number): state.message = StatusMessage("Example \(number) unchanged; nothing saved")
        case .specFile(let file): state.message = StatusMessage("\(SafeText.visible(file)) unchanged; nothing to import")
        case .answer(let chosen): state.message = StatusMessage("No change to the \(chosen ? "chosen" : "rejected") answer")
        }
        return []

    case .hindered(let hindrance):
        state.busy = false
        state.review?.loading = false
        state.message = StatusMessage(hindranceMessage(state, hindrance), isError: true)
        return []

    case .themeChanged(let name):
        state.themeName = name
        state.message = StatusMessage("Theme: \(name)")
        return []

    case .themeRefused(let problem):
        state.message = StatusMessage("\(SafeText.visible(problem)) · the theme stays \(state.themeName)", isError: true)
        return []

    case .exportCounted, .exportCountFailed, .exportProgress, .exportFinished:
        return applyExportResult(&state, action)

    case .info(let text):
        state.busy = false
        state.message = StatusMessage(text)
        return []

    case .accessEnded(let person):
        state.message = StatusMessage("\(SafeText.visible(person)) no longer has access to this project; the session was closed", isError: true)
        // The pair on the review screen goes back to the queue at once, as when a session
        // ends any other way; it stayed leased to the removed person for lease-seconds.
        let shown = state.review?.current?.stored.id
        return (shown.map { [.leaveReview(release: $0)] } ?? []) + [.quit]

    case .refused(let text), .failed(let text):
        // A refusal (the person's role) or a failure: what was typed stays open with the
        // reason. A lost race is no failure: it comes as a conflict and opens the merge view.
        state.busy = false
        if var view = state.review {
            view.loading = false
            state.review = view
        }
        _ = state.updateLayer({ if case .documents(let view) = $0 { return view } else { return nil } }, { .documents($0) }, { $0.loading = false })
        state.message = StatusMessage(text, isError: true)
        if var edit = state.savingEdit {
            state.savingEdit = nil
            edit.problem = "Not saved: \(text)"
            state.push(.edit(edit))
        }
        if var edit = state.savingText {
            state.savingText = nil
            edit.problem = "Not saved: \(text)"
            state.push(.text(edit))
        }
        return []

    case .ruleConflict(let now, let author):
        return openMerge(&state, rule: now, author: author)

    case .pathsCompleted(let typed, let candidates):
        applyPathCompletion(&state, typed: typed, candidates: candidates)
        return []

    case .answerSaved, .answerConflict:
        return applyTextResult(&state, action)

    case .evalRunsLoaded, .evalRunLoaded, .evalFailuresLoaded, .evalRunsCompleted, .evalExampleAdded, .evalPairStored,
         .evalConversionFailed, .evalLoadFailed:
        return applyEvalResult(&state, action)

    case .suggestionsLoaded, .suggestionDecided, .suggestionProgress, .suggestionRunFinished:
        return applySuggestionResult(&state, action)

    case .reviewStarted, .reviewFilterRefused, .reviewPairLoaded, .reviewProgressCounted, .pairDecided, .pairHistoryLoaded, .ruleProgressLoaded:
        return applyReviewResult(&state, action)

    case .documentsLoaded, .documentChanged, .documentsRestored, .midtrainChecked:
        return applyDocumentResult(&state, action)

    case .key, .resized:
        return []
    }
}

/// An undo or redo, in a sentence that names the key that reverses it.
func reversalSummary(_ state: WorkbenchState, _ reversal: Reversal) -> String {
    let what = reversal.names.joined(separator: ", ") + (reversal.count > reversal.names.count ? " and \(reversal.count - reversal.names.count) more" : "")
    let verb = reversal.undo ? "Undid" : "Redid"
    let next = reversal.undo ? " · \(keyName(state, .redo)) redoes" : " · \(keyName(state, .undo)) undoes"
    // A redo names the undo it takes back too, as `tenet log` ("redo of changeset 9") does.
    let undone = reversal.undone.map { $0 != reversal.original ? ", taking back its undo #\($0)" : "" } ?? ""
    // What it was, as its message says ("generate 5 pairs from travel-1"), before what it touched.
    let said = reversal.what.map { " “" + SafeText.visible(String($0.prefix(80))) + ($0.count > 80 ? "…" : "") + "”" } ?? ""
    return "\(verb) changeset \(reversal.original)\(said) (as #\(reversal.changeset)\(undone)) · \(SafeText.visible(what))" + next
}

/// How a generation ended, and the key that reviews its pairs.
func generationSummary(_ state: WorkbenchState, _ outcome: GenerationOutcome) -> String {
    let review = state.keymap.firstKey(.review).map { " · \($0.label) in the spec view reviews them" } ?? ""
    return outcome.summary + (outcome.kept > 0 ? review : "")
}

/// Why something could not be done, and the key that gets on with it.
func hindranceMessage(_ state: WorkbenchState, _ hindrance: Hindrance) -> String {
    switch hindrance {
    case .noSuchRule(let reference):
        return "No rule or section “\(SafeText.visible(reference))” in this project · :go completes IDs with Tab"
    case .noExternalEditor:
        return "No external editor in this session; texts are edited in the built-in editor"
    case .draftUnwritable(let path):
        return "Could not write \(SafeText.visible(path)) to merge your edit with theirs; your text is still in it"
    case .uncounted:
        return "The queue's finished pairs could not be counted"
    case .noSamples:
        return "The sample specs are not installed here; :open FILE imports a spec"
    case .specFileMissing(let file):
        return "The spec's file \(SafeText.visible(file)) is not here (imported elsewhere?); :open FILE with its path"
    case .exampleInvalid(let path, let problems, let adding):
        return "\(SafeText.visible(path)): \(SafeText.visible(ExampleFile.summary(problems))) · nothing saved; "
            + "\(keyName(state, adding ? .addExample : .editExample)) reopens your text"
    case .mergeMarkersLeft:
        return "Not saved: the merge markers are still in the text · \(keyName(state, .editAnswer)) reopens it"
    case .emptyAnswer:
        return "An answer cannot be empty; to drop the pair, reject it (\(keyName(state, .reject)))"
    case .answerRefused(let reason):
        return "Not saved: \(SafeText.visible(reason)) · \(keyName(state, .editAnswer)) reopens your text"
    case .pairChanged(let author, let fields):
        let who = author.map { "\(SafeText.visible($0)) changed it" + (fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))") } ?? "it changed"
        return "Not saved: \(who) since you opened it · here it is now; decide again"
    case .suggestionChanged(let author):
        return "Not decided: \(SafeText.visible(author)) asked for suggestions again since you opened them · here they are now; decide again"
    case .answerChangedExternally(let author):
        return "Not saved: \(SafeText.visible(author)) changed this pair since you opened it · "
            + "\(keyName(state, .editAnswer)) reopens your text with theirs, to merge"
    }
}

/// A rule was written: its new state in the outline, the tree and the rule pane.
/// Shows a rule just saved in the open spec; returns the lint of that spec, read again: an
/// annotation changes what lint finds (a rationale added with r left "has no rationale" on
/// the screen under it).
func showSavedRule(_ state: inout WorkbenchState, _ stored: StoredRule) -> [Effect] {
    var effects: [Effect] = []
    if var outline = state.outline, let index = outline.rules.firstIndex(where: { $0.key == stored.key }) {
        var updated = RuleOutline(stored)
        updated.line = outline.rules[index].line
        outline.replaceRule(at: index, with: updated)
        state.outline = outline
        state.rebuildRows()
        state.clampScroll()
        effects.append(.lint(spec: outline.id))
    }
    if state.detail?.key == stored.key || state.selectedRule?.key == stored.key { state.detail = stored }
    return effects
}

/// Reloads the history screen, wherever it is in the stack, when it shows `key` (`nil`: any rule).
func refreshHistory(_ state: inout WorkbenchState, key: String?) -> [Effect] {
    guard let view = state.layers.lazy.compactMap({ layer -> HistoryView? in
        if case .history(let view) = layer { return view } else { return nil }
    }).last, key == nil || view.key == key else { return [] }
    return [.loadHistory(key: view.key)]
}

extension WorkbenchState {
    /// Reloads what is shown: the spec list, the open spec keeping the selection, and the
    /// selected rule.
    var reloadEffect: Effect {
        .reload(spec: outline?.id, select: selectedRow?.identity.replacingOccurrences(of: "§", with: ""), rule: selectedRule?.key)
    }

    /// Changes the history screen in place, wherever it is in the stack.
    mutating func updateHistory(_ change: (inout HistoryView) -> Void) -> Bool {
        updateLayer({ if case .history(let view) = $0 { return view } else { return nil } }, { .history($0) }, change)
    }
}

/// A re-import's report as lines: added, changed (with fields), moved, renamed, removed.
public enum ChangeSummary {
    public static func lines(_ report: ImportReport, close: String = "q") -> [StyledLine] {
        var lines: [StyledLine] = []
        if report.changeset == nil {
            return [[Span("The file has not changed since it was last imported; nothing to do.", .muted)]]
        }
        lines.append([Span("Spec \(report.spec) is now at revision \(report.revision)", .heading)])
        lines.append([])
        if report.rules == 0 {
            lines.append([Span(Linter.noRules.prefix(1).uppercased() + Linter.noRules.dropFirst(), .lintWarning)])
            lines.append([])
        }
        for id in report.added { lines.append([Span("+ ", .diffAdd), Span(id, .ruleID), Span("  added", .diffAdd)]) }
        for (id, fields) in report.changed {
            lines.append([Span("~ ", .diffChange), Span(id, .ruleID), Span("  changed: " + fields.joined(separator: ", "), .diffChange)])
        }
        for (from, to) in report.renamed { lines.append([Span("→ ", .diffChange), Span("\(from) renamed to \(to)", .diffChange)]) }
        for id in report.moved { lines.append([Span("↕ ", .muted), Span(id, .ruleID), Span("  moved", .muted)]) }
        for id in report.restored { lines.append([Span("+ ", .diffAdd), Span(id, .ruleID), Span("  back in the file (history kept)", .diffAdd)]) }
        for id in report.removed {
            lines.append([Span("- ", .diffRemove), Span(id, .ruleID), Span("  removed (kept with its history and annotations)", .diffRemove)])
        }
        if report.added.isEmpty && report.changed.isEmpty && report.removed.isEmpty && report.moved.isEmpty && report.restored.isEmpty {
            lines.append([Span("No rule changed (only text outside rules).", .muted)])
        }
        lines.append([])
        lines.append([Span("\(report.unchanged) rule\(report.unchanged == 1 ? "" : "s") unchanged · annotations carried over · \(close) closes", .muted)])
        return lines
    }
}
