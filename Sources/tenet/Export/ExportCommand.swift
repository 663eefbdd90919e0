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
        abstract: "Export pairs as JSONL: trl (default), openai or distilabel.",
        discussion: """
        By default only pairs whose review is finished and accepted (or edited) are \
        exported; human edits and swaps are in the text. Lines are in pair-ID order, so the \
        same database gives the same bytes. Each line carries its provenance (id, spec, \
        spec_revision, rule_ids, strategy, generator, status, decisions, annotators, \
        edited) unless --no-provenance; tenet import pairs reads such a file back. The file \
        is written to a temporary name and renamed when complete; an existing file is not \
        replaced without --force. --out - writes to standard output.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case trl, openai, distilabel }

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
        if format != .trl && style == .standard { throw ValidationError("--style is for --format trl") }
    }

    var statuses: [String] { status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func run() throws {
        let project = try store.open()
        let lineFormat: PairFormat = format == .openai ? .openai : format == .distilabel ? .distilabel
            : style == .standard ? .trlStandard : .trlConversational
        let output = try AtomicOutput(path: out, force: force)
        var count = 0
        var systems: [String: String] = [:]     // instantiation → rendered spec
        do {
            try storeCall { () throws(StoreError) in
                try project.forEachPair(spec: spec, rule: rule, statuses: statuses, annotator: annotator) { exported in
                    let pair = exported.stored.pair
                    var system: String?
                    if withSpec, let name = pair.instantiation {
                        if systems[name] == nil {
                            systems[name] = (try? project.instantiation(name)).map { $0.instantiation.rendered(.system) } ?? ""
                        }
                        system = systems[name].flatMap { $0.isEmpty ? nil : $0 }
                    }
                    let provenance = noProvenance ? nil
                        : ExportProvenance(status: exported.stored.status, decisions: exported.decisions.mapValues(\.rawValue), edited: exported.edited)
                    try output.write(try PairExport.line(pair, format: lineFormat, style: style, system: system, provenance: provenance) + "\n")
                    count += 1
                    if count % 100_000 == 0, isatty(STDERR_FILENO) == 1 { Output.error("exported \(count) pairs…") }
                }
            }
            try output.commit()
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
