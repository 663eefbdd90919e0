import Foundation
import TenetSpec
import TenetStore

/// The selected rule as lines: header and badges, its text, annotations (marked ✎ where
/// set in Tenet), suggested annotations waiting beside the values they would replace, lint
/// findings, boundary examples as conversations, cross references.
enum RuleDetail {
    /// `suggestionsKey`: the key that opens the suggestions, as the pane names it.
    static func lines(_ stored: StoredRule, lint: [LintMark], width: Int, suggestions: [StoredSuggestion] = [],
                      suggestionsKey: String = "S") -> [StyledLine] {
        let rule = stored.record.effective
        let notes = stored.record.annotations
        var out: [StyledLine] = []
        out += Wrap.lines([Span(rule.id, .ruleID, extra: .bold)], width: width)
        out += Wrap.lines([Span(rule.title, .heading)], width: width)
        var badges: StyledLine = [kindBadge(rule.kind)]
        if let direction = rule.direction { badges += [Span(" "), Span(direction.rawValue, direction == .require ? .require : .prohibit)] }
        if notes.kind != nil || notes.direction != nil { badges.append(Span(" ✎", .muted)) }
        badges.append(Span("  rev \(stored.revision)", .muted))
        if let lines = stored.lines { badges.append(Span(" · lines \(lines[0])–\(lines.last ?? lines[0])", .muted)) }
        out += Wrap.lines(badges, width: width)
        out.append([])
        if let leadIn = rule.leadIn {
            // The sentence the bullet hangs from: it gives the bullet its polarity.
            out += Wrap.lines([Span(leadIn, .muted)], width: width, prefix: [Span("Lead-in: ", .muted)], indent: 2)
        }
        out += MarkdownText.lines(rule.text.isEmpty ? "_(no text)_" : rule.text, width: width)
        out.append([])

        let label = 13
        func field(_ name: String, _ value: String?, setHere: Bool) {
            let shownName = name + (setHere ? " ✎" : "")
            let padded = shownName + String(repeating: " ", count: max(1, label - DisplayWidth.of(shownName)))
            let body = (value?.isEmpty ?? true) ? [Span("—", .muted)] : MarkdownText.inline(value!)
            out += Wrap.lines(body, width: width, prefix: [Span(padded, .muted)], indent: width > label + 10 ? label : 2)
        }
        if let reason = rule.kindReason { field("Kind from", reason, setHere: notes.kind != nil) }
        if let reason = rule.directionReason { field("Direction", reason, setHere: notes.direction != nil) }
        if let parent = rule.parent { field("Part of", parent, setHere: false) }
        field("Scope", rule.scope, setHere: notes.scope != nil)
        field("Rationale", rule.rationale, setHere: notes.rationale != nil)
        if rule.exceptions.isEmpty {
            field("Exceptions", nil, setHere: notes.exceptions != nil)
        } else {
            for (i, exception) in rule.exceptions.enumerated() {
                field(i == 0 ? "Exceptions" : "", "• " + exception, setHere: i == 0 && notes.exceptions != nil)
            }
        }
        field("Family", rule.family, setHere: notes.family != nil)
        if rule.authority != nil || rule.priority != nil || notes.authority != nil || notes.priority != nil {
            field("Authority", rule.authority?.rawValue, setHere: notes.authority != nil)
            field("Priority", rule.priority.map(String.init), setHere: notes.priority != nil)
        }
        if rule.concreteness != nil { field("Concreteness", rule.concreteness, setHere: notes.concreteness != nil) }
        if !rule.tags.isEmpty { field("Tags", rule.tags.joined(separator: ", "), setHere: false) }
        if !rule.placeholders.isEmpty { field("Placeholders", rule.placeholders.map { "{{\($0)}}" }.joined(separator: " "), setHere: false) }
        out += SuggestionLines.waiting(suggestions, width: width, label: label, key: suggestionsKey)
        if let context = rule.context, !context.isEmpty {
            out.append([])
            out += Wrap.lines([Span("Context", .muted)], width: width)
            out += MarkdownText.lines(context, width: width).map { [Span("  ")] + $0 }
        }
        if let commentary = rule.commentary, !commentary.isEmpty {
            out.append([])
            out += Wrap.lines([Span("Commentary", .muted)], width: width)
            out += MarkdownText.lines(commentary, width: width).map { [Span("  ")] + $0 }
        }

        out += lintLines(lint, width: width)

        out.append([])
        let fileCount = stored.record.source.examples.count
        out += Wrap.lines([Span("Boundary examples", .heading), Span(" (\(rule.examples.count))", .muted)], width: width)
        if rule.examples.isEmpty {
            out += Wrap.lines([Span("None yet. A adds one; good, bad and borderline answers show where the rule's edge is.", .muted)],
                              width: width, prefix: [Span("  ")])
        }
        for (i, example) in rule.examples.enumerated() {
            out.append([])
            let origin = i >= fileCount ? " ✎" : ""
            out += Wrap.lines([Span(example.verdict.rawValue, verdictRole(example.verdict), extra: .bold), Span("  "),
                               Span(example.title, .strong), Span(origin, .muted)],
                              width: width, prefix: [Span(" \(i + 1). ", .muted)])
            for turn in example.turns {
                let role = turn.role + (turn.name.map { " (\($0))" } ?? "") + ": "
                // Markdown sense: a single line break is a space, a blank line a new paragraph.
                let paragraphs = turn.content.components(separatedBy: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ") }
                for (n, paragraph) in paragraphs.enumerated() {
                    let prefix: StyledLine = n == 0 ? [Span("    "), Span(role, turn.role == "assistant" ? .strong : .muted)] : [Span("    ")]
                    out += Wrap.lines(MarkdownText.inline(String(paragraph)), width: width, prefix: prefix, indent: 6)
                }
            }
            if let reason = example.reason, !reason.isEmpty {
                out += Wrap.lines([Span(reason, .muted)], width: width, prefix: [Span("    "), Span("why: ", verdictRole(example.verdict))], indent: 6)
            }
            if !example.violates.isEmpty {
                out += Wrap.lines([Span(example.violates.joined(separator: ", "), .ruleID)], width: width,
                                  prefix: [Span("    breaks: ", .muted)], indent: 6)
            }
        }

        let references = stored.record.source.references
        if !references.isEmpty {
            out.append([])
            out += Wrap.lines([Span("References", .heading), Span("  > follows · < comes back", .muted)], width: width)
            for reference in references {
                out += Wrap.lines([Span("→ ", .link), Span(reference, .link)], width: width, prefix: [Span("  ")])
            }
        }
        return out
    }

    static func kindBadge(_ kind: RuleKind) -> Span {
        switch kind {
        case .safety: return Span("SAFETY", .safety, extra: .bold)
        case .behavioral: return Span("BEHAVIORAL", .behavioral, extra: .bold)
        case .unclassified: return Span("UNCLASSIFIED", .unclassified)
        }
    }

    static func verdictRole(_ verdict: Verdict) -> Role {
        switch verdict {
        case .good: return .good
        case .bad: return .bad
        case .borderline: return .borderline
        case .unspecified: return .muted
        }
    }

    /// A blank line, "Lint", and each finding with its line (nothing when there are none):
    /// under a rule, and under a section for the findings on none of its rules.
    static func lintLines(_ lint: [LintMark], width: Int) -> [StyledLine] {
        guard !lint.isEmpty else { return [] }
        var out: [StyledLine] = [[]]
        out += Wrap.lines([Span("Lint", .heading)], width: width)
        for mark in lint {
            let role: Role = mark.severity == .error ? .lintError : .lintWarning
            out += Wrap.lines([Span(mark.message)], width: width,
                              prefix: [Span(mark.severity == .error ? " ✗ " : " ⚠ ", role), Span("line \(mark.line): ", .muted)], indent: 3)
        }
        return out
    }
}
