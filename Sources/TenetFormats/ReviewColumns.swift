import Foundation
import TenetStore

/// The review a Tenet export's provenance columns carry (`status`, `decisions`, `edited`),
/// as `tenet import pairs` reads it back. `decisions` is read in both of the forms exports
/// have had: a list of `{annotator, decision, note, blind, text_revision}` objects, and
/// (before it) an object mapping each annotator to their decision.
enum ReviewColumns {
    /// The review; `nil` without a `status`. Errors carry line 0 (the caller numbers them).
    static func review(_ object: [String: Any]) throws -> ImportedReview? {
        guard let value = object["status"] else { return nil }
        guard let name = value as? String, let status = PairStatus(rawValue: name) else {
            throw fail("`status` must be one of \(PairStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var decisions: [String: ImportedDecision] = [:]
        switch object["decisions"] {
        case nil, is NSNull:
            break
        case let list as [Any]:
            for (index, item) in list.enumerated() {
                let (annotator, decision) = try listed(item, index)
                guard decisions[annotator] == nil else { throw fail("`decisions` lists \(annotator) twice") }
                decisions[annotator] = decision
            }
        case let map as [String: Any]:
            for (annotator, decision) in map {
                guard let name = decision as? String, let known = Decision(rawValue: name) else {
                    throw fail("decision of \(annotator) must be one of \(names)")
                }
                decisions[annotator] = ImportedDecision(known)
            }
        default:
            throw fail("`decisions` must be a list of {annotator, decision, note, blind, text_revision}")
        }
        var edited = false
        if let flag = object["edited"] {
            guard isBool(flag), let value = flag as? NSNumber else { throw fail("`edited` must be true or false") }
            edited = value.boolValue
        }
        return ImportedReview(status: status, decisions: decisions, edited: edited)
    }

    private static var names: String { Decision.allCases.map(\.rawValue).joined(separator: ", ") }

    /// One `{annotator, decision, note, blind, text_revision}`; only the first two are needed.
    private static func listed(_ item: Any, _ index: Int) throws -> (String, ImportedDecision) {
        let at = "`decisions`[\(index)]"
        guard let fields = item as? [String: Any] else { throw fail("\(at) must be an object with annotator and decision") }
        guard let annotator = fields["annotator"] as? String, !annotator.isEmpty else { throw fail("\(at).annotator must be a name") }
        guard let name = fields["decision"] as? String, let decision = Decision(rawValue: name) else {
            throw fail("\(at).decision must be one of \(names)")
        }
        var note: String?
        switch fields["note"] {
        case nil, is NSNull: break
        case let text as String: note = text.isEmpty ? nil : text
        default: throw fail("\(at).note must be text")
        }
        var blind = false
        if let flag = fields["blind"], !(flag is NSNull) {
            guard isBool(flag), let value = flag as? NSNumber else { throw fail("\(at).blind must be true or false") }
            blind = value.boolValue
        }
        var revision: Int?
        if let number = fields["text_revision"], !(number is NSNull) {
            guard !isBool(number), let value = number as? Int, value >= 1 else { throw fail("\(at).text_revision must be a revision number (1 or more)") }
            revision = value
        }
        return (annotator, ImportedDecision(decision, note: note, blind: blind, textRevision: revision))
    }

    private static func fail(_ message: String) -> PairLineError { PairLineError(line: 0, message: message) }

    /// JSON `true`/`false` (Foundation's parser gives NSNumbers of type `c`; 0 and 1 are not).
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }
}
