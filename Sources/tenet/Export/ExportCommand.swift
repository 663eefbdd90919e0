import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

/// `tenet export …`: what annotators and authors made, in the formats other tools read.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export reviewed pairs and annotated rules in the formats training and evaluation tools read.",
        subcommands: [ExportPairsCommand.self, ExportRulesCommand.self]
    )
}

/// `tenet export pairs`.
struct ExportPairsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pairs",
        abstract: "Export pairs as JSONL: trl (default), openai or distilabel; or hf, a dataset folder.",
        discussion: """
        By default only pairs whose review is finished and accepted (or edited) are \
        exported; human edits and swaps are in the text. Lines are in pair-ID order, so the \
        same database gives the same bytes. Each line carries its provenance (id, spec, \
        spec_revision, rule_ids, strategy, generator, status, decisions, annotators, \
        edited) unless --no-provenance; tenet import pairs reads such a file back. The file \
        is written to a temporary name and renamed when complete; an existing file is not \
        replaced without --force. --out - writes to standard output. hf writes a folder \
        ready to publish as a Hugging Face dataset: data/train.jsonl (TRL) and a README \
        dataset card with counts per spec, rule, kind, strategy and decision.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case trl, openai, distilabel, hf }

    @OptionGroup var store: StoreOptions
    @Option(help: "trl, openai or distilabel.") var format: Format = .trl
    @Option(help: "For trl: conversational (message lists, the default) or standard (strings).") var style: PairExport.Style = .conversational
    @Option(help: "Only this spec's pairs.") var spec: String?
    @Option(help: "Only pairs targeting this rule.") var rule: String?
    @Option(help: "Statuses to export, comma-separated (default: accepted,edited).") var status = "accepted,edited"
    @Option(help: "Only pairs this annotator decided.") var annotator: String?
    @Flag(name: .customLong("with-spec"), help: "Lead each prompt with the instance's rendered spec as a system message.") var withSpec = false
    @Flag(name: .customLong("no-provenance"), help: "Leave out the provenance columns.") var noProvenance = false
    @Option(help: "The output file, or - for standard output.", completion: .file()) var out: String
    @Flag(help: "Replace an existing output file.") var force = false

    func validate() throws {
        for name in statuses where PairStatus(rawValue: name) == nil {
            throw ValidationError("unknown status \(name); statuses: \(PairStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if format != .trl && format != .hf && style == .standard { throw ValidationError("--style is for --format trl or hf") }
        if format == .hf && out == "-" { throw ValidationError("hf writes a folder: give --out DIR") }
    }

    var statuses: [String] { status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func run() throws {
        let project = try store.open()
        let lineFormat: PairFormat = format == .openai ? .openai : format == .distilabel ? .distilabel
            : style == .standard ? .trlStandard : .trlConversational
        var target = out
        if format == .hf {
            if FileManager.default.fileExists(atPath: out) && !force {
                Output.error("tenet: \(out) exists; use --force to replace it, or choose another --out")
                throw ExitCode.failure
            }
            do { try FileManager.default.createDirectory(atPath: out + "/data", withIntermediateDirectories: true) } catch {
                Output.error("tenet: \(out): cannot create the folder: \(error.localizedDescription)")
                throw ExitCode.failure
            }
            target = out + "/data/train.jsonl"
        }
        let output = try AtomicOutput(path: target, force: force || format == .hf)
        var card = DatasetCard()
        var count = 0
        // A running count on a terminal (never into a file or pipe).
        let progress = isatty(STDERR_FILENO) == 1
        // Looked up before the stream starts: the store is not read again inside it.
        var systems: [String: String] = [:]     // instantiation → rendered spec
        if withSpec {
            for listed in try storeCall({ () throws(StoreError) in try project.instantiationList() }) {
                if let saved = try? project.instantiation(listed.name) { systems[listed.name] = saved.instantiation.rendered(.system) }
            }
        }
        var kinds: [String: String] = [:]       // spec/rule → kind
        if format == .hf {
            for rule in try storeCall({ () throws(StoreError) in try project.ruleSummaries(spec: spec) }) {
                kinds[rule.spec + "/" + rule.id] = rule.state
            }
        }
        do {
            try storeCall { () throws(StoreError) in
                try project.forEachPair(spec: spec, rule: rule, statuses: statuses, annotator: annotator) { exported in
                    let pair = exported.stored.pair
                    var system: String?
                    if withSpec, let name = pair.instantiation { system = systems[name] }
                    let provenance = noProvenance ? nil
                        : ExportProvenance(status: exported.stored.status, decisions: exported.decisions.mapValues(\.rawValue), edited: exported.edited)
                    try output.write(try PairExport.line(pair, format: lineFormat, style: style, system: system, provenance: provenance) + "\n")
                    count += 1
                    if format == .hf { card.count(exported, kind: { id in kinds[(pair.spec ?? "") + "/" + id] }) }
                    if count % 2_000 == 0, progress { FileHandle.standardError.write(Data("\rexporting… \(count) pairs".utf8)) }
                }
            }
            if progress && count >= 2_000 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            try output.commit()
            if format == .hf {
                let readme = try AtomicOutput(path: out + "/README.md", force: true)
                try readme.write(card.markdown(total: count, format: lineFormat, statuses: statuses))
                try readme.commit()
            }
        } catch {
            output.abandon()
            throw error
        }
        Output.error("exported \(count) pair\(count == 1 ? "" : "s") (\(lineFormat.rawValue))\(out == "-" ? "" : " to \(out)")")
    }
}

extension PairExport.Style: ExpressibleByArgument {}

/// Output written to a temporary file beside the target and renamed over it only when
/// complete, so the target never holds a partial export; `-` is standard output.
final class AtomicOutput {
    private let path: String
    private let temporary: String?
    private let handle: UnsafeMutablePointer<FILE>

    init(path: String, force: Bool) throws {
        self.path = path
        if path == "-" {
            temporary = nil
            handle = fdopen(dup(1), "w")
            return
        }
        if FileManager.default.fileExists(atPath: path) && !force {
            Output.error("tenet: \(path) exists; use --force to replace it, or choose another --out")
            throw ExitCode.failure
        }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).tenet-\(getpid()).tmp"
        guard let handle = fopen(temporary, "w") else {
            Output.error("tenet: \(path): cannot write here: \(String(cString: strerror(errno)))")
            throw ExitCode.failure
        }
        self.temporary = temporary
        self.handle = handle
    }

    func write(_ text: String) throws {
        guard fputs(text, handle) >= 0 else {
            Output.error("tenet: \(path): write failed: \(String(cString: strerror(errno)))")
            throw ExitCode.failure
        }
    }

    /// Flushes to disk and renames into place.
    func commit() throws {
        guard fflush(handle) == 0, fsync(fileno(handle)) == 0 || temporary == nil else {
            Output.error("tenet: \(path): write failed: \(String(cString: strerror(errno)))")
            abandon()
            throw ExitCode.failure
        }
        fclose(handle)
        guard let temporary else { return }
        guard rename(temporary, path) == 0 else {
            Output.error("tenet: \(path): cannot rename the finished export into place: \(String(cString: strerror(errno)))")
            unlink(temporary)
            throw ExitCode.failure
        }
    }

    /// Drops the partial output.
    func abandon() {
        fclose(handle)
        if let temporary { unlink(temporary) }
    }
}

/// The README of an `hf` export: what is in the dataset and how it was made.
struct DatasetCard {
    var specs: [String: Int] = [:]
    var rules: [String: Int] = [:]
    var kinds: [String: Int] = [:]
    var strategies: [String: Int] = [:]
    var decisions: [String: Int] = [:]
    var generators: [String: Int] = [:]
    var edited = 0
    private var kindOf: [String: String] = [:]

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
        for decision in exported.decisions.values { decisions[decision.rawValue, default: 0] += 1 }
        if exported.edited { edited += 1 }
    }

    func markdown(total: Int, format: PairFormat, statuses: [String]) -> String {
        func table(_ title: String, _ counts: [String: Int]) -> String {
            guard !counts.isEmpty else { return "" }
            var out = "\n### \(title)\n\n| \(title.lowercased()) | pairs |\n|---|---|\n"
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
            + table("Generator", generators) + table("Decision", decisions)
        return out
    }
}
