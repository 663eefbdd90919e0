import Foundation
import TenetSpec
import TenetStore

/// The review a Tenet export's provenance columns carry (`status`, `decisions`, `edited`),
/// as `tenet import pairs` reads it back. `decisions` is read in both of the forms exports
/// have had: a list of `{annotator, decision, note, blind, text_revision}` objects, and
/// (before it) an object mapping each annotator to their decision.
enum ReviewColumns {
    /// The review; `nil` without a `status`. Errors carry line 0 (the caller numbers them).
    static func review(_ object: [String: JSONValue]) throws -> ImportedReview? {
        guard let value = object["status"] else { return nil }
        guard let name = value.stringValue, let status = PairStatus(rawValue: name), status != .finished else {
            throw fail("`status` must be one of \(PairStatus.storedCases.map(\.rawValue).joined(separator: ", "))")
        }
        var decisions: [String: ImportedDecision] = [:]
        switch object["decisions"] {
        case nil, .null?:
            break
        case .array(let list)?:
            for (index, item) in list.enumerated() {
                let (annotator, decision) = try listed(item, index)
                guard decisions[annotator] == nil else { throw fail("`decisions` lists \(annotator) twice") }
                decisions[annotator] = decision
            }
        case .object(let map)?:
            // In name order: the first bad entry said is the same on every run (a dictionary's
            // order changes from one run to the next).
            for (annotator, decision) in map.sorted(by: { $0.key < $1.key }) {
                if let problem = ShownName.problem(annotator) { throw fail("`decisions` has an annotator whose name \(problem)") }
                guard let name = decision.stringValue, let known = Decision(rawValue: name) else {
                    throw fail("decision of \(annotator) must be one of \(names)")
                }
                decisions[annotator] = ImportedDecision(known)
            }
        default:
            throw fail("`decisions` must be a list of {annotator, decision, note, blind, text_revision}")
        }
        var edited = false
        if let flag = object["edited"] {
            guard case .bool(let value) = flag else { throw fail("`edited` must be true or false") }
            edited = value
        }
        return ImportedReview(status: status, decisions: decisions, edited: edited)
    }

    private static var names: String { Decision.allCases.map(\.rawValue).joined(separator: ", ") }

    /// One `{annotator, decision, note, blind, text_revision}`; only the first two are needed.
    private static func listed(_ item: JSONValue, _ index: Int) throws -> (String, ImportedDecision) {
        let at = "`decisions`[\(index)]"
        guard case .object(let fields) = item else { throw fail("\(at) must be an object with annotator and decision") }
        guard let annotator = fields["annotator"]?.stringValue, !annotator.isEmpty else { throw fail("\(at).annotator must be a name") }
        // A name is shown on its own in listings and logs: checked as it enters, like `--user`.
        if let problem = ShownName.problem(annotator) { throw fail("\(at).annotator \(problem)") }
        guard let name = fields["decision"]?.stringValue, let decision = Decision(rawValue: name) else {
            throw fail("\(at).decision must be one of \(names)")
        }
        var note: String?
        switch fields["note"] {
        case nil, .null?: break
        case .string(let text)?:
            if let problem = QualityCheck.textProblem(text, "\(at).note") { throw fail(problem) }
            note = text.isEmpty ? nil : text
        default: throw fail("\(at).note must be text")
        }
        var blind = false
        switch fields["blind"] {
        case nil, .null?: break
        case .bool(let flag)?: blind = flag
        default: throw fail("\(at).blind must be true or false")
        }
        var revision: Int?
        if let number = fields["text_revision"], number != .null {
            guard let value = number.intValue, value >= 1 else { throw fail("\(at).text_revision must be a revision number (1 or more)") }
            revision = value
        }
        return (annotator, ImportedDecision(decision, note: note, blind: blind, textRevision: revision))
    }

    private static func fail(_ message: String) -> PairLineError { PairLineError(line: 0, message: message) }
}
