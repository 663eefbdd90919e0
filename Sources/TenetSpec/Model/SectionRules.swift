/// Which section each rule sits in directly, found by position rather than by ID alone.
///
/// Section and rule IDs need not be unique (a spec pasted twice repeats them all). A rule's
/// path names its section by ID; among the sections with that ID, the rule belongs to the
/// last one that starts on or before the rule's line. Looking sections up this way keeps
/// reading linear: matching by ID alone gave every copy of a section every copy's rules.
public enum SectionRules {
    /// For each rule — the last ID of its path (`nil` outside any section) and its line —
    /// the index in `sections` of the section holding it, or `nil`. `sections` is in
    /// document order.
    public static func owners(rules: [(sectionID: String?, line: Int)],
                              sections: [(id: String, line: Int)]) -> [Int?] {
        var byID: [String: [Int]] = [:]
        for (k, section) in sections.enumerated() { byID[section.id, default: []].append(k) }
        return rules.map { rule in
            guard let id = rule.sectionID, let candidates = byID[id] else { return nil }
            // The last candidate starting on or before the rule's line (binary search).
            var low = 0, high = candidates.count
            while low < high {
                let mid = (low + high) / 2
                if sections[candidates[mid]].line <= rule.line { low = mid + 1 } else { high = mid }
            }
            return candidates[max(0, low - 1)]
        }
    }
}

extension Spec {
    /// The indices in ``rules`` of the rules directly in each section, in rule order: at 0
    /// the rules outside every section, then one list per section in document order
    /// (depth first, a section before its subsections). By position, not by heading
    /// line: two sections may start on one line (a SpecBench `specifications.json`
    /// written on one line).
    public var ruleIndicesBySection: [[Int]] {
        var flat: [(id: String, line: Int)] = []
        var stack = Array(sections.reversed())
        while let section = stack.popLast() {
            flat.append((section.id, section.line))
            stack += section.sections.reversed()
        }
        let owners = SectionRules.owners(rules: rules.map { ($0.path.last, $0.line) }, sections: flat)
        var out = [[Int]](repeating: [], count: flat.count + 1)
        for (r, owner) in owners.enumerated() { out[owner.map { $0 + 1 } ?? 0].append(r) }
        return out
    }
}
