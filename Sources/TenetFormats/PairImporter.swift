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
}

/// `tenet import pairs FILE` as a service, for the command line and the workbench alike.
///
/// The file is read once, line by line (bounded: see ``JSONLines``), each line parsed with
/// the store's JSON parser and checked, and the good ones staged — all without locking the
/// project (see ``ProjectStore/importPairs(message:status:_:)``). Only when the whole file
/// was read and found good (or `skipBad`) are the new pairs written, a batch at a time in
/// short transactions, and shown all at once at the end. After a bad line the rest are
/// still checked, so every problem is reported.
public enum PairImporter {
    /// How many bad lines a result lists (all are counted).
    public static let shownProblems = 20

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
        result.report = try store.importPairs(message: message) { writer in
            try JSONLines.read(request.file, { number, line in
                result.lines += 1
                switch PairLineReader.pair(line, number: number, format: result.format, spec: request.spec, source: name) {
                case .success(let read):
                    result.format = result.format ?? read.format
                    if result.badLines == 0 || request.skipBad {
                        try writer.add(read.pair, review: request.resetReview ? nil : read.review)
                    }
                case .failure(let problem):
                    bad(problem)
                }
            }, invalid: { number, reason in
                result.lines += 1
                bad(PairLineError(line: number, message: reason))
            })
            return result.lines > 0 && (result.badLines == 0 || request.skipBad)
        }
        return result
    }
}
