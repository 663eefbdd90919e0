import Foundation
import GRDB
import TenetSpec

/// Takes pairs one at a time for ``ProjectStore/importPairs(message:status:_:)``.
///
/// Pairs are kept in memory a batch at a time (``ImportBatch/rowsPerTransaction``), each
/// already checked and encoded; a full batch is written, sorted by ID, into the project's
/// own tables in one short transaction — as rows of an unfinished import batch, which no
/// reader shows. Memory stays flat, and others' saves wait at most one such transaction.
public final class PairWriter {
    /// A pair ready to be written: the columns of its first revision.
    private struct Incoming {
        var id: String
        var spec: String?
        var changed: String
        var title: String
        var data: String
        var state: String
        var decisions: [(annotator: String, decision: String)]
    }

    private let queue: DatabaseQueue
    private let store: ProjectStore
    private let status: String
    private let message: String
    private let rowsPerTransaction: Int
    private var incoming: [Incoming] = []
    /// Pairs handed in so far (duplicates included).
    public fileprivate(set) var received = 0
    /// The import's changeset, from the first new pair written on.
    fileprivate private(set) var changeset: Int64?
    fileprivate private(set) var added = 0
    /// Write transactions so far (the batches, not the last one that shows them).
    fileprivate private(set) var transactions = 0
    /// New pairs per spec (`''`: none) and status, for `pair_count` once they are shown.
    private var counts: [String: [String: Int]] = [:]

    fileprivate init(queue: DatabaseQueue, store: ProjectStore, status: String, message: String, rowsPerTransaction: Int) {
        self.queue = queue
        self.store = store
        self.status = status
        self.message = message
        self.rowsPerTransaction = max(1, rowsPerTransaction)
        incoming.reserveCapacity(self.rowsPerTransaction)
    }

    /// Adds a pair. One already stored, or handed in before with the same ID, is counted
    /// as unchanged when the import finishes.
    /// With `review`, the pair comes in with that status and those decisions (dated now)
    /// instead of pending.
    public func add(_ pair: PreferencePair, review: ImportedReview? = nil) throws {
        var snapshot = pair.snapshot
        if let review {
            let now = Timestamp.now()
            for (annotator, decision) in review.decisions {
                snapshot[ReviewFields.decisionPrefix + annotator] = decision.json(at: now)
            }
            if review.edited { snapshot[ReviewFields.editedBeforeImport] = .bool(true) }
        }
        incoming.append(Incoming(id: pair.id, spec: pair.spec, changed: snapshot.keys.sorted().joined(separator: ","),
                                 title: pair.rules.joined(separator: ","), data: SnapshotCoding.encode(snapshot),
                                 state: review?.status.rawValue ?? status,
                                 decisions: (review?.decisions ?? [:]).map { ($0.key, $0.value.decision.rawValue) }))
        received += 1
        if incoming.count >= rowsPerTransaction { try flush() }
    }

    /// Writes the pairs held so far in one short IMMEDIATE transaction, in ID order (IDs are
    /// random: sorted, the inserts of a batch land near each other). A pair already in the
    /// project — shown, or written by this import before — is left out; the first new one
    /// opens the import's changeset and its batch, in the same transaction.
    fileprivate func flush() throws {
        guard !incoming.isEmpty else { return }
        incoming.sort { $0.id < $1.id }
        var changeset = self.changeset
        var added = 0
        var counts: [(spec: String, state: String)] = []
        try queue.inDatabase { db in
            try db.inTransaction(.immediate) {
                try store.authorize(db, .author("adding pairs"))
                let entity = try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity (kind, id, parent, head_rev) VALUES ('pair', ?, ?, 0)")
                let revision = try db.cachedStatement(sql: """
                    INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                    VALUES ('pair', ?, 1, 0, ?, 'create', ?, ?, ?, ?, ?)
                    """)
                let review = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO import_review (changeset, pair, annotator, decision) VALUES (?, ?, ?, ?)
                    """)
                for pair in incoming {
                    try entity.execute(arguments: [pair.id, pair.spec])
                    guard db.changesCount > 0 else { continue }
                    if changeset == nil {
                        let opened = try store.insertChangeset(db, kind: .import, undoes: nil, message: message)
                        try db.execute(sql: "INSERT INTO import_batch (changeset, owner) VALUES (?, ?)",
                                       arguments: [opened, ImportBatch.thisProcess])
                        changeset = opened
                    }
                    try revision.execute(arguments: [pair.id, changeset, pair.changed, pair.id, pair.title, pair.state, pair.data])
                    for decision in pair.decisions {
                        try review.execute(arguments: [changeset, pair.id, decision.annotator, decision.decision])
                    }
                    added += 1
                    counts.append((pair.spec ?? "", pair.state))
                }
                return .commit
            }
        }
        self.changeset = changeset
        self.added += added
        for count in counts { self.counts[count.spec, default: [:]][count.state, default: 0] += 1 }
        transactions += 1
        incoming.removeAll(keepingCapacity: true)
    }

    /// Shows the whole import at once, in one tiny transaction: adds its pairs to
    /// `pair_count`, moves the decisions it carried into the review index, and deletes
    /// its batch row.
    fileprivate func publish() throws -> PairImportReport {
        guard let changeset else { return PairImportReport(changeset: nil, added: 0, unchanged: received) }
        try queue.inDatabase { db in
            try db.inTransaction(.immediate) {
                try store.authorize(db, .author("adding pairs"))
                let count = try db.cachedStatement(sql: """
                    INSERT INTO pair_count (spec, state, pairs) VALUES (?, ?, ?)
                    ON CONFLICT (spec, state) DO UPDATE SET pairs = pairs + excluded.pairs
                    """)
                for (spec, states) in counts {
                    for (state, pairs) in states { try count.execute(arguments: [spec, state, pairs]) }
                }
                try db.execute(sql: """
                    INSERT OR REPLACE INTO review (pair, annotator, decision)
                        SELECT pair, annotator, decision FROM import_review WHERE changeset = ?;
                    DELETE FROM import_review WHERE changeset = ?;
                    DELETE FROM import_batch WHERE changeset = ?;
                    """, arguments: [changeset, changeset, changeset])
                return .commit
            }
        }
        return PairImportReport(changeset: changeset, added: added, unchanged: received - added)
    }
}

extension ProjectStore {
    /// Imports pairs from a producer as one changeset, without locking the team out.
    ///
    /// The producer's pairs are written as they come, a batch at a time, each batch in one
    /// short transaction (``ImportBatch/rowsPerTransaction`` pairs): others' saves wait at
    /// most that long, however large the import. Until the producer has finished, the
    /// written pairs are an unfinished import batch that nobody sees; one last, tiny
    /// transaction shows them all at once. A killed import leaves a batch that is never
    /// shown and that the next import deletes; a declined one (the producer returns
    /// `false`, or throws) is deleted at once. Memory stays flat however many pairs there are.
    ///
    /// - Returns: what was written, or `nil` when the producer declined.
    public func importPairs(message: String, status: String = "pending",
                            _ produce: (PairWriter) throws -> Bool) throws(StoreError) -> PairImportReport? {
        try importPairs(message: message, status: status, rowsPerTransaction: ImportBatch.rowsPerTransaction, produce).report
    }

    /// ``importPairs(message:status:_:)`` with the batch size chosen, also returning how many
    /// write transactions the batches took (the tests check the import's shape with it).
    func importPairs(message: String, status: String = "pending", rowsPerTransaction: Int,
                     _ produce: (PairWriter) throws -> Bool) throws(StoreError) -> (report: PairImportReport?, transactions: Int) {
        try guarded {
            _ = try writer          // the project file exists from here on
            let queue = try stagingConnection()
            try queue.read { try authorize($0, .author("adding pairs")) }   // an annotator is refused before a line is read
            try removeAbandonedImports(queue)
            let writer = PairWriter(queue: queue, store: self, status: status, message: message, rowsPerTransaction: rowsPerTransaction)
            var keep = false
            do {
                keep = try produce(writer)
                if keep { try writer.flush() }
            } catch {
                if let changeset = writer.changeset { try? ImportBatch.remove(changeset, owner: ImportBatch.thisProcess, on: queue) }
                throw error
            }
            guard keep else {
                if let changeset = writer.changeset { try ImportBatch.remove(changeset, owner: ImportBatch.thisProcess, on: queue) }
                return (nil, writer.transactions)
            }
            do {
                return (try writer.publish(), writer.transactions)
            } catch {
                if let changeset = writer.changeset { try? ImportBatch.remove(changeset, owner: ImportBatch.thisProcess, on: queue) }
                throw error
            }
        }
    }

    /// A connection of its own for a long job (an import): its writes to the project are
    /// as durable as the pool's (`synchronous = FULL`), and waiting for the write lock
    /// follows the same busy timeout.
    func stagingConnection() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(database.busyTimeout)
        configuration.label = "tenet-staging"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = FILE; PRAGMA wal_autocheckpoint = 4000")
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
