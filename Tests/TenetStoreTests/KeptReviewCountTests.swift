import Foundation
import GRDB
import Testing
import TenetSpec
@testable import TenetStore

/// The counts the database keeps for the review screen's first frame (`pair_count`), and the
/// indexes a decision no longer writes: the queue's total without counting every pair, and
/// rule names resolved without reading every revision.
@Suite struct KeptReviewCountTests {
    func pair(_ n: Int, spec: String?) -> PreferencePair { PairStoreTests.pair(n, spec: spec, rule: "a") }

    /// The total as the first frame reads it (kept counts) and as reading every pair counts it.
    func totals(_ store: ProjectStore, _ filter: QueueFilter = QueueFilter()) throws -> (kept: Int, counted: Int) {
        (try store.queueProgress(filter, countingFinished: false).total, try store.pairs(spec: filter.spec).count)
    }

    /// Pairs per status from the kept counts and from every pair's head.
    func statuses(_ store: ProjectStore, spec: String? = nil) throws -> (kept: [String: Int], counted: [String: Int]) {
        let kept = try store.reviewStats(spec: spec).statuses.filter { $0.value > 0 }
        var counted: [String: Int] = [:]
        for pair in try store.pairs(spec: spec) { counted[pair.status, default: 0] += 1 }
        return (kept, counted)
    }

    @Test func theQueueTotalIsKeptAsPairsArriveAndAgreesWithACount() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, author: "tenet")
        #expect(try totals(store).kept == 0)
        let spec = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n")
        _ = try store.importSpec(spec, text: "")
        _ = try store.savePairs((0..<5).map { pair($0, spec: "s") } + (5..<7).map { pair($0, spec: nil) }, message: "first")
        // Saved again, with new ones among them: only the new ones count (the spec is part of a
        // pair's identity: 13 pairs, 10 of spec s).
        _ = try store.savePairs((3..<9).map { pair($0, spec: "s") }, message: "again")
        _ = try store.importPairs(message: "streamed") { writer in
            for n in [8, 9, 10, 10] { try writer.add(pair(n, spec: n == 10 ? nil : "s")) }
            return true
        }
        // A declined import counts nothing.
        _ = try store.importPairs(message: "declined") { writer in
            try writer.add(pair(11, spec: "s"))
            return false
        }
        var kept = try totals(store)
        #expect(kept.kept == 13 && kept.counted == 13)
        kept = try totals(store, QueueFilter(spec: "s"))
        #expect(kept.kept == 10 && kept.counted == 10)
        // Decisions, edits, undo and redo move pairs between statuses, not in or out.
        let bob = try ProjectStore(path: scratch.path, author: "bob")
        try store.decide(pair(0, spec: "s").id, .accept)
        try store.decide(pair(1, spec: "s").id, .reject)
        try store.decide(pair(5, spec: nil).id, .flag)
        try store.decide(pair(1, spec: "s").id, .accept)
        try store.setReviewSetting("overlap", "2")
        try bob.decide(pair(2, spec: "s").id, .accept)
        _ = try store.undo()   // the overlap
        _ = try store.editPair(pair(0, spec: "s").id, chosen: "rewritten")
        _ = try bob.undo()
        _ = try bob.redo()
        #expect(try totals(store).kept == 13 && totals(store, QueueFilter(status: "accepted")).kept == 13)
        for spec in [nil, "s"] as [String?] {
            let (kept, counted) = try statuses(store, spec: spec)
            #expect(kept == counted)
        }
        let finished = try statuses(store, spec: "s").counted.filter { PairStatus(rawValue: $0.key)?.isFinished == true }.values.reduce(0, +)
        #expect(try finished > 0 && store.queueProgress(QueueFilter(spec: "s")).finished == finished)
        // An archived spec's pairs leave the total unless the spec is named.
        _ = try store.archiveSpec("s")
        kept = try totals(store)
        #expect(kept.kept == 3 && kept.counted == 3)
        #expect(try totals(store, QueueFilter(spec: "s")).kept == 10)
        // `tenet stats` keeps them (docs/operations.md): its counts still add up to every pair.
        #expect(try store.reviewStats().statuses.values.reduce(0, +) == 13)
        // A filter on content still counts exactly.
        #expect(try store.queueProgress(QueueFilter(spec: "s", rule: "a"), countingFinished: false).total == 10)
    }

    @Test func aDatabaseFromBeforeTheCountsGetsThemCounted() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        do {
            let queue = try DatabaseQueue(path: scratch.path)
            try Schema.migrator.migrate(queue, upTo: "v7-evaluation")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO changeset (author, created_at, session, kind, message) VALUES ('tenet', '2026-01-01T00:00:00.000Z', 'old', 'import', '')
                    """)
                for n in 0..<4 {
                    try db.execute(sql: "INSERT INTO entity (kind, id, parent, head_rev) VALUES ('pair', ?, ?, 0)",
                                   arguments: ["p\(n)", n < 3 ? "s" : nil])
                    try db.execute(sql: """
                        INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                        VALUES ('pair', ?, 1, 0, 1, 'create', 'id', ?, '', ?, '{}')
                        """, arguments: ["p\(n)", "p\(n)", n == 0 ? "accepted" : "pending"])
                }
            }
        }
        let store = try ProjectStore(path: scratch.path, author: "tenet")
        #expect(try store.queueProgress(countingFinished: false).total == 4)
        #expect(try store.queueProgress(QueueFilter(spec: "s"), countingFinished: false).total == 3)
        #expect(try store.queueProgress().finished == 1)
    }

    @Test func aRuleEditedManyTimesOrRenamedResolvesByItsCurrentName() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, author: "tenet")
        let first = try SpecReader.read(path: "s.md", text: "# S\n\n## A {#a kind=safety}\n\nDo not do a.\n\n## B {#b kind=behavioral}\n\nDo b.\n")
        _ = try store.importSpec(first, text: "")
        let other = try SpecReader.read(path: "t.md", text: "# T\n\n## A {#a kind=safety}\n\nDo not do a either.\n")
        _ = try store.importSpec(other, text: "")
        var revision = try store.rule("s/a").revision
        for n in 0..<30 {
            var change = AnnotationChange()
            change.rationale = "r\(n)"
            revision = try store.annotate("s/a", change, expectedRevision: revision).revision
        }
        #expect(try store.rule("s/a").revision == revision && store.rule("t/a").revision == 1)
        #expect(throws: StoreError.self) { try store.rule("a") }   // in two specs: name one
        #expect(try store.rule("b").key == "s/b")
        #expect(try store.log(rule: "b").count == 1 && store.blame(rule: "s/a").1.contains { $0.field == "annotations.rationale" && $0.revision == revision })
        #expect(throws: StoreError.self) { try store.rule("nothing") }
    }

    @Test func theLookupsUseTheRuleOnlyIndexes() throws {
        let scratch = try ScratchDatabase()
        defer { scratch.remove() }
        let store = try ProjectStore(path: scratch.path, author: "tenet")
        _ = try store.savePairs([pair(0, spec: nil)], message: "one")
        let queue = try DatabaseQueue(path: scratch.path)
        try queue.read { db in
            func plan(_ sql: String, _ arguments: StatementArguments = []) throws -> String {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: "\n")
            }
            let name = try plan("WITH \(ProjectStore.rulesNamed) SELECT id FROM bearer WHERE id IS NOT NULL", ["name": "x"])
            #expect(name.contains("revision_rule_name") && !name.contains("SCAN revision"), "\(name)")
            let blame = try plan("SELECT changed, max(rev) AS rev FROM revision WHERE kind = 'rule' AND id = 'x' GROUP BY changed")
            #expect(blame.contains("revision_rule_blame"), "\(blame)")
            // Pairs' revisions are in neither.
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM revision INDEXED BY revision_rule_name WHERE kind = 'rule' AND name = ?",
                                           arguments: [pair(0, spec: nil).id])
            #expect(indexed == 0)
        }
    }
}
