import TenetSpec
import TenetStore

/// The review screen: the prompt, the two answers (side by side when wide, stacked when
/// narrow, each scrolling on its own), the targeted rule, and the decisions so far.
enum ReviewScreen {
    /// Below this width the answers are stacked.
    static let sideBySideWidth = 100

    static func draw(_ view: ReviewView, state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        guard rect.height >= 3 else { return }
        var body = rect
        // An entry open over the review takes the bottom two rows.
        if case .reviewEntry = state.top { body.height -= 2 }
        header(view, into: &buffer, rect: body, theme: theme)
        let inner = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        if let rules = view.ruleProgress {
            var lines: [StyledLine] = [[Span("Progress per rule", .heading), Span("  finished / all pairs · by status", .muted)]]
            let width = min(48, rules.keys.map(\.count).max() ?? 10)
            for (rule, counts) in rules.sorted(by: { $0.key < $1.key }) {
                let total = counts.values.reduce(0, +)
                let finished = counts.filter { PairStatus(rawValue: $0.key)?.isFinished == true }.values.reduce(0, +)
                let share = total == 0 ? 0 : finished * 10 / total
                let bar = String(repeating: "█", count: share) + String(repeating: "·", count: 10 - share)
                let detail = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " · ")
                lines.append([Span(rule.padding(toLength: width, withPad: " ", startingAt: 0) + " ", .ruleID), Span(bar + " ", .accepted),
                              Span("\(finished)/\(total)  ", .strong), Span(detail, .muted)])
            }
            if rules.isEmpty { lines.append([Span("No pairs name a rule.", .muted)]) }
            drawList(lines, scroll: 0, into: &buffer, rect: inner, theme: theme, scrollHint: state.keymap.name(.ruleProgress) + " closes")
            return
        }
        guard let review = view.current else {
            // A pair you decided is never served to you again, whatever the filter asks for
            // (`status=accepted` found "nothing left" with no word why); p goes back to one.
            let leave = state.atBottom ? state.keymap.name(.quit) + " quits" : state.keymap.name(.back) + " goes back"
            let lines: [StyledLine] = view.finished
                ? [[Span(view.progress?.total == 0 ? "No pairs here" : "Nothing left to review here", .heading)],
                   [Span(progressText(view.progress), .muted)]]
                  + Wrap.lines([Span(emptyQueueReason(view, state) + " \(state.keymap.name(.filterQueue)) changes the filter · \(leave).", .text)],
                               width: max(10, inner.width - 4))
                : [[Span("Loading…", .muted)]]
            for (i, line) in lines.enumerated() where i < inner.height {
                buffer.write(line, x: inner.x + 2, y: inner.y + 1 + i, theme: theme, limit: inner.width - 4)
            }
            return
        }
        if let history = view.history {
            var lines: [StyledLine] = [[Span("History of \(review.stored.id)", .heading)]]
            for entry in history {
                lines.append([Span("r\(entry.revision ?? 0) ", .count), Span(entry.time + "  ", .muted), Span(entry.author, .strong),
                              Span("  " + entry.message), Span(entry.fields.map { "  (" + $0.joined(separator: ", ") + ")" } ?? "", .muted)])
            }
            drawList(lines, scroll: 0, into: &buffer, rect: inner, theme: theme, scrollHint: state.keymap.name(.history) + " closes")
            return
        }
        let cardLines = ruleCard(view, review, width: inner.width - 2)
        // The card (decisions, checks) gives way first in a very small window: the answers are
        // what a decision needs.
        let cardHeight = view.showRule || inner.height < 10 ? 0 : min(cardLines.count, max(2, inner.height / 4))
        var main = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - cardHeight)
        if view.showRule {
            let lines = view.rules.flatMap { RuleDetail.lines($0, lint: [], width: inner.width - 2) + [[]] }
            drawList(lines.isEmpty ? [[Span("The pair names no rule in this project.", .muted)]] : lines,
                     scroll: view.ruleScroll, into: &buffer, rect: inner, theme: theme, scrollHint: state.keymap.scrollHint + " · \(state.keymap.name(.toggleRule)) back to the answers")
            return
        }
        // The prompt: up to a third of the space; the answers get the rest.
        let promptWidth = main.width - 2
        // With room for two lines of it or fewer, each turn's role goes on the line of its
        // text: at 40×12 the pane showed "user" and no prompt at all.
        let compact = max(2, main.height / 3) <= 3
        let promptAll = promptLines(review.stored.pair.prompt, width: promptWidth, limit: (view.scroll[.prompt] ?? 0) + main.height, compact: compact)
        // The answers keep a title and a line each, whatever the prompt wants: at 30×8 the
        // prompt took the rows and the answers showed titles alone ("1–0/334"), while a and
        // x still decided. With no room left for the prompt's title and a line of it, the
        // prompt is left out until the window grows.
        let answersNeed = main.width >= sideBySideWidth ? 2 : 4
        var promptHeight = min(promptAll.lines.count + 1, max(2, main.height / 3), max(0, main.height - answersNeed))
        if promptHeight < 2 { promptHeight = 0 }
        let promptRect = Rect(x: main.x, y: main.y, width: main.width, height: promptHeight)
        pane(title: [Span("Prompt", .heading)], lines: promptAll.lines, more: promptAll.more, scroll: view.scroll[.prompt] ?? 0,
             focused: view.focus == .prompt, into: &buffer, rect: promptRect, theme: theme)
        main.y += promptHeight
        main.height -= promptHeight

        let (first, second) = answers(view, review)
        if main.width >= sideBySideWidth {
            let half = main.width / 2
            answerPane(first, view: view, into: &buffer, rect: Rect(x: main.x, y: main.y, width: half, height: main.height), theme: theme)
            for y in main.y..<main.maxY { buffer.write("│", x: main.x + half, y: y, style: theme[.border]) }
            answerPane(second, view: view, into: &buffer, rect: Rect(x: main.x + half + 1, y: main.y, width: main.width - half - 1, height: main.height), theme: theme)
        } else {
            let top = main.height / 2
            answerPane(first, view: view, into: &buffer, rect: Rect(x: main.x, y: main.y, width: main.width, height: top), theme: theme)
            answerPane(second, view: view, into: &buffer, rect: Rect(x: main.x, y: main.y + top, width: main.width, height: main.height - top), theme: theme)
        }
        for (i, line) in cardLines.prefix(cardHeight).enumerated() {
            buffer.write(line, x: inner.x + 1, y: inner.maxY - cardHeight + i, theme: theme, limit: inner.width - 2)
        }
    }

    /// One answer as a pane shows it.
    struct Answer {
        var title: StyledLine
        var text: String
        var original: String?
        var pane: ReviewView.Pane
    }

    /// The two answers in the order shown: chosen then rejected, or A and B when blind.
    static func answers(_ view: ReviewView, _ review: PairReview) -> (Answer, Answer) {
        let pair = review.stored.pair
        let chosenEdited = review.chosenEdited, rejectedEdited = review.rejectedEdited
        var chosen = Answer(title: [Span("✓ CHOSEN", .accepted, extra: .bold)], text: pair.chosen,
                            original: chosenEdited ? review.chosenAsGenerated : nil, pane: .chosen)
        var rejected = Answer(title: [Span("✗ REJECTED", .rejected, extra: .bold)], text: pair.rejected,
                              original: rejectedEdited ? review.rejectedAsGenerated : nil, pane: .rejected)
        if chosenEdited { chosen.title.append(Span("  edited: − original + now", .muted)) }
        if rejectedEdited { rejected.title.append(Span("  edited: − original + now", .muted)) }
        guard view.blind else { return (chosen, rejected) }
        // Blind: no labels and no edit marks that would give the order away.
        let a = view.blindSwapped ? rejected : chosen, b = view.blindSwapped ? chosen : rejected
        return (Answer(title: [Span("A", .heading, extra: .bold), Span("  (1 if A is better)", .muted)], text: a.text, original: nil, pane: .chosen),
                Answer(title: [Span("B", .heading, extra: .bold), Span("  (2 if B is better · 0 a tie)", .muted)], text: b.text, original: nil, pane: .rejected))
    }

    private static func answerPane(_ answer: Answer, view: ReviewView, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let width = rect.width - 2
        let limit = (view.scroll[answer.pane] ?? 0) + rect.height
        var lines: [StyledLine] = []
        var more = false
        if let original = answer.original,
           let diff = LineDiff.lines(Reflow.lines(original).joined(separator: "\n"), Reflow.lines(answer.text).joined(separator: "\n")) {
            for line in diff {
                let (mark, text, role): (String, String, Role) = switch line {
                case .same(let text): ("  ", text, .text)
                case .removed(let text): ("− ", text, .diffRemove)
                case .added(let text): ("+ ", text, .diffAdd)
                }
                lines += Wrap.textLine(text, role: role, width: width, prefix: [Span(mark, role)])
                if lines.count > limit { more = true; break }
            }
        } else {
            (lines, more) = textLines(answer.text, width: width, limit: limit)
        }
        pane(title: answer.title, lines: lines, more: more, scroll: view.scroll[answer.pane] ?? 0,
             focused: view.focus == answer.pane, into: &buffer, rect: rect, theme: theme)
    }

    /// A titled, scrolling block of lines. The title row says where the view is.
    private static func pane(title: StyledLine, lines: [StyledLine], more: Bool, scroll: Int, focused: Bool,
                             into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        guard rect.height >= 1, rect.width >= 4 else { return }
        var heading = title
        if focused { heading.insert(Span("▸ ", .hintKey), at: 0) } else { heading.insert(Span("  "), at: 0) }
        let height = rect.height - 1
        let first = max(0, min(scroll, max(0, lines.count - height)))
        if first > 0 || more || lines.count > height {
            let last = min(lines.count, first + height)
            heading.append(Span("  \(first + 1)–\(last)\(more ? "+" : "/\(lines.count)")", .muted))
        }
        buffer.write(heading, x: rect.x, y: rect.y, theme: theme, limit: rect.width)
        for (i, line) in lines.dropFirst(first).prefix(height).enumerated() {
            buffer.write(line, x: rect.x + 1, y: rect.y + 1 + i, theme: theme, limit: rect.width - 2)
        }
    }

    /// Text wrapped to a width, line by line, stopping once `limit` lines are made (a
    /// 10,000-line answer is wrapped only as far as the screen shows).
    static func textLines(_ text: String, width: Int, limit: Int, role: Role = .text) -> ([StyledLine], Bool) {
        var out: [StyledLine] = []
        for paragraph in Reflow.lines(text) {
            if out.count > limit { return (out, true) }
            out += paragraph.isEmpty ? [[]] : Wrap.textLine(paragraph, role: role, width: width)
        }
        return (out, false)
    }

    private static func promptLines(_ turns: [Turn], width: Int, limit: Int, compact: Bool = false) -> (lines: [StyledLine], more: Bool) {
        var out: [StyledLine] = []
        for turn in turns {
            if compact {
                let (lines, more) = textLines(turn.role + ": " + turn.content, width: width, limit: limit - out.count)
                out += lines
                if more || out.count > limit { return (out, true) }
                continue
            }
            out.append([Span(turn.role, turn.role == "user" ? .strong : .muted, extra: .bold)])
            let (lines, more) = textLines(turn.content, width: width - 2, limit: limit - out.count)
            out += lines.map { [Span("  ")] + $0 }
            if more || out.count > limit { return (out, true) }
        }
        return (out, false)
    }

    private static func header(_ view: ReviewView, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let progress = progressText(view.progress)
        var spans: StyledLine = []
        if let review = view.current {
            let pair = review.stored.pair
            spans = [Span(review.stored.id, .ruleID), Span(" r\(review.stored.revision) ", .muted),
                     Span(review.stored.status, statusRole(review.stored.status), extra: .bold)]
            if review.swapped && !view.blind { spans.append(Span(" swapped", .flagged)) }
            if let strategy = pair.strategy { spans.append(Span(" · \(strategy)", .muted)) }
            spans.append(Span(" · \(pair.provenance.generator)\(pair.provenance.model.map { " \($0)" } ?? "")", .muted))
            if view.blind { spans.append(Span("  BLIND", .heading, extra: .bold)) }
        } else {
            spans = [Span("Review", .heading)]
        }
        let filter = view.filter
        if filter.status != PairStatus.pending.rawValue || filter.rule != nil || filter.strategy != nil || filter.generator != nil
            || !(filter.text ?? "").isEmpty {
            spans.append(Span("  [" + filter.summary + "]", .match))
        }
        let width = DisplayWidth.of(progress)
        // Cut short, it ends in "…" (a search cut mid-word read as the search).
        let limit = max(0, rect.width - width - 3)
        buffer.write(spans, x: rect.x + 1, y: rect.y, theme: theme, limit: limit, ellipsis: true)
        if rect.width > width + 20 { buffer.write(progress, x: rect.maxX - width - 1, y: rect.y, style: theme[.muted]) }
    }

    /// Why the queue serves nothing, by what the count says (pairs of every status): no
    /// pair under the filter at all (a search that matches none, a spec with no pairs
    /// yet), or pairs there that are not for this person now.
    static func emptyQueueReason(_ view: ReviewView, _ state: WorkbenchState) -> String {
        guard view.progress?.total == 0 else {
            return "Every pair under this filter has its reviews, is reserved by someone else, or was decided by you: the queue "
                + "does not serve you a pair again (\(state.keymap.name(.previousPair)) goes back to the last one)."
        }
        if let text = view.filter.text, !text.isEmpty {
            return "No pair under this filter contains “\(text)” in its prompt or answers; \(state.keymap.name(.search)) searches again."
        }
        let whose = view.filter.rule ?? view.filter.spec
        let narrowed = view.filter.strategy != nil || view.filter.generator != nil
        return "There are no pairs\(whose.map { " of " + $0 } ?? "")\(narrowed ? " under this filter" : "") yet: make some from an "
            + "instance (\(state.keymap.name(.instantiate)) on a spec, then generate), or import them (tenet import pairs FILE)."
    }

    static func progressText(_ progress: QueueProgress?) -> String {
        guard let progress else { return "" }
        let share = progress.total == 0 ? 0 : progress.decidedByMe * 10 / progress.total
        let bar = String(repeating: "█", count: share) + String(repeating: "·", count: 10 - share)
        return "\(bar) you \(progress.decidedByMe)/\(progress.total) · done \(progress.finished.map(String.init) ?? "…")"
    }

    private static func statusRole(_ status: String) -> Role {
        switch status {
        case "accepted", "edited": return .accepted
        case "rejected": return .rejected
        case "flagged", "disputed": return .flagged
        default: return .pending
        }
    }

    /// The targeted rules in brief, the decisions so far, and warnings.
    private static func ruleCard(_ view: ReviewView, _ review: PairReview, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = [[Span(String(repeating: "─", count: max(0, width)), .border)]]
        if !review.staleRules.isEmpty {
            lines += Wrap.lines([Span("Rule changed since review: \(review.staleRules.joined(separator: ", ")) — decide again", .lintWarning)], width: width)
        }
        if let reopened = review.reopened {
            lines += Wrap.lines([Span("Reopened by \(reopened.by): \(reopened.reason)", .flagged)], width: width)
        }
        var decided: StyledLine = [Span("decisions: ", .muted)]
        if review.decisions.isEmpty && review.hiddenDecisions == 0 { decided.append(Span("none yet", .muted)) }
        for (name, decision) in review.decisions.sorted(by: { $0.key < $1.key }) {
            decided.append(Span(name + " ", .strong))
            decided.append(Span(decision.decision.rawValue + (decision.note.map { " (\($0))" } ?? "") + "  ", decisionRole(decision.decision)))
        }
        if review.hiddenDecisions > 0 { decided.append(Span("+\(review.hiddenDecisions) hidden", .muted)) }
        if !view.recent.isEmpty {
            decided.append(Span("  recent: " + view.recent.reversed().map { "\($0.pair.prefix(10)) \($0.decision)" }.joined(separator: " · "), .muted))
        }
        lines.append(decided)
        if !view.blind, let checked = checkLine(review.stored.pair.provenance) { lines += Wrap.lines(checked, width: width) }
        for rule in view.rules {
            let effective = rule.record.effective
            lines += Wrap.lines([RuleDetail.kindBadge(effective.kind), Span(" " + effective.id, .ruleID), Span(" " + effective.text)], width: width)
            if let rationale = effective.rationale { lines += Wrap.lines([Span("why: " + rationale, .muted)], width: width) }
        }
        if view.rules.isEmpty {
            let named = review.stored.pair.rules
            lines.append([Span(named.isEmpty ? "No rule named by this pair" : "Rules: " + named.joined(separator: ", ") + " (not in this project)", .muted)])
        }
        return lines
    }

    /// What the quality gates found, for a generated pair: the failed gate and its reason
    /// (a pair kept with `--keep-failed`), or that it passed. Hidden in blind mode, since
    /// the reasons name which answer is which.
    static func checkLine(_ provenance: Provenance) -> StyledLine? {
        guard let verdict = provenance.judge else { return nil }
        if let failed = provenance.checks?.firstFailure {
            return [Span("failed \(failed.gate.rawValue) (\(failed.by)): ", .flagged, extra: .bold), Span(failed.reason, .flagged)]
        }
        if verdict.hasPrefix("FAIL") { return [Span("judge: ", .flagged, extra: .bold), Span(verdict, .flagged)] }
        return [Span("checks: ", .muted), Span(verdict, .muted)]
    }

    private static func decisionRole(_ decision: Decision) -> Role {
        switch decision {
        case .accept: return .accepted
        case .reject: return .rejected
        case .flag: return .flagged
        case .skip, .tie: return .pending
        }
    }

    /// The entry over the review, on the bottom two rows of the body.
    static func drawEntry(_ entry: ReviewEntry, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let y = rect.maxY - 2
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 2), style: theme[.text])
        buffer.write(String(repeating: "─", count: rect.width), x: rect.x, y: y, style: theme[.border])
        switch entry.kind {
        case .whichAnswer:
            buffer.write([Span(" Edit which answer? ", .heading), Span("c", .hintKey), Span(" chosen  "), Span("r", .hintKey), Span(" rejected  "),
                          Span("Esc", .hintKey), Span(" cancel")], x: rect.x, y: y + 1, theme: theme, limit: rect.width)
        case .flagReason, .documentFlag:
            EntryField.draw(label: " Flag — why (optional): ", editor: entry.editor, x: rect.x, y: y + 1, width: rect.width, into: &buffer, theme: theme)
        case .search:
            EntryField.draw(label: " Pairs containing (empty: all): ", editor: entry.editor, x: rect.x, y: y + 1, width: rect.width, into: &buffer, theme: theme)
        case .filter:
            EntryField.draw(label: " Filter (status= rule= strategy= generator=): ", editor: entry.editor, x: rect.x, y: y + 1,
                            width: rect.width, into: &buffer, theme: theme)
        }
    }
}
