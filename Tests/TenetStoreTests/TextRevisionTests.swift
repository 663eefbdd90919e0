import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// Each decision an export lists says which revision of the pair's text it judged.
@Suite struct TextRevisionTests {
    let path: String

    init() throws {
        path = try StoreSettingsTests.temporaryDirectory() + "/p.db"
        let store = try ProjectStore(path: path, author: "setup")
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n")
        _ = try store.importSpec(spec, text: "")
        _ = try store.savePairs((0..<2).map { PairStoreTests.pair($0, spec: "s", rule: "a") }, message: "pairs")
    }

    func id(_ n: Int) -> String { PairStoreTests.pair(n, spec: "s", rule: "a").id }

    func exported(_ store: ProjectStore, asOf: Int64? = nil) throws -> [String: [String: ReviewDecision]] {
        var out: [String: [String: ReviewDecision]] = [:]
        try store.forEachPair(PairSelection(asOf: asOf)) { out[$0.stored.id] = $0.decisions }
        return out
    }

    @Test func aDecisionRecordsTheRevisionThatWroteTheAnswersItJudged() throws {
        let alice = try ProjectStore(path: path, author: "alice"), bob = try ProjectStore(path: path, author: "bob")
        try bob.decide(id(0), .skip)                                     // rev 2: the text as imported
        try alice.editPair(id(0), chosen: "a better answer")             // rev 3 writes the answers
        try alice.decide(id(0), .accept, note: "better")                 // rev 4
        let decisions = try #require(try exported(alice)[id(0)])
        #expect(decisions["alice"]?.textRevision == 3 && decisions["bob"]?.textRevision == 1)
        #expect(try alice.pairReview(id(0)).decisions["alice"]?.textRevision == 3, "kept with the decision")
        try alice.swap(id(0))                                            // rev 5; sets alice's verdict aside
        try alice.decide(id(0), .accept)                                 // rev 6
        #expect(try exported(alice)[id(0)]?["alice"]?.textRevision == 5)
    }

    @Test func aDecisionRecordedWithoutOneGetsItFromThePairsHistory() throws {
        let store = try ProjectStore(path: path, author: "alice")
        // A skip as Tenet recorded decisions before it kept their text revision (rev 2),
        // then an edit (rev 3): the skip judged the text as imported.
        let legacy = try store.commit(kind: .edit, message: "legacy skip") { db in
            let (current, snapshot) = try ProjectStore.storedPair(db, id(1))
            var next = snapshot
            next["decisions.legacy"] = .object(["decision": .string("skip"), "at": .string("2026-01-01T00:00:00Z")])
            return [ProjectStore.PendingRevision(kind: .pair, id: id(1), parent: "s", expectedRevision: current.revision, snapshot: next,
                                                 name: id(1), title: "a", state: current.status)]
        }
        let before = try #require(legacy?.changeset)
        try store.editPair(id(1), chosen: "rewritten")
        #expect(try exported(store)[id(1)]?["legacy"]?.textRevision == 1)
        #expect(try exported(store, asOf: before)[id(1)]?["legacy"]?.textRevision == 1, "as of the changeset that recorded it")
        // Decisions that came in with imported pairs without one judged the text they came with.
        _ = try store.importPairs(message: "more", status: "accepted") { writer in
            try writer.add(PairStoreTests.pair(7, spec: "s", rule: "a"),
                           review: ImportedReview(status: .accepted, decisions: ["ann": ImportedDecision(.accept)]))
            try writer.add(PairStoreTests.pair(8, spec: "s", rule: "a"),
                           review: ImportedReview(status: .accepted, decisions: ["ann": ImportedDecision(.accept, note: "ok", blind: true, textRevision: 4)]))
            return true
        }
        let imported = try exported(store)
        #expect(imported[PairStoreTests.pair(7, spec: "s", rule: "a").id]?["ann"]?.textRevision == 1)
        let kept = try #require(imported[PairStoreTests.pair(8, spec: "s", rule: "a").id]?["ann"])
        #expect(kept.textRevision == 4 && kept.note == "ok" && kept.blind == true, "as the export gave them")
    }
}
