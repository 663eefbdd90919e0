import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// Undoing what created an entity takes it away everywhere. Undoing an import of pairs
/// used to mark them removed in their snapshots only: they stayed listed, were served to
/// annotators, counted, decided and exported. An undone spec import stayed in the list.
@Suite struct UndoneCreationTests {
    let path: String

    init() throws {
        path = try StoreSettingsTests.temporaryDirectory() + "/p.db"
        let store = try ProjectStore(path: path, author: "lead")
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n")
        _ = try store.importSpec(spec, text: "")
    }

    @Test func undoneImportedPairsAreGoneUntilRedone() throws {
        let lead = try ProjectStore(path: path, author: "lead")
        let pairs = (0..<3).map { PairStoreTests.pair($0, spec: "s", rule: "a") }
        _ = try lead.savePairs(pairs, message: "pairs")
        _ = try lead.undo()

        #expect(try lead.pairs().isEmpty)
        #expect(try lead.pairs(status: "pending").isEmpty)
        #expect(throws: StoreError.self) { try lead.pair(pairs[0].id) }
        #expect(throws: StoreError.self) { try lead.decide(pairs[0].id, .accept) }
        #expect(try lead.claimNext() == nil, "nothing to serve")
        let stats = try lead.reviewStats()
        #expect(stats.total == 0 && stats.statuses["removed"] == nil, "\(stats.statuses)")
        #expect(try lead.reviewStats(spec: "s").total == 0)

        _ = try lead.redo()
        #expect(try lead.pairs().map(\.id).sorted() == pairs.map(\.id).sorted())
        #expect(try lead.pair(pairs[0].id).status == "pending")
        #expect(try lead.reviewStats().statuses == ["pending": 3])
    }

    @Test func anUndoneSpecImportLeavesTheListUntilImportedAgain() throws {
        let lead = try ProjectStore(path: path, author: "lead")
        _ = try lead.undo()
        #expect(try lead.specIDs().isEmpty)
        #expect(try lead.specList().isEmpty)
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n")
        _ = try lead.importSpec(spec, text: "")
        #expect(try lead.specIDs() == ["s"])
    }
}
