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
        subcommands: [ExportPairsCommand.self, ExportRulesCommand.self, ExportDocsCommand.self]
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
        edited) unless --no-provenance; tenet import pairs reads such a file back, review \
        included. The file is written to a temporary name and renamed when complete; an \
        existing file is not replaced without --force. --out - writes to standard output. \
        hf writes a folder ready to publish as a Hugging Face dataset: data/train.jsonl \
        (TRL) and a README dataset card with counts per spec, rule, kind, strategy, \
        generator, status and decision.
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "trl, openai or distilabel; or hf, a dataset folder.") var format: PairExportRequest.Format = .trl
    @Option(help: "For trl: conversational (message lists, the default) or standard (strings).") var style: PairExport.Style = .conversational
    @Option(help: "Only this spec's pairs.") var spec: String?
    @Option(help: "Only pairs targeting this rule.") var rule: String?
    @Option(help: "Statuses to export, comma-separated (default: accepted,edited).") var status = "accepted,edited"
    @Option(help: "Only pairs this annotator decided.") var annotator: String?
    @Option(help: "Only pairs changed after this tag or changeset number (say, the last export's tag).") var since: String?
    @OptionGroup var asOf: AsOfOption
    @Flag(name: .customLong("with-spec"), help: "Lead each prompt with the instance's rendered spec as a system message.") var withSpec = false
    @Flag(name: .customLong("no-provenance"), help: "Leave out the provenance columns.") var noProvenance = false
    @Option(help: "The output file (for hf: a folder), or - for standard output.", completion: .file()) var out: String
    @Flag(help: "Replace an existing output file.") var force = false

    var request: PairExportRequest {
        var request = PairExportRequest(out: out)
        request.format = format
        request.style = style
        request.query = PairQuery(spec: spec, rule: rule,
                                  statuses: status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                                  annotator: annotator, since: since, asOf: asOf.asOf)
        request.withSpec = withSpec
        request.provenance = !noProvenance
        request.force = force
        return request
    }

    func validate() throws {
        if let problem = request.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let project = try store.openExisting()
        let bar = ProgressLine(noun: "pairs")
        let summary = try exportCall { try PairExporter.run(request, store: project, progress: bar.show) }
        bar.clear()
        Output.error(summary.message)
    }
}

extension PairExport.Style: ExpressibleByArgument {}
extension PairExportRequest.Format: ExpressibleByArgument {}

/// Runs an export; its errors are printed as `tenet: …` with the documented exit status.
func exportCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExportError {
        Output.error("tenet: " + error.message)
        throw ExitCode.failure
    } catch let error as StoreError {
        Output.error("tenet: " + error.description)
        throw ExitCode(error.exitCode)
    }
}

/// A progress bar on standard error when it is a terminal (never into a file or pipe):
/// `exporting ▕██████░░░░▏ 61% 612,000/1,000,000 pairs`.
final class ProgressLine {
    private let noun: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false

    init(noun: String) { self.noun = noun }

    func show(_ progress: ExportProgress) {
        guard enabled, progress.total > 0, progress.done < progress.total else { return }
        let width = 24
        let filled = min(width, progress.done * width / progress.total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = "\rexporting ▕\(bar)▏ \(progress.done * 100 / progress.total)% \(progress.done)/\(progress.total) \(noun)"
        FileHandle.standardError.write(Data(text.utf8))
        shown = true
    }

    func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
