import Foundation
import GRDB
import Testing
import TenetSpec
@testable import TenetStore

/// A pair import is written in short transactions as a hidden import batch and shown all at
/// once at the end; a batch whose importer died is never shown and is deleted by the next
/// import.
@Suite struct ImportBatchTests {
    let directory: String
    var path: String { directory + "/p.db" }

    init() throws { directory = try StoreSettingsTests.temporaryDirectory() }

    func rawCount(_ sql: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// 1,000 pairs in batches of 100 take 10 write transactions (the shape that bounds how
    /// long others wait, whatever the size of the import); between them someone with no
    /// patience at all (busy timeout 0) saves; nothing of the import is visible to them —
    /// not in the pairs, the counts, the queue's total, nor the log — until it finishes,
    /// and then all of it.
    @Test func anImportIsWrittenInShortTransactionsAndShownAtOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: path, author: "t")
        _ = try store.savePairs([PairStoreTests.pair(-1)], message: "first")
        let other = try ProjectStore(path: path, author: "other", busyTimeout: 0)
        var gaps = 0
        let between: () throws -> Void = {
            gaps += 1
            let saved = try other.savePairs([PairStoreTests.pair(10_000 + gaps)], message: "meanwhile \(gaps)")
            let shown = 1 + gaps
            let pairs = try other.pairs().count, stats = try other.reviewStats().total, queue = try other.queueProgress().total
            let log = try other.log(), rows = try rawCount("SELECT count(*) FROM entity WHERE kind = 'pair'")
            #expect(saved.added == 1)
            #expect(pairs == shown, "after \(gaps) batches written")
            #expect(stats == shown)
            #expect(queue == shown)
            #expect(log.allSatisfy { $0.message != "bulk" })
            #expect(rows == shown + 100 * gaps, "written, not shown")
        }
        let (report, transactions) = try store.importPairs(message: "bulk", rowsPerTransaction: 100, between: between) { writer in
            for n in 0..<1_000 { try writer.add(PairStoreTests.pair(n)) }
            return true
        }
        #expect(transactions == 10)
        #expect(gaps == 9)
        #expect(report == PairImportReport(changeset: report?.changeset, added: 1_000, unchanged: 0))
        #expect(try other.pairs().count == 1_010)
        #expect(try other.reviewStats().total == 1_010)
        #expect(try other.log().contains { $0.message == "bulk" && $0.entities == 1_000 })
        #expect(try rawCount("SELECT count(*) FROM import_batch") == 0)
        #expect(try rawCount("SELECT sum(pairs) FROM pair_count") == 1_010)
    }

    /// A batch left by a process that is gone: hidden from every reader, and deleted —
    /// rows, changeset and all — by the next import, which is then whole.
    @Test func anAbandonedBatchIsNeverShownAndTheNextImportDeletesIt() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: path, author: "t")
        _ = try store.savePairs([PairStoreTests.pair(-1)], message: "first")
        // An import that wrote three batches and then died (its process is long gone).
        var gaps = 0
        let dies: () throws -> Void = {
            gaps += 1
            if gaps == 3 {
                try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE import_batch SET owner = '2147483646 1'") }
                throw CancellationError()
            }
        }
        _ = try? store.importPairs(message: "dies", rowsPerTransaction: 10, between: dies) { writer in
            for n in 0..<35 { try writer.add(PairStoreTests.pair(n)) }
            return true
        }
        #expect(try rawCount("SELECT count(*) FROM import_batch") == 1, "the failed import could not delete a batch it no longer owned")
        #expect(try rawCount("SELECT count(*) FROM entity WHERE kind = 'pair'") == 31)
        #expect(try store.pairs().count == 1)
        #expect(try store.reviewStats().total == 1)
        #expect(try store.log().count == 1)
        #expect(throws: StoreError.self) { try store.pair(PairStoreTests.pair(3).id) }

        let report = try #require(try store.importPairs(message: "again") { writer in
            for n in 0..<40 { try writer.add(PairStoreTests.pair(n)) }
            return true
        })
        #expect(report.added == 40)
        #expect(try store.pairs().count == 41)
        #expect(try rawCount("SELECT count(*) FROM import_batch") == 0)
        #expect(try rawCount("SELECT count(*) FROM changeset") == 2)
        #expect(try rawCount("SELECT count(*) FROM revision WHERE kind = 'pair'") == 41)
        #expect(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }

    /// The batches are written with their connection's foreign keys off and their
    /// references checked once per batch (``ImportBatch/checkReferences(_:changeset:)``):
    /// a batch whose changeset is gone is still refused, and nothing of the import stays.
    @Test func aBatchWhoseChangesetIsGoneIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: path, author: "t")
        _ = try store.savePairs([PairStoreTests.pair(-1)], message: "first")
        var gaps = 0
        let sabotage: () throws -> Void = {
            gaps += 1
            guard gaps == 2 else { return }
            // With foreign keys on, SQLite itself would refuse to delete it.
            try DatabaseQueue(path: path).inDatabase { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "DELETE FROM changeset WHERE id IN (SELECT changeset FROM import_batch)")
            }
        }
        #expect(throws: StoreError.self) {
            try store.importPairs(message: "bulk", rowsPerTransaction: 10, between: sabotage) { writer in
                for n in 0..<35 { try writer.add(PairStoreTests.pair(n)) }
                return true
            }
        }
        #expect(gaps == 2, "refused at the first batch after the changeset went")
        #expect(try store.pairs().count == 1)
        #expect(try rawCount("SELECT count(*) FROM revision WHERE kind = 'pair'") == 1)
        #expect(try rawCount("SELECT count(*) FROM entity WHERE kind = 'pair'") == 1)
        #expect(try rawCount("SELECT count(*) FROM import_batch") == 0)
        #expect(try DatabaseQueue(path: path).read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }

    /// Pairs someone else saves after a batch was gathered and before it is written are
    /// left out of it, and the import's counts are what it wrote (`pair_count` matches the
    /// pairs shown).
    @Test func pairsSavedJustBeforeTheirBatchAreLeftOutAndNotCounted() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: path, author: "t")
        _ = try store.savePairs([PairStoreTests.pair(-1)], message: "first")
        let other = try ProjectStore(path: path, author: "other", busyTimeout: 0)
        let pairs = (0..<1_000).map { PairStoreTests.pair($0) }
        // The batches take the pairs in ID order: the second batch is these 100.
        let second = Set(pairs.map(\.id).sorted()[100..<200])
        var gaps = 0
        let between: () throws -> Void = {
            gaps += 1
            if gaps == 1 { _ = try other.savePairs(pairs.filter { second.contains($0.id) }.prefix(10).map { $0 }, message: "meanwhile") }
        }
        let (report, _) = try store.importPairs(message: "bulk", rowsPerTransaction: 100, between: between) { writer in
            for pair in pairs { try writer.add(pair) }
            return true
        }
        #expect(report == PairImportReport(changeset: report?.changeset, added: 990, unchanged: 10))
        #expect(try store.pairs().count == 1_001)
        #expect(try rawCount("SELECT sum(pairs) FROM pair_count") == 1_001)
        #expect(try store.reviewStats().total == 1_001)
    }

    /// History stays append-only: a shown import's rows cannot be deleted.
    @Test func aShownImportIsHistory() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: path, author: "t")
        _ = try store.importPairs(message: "bulk") { writer in try writer.add(PairStoreTests.pair(1)); return true }
        let queue = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM revision WHERE kind = 'pair'") } }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM entity WHERE kind = 'pair'") } }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM changeset") } }
        #expect(try store.pairs().count == 1)
    }

    /// An import writes its batches with its connection's triggers off, doing row for row
    /// what the `INSERT` triggers on `entity` and `revision` would (``Database/withoutTriggers(_:)``).
    /// This fails when such a trigger is added: the import must then learn what it does.
    /// The rows are as the triggers would leave them (head at revision 1, counted once the
    /// import is shown), and the triggers still guard every other connection.
    @Test func theImportKnowsEveryInsertTriggerOnItsTables() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ProjectStore(path: path, author: "t")
        _ = try store.importPairs(message: "bulk") { writer in
            for n in 0..<30 { try writer.add(PairStoreTests.pair(n)) }
            return true
        }
        let queue = try DatabaseQueue(path: path)
        let triggers = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('entity', 'revision')
                AND sql LIKE '%INSERT ON%' ORDER BY name
                """)
        }
        #expect(triggers == ["pair_counted", "revision_advances_head", "revision_follows_head"],
                "a new INSERT trigger on entity or revision: PairWriter.write must do what it does")
        #expect(try rawCount("SELECT count(*) FROM entity WHERE kind = 'pair' AND head_rev = 1") == 30)
        #expect(try rawCount("SELECT sum(pairs) FROM pair_count") == 30)
        #expect(try store.pair(PairStoreTests.pair(3).id).revision == 1)
        #expect(throws: (any Error).self, "the head still only follows") {
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                    SELECT 'pair', id, 1, 0, 1, 'create', '', id, '', 'pending', '{}' FROM entity WHERE kind = 'pair' LIMIT 1
                    """)
            }
        }
    }
}
