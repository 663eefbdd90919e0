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
/// ("Customer asks about allergens — Don't"). Before, a table made no rules at all, and
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
        // What is acceptable beside what is not ("| Acceptable | Unacceptable |") is no
        // situation: its cells are permitted, and make no rule.
        let situation = header.indices.first { column in !columns.contains { $0.column == column } && !permitting.contains(column) }
        let start = walk.rules.count
        for line in (first + 2)...last {
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
                let words = ProseWordList(joining: sentences.map(\.words) + chain.links.map(\.words))
                _ = walk.add(InferredRule(
                    text: text, title: InlineScan.firstSentence(text, limit: 80), modality: modality,
                    directionReason: reasonText, leadIn: chain.text, kindWords: words, line: line, endLine: line))
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
        // A mark alone: ✅ is "Do", ❌ "Don't".
        switch LeadingMark.split(plain).flatMap({ $0.rest.isEmpty ? $0.mark : nil }) {
        case .prohibits?: return LeadIn(text: "Don't", reading: .assistant(DeonticFinding(modality: .prohibition, evidence: "don't")), isHeading: true)
        case .approves?: return LeadIn(text: "Do", reading: .assistant(DeonticFinding(modality: .obligation, evidence: "do")), isHeading: true)
        default: return nil
        }
    }

    /// A header that says its cells are permitted: "Acceptable", "Allowed", "OK".
    private static func isPermittingHeader(_ cell: String) -> Bool {
        let words = InlineScan.plainText(LeadingMark.trimmingMarks(cell)).lowercased().split { !$0.isLetter }
        return words.count == 1 && permittingHeaders.contains(String(words[0]))
    }

    private static let permittingHeaders: Set<String> = ["acceptable", "allowed", "permitted", "ok", "okay", "fine", "good", "yes", "may"]

    /// A cell that holds nothing to do: empty, or a dash or "n/a" standing for nothing.
    private static func isEmptyCell(_ text: String) -> Bool {
        let plain = InlineScan.plainText(text).trimmed().lowercased()
        return plain.isEmpty || ["-", "–", "—", "n/a", "na", "none", "x"].contains(plain)
    }
}
