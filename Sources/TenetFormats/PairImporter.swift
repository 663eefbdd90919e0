import Foundation
import TenetSpec
import TenetStore

/// What to import: a JSONL file of pairs and how to take it.
public struct PairFileImport: Sendable, Equatable {
    /// The JSONL file (a regular file: FIFOs and devices are refused), or `-` for standard input.
    public var file: String
    /// The spec the pairs belong to, unless a line names one (it must exist).
    public var spec: String?
    /// Import the good lines and report the bad ones (else one bad line imports nothing).
    public var skipBad: Bool
    /// Import reviewed pairs from a Tenet export as pending, without their decisions.
    public var resetReview: Bool

    public init(file: String, spec: String? = nil, skipBad: Bool = false, resetReview: Bool = false) {
        self.file = file
        self.spec = spec
        self.skipBad = skipBad
        self.resetReview = resetReview
    }
}

/// What an import of a file did.
public struct PairFileImportResult: Sendable, Equatable {
    /// What was written; `nil` when nothing was (bad lines without `skipBad`, or no lines).
    public var report: PairImportReport?
    /// Non-blank lines read.
    public var lines: Int
    /// Lines that are not pairs (or not UTF-8).
    public var badLines: Int
    /// The first ``PairImporter/shownProblems`` bad lines, with their reasons.
    public var problems: [PairLineError]
    /// The file's format, from its first good line.
    public var format: PairFormat?
    /// Good lines whose pair names a spec or rules the project does not have (``PairReferences``).
    public var unknownReferences = 0
    /// The first ``PairImporter/shownProblems`` of them.
    public var referenceWarnings: [PairReferences.Warning] = []
}

/// `tenet import pairs FILE` as a service, for the command line and the workbench alike.
///
/// The file is read once, line by line (bounded: see ``JSONLines``), a chunk of lines at a
/// time; each chunk's lines are parsed with the store's JSON parser, checked and made into
/// the rows the project stores (``StagedPair``) on all cores, then taken in the file's
/// order and the good ones staged — all without locking the project (see
/// ``ProjectStore/importPairs(message:status:_:)``). Only when the whole file was read and
/// found good (or `skipBad`) are the new pairs written, a batch at a time in short
/// transactions, and shown all at once at the end. After a bad line the rest are still
/// checked, so every problem is reported.
public enum PairImporter {
    /// How many bad lines a result lists (all are counted).
    public static let shownProblems = 20

    /// Lines read before they are parsed together: enough to share out over the cores, few
    /// enough that memory stays small (a chunk's text and rows, a few MB at most).
    static let chunkLines = 1_000

    public static func run(_ request: PairFileImport, store: ProjectStore, message: String) throws(StoreError) -> PairFileImportResult {
        if let spec = request.spec { _ = try store.spec(spec) }
        // Refused before the project is touched: a missing file, a FIFO, a device.
        close(try JSONLines.openRegular(request.file))
        let name = request.file == "-" ? "stdin" : (request.file as NSString).lastPathComponent
        var result = PairFileImportResult(report: nil, lines: 0, badLines: 0, problems: [], format: nil)
        func bad(_ problem: PairLineError) {
            result.badLines += 1
            if result.problems.count < shownProblems { result.problems.append(problem) }
        }
        let spec = request.spec, reset = request.resetReview
        let references = try PairReferences(store)
        // Only the format (and what the pair names that the project lacks) is kept of the
        // pair read: the rest is in its staged row, and is released on the parsing thread.
        let parse: @Sendable (NumberedLine) -> ParsedLine = { item in
            PairLineReader.pair(item.line, number: item.number, format: nil, spec: spec, source: name)
                .map { ($0.format, StagedPair($0.pair, review: reset ? nil : $0.review), references.unknown(in: $0.pair)) }
        }
        result.report = try store.importPairs(message: message) { writer in
            var chunk: [NumberedLine] = []
            chunk.reserveCapacity(chunkLines)
            // The chunk parsed on the other cores while this thread reads the next one.
            var inFlight: ChunkParse?
            // Takes a parsed chunk's lines in the file's order.
            func take(_ parsed: ChunkParse) throws {
                for (item, line) in zip(parsed.chunk, parsed.wait()) {
                    switch line {
                    case .success(let (lineFormat, staged, unknown)):
                        // Every line was read as whatever format it is in; the file's is its first good line's.
                        if let format = result.format, lineFormat != format {
                            if case .failure(let problem) = PairLineReader.pair(item.line, number: item.number, format: format,
                                                                                spec: spec, source: name) { bad(problem) }
                            continue
                        }
                        result.format = lineFormat
                        if let unknown {
                            result.unknownReferences += 1
                            if result.referenceWarnings.count < shownProblems {
                                result.referenceWarnings.append(PairReferences.Warning(line: item.number, what: unknown))
                            }
                        }
                        if result.badLines == 0 || request.skipBad { try writer.add(staged) }
                    case .failure(let problem):
                        bad(problem)
                    }
                }
            }
            // Starts parsing the lines read so far, and takes the chunk before them; with
            // `drain`, takes these too (before a bad line is counted, and at the end).
            func flush(drain: Bool) throws {
                let started = chunk.isEmpty ? nil : ChunkParse(chunk, parse: parse)
                chunk = []
                chunk.reserveCapacity(chunkLines)
                if let previous = inFlight {
                    inFlight = nil
                    try take(previous)
                }
                if drain { if let started { try take(started) } } else { inFlight = started }
            }
            try JSONLines.read(request.file, { number, line in
                result.lines += 1
                chunk.append((number, line))
                if chunk.count >= chunkLines { try flush(drain: false) }
            }, invalid: { number, reason in
                try flush(drain: true)
                result.lines += 1
                bad(PairLineError(line: number, message: reason))
            })
            try flush(drain: true)
            return result.lines > 0 && (result.badLines == 0 || request.skipBad)
        }
        return result
    }
}

typealias NumberedLine = (number: Int, line: String)
typealias ParsedLine = Result<(PairFormat, StagedPair, String?), PairLineError>

/// A chunk of lines being parsed on all cores (``ParallelMap``) in the background, so that
/// the importing thread reads the next chunk and stages the one before meanwhile instead
/// of leaving the other cores idle.
final class ChunkParse: @unchecked Sendable {
    let chunk: [NumberedLine]
    /// Written once by the background work, read after `done` (which orders the two).
    private var parsed: [ParsedLine] = []
    private let done = DispatchGroup()

    init(_ chunk: [NumberedLine], parse: @escaping @Sendable (NumberedLine) -> ParsedLine) {
        self.chunk = chunk
        done.enter()
        DispatchQueue.global().async {
            self.parsed = ParallelMap.map(chunk, minimumPerSlice: 100, parse)
            self.done.leave()
        }
    }

    /// The parsed lines, in the chunk's order, once they are all parsed.
    func wait() -> [ParsedLine] {
        done.wait()
        return parsed
    }
}
