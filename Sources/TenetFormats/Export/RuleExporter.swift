import Foundation
import TenetSpec
import TenetStore

/// What `tenet export rules` (and the workbench's export screen) asks for.
public struct RuleExportRequest: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        /// The annotated rule set with provenance (shape in docs/export.md).
        case json
        /// The spec in Tenet Markdown with every annotation and example written in.
        case markdown
        /// SpecBench's `specifications.json` and `scenario.json`, in a folder.
        case specbench
        /// The Model Spec Midtraining rules seed.
        case msm
    }

    public var format: Format = .json
    /// The spec (`nil`: the only one in the project).
    public var spec: String?
    /// The project as it was at this tag or changeset number.
    public var asOf: String?
    /// For specbench: this saved instantiation's rules instead of the whole spec.
    public var instantiation: String?
    /// For specbench: whether the behavioral list ends with SpecBench's general helpfulness
    /// rule; `nil`: as the instantiation says, else yes for a spec read from SpecBench's JSON.
    public var helpfulnessRule: Bool?
    /// The output file (for specbench: a folder), or `-` for standard output.
    public var out: String
    public var force = false
    /// Standard output is a served session's SSH channel, which may end in the person's
    /// terminal: the Markdown export (the spec's own text) is shown with placeholders
    /// there, as on a terminal, unless `raw`.
    public var served = false
    /// The Markdown export's exact bytes to standard output, even to a terminal or over
    /// ssh (`ssh HOST export rules --format markdown --out - --raw > spec.md`).
    public var raw = false

    public init(out: String) { self.out = out }

    /// How the Markdown export's text goes to standard output.
    var markdownOutput: AtomicFile.StandardOutputForm { raw ? .rawText : served ? .shownText : .text }

    /// Why the request cannot be run as it is, if it cannot.
    public var problem: String? {
        if instantiation != nil && format != .specbench { return "--instantiation is for --format specbench" }
        if helpfulnessRule != nil && format != .specbench { return "--helpfulness-rule is for --format specbench" }
        if format == .specbench && out == "-" { return "specbench writes a folder (specifications.json, scenario.json): give --out DIR" }
        if out.isEmpty { return "give a file to write (--out PATH, or - for standard output)" }
        if raw && (format != .markdown || out != "-") {
            return "--raw is for --format markdown --out -: the spec's exact bytes on standard output (a file always gets them)"
        }
        return nil
    }
}

/// Writes a spec's annotated rules in the formats evaluation and training tools read.
public enum RuleExporter {
    public static func run(_ request: RuleExportRequest, store: ProjectStore) throws -> ExportSummary {
        if let problem = request.problem { throw ExportError(problem) }
        try store.authorize(.author("exporting rules"))
        let changeset = try request.asOf.map { name throws(ExportError) in try PairQuery.changeset(name, in: store) }
        let specID: String
        // An instantiation names its spec.
        let saved = try request.instantiation.map { try store.instantiation($0, asOf: changeset) }
        if let spec = request.spec { specID = spec } else if let saved { specID = saved.instantiation.spec } else {
            let ids = try store.specIDs()
            guard ids.count == 1 else {
                throw ExportError(ids.isEmpty ? "no specs in the project; tenet import spec FILE"
                                              : "several specs (\(ids.joined(separator: ", "))); choose one with --spec")
            }
            specID = ids[0]
        }
        let header = try store.spec(specID, asOf: changeset)
        let summaries = try store.ruleSummaries(spec: specID, asOf: changeset)
        let rules = try store.rules(keys: summaries.map(\.key), asOf: changeset)
        let out = request.out
        func summary(_ count: Int, _ detail: String = "") -> ExportSummary {
            ExportSummary(count: count, format: request.format.rawValue, target: out,
                          message: "exported \(counted(count, "rule")) of \(specID) r\(header.revision) (\(request.format.rawValue))"
                              + (out == "-" ? "" : " to \(out)") + detail)
        }

        switch request.format {
        case .json:
            struct Setter: Encodable { var author: String; var time: String; var changeset: Int64; var revision: Int }
            struct Line: Encodable { var key: String; var revision: Int; var rule: WithoutExampleLines; var annotatedBy: [String: Setter]? }
            struct Shape: Encodable {
                var spec: String; var title: String; var file: String; var revision: Int; var changeset: Int64; var asOf: Int64?
                var rules: [Line]
            }
            var lines: [Line] = []
            for stored in rules {
                var setters: [String: Setter]?
                if changeset == nil {
                    // An annotation someone set: the empty ones every import writes (no
                    // examples added, no tags) are nobody's.
                    let annotated = try store.blame(rule: stored.key, withLines: false).1.filter {
                        $0.field.hasPrefix("annotations.") && ![.null, .array([]), .object([:]), .string("")].contains($0.value)
                    }
                    if !annotated.isEmpty {
                        setters = Dictionary(annotated.map { (String($0.field.dropFirst("annotations.".count)),
                                                              Setter(author: $0.author, time: $0.time, changeset: $0.changeset, revision: $0.revision)) },
                                             uniquingKeysWith: { first, _ in first })
                    }
                }
                lines.append(Line(key: stored.key, revision: stored.revision, rule: WithoutExampleLines(rule: stored.effectiveRule), annotatedBy: setters))
            }
            try AtomicFile.write(try json(Shape(spec: specID, title: header.record.title, file: header.record.file, revision: header.revision,
                                                changeset: header.changeset, asOf: changeset, rules: lines)), to: out, force: request.force,
                                 standardOutput: .json)
            return summary(lines.count)
        case .markdown:
            // Rules carry their current lines, so that they keep their place among sections.
            let effective = rules.map(\.effectiveRule)
            let spec = Spec(id: specID, title: header.record.title, description: header.record.description, source: header.record.file,
                            dialect: .tenet, sections: header.record.sections, rules: effective, parameters: header.record.parameters)
            try AtomicFile.write(TenetMarkdownWriter.markdown(spec), to: out, force: request.force, standardOutput: request.markdownOutput)
            return summary(rules.count)
        case .msm:
            struct Seed: Encodable { var id: String; var name: String; var text: String; var rationale: String? }
            struct Domain: Encodable { var domain: String; var rules: [Seed] }
            let seeds = rules.map(\.record.effective).map { Seed(id: $0.id, name: $0.title, text: $0.text, rationale: $0.rationale) }
            try AtomicFile.write(try json([Domain(domain: header.record.title, rules: seeds)]), to: out, force: request.force, standardOutput: .json)
            return summary(seeds.count)
        case .specbench:
            // Rules as a model is given them (RuleStatement): what a rule prohibits reads as a
            // prohibition, and a bare behaviour of unknown direction is left out.
            var lists: (safety: [String], behavioral: [String])
            var description = header.record.description
            var unclassified = 0, templated = 0, unstated = 0
            if let saved, let name = request.instantiation {
                guard saved.instantiation.spec == specID else {
                    throw ExportError("instantiation \(name) is of spec \(saved.instantiation.spec), not \(specID)")
                }
                var instance = saved.instantiation
                if let asked = request.helpfulnessRule { instance.controls.helpfulnessRule = asked }
                lists = instance.statedLists
                unstated = instance.unstated.count
                description = PlainLinks.plain(instance.filled(description))
            } else {
                let effective = rules.map(\.record.effective)
                unclassified = effective.filter { $0.kind == .unclassified }.count
                templated = effective.filter { $0.kind != .unclassified && $0.text.contains("{{") }.count
                // SpecBench holds each rule as one line of text.
                let stated = effective.filter { $0.kind != .unclassified }.map { rule in
                    (rule.kind, RuleStatement.stated(PlainLinks.plain(rule.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")),
                                                     direction: rule.direction, permits: rule.permits,
                                                     authored: header.record.dialect != .prose))
                }
                unstated = stated.filter { $0.1 == nil }.count
                lists = (stated.filter { $0.0 == .safety }.compactMap(\.1), stated.filter { $0.0 == .behavioral }.compactMap(\.1))
                description = PlainLinks.plain(description)
                if request.helpfulnessRule ?? (header.record.dialect == .specBenchJSON) {
                    lists.behavioral = RuleStatement.endingWithHelpfulness(lists.behavioral)
                }
            }
            struct Specifications: Encodable {
                var safety_specifications: [String]
                var behavioral_specifications: [String]
            }
            struct Scenario: Encodable { var name: String; var description: String }
            let specifications = Specifications(safety_specifications: lists.safety, behavioral_specifications: lists.behavioral)
            if FileManager.default.fileExists(atPath: out) && !request.force {
                throw ExportError.exists(out)
            }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw ExportError("\(out): cannot create the folder: \(error.localizedDescription)")
            }
            try AtomicFile.write(try json(specifications), to: out + "/specifications.json", force: true)
            try AtomicFile.write(try json(Scenario(name: header.record.title, description: description)),
                                 to: out + "/scenario.json", force: true)
            let count = specifications.safety_specifications.count + specifications.behavioral_specifications.count
            return ExportSummary(count: count, format: "specbench", target: out,
                                 message: "exported \(specifications.safety_specifications.count) safety and \(specifications.behavioral_specifications.count) behavioral rules to \(out)"
                                     + (unclassified > 0 ? "; \(unclassified) unclassified rules left out (classify them: s or b in the workbench)" : "")
                                     + (unstated > 0 ? "; \(unstated) rules left out whose direction is not annotated and whose words do not say it (tenet rule set RULE --direction require|prohibit)" : "")
                                     + (templated > 0 ? "; \(templated) keep their {{placeholders}} (--instantiation NAME fills them)" : ""))
        }
    }

    /// A rule as JSON without its examples' `line`: the store keeps examples apart from where
    /// they sat in the file (lines move whenever text above them changes), so the number
    /// would be a meaningless 0.
    public struct WithoutExampleLines: Encodable, Sendable {
        public var rule: Rule

        public init(rule: Rule) { self.rule = rule }

        public func encode(to encoder: Encoder) throws {
            guard case .object(var fields) = try JSONValue.parse(JSONEncoder().encode(rule)) else { return try rule.encode(to: encoder) }
            if case .array(let examples)? = fields["examples"] {
                fields["examples"] = .array(examples.map { example in
                    guard case .object(var keys) = example, keys["line"] == .number(0) else { return example }
                    keys["line"] = nil
                    return .object(keys)
                })
            }
            try JSONValue.object(fields).encode(to: encoder)
        }
    }

    /// Pretty JSON with sorted keys, as the commands print it.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
