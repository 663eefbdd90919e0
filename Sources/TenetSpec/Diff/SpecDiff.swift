/// The rule-level difference between two versions of a spec: which rules were added,
/// removed, changed or moved.
///
/// Rules are matched by explicit ID first, then by identical text, then by a generated
/// ID they share, then by similar wording (word overlap ≥ ``similarityThreshold``). A
/// matched rule is *changed* when its content or annotations differ, and *moved* when
/// only its section or its order among the other rules did.
public struct SpecDiff: Sendable, Codable, Equatable {
    public var oldSource: String
    public var newSource: String
    /// One entry per rule: the new version's rules in order, then removed rules.
    public var changes: [RuleChange]

    public var added: Int { changes.filter { $0.status == .added }.count }
    public var removed: Int { changes.filter { $0.status == .removed }.count }
    public var changed: Int { changes.filter { $0.status == .changed }.count }
    public var moved: Int { changes.filter { $0.status == .moved }.count }
    public var unchanged: Int { changes.filter { $0.status == .unchanged }.count }
    public var hasDifferences: Bool { changes.contains { $0.status != .unchanged } }

    /// Word overlap (Jaccard) above which two rules are taken for the same rule.
    public static let similarityThreshold = 0.5

    public static func compare(_ old: Spec, _ new: Spec) -> SpecDiff {
        let matches = RuleMatcher.match(old.rules, new.rules)
        var newToOld: [Int: (Int, RuleChange.MatchedBy)] = [:]
        for match in matches { newToOld[match.new] = (match.old, match.by) }
        let inOrder = RuleMatcher.longestIncreasingRun(matches.sorted { $0.new < $1.new }.map(\.old))

        var changes: [RuleChange] = []
        for (n, rule) in new.rules.enumerated() {
            guard let (o, by) = newToOld[n] else {
                changes.append(RuleChange(status: .added, id: rule.id, title: rule.title, newLine: rule.line, newPath: rule.path))
                continue
            }
            let before = old.rules[o]
            var fields = contentChanges(before, rule)
            if before.id != rule.id { fields.insert("id", at: 0) }
            var status: RuleChange.Status = fields.isEmpty ? .unchanged : .changed
            if before.path != rule.path { fields.append("section") }
            if !inOrder.contains(o) { fields.append("position") }
            if status == .unchanged && (before.path != rule.path || !inOrder.contains(o)) { status = .moved }
            changes.append(RuleChange(status: status, id: rule.id, oldID: before.id == rule.id ? nil : before.id,
                                      title: rule.title, fields: fields, matchedBy: by,
                                      oldLine: before.line, newLine: rule.line, oldPath: before.path, newPath: rule.path))
        }
        let matchedOld = Set(matches.map(\.old))
        for (o, rule) in old.rules.enumerated() where !matchedOld.contains(o) {
            changes.append(RuleChange(status: .removed, id: rule.id, title: rule.title, oldLine: rule.line, oldPath: rule.path))
        }
        return SpecDiff(oldSource: old.source, newSource: new.source, changes: changes)
    }

    /// Names of the fields whose values differ (ID, section and position aside).
    static func contentChanges(_ a: Rule, _ b: Rule) -> [String] {
        var fields: [String] = []
        func check<T: Equatable>(_ name: String, _ key: KeyPath<Rule, T>) { if a[keyPath: key] != b[keyPath: key] { fields.append(name) } }
        check("title", \.title)
        check("text", \.text)
        check("kind", \.kind)
        check("direction", \.direction)
        check("authority", \.authority)
        check("priority", \.priority)
        check("family", \.family)
        check("scope", \.scope)
        check("rationale", \.rationale)
        check("exceptions", \.exceptions)
        check("concreteness", \.concreteness)
        check("tags", \.tags)
        check("attributes", \.attributes)
        check("commentary", \.commentary)
        if a.examples.map(ExampleKey.init) != b.examples.map(ExampleKey.init) { fields.append("examples") }
        return fields
    }

    /// An example without its line, which moves whenever text above it changes.
    private struct ExampleKey: Equatable {
        var verdict: Verdict, title: String, turns: [Turn], reason: String?, violates: [String]
        init(_ e: Example) { (verdict, title, turns, reason, violates) = (e.verdict, e.title, e.turns, e.reason, e.violates) }
    }
}

/// What happened to one rule between two versions of a spec.
public struct RuleChange: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case added, removed, changed, moved, unchanged }
    /// How an old rule was recognised in the new version.
    public enum MatchedBy: String, Sendable, Codable { case id, text, generatedID = "generated-id", similarity }

    public var status: Status
    /// The rule's ID in the new version (in the old one for removed rules).
    public var id: String
    /// The old ID, when the rule was matched by content under a different ID.
    public var oldID: String?
    public var title: String
    /// Changed fields: `id`, `title`, `text`, `kind`, … and `section` / `position` for moves.
    public var fields: [String] = []
    public var matchedBy: MatchedBy?
    public var oldLine: Int?
    public var newLine: Int?
    public var oldPath: [String]?
    public var newPath: [String]?
}
