import TenetSpec
import TenetStore

/// The document review: a header (which document of how many, its state, type, rule and
/// maker), the document's text, and beside it (below it in a narrow window) the rule it
/// teaches with the rationale and the critic's verdict, so that a reviewer judges the text
/// against the value it should convey. Text from models reaches the cells through the
/// buffer, which shows control characters as harmless placeholders.
enum DocumentReviewScreen {
    static func draw(_ view: DocumentReviewView, state: WorkbenchState, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        guard let stored = view.current else {
            let line = view.loading ? "Loading documents…"
                : "No documents to review here · tenet midtrain generate SPEC --count N makes some"
            buffer.write([Span(line, .muted)], x: rect.x + 1, y: rect.y + 1, theme: theme, limit: rect.width - 2)
            return
        }
        let document = stored.document
        let words = document.wordCount
        var header: StyledLine = [Span("Document \(view.index + 1)/\(view.documents.count) ", .heading),
                                  Span(stored.status.rawValue, role(stored.status))]
        if let by = stored.record.decidedBy, stored.status != .pending { header.append(Span(" by \(by)", .muted)) }
        header += [Span(" · \(document.type) · ", .muted), Span(document.rules.joined(separator: ","), .ruleID),
                   Span(" · \(document.provenance.generator)\(document.provenance.model.map { " " + $0 } ?? "") · \(words) words", .muted)]
        if view.decided > 0 { header.append(Span(" · \(view.decided) decided", .muted)) }
        buffer.write(header, x: rect.x + 1, y: rect.y, theme: theme, limit: rect.width - 2, ellipsis: true)

        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        let side = body.width >= 100
        let ruleWidth = side ? min(60, body.width * 2 / 5) : body.width - 2
        let ruleLines = self.ruleLines(view, stored, width: ruleWidth - (side ? 2 : 0))
        if side {
            let textRect = Rect(x: body.x, y: body.y, width: body.width - ruleWidth - 1, height: body.height)
            drawText(stored, scroll: view.scroll, into: &buffer, rect: textRect, theme: theme)
            for y in body.y..<(body.y + body.height) { buffer.write("│", x: textRect.x + textRect.width, y: y, style: theme[.border]) }
            for (i, line) in ruleLines.prefix(body.height).enumerated() {
                buffer.write(line, x: textRect.x + textRect.width + 2, y: body.y + i, theme: theme, limit: ruleWidth - 2)
            }
        } else {
            let shown = Array(ruleLines.prefix(max(3, body.height / 3)))
            for (i, line) in shown.enumerated() { buffer.write(line, x: body.x + 1, y: body.y + i, theme: theme, limit: body.width - 2) }
            drawText(stored, scroll: view.scroll, into: &buffer,
                     rect: Rect(x: body.x, y: body.y + shown.count, width: body.width, height: body.height - shown.count), theme: theme)
        }
    }

    /// The document's text from its scroll offset; an edited one says so.
    static func drawText(_ stored: StoredDocument, scroll: Int, into buffer: inout ScreenBuffer, rect: Rect, theme: ResolvedTheme) {
        guard rect.height > 1, rect.width > 4 else { return }
        let (lines, more) = ReviewScreen.textLines(stored.document.text, width: rect.width - 2, limit: scroll + rect.height)
        let first = max(0, min(scroll, lines.count - (rect.height - 1)))
        var heading: StyledLine = [Span(stored.record.original != nil ? "Text (edited; the original is kept)" : "Text", .strong)]
        if first > 0 || more || lines.count > rect.height - 1 {
            heading.append(Span("  \(first + 1)–\(min(lines.count, first + rect.height - 1))\(more ? "+" : "/\(lines.count)")", .muted))
        }
        buffer.write(heading, x: rect.x + 1, y: rect.y, theme: theme, limit: rect.width - 2)
        for (i, line) in lines.dropFirst(first).prefix(rect.height - 1).enumerated() {
            buffer.write(line, x: rect.x + 1, y: rect.y + 1 + i, theme: theme, limit: rect.width - 2)
        }
    }

    /// The rule, its rationale, the idea and the critic's verdict.
    static func ruleLines(_ view: DocumentReviewView, _ stored: StoredDocument, width: Int) -> [StyledLine] {
        let width = max(10, width)
        var lines: [StyledLine] = []
        if let rule = view.rule(of: stored) {
            var badge: StyledLine = [RuleDetail.kindBadge(rule.kind), Span(" " + rule.id, .ruleID)]
            if let direction = rule.direction { badge.append(Span(" " + direction.rawValue, direction == .prohibit ? .prohibit : .require)) }
            lines += Wrap.lines(badge + [Span(" " + rule.title, .strong)], width: width)
            lines += Wrap.lines([Span("why: " + (rule.rationale ?? "no rationale — tenet midtrain check says how to add one"), rule.rationale == nil ? .lintWarning : .muted)],
                                width: width)
        } else {
            lines += Wrap.lines([Span("rule " + stored.document.rules.joined(separator: ",") + " (no longer in the spec)", .lintWarning)], width: width)
        }
        lines += Wrap.lines([Span("idea: " + stored.document.idea, .muted)], width: width)
        if let critic = stored.document.provenance.critic {
            lines += Wrap.lines([Span(stored.criticLabel + ": " + critic, critic.hasPrefix("FAIL") ? .flagged : .muted)], width: width)
        }
        if let note = stored.record.note { lines += Wrap.lines([Span("note: " + note, .flagged)], width: width) }
        return lines
    }

    static func role(_ status: DocumentStatus) -> Role {
        switch status {
        case .accepted, .edited: return .accepted
        case .rejected: return .rejected
        case .flagged: return .flagged
        case .pending: return .pending
        }
    }
}
