import ArgumentParser
import Foundation
import TenetFormats
import TenetSpec
import TenetStore

extension ExportCommand {
    /// `tenet export docs`: the reviewed midtraining documents.
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "docs",
            abstract: "Export midtraining documents as JSONL ({\"text\", …provenance} per line) or hf, a dataset folder.",
            discussion: """
            By default the documents accepted or edited in review. One line per document, in \
            ID order: text (plain, as pre-training corpora hold it), id, spec, spec_revision, \
            rule_ids, type, idea, generator, model, seed, status, edited, critic, tokens \
            (--no-provenance: text alone). hf writes data/train.jsonl and a README dataset \
            card describing the spec, the rules covered, the types and the counts. Written to \
            a temporary name and renamed when complete; --force replaces an existing output; \
            --out - writes to standard output.
            """
        )

        @OptionGroup var store: StoreOptions
        @Option(help: "jsonl or hf.") var format: DocumentExportRequest.Format = .jsonl
        @Option(help: "Only this spec's documents.") var spec: String?
        @Option(help: "Statuses to export, comma-separated (default: accepted,edited).") var status = "accepted,edited"
        @Flag(name: .customLong("no-provenance"), help: "Write text alone.") var noProvenance = false
        @Option(help: "The output file (for hf: a folder), or - for standard output.", completion: .file()) var out: String
        @Flag(help: "Replace an existing output.") var force = false

        func request() throws -> DocumentExportRequest {
            var request = DocumentExportRequest(out: out)
            request.format = format
            request.spec = spec
            request.statuses = try status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { name in
                guard let status = DocumentStatus(rawValue: name) else {
                    throw ValidationError("unknown status \(name); statuses: \(DocumentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return status
            }
            request.provenance = !noProvenance
            request.force = force
            return request
        }

        func validate() throws {
            if let problem = try request().problem { throw ValidationError(problem) }
        }

        func run() throws {
            let project = try store.openExisting()
            let bar = ProgressLine(noun: "documents")
            let request = try request()
            let summary = try exportCall { try DocumentExporter.run(request, store: project, progress: bar.show) }
            bar.clear()
            Output.error(summary.message)
        }
    }
}

extension DocumentExportRequest.Format: ChoiceArgument {}
