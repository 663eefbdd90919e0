import Foundation
import Testing
import TenetSpec
@testable import TenetStore

/// Archiving a spec: a versioned change like any other (logged, undone, authorized) that
/// leaves the spec out of listings, the review queue and exports until it is restored,
/// with its history kept.
@Suite struct SpecArchiveTests {
    let scratch: ScratchDatabase
    var path: String { scratch.path }

    /// Two specs, `s` and `t`, with three pairs each.
    init() throws {
        scratch = try ScratchDatabase()
        let setup = try ProjectStore(path: scratch.path, author: "setup")
        for id in ["s", "t"] {
            let text = "# \(id.uppercased()) {#\(id)}\n\n## A {#\(id).a kind=safety}\n\nDo not do a.\n\n## B {#\(id).b kind=behavioral}\n\nDo b.\n"
            _ = try setup.importSpec(try SpecReader.read(path: id + ".md", text: text), text: text)
            _ = try setup.savePairs((0..<3).map { PairStoreTests.pair($0, spec: id, rule: id + ".a") }, message: "pairs of \(id)")
        }
    }

    func store(_ user: String = "alice") throws -> ProjectStore { try ProjectStore(path: path, author: user) }
    func pairs(of spec: String) -> Set<String> { Set((0..<3).map { PairStoreTests.pair($0, spec: spec, rule: spec + ".a").id }) }

    @Test func anArchivedSpecIsLeftOutOfListingsTheQueueAndExportsUntilUndone() throws {
        defer { scratch.remove() }
        let alice = try store()
        let result = try alice.archiveSpec("s")
        #expect(result == SpecArchiveResult(spec: "s", title: "S", archived: true, revision: 2, changeset: 5))
        #expect(try alice.log(limit: 1).first?.message == "archive spec s")

        #expect(try alice.specList().map(\.id) == ["t"], "the workbench's list")
        #expect(try alice.specList(includingArchived: true).map(\.id) == ["s", "t"])
        #expect(try alice.specIDs() == ["t"] && alice.specIDs(includingArchived: true) == ["s", "t"])
        #expect(try alice.archivedSpecIDs() == ["s"])
        #expect(try Set(alice.ruleSummaries().map(\.spec)) == ["t"])
        #expect(try alice.ruleSummaries(spec: "s").count == 2, "named, it is still there")
        #expect(try alice.spec("s").record.isArchived)
        #expect(try alice.rule("s.a").record.source.id == "s.a", "its rules are kept")

        // The queue serves only the other spec's pairs, unless the archived one is named.
        let bob = try store("bob")
        var served: Set<String> = []
        while let next = try bob.claimNext(after: served.max()) { served.insert(next.id); try bob.decide(next.id, .skip) }
        #expect(served == pairs(of: "t"))
        #expect(try bob.queueProgress() == QueueProgress(total: 3, decidedByMe: 3, finished: 0))
        #expect(try bob.claimNext(QueueFilter(spec: "s")).map { pairs(of: "s").contains($0.id) } == true)
        #expect(try Set(alice.pairs().map(\.id)) == pairs(of: "t"))

        // Exports leave it out; naming it exports it.
        #expect(try alice.countPairs(PairSelection()) == 3)
        var exported: Set<String> = []
        try alice.forEachPair(PairSelection()) { exported.insert($0.stored.id) }
        #expect(exported == pairs(of: "t"))
        #expect(try alice.countPairs(PairSelection(spec: "s")) == 3)

        // Undo brings it back everywhere.
        let undone = try alice.undo()
        #expect(undone.reversed == result.changeset && undone.revisions.map(\.changed) == [["archived"]])
        #expect(try alice.specList().map(\.id) == ["s", "t"])
        #expect(try alice.archivedSpecIDs().isEmpty)
        #expect(try alice.countPairs(PairSelection()) == 6)
        #expect(try !alice.spec("s").record.isArchived)
        // And redo archives it again.
        _ = try alice.redo()
        #expect(try alice.specList().map(\.id) == ["t"])
    }

    @Test func restoreAndWhatIsRefused() throws {
        defer { scratch.remove() }
        let alice = try store()
        #expect(throws: StoreError.notFound("no spec `nope`; the project has: s, t")) { try alice.archiveSpec("nope") }
        #expect(throws: StoreError.self) { try alice.restoreSpec("s") }
        let archived = try alice.archiveSpec("s")
        let before = try alice.latestChangeset()
        #expect(throws: StoreError.refused("spec `s` is already archived; tenet spec restore s brings it back")) { try alice.archiveSpec("s") }
        // Importing it again does not bring it back behind its archiver's back.
        let text = "# S {#s}\n\n## A {#s.a kind=safety}\n\nDo not do a, ever.\n"
        #expect(throws: StoreError.self) { try alice.importSpec(try SpecReader.read(path: "s.md", text: text), text: text) }
        #expect(try alice.latestChangeset() == before, "nothing written by the refusals")

        let restored = try alice.restoreSpec("s")
        #expect(restored.archived == false && restored.revision == 3 && restored.changeset == archived.changeset + 1)
        #expect(try alice.log(limit: 1).first?.message == "restore spec s")
        #expect(try alice.specList().map(\.id) == ["s", "t"])
        #expect(try alice.spec("s", asOf: archived.changeset).record.isArchived, "its history keeps the archived revision")
        #expect(try alice.importSpec(try SpecReader.read(path: "s.md", text: text), text: text).changeset != nil)
    }

    @Test func anExportAsOfAChangesetSeesTheSpecsAsTheyWereThen() throws {
        defer { scratch.remove() }
        let alice = try store()
        let then = try alice.latestChangeset()
        _ = try alice.archiveSpec("s")
        #expect(try alice.countPairs(PairSelection(asOf: then)) == 6)
        #expect(try alice.countPairs(PairSelection()) == 3)
        #expect(try alice.ruleSummaries(asOf: then).count == 4)
        #expect(try alice.archivedSpecIDs(asOf: then).isEmpty)
    }

    @Test func archivingNeedsTheAuthorRole() throws {
        defer { scratch.remove() }
        let owner = try store("tenet")
        try owner.grant("ann", role: .annotator, keys: [])
        try owner.grant("writer", role: .author, keys: [])
        let annotator = try ProjectStore(path: path, identity: Identity(name: "ann", source: .account(login: "ann")))
        let before = try owner.latestChangeset()
        let refusal = #expect(throws: StoreError.self) { try annotator.archiveSpec("s") }
        #expect(refusal?.exitCode == 77)
        #expect(refusal?.description.contains("needs the author role; ann is an annotator") == true, "\(String(describing: refusal))")
        #expect(try owner.latestChangeset() == before)
        let author = try ProjectStore(path: path, identity: Identity(name: "writer", source: .account(login: "writer")))
        #expect(try author.archiveSpec("s").archived)
        #expect(throws: StoreError.self) { try annotator.restoreSpec("s") }
        #expect(try author.restoreSpec("s").archived == false)
    }
}
