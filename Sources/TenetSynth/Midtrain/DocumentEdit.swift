import Foundation
import TenetSpec
import TenetStore

/// A reviewer's edit of a midtraining document, checked as a generated document is.
///
/// An edit used to be stored as it came: ten words were an accepted ("edited") document,
/// exported with the gates and critic verdict of the text it replaced. Tenet's own gates
/// (``DocumentGates``) now read the edited text: one that is not well-formed, too short to
/// be a document, or says the opposite of its rule is refused with the gate's reason; the
/// others (on-rule, states-reason) are recorded with it. The critic's verdict is kept, and
/// is shown as what it is: a reading of the text before the edit. The command line and
/// the workbench both save edits through here.
public enum DocumentEdit {
    /// The gates an edit must pass to be saved.
    public static let blocking: Set<DocumentCheck.Gate> = [.wellFormed, .written, .keepsDirection]

    /// Checks `text` against the document's rule and saves it as the document's edit.
    public static func save(_ store: ProjectStore, _ reference: String, text: String,
                            expectedRevision: Int? = nil) throws(StoreError) -> StoredDocument {
        // Refused for the role first, not for what the text holds.
        try store.authorize(.review)
        let current = try store.document(reference)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let checks = try gates(store, current.document)?.check(trimmed, idea: current.document.idea)
        if let failed = checks?.first(where: { !$0.passed && blocking.contains($0.gate) }) {
            throw StoreError.invalid("the edited text fails Tenet's \(failed.gate.rawValue) check: \(failed.reason); "
                                     + "change it, or reject the document instead (tenet midtrain decide \(current.id.prefix(10)) reject)")
        }
        return try store.editDocument(reference, text: text, expectedRevision: expectedRevision, checks: checks)
    }

    /// The gates of the document's first rule as the project's spec states it now, or
    /// `nil` when the rule is gone (the edit is then checked as any stored text is).
    private static func gates(_ store: ProjectStore, _ document: MidtrainDocument) throws(StoreError) -> DocumentGates? {
        guard let id = document.rules.first else { return nil }
        let spec = try store.effectiveSpec(document.spec).spec
        guard let rule = spec.rules.first(where: { $0.id == id || document.spec + "/" + $0.id == id }) else { return nil }
        let statement = RuleStatement.stated(rule.text, direction: rule.direction, leadIn: rule.leadIn,
                                             authored: spec.dialect != .prose).map(PlainLinks.plain) ?? PlainLinks.plain(rule.text)
        return DocumentGates(rule: rule, statement: statement)
    }
}
