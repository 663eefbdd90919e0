import TenetSpec

/// Pairs straight out of a spec's boundary examples: a GOOD and a BAD answer to the same
/// conversation (one `<comparison>`, or two examples whose prompts are equal) make a pair
/// linked to the rule — and to the rule a BAD answer names as broken.
public enum SpecExamplePairs {
    /// The most pairs one conversation's answers make by pairing each GOOD with each BAD.
    public static let crossLimit = 64

    public static func pairs(_ spec: Spec, revision: Int?) -> [PreferencePair] {
        var out: [PreferencePair] = []
        let ruleIDs = Set(spec.rules.map(\.id))
        for rule in spec.rules {
            // Group by conversation: the comparison number when given, else the prompt.
            var groups: [String: [Example]] = [:]
            var order: [String] = []
            for example in rule.examples {
                guard let last = example.turns.lastIndex(where: { $0.role == "assistant" }) else { continue }
                let prompt = Array(example.turns[..<last])
                guard !prompt.isEmpty else { continue }
                let key = example.comparison.map { "c\($0)" } ?? "p" + prompt.map { $0.role + ":" + $0.content }.joined(separator: "\u{1F}")
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(example)
            }
            for key in order {
                let examples = groups[key] ?? []
                let good = examples.filter { $0.verdict == .good }
                let bad = examples.filter { $0.verdict == .bad }
                guard !good.isEmpty, !bad.isEmpty else { continue }
                // Every GOOD answer with every BAD one: a handful each in written specs. Past
                // ``crossLimit`` pairs each answer is paired once (a BAD with a GOOD in turn):
                // 500 GOOD and 500 BAD answers to one conversation made 250,000 pairs and
                // gigabytes of database.
                let matched: [(Example, Example)] = good.count * bad.count <= crossLimit
                    ? good.flatMap { g in bad.map { (g, $0) } }
                    : (0..<max(good.count, bad.count)).map { (good[$0 % good.count], bad[$0 % bad.count]) }
                for (g, b) in matched {
                    guard let gi = g.turns.lastIndex(where: { $0.role == "assistant" }),
                          let bi = b.turns.lastIndex(where: { $0.role == "assistant" }) else { continue }
                    var rules = [rule.id]
                    // `BAD[#section]` may name a section: only rules go into the pair's rule list.
                    for violated in b.violates where !rules.contains(violated) && ruleIDs.contains(violated) { rules.append(violated) }
                    out.append(PreferencePair(spec: spec.id, specRevision: revision, rules: rules, prompt: Array(g.turns[..<gi]),
                                              chosen: g.turns[gi].content, rejected: b.turns[bi].content,
                                              strategy: "spec-example",
                                              provenance: Provenance(generator: "spec-examples",
                                                                     judge: b.reason.map { "BAD: " + $0 },
                                                                     source: location(spec, rule, b))))
                }
            }
        }
        return out
    }

    /// Where the BAD answer is: its line, or — for a spec read back from the project, which
    /// keeps its rules' lines but not its examples' — its rule's; never line 0.
    private static func location(_ spec: Spec, _ rule: Rule, _ bad: Example) -> String {
        let line = bad.line > 0 ? bad.line : rule.line
        return line > 0 ? "\(spec.source):\(line)" : spec.source
    }
}
