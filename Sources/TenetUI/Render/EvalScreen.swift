import Foundation
import TenetSpec
import TenetStore

/// The evaluation screen, level by level: the runs; a run's scores (as `tenet eval show`
/// prints them) with per-rule bars worst first; a rule's failing responses with the
/// judge's reasons; one response in full. Every text from a model, a spec or a person
/// passes through ``SafeText``.
enum EvalScreen {
    static func draw(_ view: EvalView, state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        let width = rect.width - 2
        let (lines, selected): ([StyledLine], Int?)
        switch view.level {
        case .runs: (lines, selected) = runLines(view, width: width)
        case .summary: (lines, selected) = summaryLines(view, width: width)
        case .failures: (lines, selected) = failureLines(view, width: width)
        case .response:
            drawList(responseLines(view, width: width), scroll: view.scroll, into: &buffer, rect: rect, theme: theme, scrollHint: state.keymap.scrollHint)
            return
        }
        // The selected line stays in view: the list scrolls as the selection moves.
        let height = max(1, rect.height - (lines.count > rect.height ? 1 : 0))
        let scroll = selected.map { max(0, $0 - height + 2) } ?? 0
        drawList(lines, scroll: scroll, into: &buffer, rect: rect, theme: theme, scrollHint: state.keymap.scrollHint)
    }

    /// Four decimals, or `not scored`, as `tenet eval show` prints them (``EvalFigures``).
    static func number(_ value: Double?) -> String { EvalFigures.number(value) }

    static func interval(_ value: Bootstrap.Interval) -> String { EvalFigures.interval(value) }

    /// `text` cut to `width` cells on one line, control characters made visible.
    static func cell(_ text: String, _ width: Int) -> String {
        let safe = SafeText.visible(text)
        guard width > 0 else { return "" }
        if DisplayWidth.of(safe) <= width { return safe + String(repeating: " ", count: width - DisplayWidth.of(safe)) }
        var out = ""
        for character in safe {
            if DisplayWidth.of(out + String(character)) > width - 1 { break }
            out.append(character)
        }
        return out + "…" + String(repeating: " ", count: max(0, width - DisplayWidth.of(out) - 1))
    }

    private static func marker(_ selected: Bool) -> Span { Span(selected ? "▸ " : "  ", .hintKey) }

    /// The runs, newest first: name, model, method, protocol, prompts done, SAR with interval, when it last changed.
    static func runLines(_ view: EvalView, width: Int) -> ([StyledLine], Int?) {
        var lines: [StyledLine] = [[Span("Evaluation runs", .heading), Span(" · newest first", .muted)], []]
        guard let runs = view.runs else { return (lines + [[Span("loading the runs…", .muted)]], nil) }
        guard !runs.isEmpty else {
            return (lines + Wrap.lines([Span("No evaluation runs in this project yet. tenet eval run --help says how to start one.", .muted)], width: width), nil)
        }
        let wide = width >= 110
        let nameWidth = wide ? 18 : 13, modelWidth = wide ? 18 : 12
        var header = "  " + cell("run", nameWidth) + " " + cell("model", modelWidth) + " " + cell("method", 7) + " "
        if wide { header += cell("protocol", 10) + " " }
        header += cell("done", 9) + " " + cell("SAR [95 % CI]", 24)
        if wide { header += " " + cell("changed", 20) }
        lines.append([Span(header, .muted)])
        var selectedLine: Int?
        for (index, run) in runs.enumerated() {
            let stored = run.stored
            let selected = index == view.runSelected
            if selected { selectedLine = lines.count }
            let done = "\(stored.results)/\(stored.run.promptCount)"
            var spans: StyledLine = [marker(selected), Span(cell(stored.name, nameWidth) + " ", selected ? .selection : .ruleID),
                                     Span(cell(stored.run.model, modelWidth) + " " + cell(stored.run.method.rawValue, 7) + " ", .text)]
            if wide { spans.append(Span(cell(stored.run.protocol.rawValue, 10) + " ", .muted)) }
            spans.append(Span(cell(done, 9) + " ", stored.run.status == .finished ? .text : .pending))
            spans.append(Span(cell(run.sar.map(interval) ?? (run.counted ? EvalFigures.notScored : "counting…"), 24), .count))
            if wide { spans.append(Span(" " + cell(run.changed, 20), .muted)) }
            lines.append(spans)
        }
        lines.append([])
        if let run = view.selectedRun {
            let stored = run.stored.run
            lines += Wrap.lines([Span("\(run.stored.shownStatus)" + (stored.note.map { " (\(SafeText.visible($0)))" } ?? "")
                                      + " · spec \(SafeText.visible(stored.spec)) r\(stored.specRevision) · instance \(SafeText.visible(stored.instantiation))"
                                      + " · prompts \(SafeText.visible(stored.promptSet)) r\(stored.promptSetRevision) · judge \(SafeText.visible(stored.judgeModel)) (\(stored.protocol.rawValue))",
                                      .muted)], width: width)
        }
        return (lines, selectedLine)
    }

    /// A bar of `share` (0…1) in `width` cells.
    static func bar(_ share: Double, width: Int) -> String {
        let cells = max(0, min(width, Int((share * Double(width)).rounded())))
        return String(repeating: "█", count: cells) + String(repeating: "░", count: width - cells)
    }

    /// The run's scores, cost per stage, then a bar per rule (violation rate, NA rate), worst first.
    static func summaryLines(_ view: EvalView, width: Int) -> ([StyledLine], Int?) {
        guard let loaded = view.summary else {
            return ([[Span("Run ", .heading), Span(SafeText.visible(view.run ?? ""), .ruleID)], [], [Span("loading the run's results…", .muted)]], nil)
        }
        let run = loaded.stored.run, summary = loaded.summary
        var method = run.method.rawValue
        if run.method == .align3 { method += run.align3Variant == .multiTurn ? " (multi-turn)" : " (prefill)" }
        var lines: [StyledLine] = [[Span("Run ", .heading), Span(SafeText.visible(run.name), .ruleID),
                                    Span(" · \(SafeText.visible(run.model)) · \(method) · \(loaded.stored.shownStatus)", .muted)]]
        lines += Wrap.lines([Span(EvalFigures.progress(summary) + " · judge \(SafeText.visible(run.judgeModel)) (\(run.protocol.rawValue))"
                                  + " · spec \(SafeText.visible(run.spec)) r\(run.specRevision)", .muted)], width: width)
        lines.append([])
        let column = width >= 100 ? 27 : 20
        // "unlabelled" is ten letters: the group column is wider, or it runs into n.
        lines.append([Span("  " + cell("group", 12) + cell("n", 6) + cell("SAR", column) + cell("safety", column) + "behavioral", .muted)])
        for group in summary.groups {
            // Narrow: two decimals, still the interval's own bounds ("±" half its width
            // implied a lower bound below 0 for an interval of [0, 0.30]).
            let format = { (i: Bootstrap.Interval) in
                column >= 27 || i.count == 0 ? interval(i) : String(format: "%.2f [%.2f,%.2f]", i.mean, i.low, i.high)
            }
            lines.append([Span("  " + cell(group.group, 12) + cell("\(group.sar.count)", 6), .text),
                          Span(cell(format(group.sar), column), .count), Span(cell(format(group.safety), column) + format(group.behavioral), .text)])
        }
        if !summary.stages.isEmpty {
            lines.append([])
            lines.append([Span("  " + cell("stage", 12) + cell("requests", 10) + cell("prompt tok", 12) + cell("compl. tok", 12) + cell("seconds", 10) + "s/prompt", .muted)])
            for stage in summary.stages {
                lines.append([Span("  " + cell(stage.stage, 12) + cell("\(stage.requests)", 10) + cell("\(stage.promptTokens)", 12)
                                   + cell("\(stage.completionTokens)", 12) + cell(String(format: "%.1f", stage.seconds), 10)
                                   + String(format: "%.3f", stage.meanSeconds), .text)])
            }
        }
        lines.append([])
        let ruleWidth = max(10, min(28, width / 4))
        let barWidth = max(6, min(24, (width - ruleWidth - 34) / 2))
        lines.append([Span("  " + cell("rule (worst first)", ruleWidth) + " " + cell("kind", 11) + cell("violation", barWidth + 8) + cell("NA", barWidth + 8) + "NO", .muted)])
        var selectedLine: Int?
        // A rate cell is seven wide: a rule over no scored response shows a dash there (the
        // group line above says `not scored`).
        let rate = { (value: Double?) in value == nil ? "–" : number(value) }
        for (index, rule) in view.rulesWorstFirst.enumerated() {
            let selected = index == view.ruleSelected
            if selected { selectedLine = lines.count }
            lines.append([marker(selected), Span(cell(rule.rule, ruleWidth) + " ", selected ? .selection : .ruleID),
                          Span(cell(rule.kind, 11), rule.kind == "safety" ? .safety : .behavioral),
                          Span(bar(rule.violation.mean, width: barWidth), rule.no > 0 ? .bad : .muted), Span(" " + cell(rate(rule.violation.definedMean), 7), .count),
                          Span(bar(rule.naRate ?? 0, width: barWidth), .muted), Span(" " + cell(rate(rule.naRate), 7), .text),
                          Span("\(rule.no)", rule.no > 0 ? .bad : .muted)])
        }
        let rules = view.rulesWorstFirst
        if rules.indices.contains(view.ruleSelected) {
            let rule = rules[view.ruleSelected]
            lines.append([])
            lines += Wrap.lines([Span(SafeText.visible(rule.rule) + ": ", .strong), Span(SafeText.visible(rule.text), .text)], width: width)
            lines += Wrap.lines([Span("violation \(interval(rule.violation)) over \(rule.yes + rule.no + rule.na) judged · \(rule.yes) YES, \(rule.no) NO, \(rule.na) NA", .muted)],
                                width: width)
        }
        lines += Wrap.lines([Span("(α = \(ResponseScore.alpha); 95 % bootstrap intervals, \(summary.resamples) resamples, seed \(summary.seed))", .muted)], width: width)
        return (lines, selectedLine)
    }

    /// A rule's failing responses: the prompt, the response's start, the judge's reason, the score.
    static func failureLines(_ view: EvalView, width: Int) -> ([StyledLine], Int?) {
        var lines: [StyledLine] = [[Span("Failing ", .heading), Span(SafeText.visible(view.rule ?? ""), .ruleID),
                                    Span(" in run \(SafeText.visible(view.run ?? ""))", .muted)]]
        guard let list = view.failures else { return (lines + [[], [Span("loading the failing responses…", .muted)]], nil) }
        lines.append([Span(list.total > list.items.count ? "the first \(list.items.count) of \(list.total) responses judged NO" :
                            "\(list.total) response\(list.total == 1 ? "" : "s") judged NO", .muted)])
        lines.append([])
        var selectedLine: Int?
        for (index, failure) in list.items.enumerated() {
            let selected = index == view.failureSelected
            if selected { selectedLine = lines.count }
            let score = failure.score.map { "safety \($0.safety) · total \(number($0.total))" } ?? "unscored"
            lines.append([marker(selected), Span(SafeText.visible(failure.prompt), selected ? .selection : .ruleID),
                          Span(" (\(failure.label?.rawValue ?? "unlabelled")) · \(score)", .muted)])
            lines.append([Span("    asked: ", .muted), Span(cell(failure.asked.replacingOccurrences(of: "\n", with: " "), max(1, width - 11)), .text)])
            lines.append([Span("    reply: ", .muted), Span(cell(failure.response.replacingOccurrences(of: "\n", with: " "), max(1, width - 11)), .text)])
            lines += Wrap.lines([Span(SafeText.visible(failure.reason), .bad)], width: width, prefix: [Span("    judge: ", .muted)], indent: 11)
        }
        return (lines, selectedLine)
    }

    /// The selected failing response in full: the prompt, the response, the judge's reason.
    static func responseLines(_ view: EvalView, width: Int) -> [StyledLine] {
        guard let failure = view.selectedFailure else { return [] }
        func block(_ text: String, _ role: Role) -> [StyledLine] {
            text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
                Wrap.lines([Span(SafeText.visible(String(line)), role)], width: max(4, width - 2), prefix: [Span("  ")], indent: 2)
            }
        }
        var lines: [StyledLine] = [[Span("Prompt ", .heading), Span(SafeText.visible(failure.prompt), .ruleID),
                                    Span(" (\(failure.label?.rawValue ?? "unlabelled")) · failed \(SafeText.visible(view.rule ?? ""))", .muted)]]
        lines += Wrap.lines([Span(failure.score.map { "score: safety \($0.safety), behavioral \(number($0.behavioral)), total \(number($0.total))" } ?? "unscored", .muted)],
                            width: width)
        lines.append([])
        lines.append([Span("asked", .strong)])
        lines += block(failure.asked, .text)
        lines.append([])
        lines.append([Span("response", .strong)])
        lines += block(failure.response, .text)
        lines.append([])
        lines.append([Span("the judge on \(SafeText.visible(view.rule ?? ""))", .strong)])
        lines += block("NO: " + failure.reason, .bad)
        return lines
    }
}
