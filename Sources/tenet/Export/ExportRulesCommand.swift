import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet export rules`: the annotated rule set.
struct ExportRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Export annotated rules: json, specbench or msm.",
        discussion: """
        json: every rule as annotated (kind, direction, scope, rationale, exceptions, family, \
        concreteness, priority, boundary examples…), with the spec's revision and, per \
        annotated field, who set it, when and in which changeset. specbench: a folder with \
        specifications.json (the safety and behavioral lists) and scenario.json, of the \
        whole spec or of a saved instantiation (--instantiation). msm: the Model Spec \
        Midtraining rules seed, [{"domain", "rules": [{"id", "name", "text", "rationale"}]}]. \
        Written atomically; --force replaces an existing file.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, specbench, msm }

    @OptionGroup var store: StoreOptions
    @OptionGroup var asOf: AsOfOption
    @Option(help: "json, specbench or msm.") var format: Format = .json
    @Option(help: "The spec (default: the only one in the project).") var spec: String?
    @Option(help: "For specbench: the rules of this saved instantiation instead of the whole spec.") var instantiation: String?
    @Option(help: "The output file (for specbench: a folder), or - for standard output (json, msm).", completion: .file()) var out: String
    @Flag(help: "Replace an existing output.") var force = false

    func validate() throws {
        if instantiation != nil && format != .specbench { throw ValidationError("--instantiation is for --format specbench") }
        if format == .specbench && out == "-" { throw ValidationError("specbench writes a folder (specifications.json, scenario.json): give --out DIR") }
    }

    func run() throws {
        let project = try store.open()
        let changeset = try asOf.changeset(in: project)
        let specID: String
        if let spec { specID = spec } else {
            let ids = try storeCall { () throws(StoreError) in try project.specIDs() }
            guard ids.count == 1 else {
                Output.error("tenet: \(ids.isEmpty ? "no specs in the project; tenet import spec FILE" : "several specs (\(ids.joined(separator: ", "))); choose one with --spec")")
                throw ExitCode.failure
            }
            specID = ids[0]
        }
        let header = try storeCall { () throws(StoreError) in try project.spec(specID, asOf: changeset) }
        let summaries = try storeCall { () throws(StoreError) in try project.ruleSummaries(spec: specID, asOf: changeset) }
        let rules = try summaries.map { summary in try storeCall { () throws(StoreError) in try project.rule(summary.key, asOf: changeset) } }

        switch format {
        case .json:
            struct Setter: Encodable { var author: String; var time: String; var changeset: Int64; var revision: Int }
            struct Line: Encodable { var key: String; var revision: Int; var rule: Rule; var annotatedBy: [String: Setter]? }
            struct Shape: Encodable {
                var spec: String; var title: String; var file: String; var revision: Int; var changeset: Int64; var asOf: Int64?
                var rules: [Line]
            }
            var lines: [Line] = []
            for stored in rules {
                var setters: [String: Setter]?
                if changeset == nil {
                    let blame = try storeCall { () throws(StoreError) in try project.blame(rule: stored.key).1 }
                    let annotated = blame.filter { $0.field.hasPrefix("annotations.") && $0.value != .null }
                    if !annotated.isEmpty {
                        setters = Dictionary(annotated.map { (String($0.field.dropFirst("annotations.".count)),
                                                              Setter(author: $0.author, time: $0.time, changeset: $0.changeset, revision: $0.revision)) },
                                             uniquingKeysWith: { first, _ in first })
                    }
                }
                lines.append(Line(key: stored.key, revision: stored.revision, rule: stored.record.effective, annotatedBy: setters))
            }
            try write(try Self.json(Shape(spec: specID, title: header.record.title, file: header.record.file, revision: header.revision,
                                          changeset: header.changeset, asOf: changeset, rules: lines)), to: out)
            Output.error("exported \(lines.count) rules of \(specID) r\(header.revision) (json)")
        case .msm:
            struct Seed: Encodable { var id: String; var name: String; var text: String; var rationale: String? }
            struct Domain: Encodable { var domain: String; var rules: [Seed] }
            let seeds = rules.map(\.record.effective).map { Seed(id: $0.id, name: $0.title, text: $0.text, rationale: $0.rationale) }
            try write(try Self.json([Domain(domain: header.record.title, rules: seeds)]), to: out)
            Output.error("exported \(seeds.count) rules of \(specID) r\(header.revision) (msm)")
        case .specbench:
            var texts: [(kind: RuleKind, text: String)]
            if let instantiation {
                let saved = try storeCall { () throws(StoreError) in try project.instantiation(instantiation, asOf: changeset) }
                guard saved.instantiation.spec == specID || spec == nil else {
                    Output.error("tenet: instantiation \(instantiation) is of spec \(saved.instantiation.spec), not \(specID)")
                    throw ExitCode.failure
                }
                texts = saved.instantiation.rules.map { ($0.kind, $0.text) }
            } else {
                texts = rules.map(\.record.effective).map { ($0.kind, $0.text) }
            }
            let unclassified = texts.filter { $0.kind == .unclassified }.count
            // SpecBench holds each rule as one line of text.
            texts = texts.filter { $0.kind != .unclassified }
                .map { ($0.kind, $0.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")) }
            struct Specifications: Encodable {
                var safety_specifications: [String]
                var behavioral_specifications: [String]
            }
            struct Scenario: Encodable { var name: String; var description: String }
            let specifications = Specifications(safety_specifications: texts.filter { $0.kind == .safety }.map(\.text),
                                                behavioral_specifications: texts.filter { $0.kind == .behavioral }.map(\.text))
            if FileManager.default.fileExists(atPath: out) && !force {
                Output.error("tenet: \(out) exists; use --force to replace it, or choose another --out")
                throw ExitCode.failure
            }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                Output.error("tenet: \(out): cannot create the folder: \(error.localizedDescription)")
                throw ExitCode.failure
            }
            try write(try Self.json(specifications), to: out + "/specifications.json", force: true)
            try write(try Self.json(Scenario(name: header.record.title, description: header.record.description)), to: out + "/scenario.json", force: true)
            Output.error("exported \(specifications.safety_specifications.count) safety and \(specifications.behavioral_specifications.count) behavioral rules to \(out)"
                         + (unclassified > 0 ? "; \(unclassified) unclassified rules left out (classify them: s or b in the workbench)" : ""))
        }
    }

    private func write(_ text: String, to path: String, force: Bool? = nil) throws {
        let output = try AtomicOutput(path: path, force: force ?? self.force)
        do {
            try output.write(text)
            try output.commit()
        } catch {
            output.abandon()
            throw error
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
