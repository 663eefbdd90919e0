import Foundation
import TenetSpec
import TenetStore

/// What `tenet export pairs` (and the workbench's export screen) asks for.
public struct PairExportRequest: Sendable, Equatable {
    /// The file formats: JSONL lines of one of the trainers' shapes, or a dataset folder.
    public enum Format: String, Sendable, CaseIterable {
        case trl, openai, distilabel, hf
    }

    public var format: Format = .trl
    public var style: PairExport.Style = .conversational
    /// Which pairs (by default: reviews finished and accepted or edited).
    public var query = PairQuery()
    /// Lead each prompt with the instance's rendered spec as a system message.
    public var withSpec = false
    /// Add the provenance columns (id, spec, spec_revision, rule_ids, …).
    public var provenance = true
    /// The output file (`-` for standard output); for `hf`, a folder.
    public var out: String
    /// Replace an existing output.
    public var force = false

    public init(out: String) { self.out = out }

    /// The line format written.
    public var lineFormat: PairFormat {
        switch format {
        case .openai: return .openai
        case .distilabel: return .distilabel
        case .trl, .hf: return style == .standard ? .trlStandard : .trlConversational
        }
    }

    /// Why the request cannot be run as it is, if it cannot.
    public var problem: String? {
        for name in query.statuses where PairStatus(rawValue: name) == nil {
            return "unknown status \(name); statuses: \(PairStatus.allCases.map(\.rawValue).joined(separator: ", "))"
        }
        if format != .trl && format != .hf && style == .standard { return "--style is for --format trl or hf" }
        if format == .hf && out == "-" { return "hf writes a folder: give --out DIR" }
        if out.isEmpty { return "give a file to write (--out PATH, or - for standard output)" }
        return nil
    }
}

/// How far an export has got.
public struct ExportProgress: Sendable, Equatable {
    public var done: Int
    /// Pairs the selection holds (known before the first line is written).
    public var total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable {
    public var count: Int
    /// `trl-conversational`, `openai`, … or `json`, `markdown`, …
    public var format: String
    /// Where it went (`-` for standard output).
    public var target: String
    /// A one-line report for people: `exported 8 pairs (trl-conversational) to train.jsonl`.
    public var message: String
}

/// Streams the selected pairs into a file of a trainer's format: in pair-ID order from one
/// read transaction (the same database state gives the same bytes, memory stays flat),
/// to a temporary file renamed into place only when complete.
public enum PairExporter {
    /// How many pairs the query takes, as the export would count them.
    public static func count(_ query: PairQuery, store: ProjectStore) throws -> Int {
        try store.countPairs(query.selection(in: store))
    }

    /// Runs an export. `progress` is called every `progressEvery` pairs (and at the end);
    /// `isCancelled` is asked as often, and a `true` stops the export leaving the target as
    /// it was.
    public static func run(_ request: PairExportRequest, store: ProjectStore, progressEvery: Int = 2_000,
                           progress: (ExportProgress) -> Void = { _ in },
                           isCancelled: () -> Bool = { false }) throws -> ExportSummary {
        if let problem = request.problem { throw ExportError(problem) }
        try store.authorize(.author("exporting pairs"))
        let out = request.out
        let selection = try request.query.selection(in: store)
        // Looked up before the stream starts: the store is not read again inside it.
        var systems: [String: String] = [:]     // instantiation → rendered spec
        if request.withSpec {
            for listed in try store.instantiationList() {
                if let saved = try? store.instantiation(listed.name, asOf: selection.asOf) {
                    systems[listed.name] = saved.instantiation.rendered(.system)
                }
            }
        }
        var kinds: [String: String] = [:]       // spec/rule → kind
        if request.format == .hf {
            for rule in try store.ruleSummaries(spec: selection.spec, asOf: selection.asOf) {
                kinds[rule.spec + "/" + rule.id] = rule.state
            }
        }
        let total = try store.countPairs(selection)
        var target = out
        var madeFolder = false
        if request.format == .hf {
            if FileManager.default.fileExists(atPath: out) && !request.force {
                throw ExportError.exists(out)
            }
            madeFolder = !FileManager.default.fileExists(atPath: out)
            do { try FileManager.default.createDirectory(atPath: out + "/data", withIntermediateDirectories: true) } catch {
                throw ExportError("\(out): cannot create the folder: \(error.localizedDescription)")
            }
            target = out + "/data/train.jsonl"
        }
        let output: AtomicFile
        do { output = try AtomicFile(path: target, force: request.force || request.format == .hf) } catch {
            if madeFolder { try? FileManager.default.removeItem(atPath: out) }
            throw error
        }
        let lineFormat = request.lineFormat
        var card = DatasetCard()
        var count = 0
        var line: [UInt8] = []
        line.reserveCapacity(4_096)
        var writer = PairExport.Writer()
        // The store reports what the body throws as its own error; this keeps ours.
        var stopped: ExportError?
        func stop(_ error: ExportError) throws -> Never {
            stopped = error
            throw error
        }
        do {
            try store.forEachPair(selection) { exported in
                let pair = exported.stored.pair
                let system = request.withSpec ? pair.instantiation.flatMap { systems[$0] } : nil
                let provenance = request.provenance
                    ? ExportProvenance(status: exported.stored.status, decisions: exported.decisions, edited: exported.edited)
                    : nil
                line.removeAll(keepingCapacity: true)
                writer.write(pair, format: lineFormat, style: request.style, system: system, provenance: provenance, into: &line)
                line.append(0x0A)
                do throws(ExportError) { try output.write(line) } catch { try stop(error) }
                count += 1
                if request.format == .hf { card.count(exported, kind: { id in kinds[(pair.spec ?? "") + "/" + id] }) }
                if count % progressEvery == 0 {
                    progress(ExportProgress(done: count, total: total))
                    if isCancelled() { try stop(ExportError("export stopped after \(count) pairs; \(out) was left as it was", cancelled: true)) }
                }
            }
            try output.commit()
            if request.format == .hf {
                try AtomicFile.write(card.markdown(total: count, format: lineFormat, statuses: selection.statuses),
                                     to: out + "/README.md", force: true)
            }
        } catch {
            output.abandon()
            if madeFolder { try? FileManager.default.removeItem(atPath: out) }
            throw stopped ?? error
        }
        progress(ExportProgress(done: count, total: total))
        return ExportSummary(count: count, format: lineFormat.rawValue, target: out,
                             message: "exported \(count) pair\(count == 1 ? "" : "s") (\(lineFormat.rawValue))\(out == "-" ? "" : " to \(out)")")
    }
}
