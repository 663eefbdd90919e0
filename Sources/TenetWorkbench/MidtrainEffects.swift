import Foundation
import TenetSpec
import TenetStore
import TenetSynth
import TenetUI

/// The document review's effects and `:midtrain`'s check, on the store.
extension EffectRunner {
    func performMidtrain(_ effect: Effect) throws -> [Action] {
        switch effect {
        case .openDocuments(let filter, let home):
            let documents = try store.documents(spec: filter.spec, status: filter.status)
            var rules: [String: Rule] = [:]
            for spec in Set(documents.map(\.document.spec)) {
                guard let effective = try? store.effectiveSpec(spec).spec else { continue }
                for rule in effective.rules { rules[spec + "/" + rule.id] = rule }
            }
            return [.documentsLoaded(filter, documents, rules: rules, home: home)]
        case .decideDocument(let id, let status, let note, let expected):
            let stored = try store.decideDocument(id, status, note: note, expectedRevision: expected)
            // An edited document is accepted with its edit (the store keeps it `edited`).
            let decided = stored.status == .edited && status == .accepted ? "accepted, with its edit" : status.rawValue
            return [.documentChanged(stored, summary: "\(stored.id.prefix(10)): \(decided)\(note.map { " (\($0))" } ?? "")", decided: true)]
        case .saveDocument(let id, let text, let expected):
            let stored = try DocumentEdit.save(store, id, text: text, expectedRevision: expected)
            return [.documentChanged(stored, summary: "\(stored.id.prefix(10)): edited (the original is kept)", decided: false)]
        case .undoInDocuments, .redoInDocuments:
            let undoing: Bool
            if case .undoInDocuments = effect { undoing = true } else { undoing = false }
            let result = try undoing ? store.undo() : store.redo()
            let documents = result.revisions.filter { $0.kind == .document }.compactMap { try? store.document($0.id) }
            return [.reversed(reversal(result, undo: undoing)), .documentsRestored(documents, undo: undoing)]
        case .checkMidtrain(let spec):
            let effective = try store.effectiveSpec(spec).spec
            return [.midtrainChecked(spec: spec, rules: effective.rules.count, findings: MidtrainReadiness.findings(effective.rules, specID: spec))]
        default:
            return []
        }
    }
}
