import TenetSpec
import TenetStore

/// The specs and rules a project has, for telling an imported pair that names one it does
/// not (a typo, another project's spec): its annotator reviews it without the rule it is
/// judged against, a review filter cannot name that rule, and its export carries an ID
/// nothing resolves — imported without a word, it went unnoticed. Such a pair is still
/// imported (pairs may come before their spec); `import pairs` warns about it, naming the
/// line.
public struct PairReferences: Sendable {
    /// Every imported spec, archived ones too.
    private let specs: Set<String>
    /// The current rule IDs of each spec that is not archived.
    private let rulesBySpec: [String: Set<String>]
    /// The rule IDs of all of them.
    private let allRules: Set<String>

    /// What the project has now.
    public init(_ store: ProjectStore) throws(StoreError) {
        specs = Set(try store.specIDs(includingArchived: true))
        var rules: [String: Set<String>] = [:]
        for rule in try store.ruleSummaries() { rules[rule.spec, default: []].insert(rule.id) }
        rulesBySpec = rules
        allRules = rules.values.reduce(into: Set<String>()) { $0.formUnion($1) }
    }

    /// What `pair` names that the project does not have, in words (`spec nospec, which is
    /// not in the project`), or `nil` when it has it all.
    public func unknown(in pair: PreferencePair) -> String? {
        if let spec = pair.spec {
            guard specs.contains(spec) else { return "spec \(spec), which is not in the project" }
            // An archived spec's rules are not listed; its pairs are not checked further.
            guard let rules = rulesBySpec[spec] else { return nil }
            let missing = pair.rules.filter { !rules.contains($0) }
            return missing.isEmpty ? nil : Self.rules(missing) + ", which spec \(spec) does not have"
        }
        let missing = pair.rules.filter { !allRules.contains($0) }
        return missing.isEmpty ? nil : Self.rules(missing) + ", which no spec in the project has"
    }

    private static func rules(_ ids: [String]) -> String {
        (ids.count == 1 ? "rule " : "rules ") + ids.prefix(3).joined(separator: ", ") + (ids.count > 3 ? " and \(ids.count - 3) more" : "")
    }

    /// One line's warning: the pair it holds names what the project does not have.
    public struct Warning: Sendable, Equatable {
        public var line: Int
        /// What is missing, in words (``unknown(in:)``).
        public var what: String
    }

    /// `pairs.jsonl:4: warning: …`, as a bad line is reported.
    public static func message(_ warning: Warning, file: String) -> String {
        "\(JSONLines.shownName(file)):\(warning.line): warning: the pair names \(warning.what) — "
            + "import the spec it belongs to (tenet import spec FILE), or fix the line's \"spec\" and \"rule_ids\""
    }
}
