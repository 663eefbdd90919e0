import Foundation
import TenetSpec
import TenetStore

/// What `tenet export docs` asks for.
public struct DocumentExportRequest: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        /// One `{"text", …provenance}` line per document.
        case jsonl
        /// A Hugging Face dataset folder: `data/train.jsonl` and a README dataset card.
        case hf
    }

    public var format: Format = .jsonl
    /// Only this spec's documents.
    public var spec: String?
    /// Statuses to export (default: accepted and edited).
    public var statuses: [DocumentStatus] = [.accepted, .edited]
    /// Add the provenance columns (`text` alone otherwise).
    public var provenance = true
    /// The output file (`-` for standard output); for `hf`, a folder.
    public var out: String
    public var force = false

    public init(out: String) { self.out = out }

    public var problem: String? {
        if format == .hf && out == "-" { return "hf writes a folder: give --out DIR" }
        if out.isEmpty { return "give a file to write (--out PATH, or - for standard output)" }
        if statuses.isEmpty { return "give at least one status to export (accepted, edited, …)" }
        return nil
    }
}

/// Streams the selected midtraining documents into JSON lines — `text`, plain, as
/// pre-training corpora hold it, and the provenance beside it (keys sorted) — in document-ID order from one read
/// transaction (the same database gives the same bytes; memory stays flat), to a temporary
/// file renamed into place only when complete.
public enum DocumentExporter {
    public static func run(_ request: DocumentExportRequest, store: ProjectStore, progressEvery: Int = 2_000,
                           progress: (ExportProgress) -> Void = { _ in }, isCancelled: () -> Bool = { false }) throws -> ExportSummary {
        if let problem = request.problem { throw ExportError(problem) }
        try store.authorize(.author("exporting midtraining documents"))
        try store.checkFilters(spec: request.spec)
        let out = request.out
        var target = out
        var madeFolder = false
        var card = DocumentCard()
        if request.format == .hf {
            try AtomicFile.checkFolder(out)
            if FileManager.default.fileExists(atPath: out) && !request.force { throw ExportError.exists(out) }
            madeFolder = !FileManager.default.fileExists(atPath: out)
            do { try FileManager.default.createDirectory(atPath: out + "/data", withIntermediateDirectories: true) } catch {
                throw ExportError("\(out): cannot create the folder: \(error.localizedDescription)")
            }
            target = out + "/data/train.jsonl"
            card.settings = try store.datasetCardSettings()
        }
        let output: AtomicFile
        do { output = try AtomicFile(path: target, force: request.force || request.format == .hf, standardOutput: .json) } catch {
            if madeFolder { try? FileManager.default.removeItem(atPath: out) }
            throw error
        }
        var total = 0, count = 0
        var line: [UInt8] = []
        line.reserveCapacity(8_192)
        var json = JSONLine()
        var stopped: ExportError?
        func stop(_ error: ExportError) throws -> Never {
            stopped = error
            throw error
        }
        do {
            try store.forEachDocument(spec: request.spec, statuses: request.statuses, count: { total = $0 }) { stored in
                line.removeAll(keepingCapacity: true)
                write(stored, provenance: request.provenance, json: &json, into: &line)
                line.append(0x0A)
                do throws(ExportError) { try output.write(line) } catch { try stop(error) }
                count += 1
                if request.format == .hf { card.count(stored) }
                if count % progressEvery == 0 {
                    progress(ExportProgress(done: count, total: total))
                    if isCancelled() { try stop(ExportError("export stopped after \(count) documents; \(out) was left as it was", cancelled: true)) }
                }
            }
            if request.format == .hf {
                if count == 0 { try stop(ExportError.emptyDataset(out, what: "documents")) }
                // The card names the specs of the documents exported, no others.
                for id in card.seen.sorted() {
                    let spec = try store.spec(id)
                    card.specs[id] = DocumentCard.SpecLine(title: spec.record.title, revision: spec.revision)
                }
            }
            try output.commit()
            if request.format == .hf {
                try AtomicFile.write(card.markdown(total: count, statuses: request.statuses.map(\.rawValue), provenance: request.provenance), to: out + "/README.md", force: true)
            }
        } catch {
            output.abandon()
            if madeFolder { try? FileManager.default.removeItem(atPath: out) }
            throw stopped ?? error
        }
        progress(ExportProgress(done: count, total: total))
        return ExportSummary(count: count, format: "docs-" + request.format.rawValue, target: out,
                             message: "exported \(count) document\(count == 1 ? "" : "s") (\(request.format.rawValue))\(out == "-" ? "" : " to \(out)")")
    }

    /// One document's line: `text`, then (unless left out) `id`, `spec`, `spec_revision`,
    /// `rule_ids`, `type`, `idea`, `generator`, `model`, `seed`, `status`, `edited`,
    /// `critic`, `tokens`.
    static func write(_ stored: StoredDocument, provenance: Bool, json: inout JSONLine, into out: inout [UInt8]) {
        let document = stored.document
        json.reset()
        json.string("text", document.text)
        if provenance {
            json.string("id", document.id)
            json.string("spec", document.spec)
            if let revision = document.specRevision { json.int("spec_revision", revision) }
            json.field("rule_ids") { JSONLine.strings(document.rules, into: &$0) }
            json.string("type", document.type)
            json.string("idea", document.idea)
            json.string("generator", document.provenance.generator)
            json.field("model") { out in
                if let model = document.provenance.model { JSONString.append(model, to: &out) } else { out += "null".utf8 }
            }
            if let seed = document.provenance.seed { json.string("seed", seed) }
            json.string("status", stored.status.rawValue)
            json.bool("edited", stored.record.original != nil)
            if let critic = document.provenance.critic { json.string("critic", critic) }
            json.int("tokens", document.estimatedTokens)
        }
        json.finish(into: &out)
    }
}
