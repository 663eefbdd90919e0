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
}
