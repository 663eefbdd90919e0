import Foundation
import TenetSpec
import TenetStore

/// The lines of an imported file that were not imported because a pair with their ID is
/// already in the project — and that differ from it: another prompt, another answer, or
/// (for a line from a Tenet export, unless its review is reset) another review status. An
/// import keeps the stored pair; these lines are what it silently dropped, so `import
/// pairs` warns about each (an edited export imported back is not an edit).
///
/// Read after the import, and only when it found pairs already there: the file is read
/// again and each line's pair looked up by ID. Standard input cannot be read twice, so it
/// is not checked.
public enum PairImportDifferences {
    /// One line whose pair is stored with other content.
    public struct Difference: Sendable, Equatable {
        public var line: Int
        public var id: String
        /// `the chosen answer`, `the prompt`, `the status (accepted here, pending in the project)` …
        public var what: [String]
    }

    /// How many differences are listed (all are counted).
    public static let shown = 20

    /// The differing lines of `request`'s file, the first ``shown`` of them, and how many
    /// there are. `format`: the file's, as the import read it.
    public static func find(_ request: PairFileImport, format: PairFormat?, store: ProjectStore) throws -> (count: Int, shown: [Difference]) {
        guard request.file != "-" else { return (0, []) }
        let name = (request.file as NSString).lastPathComponent
        var count = 0
        var listed: [Difference] = []
        try JSONLines.read(request.file, { number, line in
            guard case .success(let read) = PairLineReader.pair(line, number: number, format: format, spec: request.spec, source: name),
                  let stored = try? store.pair(read.pair.id) else { return }
            var what: [String] = []
            if stored.pair.prompt.map({ [$0.role, $0.content] }) != read.pair.prompt.map({ [$0.role, $0.content] }) { what.append("the prompt") }
            if stored.pair.chosen != read.pair.chosen { what.append("the chosen answer") }
            if stored.pair.rejected != read.pair.rejected { what.append("the rejected answer") }
            if let review = read.review, !request.resetReview, review.status.rawValue != stored.status {
                what.append("the status (\(review.status.rawValue) here, \(stored.status) in the project)")
            }
            guard !what.isEmpty else { return }
            count += 1
            if listed.count < shown { listed.append(Difference(line: number, id: read.pair.id, what: what)) }
        }, invalid: { _, _ in })
        return (count, listed)
    }

    /// `pairs.jsonl:4: warning: …`, as a bad line is reported.
    public static func message(_ difference: Difference, file: String) -> String {
        let what = difference.what.count == 1 ? difference.what[0]
            : difference.what.dropLast().joined(separator: ", ") + " and " + difference.what.last!
        return "\(JSONLines.shownName(file)):\(difference.line): warning: pair \(difference.id) is already in the project with other text or review "
            + "(\(what) differ\(difference.what.count == 1 ? "s" : "")); the line was not imported — change the stored pair with "
            + "tenet pair edit \(difference.id) (or pair decide), or drop the line's \"id\" to import it as a new pair"
    }
}
