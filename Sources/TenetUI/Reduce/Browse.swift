import TenetSpec
import TenetStore

/// A keymap command in the spec view.
func browse(_ state: inout WorkbenchState, _ command: Command) -> [Effect] {
    let page = max(1, state.bodyHeight - 1)
    switch command {
    case .moveDown: return state.focus == .detail ? scrollDetail(&state, 1) : select(&state, state.selection + 1)
    case .moveUp: return state.focus == .detail ? scrollDetail(&state, -1) : select(&state, state.selection - 1)
    case .pageDown: return state.focus == .detail ? scrollDetail(&state, page) : select(&state, state.selection + page)
    case .pageUp: return state.focus == .detail ? scrollDetail(&state, -page) : select(&state, state.selection - page)
    case .top: return state.focus == .detail ? scrollDetail(&state, -state.detailScroll) : select(&state, 0)
    case .bottom: return state.focus == .detail ? scrollDetail(&state, 100_000) : select(&state, state.rows.count - 1)

    case .toggleFold:
        guard let row = state.selectedRow else { return [] }
        if case .section(let id, _, _, let folded) = row.content { return setFolded(&state, id, !folded) }
        state.focus = .detail
        return []
    case .fold:
        if state.focus == .detail { state.focus = .tree; return [] }
        guard let row = state.selectedRow else { return [] }
        if case .section(let id, _, _, false) = row.content { return setFolded(&state, id, true) }
        // On a rule or a folded section: go to the enclosing section.
        if let parent = state.rows[..<state.selection].lastIndex(where: {
            if case .section = $0.content { return $0.depth < row.depth }
            return false
        }) { return select(&state, parent) }
        return []
    case .unfold:
        guard let row = state.selectedRow else { return [] }
        if case .section(let id, _, _, true) = row.content { return setFolded(&state, id, false) }
        if case .rule = row.content { state.focus = .detail }
        return []
    case .foldAll:
        guard let outline = state.outline else { return [] }
        let all = Set(RuleTree.allSectionIDs(outline.sections))
        var keep = state.selectedRow?.identity
        let folding = !state.folded.isSuperset(of: all)
        if folding {
            // The selection moves to the top-level section that holds it.
            let section: String? = {
                if case .section(let id, _, _, _)? = state.selectedRow?.content { return id }
                return state.selectedRule.flatMap(outline.section(of:))
            }()
            if let top = section.flatMap(outline.sectionPath)?.first { keep = "§" + top }
        }
        state.folded = folding ? all : []
        state.rebuildRows(keep: keep)
        state.clampScroll()
        return selectionEffects(&state)
    case .switchPane:
        state.focus = state.focus == .tree ? .detail : .tree
        return []

    case .followReference:
        guard let detail = state.selectedDetail else { return needRule(&state) }
        let references = detail.record.source.references
        if references.isEmpty {
            state.message = StatusMessage("\(detail.id) has no cross references", isError: true)
            return []
        }
        if references.count == 1 { return follow(&state, references[0]) }
        let keys = Array("123456789abcdefghijklmnopqrstuvwxyz")
        state.push(.menu(Menu(title: "Follow which reference?", ruleKey: detail.key, items: zip(keys, references).map {
            Menu.Item(key: $0, label: $1, choice: .reference($1))
        })))
        return []
    case .jumpBack:
        guard let back = state.jumps.popLast() else {
            state.message = StatusMessage("Nothing to go back to", isError: true)
            return []
        }
        return goTo(&state, back, remember: false)

    case .search:
        state.push(.prompt(Prompt(kind: .search, editor: LineEditor(), origin: state.selectedRow?.identity)))
        return []
    case .nextMatch, .previousMatch:
        guard let query = state.search else {
            state.message = StatusMessage("No search yet · \(keyName(state, .search)) searches", isError: true)
            return []
        }
        return findMatch(&state, query, forward: command == .nextMatch, includeCurrent: false)
    case .cycleFilter:
        return setFilter(&state, state.filter.next)
    case .commandLine:
        state.push(.prompt(Prompt(kind: .command, editor: LineEditor(), origin: nil)))
        return []

    case .setSafety, .setBehavioral, .clearKind:
        guard let rule = state.selectedRule else { return needRule(&state) }
        var change = AnnotationChange()
        let summary: String
        switch command {
        case .setSafety: change.kind = .safety; summary = "kind → safety"
        case .setBehavioral: change.kind = .behavioral; summary = "kind → behavioral"
        default: change.clear = ["kind"]; summary = "kind → as in the file"
        }
        if command != .clearKind, change.kind == rule.kind, state.selectedDetail?.record.annotations.kind == rule.kind {
            state.message = StatusMessage("\(rule.id) is already \(rule.kind.rawValue)")
            return []
        }
        return [.annotate(key: rule.key, change: change, expectedRevision: rule.revision, summary: summary)]
    case .cycleDirection:
        guard let rule = state.selectedRule else { return needRule(&state) }
        guard let detail = state.selectedDetail else { return [] }
        let file = detail.record.source.direction
        var change = AnnotationChange()
        let next: Direction?
        switch detail.record.annotations.direction {
        case nil: next = file == .require ? .prohibit : .require
        case .require?: next = file == .prohibit ? nil : .prohibit
        case .prohibit?: next = nil
        }
        if let next { change.direction = next } else { change.clear = ["direction"] }
        return [.annotate(key: rule.key, change: change, expectedRevision: rule.revision,
                          summary: "direction → \(next?.rawValue ?? "as in the file (\(file?.rawValue ?? "none"))")")]
    case .editRationale:
        return openRationaleEditor(&state)
    case .annotate:
        guard state.selectedRule != nil else { return needRule(&state) }
        state.push(.menu(Menu(title: "Edit which annotation?", ruleKey: state.selectedRule?.key, items: AnnotationField.allCases.map {
            Menu.Item(key: $0.menuKey, label: $0.label, choice: .field($0))
        })))
        return []
    case .addExample:
        guard let rule = state.selectedRule else { return needRule(&state) }
        return state.usesExternalEditor ? [.editExample(key: rule.key, number: nil)] : openExampleEditor(&state, number: nil)
    case .editExample:
        guard let rule = state.selectedRule, let detail = state.selectedDetail else { return needRule(&state) }
        let fromFile = detail.record.source.examples.count
        let added = detail.record.annotations.examples
        if added.isEmpty {
            state.message = StatusMessage("No examples added in Tenet yet · \(keyName(state, .addExample)) adds one · the file's own are edited with \(keyName(state, .editSpec))", isError: true)
            return []
        }
        if added.count == 1 {
            return state.usesExternalEditor ? [.editExample(key: rule.key, number: fromFile + 1)] : openExampleEditor(&state, number: fromFile + 1)
        }
        let keys = Array("123456789abcdefghijklmnopqrstuvwxyz")
        state.push(.menu(Menu(title: "Edit which example?", ruleKey: rule.key, items: zip(keys, added.enumerated()).map { key, item in
            Menu.Item(key: key, label: "\(fromFile + item.offset + 1) \(item.element.verdict.rawValue) \(item.element.title)",
                      choice: .example(fromFile + item.offset + 1))
        })))
        return []
    case .editSpec:
        if state.served { return refuseInServedSession(&state, .editSpecFile) }
        guard let outline = state.outline else { return [] }
        var line = state.selectedDetail?.lines?.first ?? state.selectedRule?.line ?? 1
        if case .section(let id, _, _, _)? = state.selectedRow?.content, let section = findSection(outline.sections, id) {
            line = section.line
        }
        return [.editSpecSource(spec: outline.id, line: line)]
    case .undo: return [.undo]
    case .redo: return [.redo]
    case .suggestions: return openSuggestions(&state)

    case .history:
        guard let rule = state.selectedRule else { return needRule(&state) }
        state.push(.history(HistoryView(key: rule.key, ruleID: rule.id)))
        return [.loadHistory(key: rule.key)]
    case .help:
        state.push(.help(scroll: 0))
        return []
    case .quit, .back:
        if !state.isSplit && state.focus == .detail {
            state.focus = .tree
            return []
        }
        return requestQuit(&state)
    case .instantiate:
        return openInstantiation(&state)
    case .review:
        return [.openReview(QueueFilter(spec: state.outline?.id), home: false)]
    case .export:
        return openExport(&state)
    case .evaluation:
        return openEvaluation(&state, run: nil)
    case .toggleBlame, .nextSeed, .previousSeed, .moreRules, .fewerRules, .cycleCoverage, .cycleSafetyShare,
         .toggleFormat, .toggleUnclassified, .saveInstantiation, .generate, .stopGeneration,
         .accept, .reject, .skip, .flag, .swap, .editAnswer, .nextPair, .previousPair, .toggleBlind, .preferA, .preferB, .tie, .toggleRule, .filterQueue, .ruleProgress,
         .changeOption, .runExport, .stopExport, .saveText, .cancelText, .undoText, .redoText, .acceptSuggestion, .rejectSuggestion,
         .keepMine, .keepTheirs, .editAgain, .yes, .no, .openItem, .failureExample, .failurePair:
        return []
    }
}

func needRule(_ state: inout WorkbenchState) -> [Effect] {
    state.message = StatusMessage("Select a rule first (this is a section)", isError: true)
    return []
}

/// Moves the tree selection; loads the rule it lands on.
func select(_ state: inout WorkbenchState, _ index: Int) -> [Effect] {
    guard !state.rows.isEmpty else { return [] }
    let previous = state.selectedRow?.identity
    state.selection = min(max(0, index), state.rows.count - 1)
    state.clampScroll()
    guard state.selectedRow?.identity != previous else { return [] }
    return selectionEffects(&state)
}

/// After the selection changed: reset the detail scroll and load the rule.
func selectionEffects(_ state: inout WorkbenchState) -> [Effect] {
    state.detailScroll = 0
    guard let rule = state.selectedRule, state.detail?.key != rule.key || state.detail?.revision != rule.revision else { return [] }
    return [.loadDetail(rule.key)]
}

func scrollDetail(_ state: inout WorkbenchState, _ delta: Int) -> [Effect] {
    state.detailScroll = min(max(0, state.detailScroll + delta), state.detailScrollLimit)
    return []
}

func setFolded(_ state: inout WorkbenchState, _ id: String, _ folded: Bool) -> [Effect] {
    if folded { state.folded.insert(id) } else { state.folded.remove(id) }
    state.rebuildRows()
    state.clampScroll()
    return []
}

func setFilter(_ state: inout WorkbenchState, _ filter: RuleFilter) -> [Effect] {
    state.filter = filter
    state.rebuildRows()
    state.clampScroll()
    let shown = state.rows.filter { if case .rule = $0.content { return true } else { return false } }.count
    state.message = StatusMessage("Filter: \(filter.label) · \(shown) rule\(shown == 1 ? "" : "s")" + (filter == .all ? "" : " · \(keyName(state, .cycleFilter)) for the next filter"))
    return selectionEffects(&state)
}

func findSection(_ sections: [Section], _ id: String) -> Section? {
    for section in sections {
        if section.id == id { return section }
        if let found = findSection(section.sections, id) { return found }
    }
    return nil
}

/// Follows a cross reference, remembering where from.
func follow(_ state: inout WorkbenchState, _ id: String) -> [Effect] {
    goTo(&state, id, remember: true)
}

/// Selects a rule or section of the current spec by key or ID, unfolding and clearing
/// the filter as needed; anything else is looked up in the whole project.
func goTo(_ state: inout WorkbenchState, _ target: String, remember: Bool) -> [Effect] {
    // Jumps remember sections as "§ID".
    let reference = target.hasPrefix("§") ? String(target.dropFirst()) : target
    guard let outline = state.outline else { return [.goTo(reference)] }
    let from = state.selectedRow?.identity
    var target: String?
    if let index = outline.ruleIndex(reference) {
        let rule = outline.rules[index]
        target = rule.key
        if let section = outline.section(of: rule), let path = outline.sectionPath(section) { state.folded.subtract(path) }
        if !state.filter.admits(rule, lint: state.lint) { state.filter = .all }
    } else if let path = outline.sectionPath(reference) {
        target = "§" + reference
        state.folded.subtract(path.dropLast())
        if state.filter != .all { state.filter = .all }
    }
    guard let target else {
        if remember, let from { state.jumps.append(from) }
        return [.goTo(reference)]
    }
    state.rebuildRows(keep: target)
    state.clampScroll()
    if remember, let from, from != target { state.jumps.append(from) }
    return selectionEffects(&state)
}

/// Starts editing an annotation of the selected rule in place.
func startEdit(_ state: inout WorkbenchState, _ field: AnnotationField) -> [Effect] {
    guard let rule = state.selectedRule else { return needRule(&state) }
    guard let detail = state.selectedDetail else {
        state.message = StatusMessage("Still loading \(rule.id); try again", isError: true)
        return []
    }
    state.push(.edit(FieldEdit(field: field, key: rule.key, ruleID: rule.id, revision: detail.revision,
                               text: field.text(of: detail.record.effective))))
    return []
}
