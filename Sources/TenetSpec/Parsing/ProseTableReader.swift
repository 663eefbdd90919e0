/// Do/Don't tables, as support and style policies write them:
///
/// | Situation | ✅ Do | ❌ Don't |
/// |---|---|---|
/// | Customer asks about allergens | Quote the ingredient list exactly | Say a product is "safe for" an allergy |
///
/// A column whose header says what to do or not to do — "Do", "Don't", "Always", "Never",
/// "Avoid", "Unacceptable", "Not allowed", a mark such as ✅ or ❌ — makes each of its cells a rule with that header as its
/// lead-in, read as a bullet under a heading is (a cell that forbids in its own words still
/// forbids). The first other column, if any, says when: it goes in front of the header
/// ("Customer asks about allergens — Don't"). A "Response" or "What to do" column says what the
/// assistant does in each row's situation; its cells are read by their own words. Before,
/// a table made no rules at all, and
/// said nothing: a retail policy's 22 Do/Don't cells were lost.
extension ProseReader {
    static func readTable(_ index: Int, into walk: inout Walk) {
        let document = walk.document
        let first = Int(document.blocks[index].startLine)
        let last = document.lastLine(index)
        guard last >= first + 2 else { return }
        let header = ParameterTable.cells(document.source.line(first))
        // The columns that say what to do or not to do, and what each gives its cells.
        var columns: [(column: Int, lead: LeadIn)] = []
        var permitting: Set<Int> = []
        for (column, cell) in header.enumerated() {
            if let lead = headerLeadIn(cell, names: walk.names) {
                columns.append((column, lead))
            } else if isPermittingHeader(cell) {
                permitting.insert(column)
            }
        }
        guard !columns.isEmpty else { return }
        let rows = (first + 2)...last
        // "| Action | Yes | No |" with ✅ and ❌ in the cells: the marks say which way the
        // row's action goes (read as "Change the email address" required, the ❌ was lost).
        let markColumns = header.indices.filter { column in
            var marked = false
            for line in rows {
                let row = ParameterTable.cells(document.source.line(line))
                guard column < row.count else { continue }
                let cell = InlineScan.plainText(row[column]).trimmed()
                if cell.isEmpty { continue }
                guard isMarkCell(cell) else { return false }
                marked = true
            }
            return marked
        }
        if !markColumns.isEmpty {
            readMarkTable(header: header, rows: rows, markColumns: markColumns, into: &walk)
            return
        }
        // What is acceptable beside what is not ("| Acceptable | Unacceptable |") is no
        // situation: its cells are permitted, and make no rule.
        let situation = header.indices.first { column in !columns.contains { $0.column == column } && !permitting.contains(column) }
        let start = walk.rules.count
        for line in rows {
            let row = ParameterTable.cells(document.source.line(line))
            let when = situation.flatMap { $0 < row.count ? InlineScan.plainText(row[$0]).trimmed() : nil }.flatMap { isEmptyCell($0) ? nil : $0 }
            for (column, lead) in columns where column < row.count {
                var text = row[column]
                if let mark = LeadingMark.split(text) { text = String(mark.rest) }
                guard !isEmptyCell(text) else { continue }
                var chain = Chain()
                chain.append(LeadIn(text: when.map { "\($0) — \(lead.text)" } ?? lead.text, reading: lead.reading))
                let sentences = ProseWords.sentences(text)
                guard !sentences.isEmpty else { continue }
                let readings = Readings(sentences, names: walk.names)
                guard let (modality, reasonText) = itemRule(sentences, readings, chain: chain) else { continue }
                _ = walk.add(InferredRule(
                    text: text, title: InlineScan.firstSentence(text, limit: 80), modality: modality,
                    directionReason: reasonText, leadIn: chain.text, kindWords: sentences.map(\.words) + chain.links.map(\.words),
                    line: line, endLine: line))
            }
        }
        walk.closeGroup(from: start)
    }

    /// A header cell that says what to do or not to do, as a short heading does ("Do",
    /// "Don't", "Never", "What to avoid"), or a mark alone (✅, ❌); else `nil`.
    private static func headerLeadIn(_ cell: String, names: AssistantNames) -> LeadIn? {
        let plain = InlineScan.plainText(cell).trimmed()
        let text = LeadingMark.trimmingMarks(plain)
        if let title = ProseWords.sentences(text).last,
           title.words.filter({ !Polarity.boundaries.contains($0) }).count <= 4,
           case .assistant(let found?) = Polarity.leadIn(title, names: names, negations: false),
           found.evidence.contains(" ") || headingEvidence.contains(found.evidence) {
            return LeadIn(text: text, reading: .assistant(found), isHeading: true)
        }
        // "Unacceptable", "Not allowed", "Prohibited", "Not permitted", as a heading forbids.
        if let title = ProseWords.sentences(text).last, title.words.filter({ !Polarity.boundaries.contains($0) }).count <= 3,
           case .assistant(let found?)? = Polarity.negatedLeadIn(title), found.modality == .prohibition {
            return LeadIn(text: text, reading: .assistant(found), isHeading: true)
        }
        // "Response", "What to do": what the assistant does in the situation of
        // the row, each cell read by its own words ("Do not say …" forbids, "Point to …"
        // requires).
        if responseHeaders.contains(text.lowercased()) {
            return LeadIn(text: text, reading: .assistant(nil), isHeading: true)
        }
        // A mark alone: ✅ is "Do", ❌ "Don't".
        switch LeadingMark.split(plain).flatMap({ $0.rest.isEmpty ? $0.mark : nil }) {
        case .prohibits?: return LeadIn(text: "Don't", reading: .assistant(DeonticFinding(modality: .prohibition, evidence: "don't")), isHeading: true)
        case .approves?: return LeadIn(text: "Do", reading: .assistant(DeonticFinding(modality: .obligation, evidence: "do")), isHeading: true)
        default: return nil
        }
    }

    /// A table whose verdict columns hold only marks: each row's action (its first column
    /// that is no mark column) is a rule in the direction of the column its mark is in —
    /// or of the mark itself (❌ forbids) — and no rule where it is only allowed ("Yes").
    private static func readMarkTable(header: [String], rows: ClosedRange<Int>, markColumns: [Int], into walk: inout Walk) {
        let document = walk.document
        guard let actionColumn = header.indices.first(where: { !markColumns.contains($0) }) else { return }
        let start = walk.rules.count
        for line in rows {
            let row = ParameterTable.cells(document.source.line(line))
            guard actionColumn < row.count else { continue }
            let text = InlineScan.plainText(row[actionColumn]).trimmed()
            guard !isEmptyCell(text) else { continue }
            // The first mark of the row decides; a ❌ in a column headed "Yes" is read as ❌.
            guard let column = markColumns.first(where: { $0 < row.count && !InlineScan.plainText(row[$0]).trimmed().isEmpty }) else { continue }
            let cell = InlineScan.plainText(row[column]).trimmed()
            let headerText = LeadingMark.trimmingMarks(InlineScan.plainText(header[column]).trimmed())
            var modality: Modality?
            if case .prohibits? = LeadingMark.split(cell)?.mark { modality = .prohibition }
            else if ["✗", "✘", "x", "no", "n"].contains(cell.lowercased()) { modality = .prohibition }
            else if case .assistant(let found?)? = headerLeadIn(header[column], names: walk.names)?.reading { modality = found.modality }
            guard let modality, modality != .permission else { continue }
            let sentences = ProseWords.sentences(text)
            guard !sentences.isEmpty else { continue }
            let evidence = modality == .prohibition ? "don't" : "do"
            let lead = LeadIn(text: headerText.isEmpty ? cell : headerText, reading: .assistant(DeonticFinding(modality: modality, evidence: evidence)))
            var chain = Chain()
            chain.append(lead)
            let readings = Readings(sentences, names: walk.names)
            guard let (found, reasonText) = itemRule(sentences, readings, chain: chain) else { continue }
            _ = walk.add(InferredRule(
                text: text, title: InlineScan.firstSentence(text, limit: 80), modality: found,
                directionReason: "\(reasonText ?? "") (marked “\(cell)” under “\(headerText)”)", leadIn: chain.text,
                kindWords: sentences.map(\.words) + chain.links.map(\.words), line: line, endLine: line))
        }
        walk.closeGroup(from: start)
    }

    /// A cell that is only a mark: ✅, ❌, ✓, ✗, x, yes, no.
    private static func isMarkCell(_ cell: String) -> Bool {
        if let split = LeadingMark.split(cell), split.rest.trimmed().isEmpty { return true }
        return ["✓", "✔", "✗", "✘", "x", "yes", "no", "y", "n"].contains(cell.lowercased())
    }

    /// A header that says its cells are permitted: "Acceptable", "Allowed", "OK".
    private static func isPermittingHeader(_ cell: String) -> Bool {
        let words = InlineScan.plainText(LeadingMark.trimmingMarks(cell)).lowercased().split { !$0.isLetter }
        return words.count == 1 && permittingHeaders.contains(String(words[0]))
    }

    /// Not "Action": as often the column of what a verdict column judges ("| Action |
    /// Policy |" with "Prohibited" in the cells), where reading it by its own words required
    /// the prohibited actions.
    private static let responseHeaders: Set<String> = [
        "response", "responses", "reply", "how to respond", "what to do", "what to say",
        "assistant response", "the assistant's response", "expected response", "expected behaviour", "expected behavior",
        "correct response", "recommended response", "what the assistant does", "the assistant should", "assistant should",
    ]
    private static let permittingHeaders: Set<String> = ["acceptable", "allowed", "permitted", "ok", "okay", "fine", "good", "yes", "may"]

    /// A cell that holds nothing to do: empty, or a dash or "n/a" standing for nothing.
    private static func isEmptyCell(_ text: String) -> Bool {
        let plain = InlineScan.plainText(text).trimmed().lowercased()
        return plain.isEmpty || ["-", "–", "—", "n/a", "na", "none", "x"].contains(plain)
    }
}
