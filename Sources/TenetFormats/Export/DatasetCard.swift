import TenetSpec
import TenetStore

/// The README of an `hf` export, written from the export it describes: the columns its
/// lines have and their types, whether prompts carry a system message, the style, the
/// lengths, the licence, language and name, how the data was made, and the counts.
struct DatasetCard: Sendable {
    var specs: [String: Int] = [:]
    var rules: [String: Int] = [:]
    var kinds: [String: Int] = [:]
    var strategies: [String: Int] = [:]
    var decisions: [String: Int] = [:]
    var generators: [String: Int] = [:]
    var outcomes: [String: Int] = [:]
    var edited = 0
    /// Rows whose conversation has a system turn of its own (an example's deployment).
    var ownSystemRows = 0
    /// Rows whose prompt the export led with a system message (`--with-spec`).
    var systemRows = 0
    /// Whether some message carries a `name` (a tool's): messages then have that field.
    var namedMessages = false
    private var kindOf: [String: String] = [:]

    /// What the export was, beyond what it counted.
    struct Export {
        var total: Int
        var standard: Bool
        var provenance: Bool
        var withSpec: Bool
        var statuses: [String]
        var lengths: RowLengths
        var maxLength: Int?
        var dropped: Int
        var settings: DatasetCardSettings
    }

    init() {}

    /// Counts one exported pair; `system`: the export led its prompt with a system message;
    /// `kind` gives a rule's kind by its ID.
    mutating func count(_ exported: ExportedPair, system: Bool, kind: (String) -> String?) {
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
        if system { systemRows += 1 }
        if pair.prompt.first?.role == "system" { ownSystemRows += 1 }
        if !namedMessages && pair.prompt.contains(where: { $0.name != nil }) { namedMessages = true }
    }

    /// The card: Hugging Face metadata (YAML front matter, every text quoted), then prose.
    func markdown(_ export: Export) -> String {
        let columns = CardColumns.of(standard: export.standard, provenance: export.provenance,
                                     namedMessages: namedMessages, systemMessages: systemRows > 0)
        let name = export.settings.prettyName ?? defaultName
        var out = "---\npretty_name: \(YAMLText.quoted(name))\n"
        if let license = export.settings.license { out += "license: \(YAMLText.quoted(license))\n" }
        if !export.settings.language.isEmpty { out += "language:\n" + export.settings.language.map { "- \(YAMLText.quoted($0))\n" }.joined() }
        out += """
            configs:
            - config_name: default
              data_files:
              - split: train
                path: data/train.jsonl

            """
        out += CardColumns.yaml(columns)
        out += "task_categories:\n- text-generation\nsize_categories:\n- \(Self.sizeCategory(export.total))\ntags:\n- dpo\n- preference\n- tenet\n---\n\n"
        out += "# \(Self.oneLine(name))\n\n"
        out += "\(export.total) preference pairs for DPO (TRL's \(export.standard ? "standard" : "conversational") preference format), "
            + "from pairs whose review ended \(export.statuses.joined(separator: " or ")); \(edited) of them with an answer edited by a reviewer. "
            + "Human edits and swaps are applied.\n\n"
        out += "## Columns\n\n| column | type | what it holds |\n|---|---|---|\n"
        for column in columns { out += "| `\(column.name)` | \(Self.cell(column.type)) | \(Self.cell(column.meaning)) |\n" }
        out += export.provenance ? "\nTrainers ignore the columns after `rejected`.\n" : "\nThe export left out the provenance columns (`--no-provenance`).\n"
        out += "\n" + systemParagraph(export) + "\n"
        if export.standard {
            out += "\nThe boundary between prompt and answer is in the text: the prompt ends with a blank line and `Assistant:`, "
                + "and each answer starts with one space, as in TRL's example (`\"prompt\": \"The sky is\", \"chosen\": \" blue.\"`).\n"
        }
        out += "\n## Lengths\n\n" + lengthsParagraph(export) + "\n"
        out += "\n## Licence\n\n" + (export.settings.license.map { "`\($0)`.\n" }
            ?? "None given. Set one before publishing: `tenet export pairs --format hf --license ID`, or `tenet project set license ID`.\n")
        out += """

            ## How it was made

            Rules come from a written specification; pairs were generated to sit on each rule's boundary
            (the chosen answer complies; the rejected one violates the rule, or refuses a request the rule
            allows) or imported, then reviewed by annotators in Tenet, each decision a revision in its
            project database. Pairs labelled `offline-template` were built from templates and the rules'
            own examples, not by a model.

            ## Counts

            """
        func table(_ title: String, _ counts: [String: Int], of unit: String = "pairs") -> String {
            guard !counts.isEmpty else { return "" }
            var out = "\n### \(title)\n\n| \(title.lowercased()) | \(unit) |\n|---|---|\n"
            for (name, n) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) { out += "| \(Self.cell(name)) | \(n) |\n" }
            return out
        }
        out += table("Spec", specs) + table("Rule", rules) + table("Kind", kinds) + table("Strategy", strategies)
            + table("Generator", generators) + table("Status", outcomes) + table("Decision", decisions, of: "decisions")
        return out
    }

    /// `Tenet preference pairs: travel` (the spec's ID when there is one).
    private var defaultName: String {
        specs.count == 1 && specs.keys.first != "(none)" ? "Tenet preference pairs: \(specs.keys.first ?? "")" : "Tenet preference pairs"
    }

    private func systemParagraph(_ export: Export) -> String {
        guard ownSystemRows > 0 else { return ledParagraph(export) }
        return ledParagraph(export) + " \(ownSystemRows) of \(export.total) conversations have a system turn of their own "
            + "(the deployment the spec's example is set in)" + (systemRows > 0 ? ", kept after the rules and a blank line." : ".")
    }

    private func ledParagraph(_ export: Export) -> String {
        if systemRows == export.total && systemRows > 0 {
            return "Every prompt starts with a system message: the rules of the instantiation the pair was generated under, as the model was given them."
        }
        if systemRows > 0 {
            return "\(systemRows) of \(export.total) prompts start with a system message (the rules of the instantiation the pair was generated under); the others came from no saved instantiation."
        }
        return export.withSpec
            ? "No prompt has a system message: `--with-spec` was given, but no pair came from a saved instantiation."
            : "No prompt is led by the rules: they are not in the data (`tenet export pairs --with-spec` adds them as a system message)."
    }

    private func lengthsParagraph(_ export: Export) -> String {
        let lengths = export.lengths
        var out = "Per row (the prompt's messages and the longer answer): median \(RowLengths.number(lengths.medianTokens)) tokens "
            + "(\(RowLengths.number(lengths.medianCharacters)) characters), longest \(RowLengths.number(lengths.maxTokens)) tokens "
            + "(\(RowLengths.number(lengths.maxCharacters)) characters). Tokens are estimated as UTF-8 bytes / \(RowLengths.bytesPerToken); "
            + "set the trainer's `max_length` above the longest rows, or they are truncated or dropped."
        if let limit = export.maxLength {
            out += export.dropped > 0
                ? " \(export.dropped) rows longer than \(limit) estimated tokens were left out (`--max-length \(limit) --over-length drop`)."
                : " \(lengths.rows(over: limit)) rows are longer than \(limit) estimated tokens (`--max-length \(limit)`)."
        }
        return out
    }

    /// Text for a table cell: on one line, `|` escaped.
    private static func cell(_ text: String) -> String { oneLine(text).replacingOccurrences(of: "|", with: "\\|") }

    /// Text for a heading or cell: line breaks and controls as spaces.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control
            || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0 }))
    }

    /// The Hub's size bucket for a number of rows (`n<1K`, `1K<n<10K`, … `1B<n<10B`).
    static func sizeCategory(_ rows: Int) -> String {
        let buckets: [(Int, String)] = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"),
                                        (1_000_000_000, "100M<n<1B")]
        return buckets.first { rows < $0.0 }?.1 ?? "1B<n<10B"
    }
}
