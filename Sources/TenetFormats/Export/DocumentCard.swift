import TenetSpec
import TenetStore

/// The README of a `tenet export docs --format hf` folder: the spec the documents teach,
/// the rules they cover, their types, and how they were made.
struct DocumentCard: Sendable {
    struct SpecLine: Sendable {
        var title: String
        var revision: Int
    }

    var specs: [String: SpecLine] = [:]
    /// The specs of the documents counted.
    var seen: Set<String> = []
    /// The project's licence, language and name (`tenet project set`), as the pairs' card uses them.
    var settings = DatasetCardSettings()
    var rules: [String: Int] = [:]
    var types: [String: Int] = [:]
    var generators: [String: Int] = [:]
    var statuses: [String: Int] = [:]
    var edited = 0
    var tokens = 0

    mutating func count(_ stored: StoredDocument) {
        let document = stored.document
        seen.insert(document.spec)
        for rule in document.rules { rules[document.spec + "/" + rule, default: 0] += 1 }
        types[document.type, default: 0] += 1
        generators[document.provenance.generator + (document.provenance.model.map { " " + $0 } ?? ""), default: 0] += 1
        statuses[stored.status.rawValue, default: 0] += 1
        if stored.record.original != nil { edited += 1 }
        tokens += document.estimatedTokens
    }

    func markdown(total: Int, statuses wanted: [String], provenance: Bool) -> String {
        func table(_ title: String, _ counts: [String: Int]) -> String {
            guard !counts.isEmpty else { return "" }
            var out = "\n### \(title)\n\n| \(title.lowercased()) | documents |\n|---|---|\n"
            for (name, n) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                out += "| \(cell(name)) | \(n) |\n"
            }
            return out
        }
        let specLines = specs.keys.sorted().map { id in "- `\(id)` — \(cell(specs[id]!.title)), revision \(specs[id]!.revision)" }
            .joined(separator: "\n")
        let name = settings.prettyName ?? "Midtraining documents exported from Tenet"
        var out = "---\npretty_name: \(YAMLText.quoted(name))\n"
        if let license = settings.license { out += "license: \(YAMLText.quoted(license))\n" }
        if !settings.language.isEmpty { out += "language:\n" + settings.language.map { "- \(YAMLText.quoted($0))\n" }.joined() }
        out += """
            configs:
            - config_name: default
              data_files:
              - split: train
                path: data/train.jsonl

            """
        out += CardColumns.yaml(CardColumns.documents(provenance: provenance))
        out += """
            task_categories:
            - text-generation
            size_categories:
            - \(DatasetCard.sizeCategory(total))
            tags:
            - model-spec-midtraining
            - synthetic-documents
            - tenet
            ---

            # \(DatasetCard.oneLine(name))

            \(total) documents (about \(tokens) tokens, estimated as UTF-8 bytes / 4) that discuss the rules of a
            model specification — the behaviour each rule asks for, its boundaries and exceptions, and why it
            matters — for Model Spec Midtraining: training on them between pre-training and alignment
            fine-tuning. Each line's `text` is plain text, as in a pre-training corpus; the other columns give
            its `id`, `spec`, `spec_revision`, `rule_ids`, `type`, `idea`, `generator`, `model`, `seed`,
            `status`, `edited`, `critic` (the critic's verdict on the generated text: for an edited document,
            on the text before the edit) and `tokens`.

            Documents whose review ended \(wanted.joined(separator: " or ")); \(edited) of them edited by a reviewer.

            ## The specification

            \(specLines.isEmpty ? "(none)" : specLines)

            \(rules.count) rule\(rules.count == 1 ? "" : "s") covered.

            ## How it was made

            For each rule a planner chose document types (spreading documents over rules by priority, every
            rule covered when there were enough), an idea writer proposed an angle, a document writer wrote the
            document from the rule, its rationale and its boundary examples, and Tenet's gates and a critic
            rejected documents that were off-rule, inverted the rule's direction, contradicted it or never
            stated its reason. Near-duplicates (5-word shingles, estimated Jaccard ≥ 0.8) were not kept.
            Annotators then reviewed each document in Tenet. Documents labelled `offline-template` were
            assembled from the spec's own words, not written by a model.

            ## Counts

            """
        out += table("Rule", rules) + table("Type", types) + table("Generator", generators) + table("Status", statuses)
        out += "\n## Licence\n\n" + (settings.license.map { "`\($0)`.\n" }
            ?? "None given. Set one before publishing: `tenet project set license ID`.\n")
        return out
    }

    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
