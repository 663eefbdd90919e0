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
            if state.review == nil { state.mode = .welcome }
        } else if state.mode == .welcome {
            state.mode = .browse
        }
        return []

    case .specLoaded(let outline, let select):
        let sameSpec = state.outline?.id == outline.id
        if !sameSpec {
            // Jumps are kept: they may lead back to another spec.
            state.folded = []
            state.lint = [:]
            state.treeScroll = 0
            state.selection = 0
            state.detail = nil
        }
        state.outline = outline
        if state.mode == .welcome { state.mode = .browse }
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
        if !sameSpec || state.lint.isEmpty { effects.append(.lint(spec: outline.id)) }
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
        // An edit reopened after a conflict now saves over the newer revision, knowingly.
        if case .edit(var edit) = state.mode, edit.key == stored.key, edit.overwriteAcknowledged, edit.revision != stored.revision {
            edit.revision = stored.revision
            state.mode = .edit(edit)
        }
        if case .text(var edit) = state.mode, edit.ruleKey == stored.key, edit.overwriteAcknowledged, edit.revision != stored.revision {
            edit.revision = stored.revision
            state.mode = .text(edit)
        }
        return []

    case .ruleSaved(let stored, let summary):
        state.busy = false
        state.savingEdit = nil
        state.savingText = nil
        if var outline = state.outline, let index = outline.rules.firstIndex(where: { $0.key == stored.key }) {
            var updated = RuleOutline(stored)
            updated.line = outline.rules[index].line
            outline.replaceRule(at: index, with: updated)
            state.outline = outline
            state.rebuildRows()
            state.clampScroll()
        }
        if state.detail?.key == stored.key || state.selectedRule?.key == stored.key { state.detail = stored }
        let undo = state.keymap.label(.undo)
        state.message = StatusMessage("\(stored.id): \(summary) · rev \(stored.revision)" + (undo.isEmpty ? "" : " · \(undo) undoes"))
        return refreshHistory(&state, key: stored.key) + selectionEffects(&state)

    case .reversed(let summary):
        state.message = StatusMessage(summary)
        var effects: [Effect] = [.reload]
        if case .history(let view) = state.mode { effects += [.loadHistory(key: view.key)] }
        return effects

    case .historyLoaded(let key, let entries, let blame):
        guard case .history(var view) = state.mode, view.key == key else { return [] }
        view.entries = entries
        view.blame = blame
        view.loading = false
        view.selected = min(view.selected, max(0, entries.count - 1))
        view.changes = nil
        state.mode = .history(view)
        if let revision = entries.indices.contains(view.selected) ? entries[view.selected].revision : nil {
            return [.loadRevision(key: key, revision: revision)]
        }
        return []

    case .revisionLoaded(let key, let revision, let changes):
        guard case .history(var view) = state.mode, view.key == key,
              view.entries.indices.contains(view.selected), view.entries[view.selected].revision == revision else { return [] }
        view.changes = changes
        view.changesRevision = revision
        state.mode = .history(view)
        return []

    case .lintLoaded(let spec, let marks):
        guard state.outline?.id == spec else { return [] }
        state.lint = marks
        state.rebuildRows()
        state.clampScroll()
        return []

    case .reimported(let report):
        state.mode = .changes(ChangesView(title: "What changed in \(report.spec)", lines: ChangeSummary.lines(report)))
        return [.openSpec(report.spec, select: state.selectedRule?.key), .lint(spec: report.spec)]

    case .externalChange(let summary):
        if state.message?.live ?? true { state.message = StatusMessage(summary, live: true) }
        var effects: [Effect] = [.reload]
        if case .history(let view) = state.mode { effects.append(.loadHistory(key: view.key)) }
        // Others' decisions on the pair being reviewed show up at once.
        if state.mode == .review, let view = state.review, let shown = view.current?.stored.id, !view.loading {
            effects.append(.showPair(shown))
        }
        return effects

    case .instantiationSpecLoaded(let spec, let revision):
        guard case .instantiate(var view) = state.mode, view.specID == spec.id else { return [] }
        view.spec = spec
        view.revision = revision
        view.refresh()
        state.mode = .instantiate(view)
        return []

    case .instantiationSaved(let name, let revision):
        if case .instantiate(var view) = state.mode {
            view.savedName = name
            state.mode = .instantiate(view)
        }
        state.message = StatusMessage("Saved as \(name), revision \(revision) · x generates pairs from it")
        return []

    case .generationProgress(let done, let total):
        state.generation = GenerationStatus(done: done, total: total)
        return []

    case .generationFinished(let summary):
        state.generation = nil
        state.message = StatusMessage(summary)
        return []

    case .themeChanged(let name):
        state.themeName = name
        state.message = StatusMessage("Theme: \(name)")
        return []

    case .exportCounted, .exportCountFailed, .exportProgress, .exportFinished:
        return applyExportResult(&state, action)

    case .info(let text):
        state.busy = false
        state.message = StatusMessage(text)
        return []

    case .accessEnded(let text):
        state.message = StatusMessage(text, isError: true)
        return [.quit]

    case .refused(let text), .failed(let text):
        // A refusal for the person's role is no conflict: saving again would be refused
        // again, so nothing offers to save over anyone. Either way what was typed stays open.
        var refused = false
        if case .refused = action { refused = true }
        state.busy = false
        if var view = state.review {
            view.loading = false
            state.review = view
        }
        state.message = StatusMessage(text, isError: true)
        if var edit = state.savingEdit {
            state.savingEdit = nil
            edit.problem = "Not saved: \(text)" + (refused ? "" : " · Enter saves yours over it, Esc keeps theirs")
            edit.overwriteAcknowledged = !refused
            state.mode = .edit(edit)
        }
        if state.savingText != nil { reopenTextAfterFailure(&state, text, canOverwrite: !refused) }
        return []

    case .answerSaved, .answerConflict:
        return applyTextResult(&state, action)

    case .reviewStarted, .reviewPairLoaded, .reviewProgressCounted, .pairDecided, .pairHistoryLoaded, .ruleProgressLoaded:
        return applyReviewResult(&state, action)

    case .key, .resized:
        return []
    }
}

private func refreshHistory(_ state: inout WorkbenchState, key: String) -> [Effect] {
    guard case .history(let view) = state.mode, view.key == key else { return [] }
    return [.loadHistory(key: key)]
}

/// A re-import's report as lines: added, changed (with fields), moved, renamed, removed.
public enum ChangeSummary {
    public static func lines(_ report: ImportReport) -> [StyledLine] {
        var lines: [StyledLine] = []
        if report.changeset == nil {
            return [[Span("The file has not changed since it was last imported; nothing to do.", .muted)]]
        }
        lines.append([Span("Spec \(report.spec) is now at revision \(report.revision)", .heading)])
        lines.append([])
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
        lines.append([Span("\(report.unchanged) rule\(report.unchanged == 1 ? "" : "s") unchanged · annotations carried over · q closes", .muted)])
        return lines
    }
}
