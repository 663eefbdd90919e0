import Foundation
import Testing
import TenetSpec
@testable import TenetStore
import TenetTestSupport

/// A midtraining document read back from its snapshot field by field (what an export
/// streams) is the document that was stored, provenance and review included.
@Suite struct DocumentRecordTests {
    @Test func theDirectReaderAgreesWithCodable() throws {
        let checks = [DocumentCheck(.onRule, passed: true, reason: "80 % of the rule's words", by: "tenet"),
                      DocumentCheck(.consistent, passed: false, reason: "says \"always\" — contradicts it", by: "critic")]
        var record = DocumentRecord(
            document: MidtrainDocument(spec: "travel", specRevision: 3, instantiation: "lisbon", rules: ["travel.a", "travel.b"],
                                       type: "case-study", idea: "a traveller in a hurry", text: "Line one.\n\nLine two — ✓ \u{1B}[2J",
                                       provenance: DocumentProvenance(generator: "openai", model: "m", seed: "9#4", createdAt: "2026-12-05T10:00:00.000Z",
                                                                      templates: ["doc-writer": "built-in sha256:0123456789ab"], critic: "FAIL: consistent: …",
                                                                      checks: checks, exchanges: [Exchange(role: "writer", request: "{}", response: "{}", status: 200)])),
            state: .flagged)
        record.decidedBy = "ann"
        record.decidedAt = "2026-12-05T10:01:00.000Z"
        record.note = "contradicts the rule"
        record.original = "the text as generated"
        let snapshot = try SnapshotCoding.flatten(record, groups: DocumentRecord.groups)
        let direct = try #require(DocumentRecord(snapshot: snapshot))
        #expect(direct == record)
        #expect(try SnapshotCoding.unflatten(snapshot, as: DocumentRecord.self) == record)

        // Through the store: saved, decided, read back.
        let directory = try temporaryDirectory("tenet-doc")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/tenet.db", author: "ann")
        let saved = try store.saveDocuments([record.document], message: "test")
        #expect(saved.added == 1)
        #expect(try store.saveDocuments([record.document], message: "again").unchanged == 1, "the same content is stored once")
        let stored = try store.decideDocument(String(record.document.id.prefix(8)), .accepted)
        #expect(stored.document == record.document)
        #expect(stored.status == .accepted && stored.record.decidedBy == "ann")
    }

    /// A document edited, then rejected, then accepted is accepted as `edited`: its text is
    /// the reviewer's, and an export or a list says so. Accepting it again changes nothing.
    @Test func anEditedDocumentAcceptedStaysEdited() throws {
        let directory = try temporaryDirectory("tenet-doc")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: directory + "/tenet.db", author: "ann")
        let document = MidtrainDocument(spec: "travel", specRevision: 1, instantiation: "lisbon", rules: ["travel.a"],
                                        type: "case-study", idea: "an idea", text: "As generated.",
                                        provenance: DocumentProvenance(generator: "offline", model: nil, seed: "1", createdAt: "2026-12-06T10:00:00.000Z"))
        _ = try store.saveDocuments([document], message: "test")
        #expect(try store.editDocument(document.id, text: "As the reviewer wrote it.").status == .edited)
        #expect(try store.decideDocument(document.id, .rejected).status == .rejected)
        let accepted = try store.decideDocument(document.id, .accepted)
        #expect(accepted.status == .edited)
        #expect(accepted.document.text == "As the reviewer wrote it." && accepted.record.original == "As generated.")
        #expect(try store.documents(status: .edited).map(\.id) == [document.id])
        #expect(throws: StoreError.refused("document \(document.id) is already accepted with its edit; nothing to change")) {
            try store.decideDocument(document.id, .accepted)
        }
        // Edited back to what was generated, it is accepted as it was generated.
        _ = try store.editDocument(document.id, text: "As generated.")
        #expect(try store.decideDocument(document.id, .accepted).status == .accepted)
    }
}
