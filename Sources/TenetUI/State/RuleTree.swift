import TenetSpec
import TenetStore

/// One visible row of the rule tree.
public struct TreeRow: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        /// A section heading, with the counts of the rules under it (filter applied).
        case section(id: String, title: String, counts: KindCounts, folded: Bool)
        /// A rule: its index in ``SpecOutline/rules`` and its key.
        case rule(Int, key: String)
    }

    public var content: Content
    public var depth: Int

    /// What selection remembers across rebuilds: `§` + section ID, or the rule key.
    public var identity: String {
        switch content {
        case .section(let id, _, _, _): return "§" + id
        case .rule(_, let key): return key
        }
    }
}

/// Builds the rows of the tree: sections in document order, each with its rules and
/// subsections, folded sections closed, rules the filter rejects left out (and sections
/// left with none of them).
public enum RuleTree {
    public static func rows(_ outline: SpecOutline, folded: Set<String>, filter: RuleFilter,
                            lint: [String: [LintMark]]) -> [TreeRow] {
        var indexByID: [String: Int] = [:]
        for (index, rule) in outline.rules.enumerated() where indexByID[rule.id] == nil { indexByID[rule.id] = index }
        var placed = Set<Int>()
        func collect(_ section: Section) {
            for id in section.rules { if let i = indexByID[id] { placed.insert(i) } }
            section.sections.forEach(collect)
        }
        outline.sections.forEach(collect)

        var rows: [TreeRow] = []
        // Rules outside every section come first, as in the document.
        for (index, rule) in outline.rules.enumerated() where !placed.contains(index) && filter.admits(rule, lint: lint) {
            rows.append(TreeRow(content: .rule(index, key: rule.key), depth: 0))
        }

        /// Appends a section's rows; returns its counts (0 total: nothing admitted under it).
        func emit(_ section: Section, depth: Int) -> KindCounts {
            let headerAt = rows.count
            rows.append(TreeRow(content: .section(id: section.id, title: section.title, counts: KindCounts(), folded: false), depth: depth))
            var counts = KindCounts()
            let isFolded = folded.contains(section.id)
            for id in section.rules {
                guard let index = indexByID[id] else { continue }
                let rule = outline.rules[index]
                guard filter.admits(rule, lint: lint) else { continue }
                counts.add(rule.kind)
                if !isFolded { rows.append(TreeRow(content: .rule(index, key: rule.key), depth: depth + 1)) }
            }
            for child in section.sections {
                let mark = rows.count
                let childCounts = emit(child, depth: depth + 1)
                counts += childCounts
                if isFolded { rows.removeSubrange(mark...) }
            }
            if counts.total == 0 && filter != .all {
                rows.removeSubrange(headerAt...)
            } else {
                rows[headerAt].content = .section(id: section.id, title: section.title, counts: counts, folded: isFolded)
            }
            return counts
        }
        for section in outline.sections { _ = emit(section, depth: 0) }
        return rows
    }

    /// IDs of every section in the outline.
    public static func allSectionIDs(_ sections: [Section]) -> [String] {
        sections.flatMap { [$0.id] + allSectionIDs($0.sections) }
    }
}
