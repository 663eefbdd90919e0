import TenetStore

/// The README of an `hf` export: what is in the dataset and how it was made.
struct DatasetCard: Sendable {
    var specs: [String: Int] = [:]
    var rules: [String: Int] = [:]
    var kinds: [String: Int] = [:]
    var strategies: [String: Int] = [:]
    var decisions: [String: Int] = [:]
    var generators: [String: Int] = [:]
    var outcomes: [String: Int] = [:]
    var edited = 0
    private var kindOf: [String: String] = [:]

    init() {}

    /// Counts one exported pair; `kind` gives a rule's kind by its ID.
    mutating func count(_ exported: ExportedPair, kind: (String) -> String?) {
        let pair = exported.stored.pair
        specs[pair.spec ?? "(none)", default: 0] += 1
        for rule in pair.rules {
            rules[rule, default: 0] += 1
            if kindOf[rule] == nil { kindOf[rule] = kind(rule) ?? "unknown" }
            kinds[kindOf[rule] ?? "unknown", default: 0] += 1
        }
        strategies[pair.strategy ?? "(none)", default: 0] += 1
        generators[pair.provenance.generator, default: 0] += 1
        outcomes[exported.stored.status, default: 0] += 1
        for decision in exported.decisions.values { decisions[decision.decision.rawValue, default: 0] += 1 }
        if exported.edited { edited += 1 }
    }

    /// The card: Hugging Face metadata, how the data was made, and the counts.
    func markdown(total: Int, format: PairFormat, statuses: [String]) -> String {
        func table(_ title: String, _ counts: [String: Int], of unit: String = "pairs") -> String {
            guard !counts.isEmpty else { return "" }
            var out = "\n### \(title)\n\n| \(title.lowercased()) | \(unit) |\n|---|---|\n"
            for (name, n) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                out += "| \(name.replacingOccurrences(of: "|", with: "\\|")) | \(n) |\n"
            }
            return out
        }
        var out = """
            ---
            configs:
            - config_name: default
              data_files:
              - split: train
                path: data/train.jsonl
            task_categories:
            - text-generation
            size_categories:
            - \(Self.sizeCategory(total))
            tags:
            - dpo
            - preference
            - tenet
            ---

            # Preference pairs exported from Tenet

            \(total) pairs in \(format.rawValue) form (`prompt`, `chosen`, `rejected`), for DPO with TRL.
            Pairs whose review ended \(statuses.joined(separator: " or ")); \(edited) of them with an answer edited by a
            reviewer. Human edits and swaps are applied. Extra columns (ignored by trainers) give each pair's
            `id`, `spec`, `spec_revision`, `rule_ids`, `strategy`, `generator`, `status`, `decisions`,
            `annotators` and `edited`.

            ## How it was made

            Rules come from a written specification; pairs were generated to sit on each rule's boundary
            (the chosen answer complies; the rejected one violates the rule, or refuses a request the rule
            allows) or imported, then reviewed by annotators in Tenet, each decision a revision in its
            project database. Pairs labelled `offline-template` were built from templates and the rules'
            own examples, not by a model.

            ## Counts

            """
        out += table("Spec", specs) + table("Rule", rules) + table("Kind", kinds) + table("Strategy", strategies)
            + table("Generator", generators) + table("Status", outcomes)
            + table("Decision", decisions, of: "decisions")
        return out
    }

    /// The Hub's size bucket for a number of rows (`n<1K`, `1K<n<10K`, … `1B<n<10B`).
    static func sizeCategory(_ rows: Int) -> String {
        let buckets: [(Int, String)] = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"),
                                        (1_000_000_000, "100M<n<1B")]
        return buckets.first { rows < $0.0 }?.1 ?? "1B<n<10B"
    }
}
