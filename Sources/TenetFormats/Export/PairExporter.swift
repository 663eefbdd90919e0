import Foundation
import TenetSpec
import TenetStore

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
            try AtomicFile.checkFolder(out)
            if FileManager.default.fileExists(atPath: out) && !request.force {
                throw ExportError.exists(out)
            }
            madeFolder = !FileManager.default.fileExists(atPath: out)
            let madeData = !FileManager.default.fileExists(atPath: out + "/data")
            do { try FileManager.default.createDirectory(atPath: out + "/data", withIntermediateDirectories: true) } catch {
                throw ExportError("\(out): cannot create the folder: \(error.localizedDescription)")
            }
            // Folders made here go too if a signal ends the export (when left empty).
            if madeFolder { TemporaryFiles.register(out, folder: true) }
            if madeData { TemporaryFiles.register(out + "/data", folder: true) }
            target = out + "/data/train.jsonl"
        }
        defer {
            TemporaryFiles.forget(out)
            TemporaryFiles.forget(out + "/data")
        }
        let output: AtomicFile
        do { output = try AtomicFile(path: target, force: request.force || request.format == .hf, standardOutput: .json) } catch {
            if madeFolder { try? FileManager.default.removeItem(atPath: out) }
            throw error
        }
        let lineFormat = request.lineFormat
        let cardSettings = request.format == .hf ? request.cardSettings(try store.datasetCardSettings()) : DatasetCardSettings()
        var card = DatasetCard()
        var lengths = RowLengths()
        var seen = 0, count = 0, dropped = 0
        var line: [UInt8] = []
        line.reserveCapacity(4_096)
        var writer = PairExport.Writer()
        // The store reports what the body throws as its own error; this keeps ours.
        var stopped: ExportError?
        func stop(_ error: ExportError) throws -> Never {
            stopped = error
            throw error
        }
        /// Writes a row unless it is dropped for its length; `write` appends the line.
        func take(_ row: RowLengths.Row, named id: () -> String, _ write: (inout PairExport.Writer, inout [UInt8]) -> Void) throws {
            if let limit = request.maxLength, request.overLength == .drop, row.tokens > limit {
                dropped += 1
                return
            }
            line.removeAll(keepingCapacity: true)
            write(&writer, &line)
            line.append(0x0A)
            do throws(ExportError) { try output.write(line) } catch { try stop(error) }
            count += 1
            lengths.add(row, named: id)
        }
        func take(_ exported: ExportedPair) throws {
            let pair = exported.stored.pair
            let system = request.withSpec ? pair.instantiation.flatMap { systems[$0] } : nil
            var wrote = false
            try take(RowLengths.measure(pair, system: system), named: { pair.id }) { writer, line in
                let provenance = request.provenance
                    ? ExportProvenance(status: exported.stored.status, decisions: exported.decisions, edited: exported.edited)
                    : nil
                writer.write(pair, format: lineFormat, style: request.style, system: system, provenance: provenance, into: &line)
                wrote = true
            }
            if wrote, request.format == .hf { card.count(exported, system: system != nil, kind: { id in kinds[(pair.spec ?? "") + "/" + id] }) }
        }
        func progressed() throws {
            seen += 1
            if seen % progressEvery == 0 {
                progress(ExportProgress(done: seen, total: total))
                if isCancelled() { try stop(ExportError("export stopped after \(seen) pairs; \(out) was left as it was", cancelled: true)) }
            }
        }
        do {
            if request.copiesSnapshotText {
                // Each string copied as the snapshot stores it: already escaped as the line escapes it.
                let openai = lineFormat == .openai
                try store.forEachPairText(selection, text: { text, status in
                    try take(RowLengths.measure(text), named: { text.string(text.id) }) { writer, line in
                        let provenance = request.provenance ? ExportProvenance(status: status, decisions: text.decisions, edited: text.edited) : nil
                        writer.write(text, openai: openai, provenance: provenance, into: &line)
                    }
                    try progressed()
                }, decoded: { exported in
                    try take(exported)
                    try progressed()
                })
            } else {
                try store.forEachPair(selection) { exported in
                    try take(exported)
                    try progressed()
                }
            }
            if request.format == .hf && count == 0 { try stop(ExportError.emptyDataset(out, what: "pairs", dropped: dropped)) }
            try output.commit()
            if request.format == .hf {
                let export = DatasetCard.Export(total: count, standard: lineFormat == .trlStandard, provenance: request.provenance,
                                                withSpec: request.withSpec, statuses: selection.statuses, lengths: lengths,
                                                maxLength: request.maxLength, dropped: dropped, settings: cardSettings)
                try AtomicFile.write(card.markdown(export), to: out + "/README.md", force: true)
            }
        } catch {
            output.abandon()
            if madeFolder { try? FileManager.default.removeItem(atPath: out) }
            throw stopped ?? error
        }
        progress(ExportProgress(done: seen, total: total))
        var summary = ExportSummary(count: count, format: lineFormat.rawValue, target: out,
                                    message: "exported \(count) pair\(count == 1 ? "" : "s") (\(lineFormat.rawValue))\(out == "-" ? "" : " to \(out)")"
                                        + (dropped > 0 ? "; \(dropped) longer than --max-length \(request.maxLength ?? 0) left out" : ""))
        summary.lengths = lengths
        summary.dropped = dropped
        summary.report = lengthReport(lengths, request: request, dropped: dropped)
        return summary
    }

    /// What people are told of the rows' lengths after an export.
    static func lengthReport(_ lengths: RowLengths, request: PairExportRequest, dropped: Int) -> [String] {
        guard lengths.rows > 0 || dropped > 0 else { return [] }
        var lines = [lengths.summary]
        if let limit = request.maxLength {
            let over = lengths.rows(over: limit)
            if dropped > 0 {
                lines.append("left out \(dropped) row\(dropped == 1 ? "" : "s") longer than --max-length \(limit) (estimated tokens)")
            } else if over > 0 {
                lines.append("warning: \(over) of \(lengths.rows) rows are longer than --max-length \(limit) (estimated tokens); "
                             + "a trainer with that max_length truncates or drops them; --over-length drop leaves them out")
            }
        } else if lengths.maxTokens > RowLengths.commonLimit {
            let over = lengths.rows(over: RowLengths.commonLimit)
            lines.append("note: \(over) of \(lengths.rows) rows are longer than \(RowLengths.commonLimit) tokens (estimated); "
                         + "set the trainer's max_length above \(RowLengths.number(lengths.maxTokens)), or see --max-length")
        }
        return lines
    }
}
