import Foundation
import GRDB
import TenetSpec

/// A pair made into the row an import stores — its snapshot encoded as canonical JSON,
/// the fields it has, its rules, and the review it came with — without touching a
/// database, so that an import can make them on several cores and hand them to a
/// ``PairWriter`` in the file's order.
public struct StagedPair: Sendable {
    let id: String
    let spec: String?
    let changed: String
    let title: String
    let data: String
    let status: String?
    /// Annotator → decision, as the review index stores it.
    let decisions: [(String, String)]

    /// The row for `pair`; with `review`, the pair comes in with that status and those
    /// decisions (dated now) instead of pending.
    public init(_ pair: PreferencePair, review: ImportedReview? = nil) {
        var snapshot = pair.snapshot
        if let review {
            let now = Timestamp.now()
            for (annotator, decision) in review.decisions {
                snapshot[ReviewFields.decisionPrefix + annotator] = decision.json(at: now)
            }
            if review.edited { snapshot[ReviewFields.editedBeforeImport] = .bool(true) }
        }
        id = pair.id
        spec = pair.spec
        changed = snapshot.keys.sorted().joined(separator: ",")
        title = pair.rules.joined(separator: ",")
        data = SnapshotCoding.encode(snapshot)
        status = review?.status.rawValue
        decisions = (review?.decisions ?? [:]).map { ($0.key, $0.value.decision.rawValue) }
    }
}

/// Takes pairs one at a time for ``ProjectStore/importPairs(message:status:_:)``.
///
/// Each pair is appended to a temporary table of the import's own connection as it comes —
/// as cheap as a bare insert, memory stays flat, and nothing of the project is locked:
/// only the connection's temporary database is written (SQLite keeps it in a file it has
/// already unlinked). The new pairs are then written into the project in ID order, a batch
/// at a time (``ImportBatch/rowsPerTransaction``), each batch one short transaction, as an
/// import batch nobody sees until the last, tiny transaction shows it.
public final class PairWriter {
    fileprivate let db: Database
    fileprivate let status: String
    /// Pairs handed in so far (duplicates included).
    public fileprivate(set) var received = 0

    fileprivate init(db: Database, status: String) throws {
        self.db = db
        self.status = status
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.pair_incoming;
            CREATE TEMP TABLE pair_incoming (id TEXT NOT NULL, parent TEXT, changed TEXT NOT NULL, title TEXT NOT NULL, data TEXT NOT NULL,
                                             state TEXT);
            DROP TABLE IF EXISTS temp.pair_incoming_review;
            CREATE TEMP TABLE pair_incoming_review (row INTEGER NOT NULL, annotator TEXT NOT NULL, decision TEXT NOT NULL);
            DROP TABLE IF EXISTS temp.pair_fresh;
            CREATE TEMP TABLE pair_fresh (id TEXT PRIMARY KEY, first INTEGER NOT NULL, parent TEXT, changed TEXT NOT NULL,
                                          title TEXT NOT NULL, data TEXT NOT NULL, state TEXT) WITHOUT ROWID;
            DROP TABLE IF EXISTS temp.pair_taken;
            CREATE TEMP TABLE pair_taken (id TEXT PRIMARY KEY) WITHOUT ROWID;
            DROP TABLE IF EXISTS temp.pair_order;
            CREATE TEMP TABLE pair_order (id TEXT PRIMARY KEY, first INTEGER NOT NULL) WITHOUT ROWID;
            """)
    }

    /// Adds a pair. One already stored, or handed in before with the same ID, is counted
    /// as unchanged when the import finishes.
    /// With `review`, the pair comes in with that status and those decisions (dated now)
    /// instead of pending.
    public func add(_ pair: PreferencePair, review: ImportedReview? = nil) throws {
        try add(StagedPair(pair, review: review))
    }

    /// Adds a pair already made into its stored row (``StagedPair``, which can be made on
    /// another thread): only the staging insert is left.
    public func add(_ staged: StagedPair) throws {
        try db.cachedStatement(sql: "INSERT INTO temp.pair_incoming (id, parent, changed, title, data, state) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [staged.id, staged.spec, staged.changed, staged.title, staged.data, staged.status])
        if !staged.decisions.isEmpty {
            let row = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: "INSERT INTO temp.pair_incoming_review (row, annotator, decision) VALUES (?, ?, ?)")
            for (annotator, decision) in staged.decisions { try insert.execute(arguments: [row, annotator, decision]) }
        }
        received += 1
    }

    /// Keeps the first of each ID that the project does not have yet, copied in ID order into
    /// a table kept in that order (content IDs are random: written in ID order, the batches
    /// append to the project's B-trees instead of writing a random page per pair). Reads
    /// the project without locking it. Only the IDs are sorted (`pair_order`); the rows
    /// are then copied in that order — sorting whole rows cost a quarter more.
    fileprivate func sift() throws {
        try db.inTransaction(.deferred) {
            try db.execute(sql: """
                DELETE FROM temp.pair_order;
                INSERT INTO temp.pair_order (id, first)
                    SELECT i.id, min(i.rowid) FROM temp.pair_incoming i GROUP BY i.id
                    HAVING NOT EXISTS (SELECT 1 FROM main.entity e WHERE e.kind = 'pair' AND e.id = i.id)
                    ORDER BY i.id;
                DELETE FROM temp.pair_fresh;
                INSERT INTO temp.pair_fresh (id, first, parent, changed, title, data, state)
                    SELECT o.id, o.first, i.parent, i.changed, i.title, i.data, i.state
                    FROM temp.pair_order o JOIN temp.pair_incoming i ON i.rowid = o.first ORDER BY o.id;
                DELETE FROM temp.pair_order;
                """)
            return .commit
        }
    }

    /// Writes the sifted pairs into the project, `rows` at a time in ID order, each batch in
    /// one short IMMEDIATE transaction; a pair someone else added meanwhile is left out (its
    /// ID noted in `pair_taken`, which is nearly always empty: the project's rows are not
    /// marked in the staging table, which would rewrite every staged row).
    /// The first batch opens the import's changeset (`changeset`, nil while there is none)
    /// and its batch row. Returns the number of write transactions.
    fileprivate func write(store: ProjectStore, message: String, rows: Int, changeset: inout Int64?,
                           between: () throws -> Void) throws -> Int {
        var transactions = 0
        var after = ""
        while true {
            guard let last = try String.fetchOne(db, sql: """
                SELECT max(id) FROM (SELECT id FROM temp.pair_fresh WHERE id > ? ORDER BY id LIMIT ?)
                """, arguments: [after, max(1, rows)]) else { break }
            if transactions > 0 { try between() }
            let started = DispatchTime.now().uptimeNanoseconds
            try db.inTransaction(.immediate) {
                try store.authorize(db, .author("adding pairs"))
                if changeset == nil {
                    let opened = try store.insertChangeset(db, kind: .import, undoes: nil, message: message)
                    try db.execute(sql: "INSERT INTO main.import_batch (changeset, owner) VALUES (?, ?)",
                                   arguments: [opened, ImportBatch.thisProcess])
                    changeset = opened
                }
                try db.execute(sql: """
                    INSERT INTO temp.pair_taken (id)
                        SELECT f.id FROM temp.pair_fresh f JOIN main.entity e ON e.kind = 'pair' AND e.id = f.id
                        WHERE f.id > :after AND f.id <= :last;
                    INSERT OR IGNORE INTO main.entity (kind, id, parent, head_rev)
                        SELECT 'pair', f.id, f.parent, 0 FROM temp.pair_fresh f WHERE f.id > :after AND f.id <= :last ORDER BY f.id;
                    INSERT INTO main.revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                        SELECT 'pair', f.id, 1, 0, :changeset, 'create', f.changed, f.id, f.title, coalesce(f.state, :status), f.data
                        FROM temp.pair_fresh f WHERE f.id > :after AND f.id <= :last AND f.id NOT IN temp.pair_taken ORDER BY f.id;
                    INSERT OR REPLACE INTO main.import_review (changeset, pair, annotator, decision)
                        SELECT :changeset, f.id, v.annotator, v.decision
                        FROM temp.pair_fresh f JOIN temp.pair_incoming_review v ON v.row = f.first
                        WHERE f.id > :after AND f.id <= :last AND f.id NOT IN temp.pair_taken;
                    """, arguments: ["after": after, "last": last, "changeset": changeset, "status": status])
                return .commit
            }
            transactions += 1
            after = last
            ImportBatch.yieldLock(held: DispatchTime.now().uptimeNanoseconds - started)
        }
        return transactions
    }

    /// Shows the whole import at once, in one tiny transaction: adds its pairs to
    /// `pair_count`, moves the decisions it carried into the review index, and deletes
    /// its batch row. When others added every one of its pairs meanwhile, the (empty) batch
    /// is deleted instead.
    fileprivate func publish(store: ProjectStore, changeset: Int64) throws -> PairImportReport {
        let counts = try Row.fetchAll(db, sql: """
            SELECT coalesce(parent, ''), coalesce(state, ?), count(*) FROM temp.pair_fresh WHERE id NOT IN temp.pair_taken GROUP BY 1, 2
            """, arguments: [status])
        let added = counts.reduce(0) { $0 + ($1[2] as Int) }
        guard added > 0 else {
            try ImportBatch.remove(changeset, owner: ImportBatch.thisProcess, on: db)
            return PairImportReport(changeset: nil, added: 0, unchanged: received)
        }
        try db.inTransaction(.immediate) {
            try store.authorize(db, .author("adding pairs"))
            let count = try db.cachedStatement(sql: """
                INSERT INTO main.pair_count (spec, state, pairs) VALUES (?, ?, ?)
                ON CONFLICT (spec, state) DO UPDATE SET pairs = pairs + excluded.pairs
                """)
            for row in counts { try count.execute(arguments: [row[0], row[1], row[2]]) }
            try db.execute(sql: """
                INSERT OR REPLACE INTO main.review (pair, annotator, decision)
                    SELECT pair, annotator, decision FROM main.import_review WHERE changeset = ?;
                DELETE FROM main.import_review WHERE changeset = ?;
                DELETE FROM main.import_batch WHERE changeset = ?;
                """, arguments: [changeset, changeset, changeset])
            return .commit
        }
        return PairImportReport(changeset: changeset, added: added, unchanged: received - added)
    }

    fileprivate func dropTables() {
        try? db.execute(sql: """
            DROP TABLE IF EXISTS temp.pair_incoming; DROP TABLE IF EXISTS temp.pair_fresh;
            DROP TABLE IF EXISTS temp.pair_incoming_review; DROP TABLE IF EXISTS temp.pair_taken;
            DROP TABLE IF EXISTS temp.pair_order
            """)
    }
}

extension ProjectStore {
    /// Imports pairs from a producer as one changeset, without locking the team out.
    ///
    /// The producer runs on the import's own connection and writes only that connection's
    /// temporary tables: reading, checking and encoding a million lines takes no lock on
    /// the project. The new pairs are then sifted (against the project as it stands,
    /// without a lock), sorted, and written in ID order, a batch at a time, each batch in
    /// one short transaction (``ImportBatch/rowsPerTransaction`` pairs): others' saves wait
    /// at most that long, however large the import. The written pairs are an unfinished
    /// import batch that nobody sees; one last, tiny transaction shows them all at once. A
    /// killed import leaves a batch that is never shown and that the next import deletes.
    ///
    /// The producer returns whether to keep what it handed in: `false` (or a throw) writes
    /// nothing. Memory stays flat however many pairs there are.
    ///
    /// - Returns: what was written, or `nil` when the producer declined.
    public func importPairs(message: String, status: String = "pending",
                            _ produce: (PairWriter) throws -> Bool) throws(StoreError) -> PairImportReport? {
        try importPairs(message: message, status: status, rowsPerTransaction: ImportBatch.rowsPerTransaction, produce).report
    }

    /// ``importPairs(message:status:_:)`` with the batch size chosen and `between` called
    /// between two of its write transactions, also returning how many write transactions
    /// the batches took (the tests check the import's shape with them).
    func importPairs(message: String, status: String = "pending", rowsPerTransaction: Int, between: () throws -> Void = {},
                     _ produce: (PairWriter) throws -> Bool) throws(StoreError) -> (report: PairImportReport?, transactions: Int) {
        try guarded {
            _ = try writer          // the project file exists from here on
            let queue = try stagingConnection()
            try removeAbandonedImports(queue)
            return try queue.inDatabase { db -> (report: PairImportReport?, transactions: Int) in
                try authorize(db, .author("adding pairs"))    // an annotator is refused before a line is read
                let writer = try PairWriter(db: db, status: status)
                defer { writer.dropTables() }
                var keep = false
                try db.inTransaction(.deferred) {
                    keep = try produce(writer)
                    return keep ? .commit : .rollback
                }
                guard keep else { return (nil, 0) }
                try writer.sift()
                var changeset: Int64?
                do {
                    let transactions = try writer.write(store: self, message: message, rows: rowsPerTransaction,
                                                        changeset: &changeset, between: between)
                    guard let changeset else { return (PairImportReport(changeset: nil, added: 0, unchanged: writer.received), 0) }
                    return (try writer.publish(store: self, changeset: changeset), transactions)
                } catch {
                    if let changeset { try? ImportBatch.remove(changeset, owner: ImportBatch.thisProcess, on: db) }
                    throw error
                }
            }
        }
    }

    /// A connection of its own for a long job (an import): its writes to the project are
    /// as durable as the pool's (`synchronous = FULL`), and waiting for the write lock
    /// follows the same busy timeout — with SQLite's own handler, which tries less and less
    /// often, so that the saves of people waiting beside it (``BusyPolling``, every
    /// millisecond) get the lock first.
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
