import Foundation
import GRDB
import TenetSpec

/// A pair made into the row an import stores — its snapshot encoded as canonical JSON,
/// the fields it has, its rules, and the review it came with — as one record of bytes
/// (``StagedRow``), without touching a database, so that an import can make them on several
/// cores and hand them to a ``PairWriter`` in the file's order.
public struct StagedPair: Sendable {
    let id: String
    /// The row, as ``StagedRow`` reads it.
    let record: [UInt8]

    /// The row for `pair`; with `review`, the pair comes in with that status and those
    /// decisions (dated now) instead of pending.
    public init(_ pair: PreferencePair, review: ImportedReview? = nil) {
        id = pair.id
        var out: [UInt8] = []
        out.reserveCapacity(pair.chosen.utf8.count + pair.rejected.utf8.count + (pair.prompt.first?.content.utf8.count ?? 0) + 400)
        StagedRow.append(pair.spec, to: &out)
        StagedRow.append(pair.rules.joined(separator: ","), to: &out)
        StagedRow.append(review?.status.rawValue, to: &out)
        let decisions = review?.decisions ?? [:]
        ImportStagingFile.appendLength(decisions.count, to: &out)
        for (annotator, decision) in decisions {
            StagedRow.append(annotator, to: &out)
            StagedRow.append(decision.decision.rawValue, to: &out)
        }
        if let review {
            // Rare (a reviewed export): the review's fields join the pair's, in the dictionary.
            var snapshot = pair.snapshot
            let now = Timestamp.now()
            for (annotator, decision) in review.decisions {
                snapshot[ReviewFields.decisionPrefix + annotator] = decision.json(at: now)
            }
            if review.edited { snapshot[ReviewFields.editedBeforeImport] = .bool(true) }
            StagedRow.append(snapshot.keys.sorted().joined(separator: ","), to: &out)
            StagedRow.append(SnapshotCoding.encode(snapshot), to: &out)
        } else {
            StagedRow.append(PairSnapshotBytes.changed(pair), to: &out)
            let lengthAt = out.count
            ImportStagingFile.appendLength(0, to: &out)
            PairSnapshotBytes.append(pair, to: &out)
            let length = UInt32(out.count - lengthAt - 4)
            for k in 0..<4 { out[lengthAt + k] = UInt8(truncatingIfNeeded: length >> (8 * k)) }
        }
        record = out
    }
}

/// A staged pair's row read back from its bytes, in place: spec, title (its rules), status,
/// decisions, changed fields and snapshot — each a length-prefixed text (`nil` written as
/// length `0xFFFFFFFF`).
struct StagedRow {
    var spec: UnsafeRawBufferPointer?
    var title: UnsafeRawBufferPointer
    var status: UnsafeRawBufferPointer?
    /// Annotator and decision, in pairs.
    var decisions: [(UnsafeRawBufferPointer, UnsafeRawBufferPointer)]
    var changed: UnsafeRawBufferPointer
    var data: UnsafeRawBufferPointer

    static let null = UInt32.max

    static func append(_ text: String?, to out: inout [UInt8]) {
        guard let text else { ImportStagingFile.appendLength(Int(null), to: &out); return }
        ImportStagingFile.appendLength(text.utf8.count, to: &out)
        out.append(contentsOf: text.utf8)
    }

    init(_ bytes: UnsafeRawBufferPointer) {
        var at = 0
        func next() -> UnsafeRawBufferPointer? {
            let length = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian
            at += 4
            guard length != Self.null else { return nil }
            defer { at += Int(length) }
            return UnsafeRawBufferPointer(rebasing: bytes[at..<(at + Int(length))])
        }
        func text() -> UnsafeRawBufferPointer { next() ?? UnsafeRawBufferPointer(start: nil, count: 0) }
        spec = next()
        title = text()
        status = next()
        let count = Int(bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
        at += 4
        decisions = []
        for _ in 0..<count { decisions.append((text(), text())) }
        changed = text()
        data = text()
    }
}

/// Takes pairs one at a time for ``ProjectStore/importPairs(message:status:_:)``.
///
/// Each pair is staged as it comes (``ImportStagingFile``: in memory, then in sorted runs of
/// a temporary file of the import's own that nobody else can open) — memory stays flat, and
/// nothing of the project is locked or written. The new pairs are then written into the
/// project in ID order, a batch at a time (``ImportBatch/rowsPerTransaction``), each batch
/// one short transaction, as an import batch nobody sees until the last, tiny transaction
/// shows it.
public final class PairWriter {
    fileprivate let status: String
    fileprivate let staging: ImportStagingFile
    /// Pairs handed in so far (duplicates included).
    public fileprivate(set) var received = 0
    /// Pairs written, per spec (`""` for none) and status: what the last transaction adds
    /// to `pair_count`.
    fileprivate var counts: [PairCountKey: Int] = [:]

    fileprivate init(status: String, staging: ImportStagingFile) {
        self.status = status
        self.staging = staging
    }

    /// Adds a pair. One already stored, or handed in before with the same ID, is counted
    /// as unchanged when the import finishes.
    /// With `review`, the pair comes in with that status and those decisions (dated now)
    /// instead of pending.
    public func add(_ pair: PreferencePair, review: ImportedReview? = nil) throws {
        try add(StagedPair(pair, review: review))
    }

    /// Adds a pair already made into its stored row (``StagedPair``, which can be made on
    /// another thread): only staging it is left.
    public func add(_ staged: StagedPair) throws {
        try staging.add(key: staged.id, value: staged.record)
        received += 1
    }

    /// Writes the new pairs into the project, `rows` at a time in ID order (content IDs are
    /// random: written in ID order, the batches append to the project's B-trees instead of
    /// writing a random page per pair), each batch in one short IMMEDIATE transaction. The
    /// first of each ID is kept; a pair the project has is left out — looked up while the
    /// batch is gathered (a read, no lock), and again by the batch itself for one someone
    /// else added in between. The first batch opens the import's changeset (`changeset`,
    /// nil while there is none) and its batch row. Returns the number of write transactions.
    ///
    /// A batch is gathered in a small table in memory and written with one `INSERT …
    /// SELECT` per table: a statement per row would have SQLite save every page it touches
    /// to a statement journal first (the revision triggers can abort), row after row.
    fileprivate func write(on db: Database, store: ProjectStore, message: String, rows: Int, changeset: inout Int64?,
                           between: () throws -> Void) throws -> Int {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.import_rows;
            CREATE TEMP TABLE import_rows (id TEXT NOT NULL, parent TEXT, changed TEXT NOT NULL, title TEXT NOT NULL,
                                           state TEXT NOT NULL, data TEXT NOT NULL);
            DROP TABLE IF EXISTS temp.import_row_review;
            CREATE TEMP TABLE import_row_review (pair TEXT NOT NULL, annotator TEXT NOT NULL, decision TEXT NOT NULL);
            """)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.import_rows; DROP TABLE IF EXISTS temp.import_row_review") }
        // The batches' commits are not synced one by one: until the last transaction shows
        // them, they are an import batch nobody sees, and a crash that loses the newest of
        // them (never one in the middle: the WAL keeps a prefix) leaves a batch the next
        // import deletes. The last transaction (`publish`) is synced as every save is, and
        // its sync makes the batches before it durable too. Syncs were a fifth of the wall
        // time of importing 100,000 pairs (53 of them, 0.25 s).
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
        defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
        let sql = RawStatements(db)
        var stored = try StoredPairIDs(sql)
        let row = try sql.prepare("INSERT INTO temp.import_rows (id, parent, changed, title, state, data) VALUES (?, ?, ?, ?, ?, ?)")
        let review = try sql.prepare("INSERT INTO temp.import_row_review (pair, annotator, decision) VALUES (?, ?, ?)")
        let statusBytes = Array(status.utf8)
        var pending = 0
        var transactions = 0
        /// The gathered pairs per spec and status: what the batch adds to `counts` unless
        /// some were left out when it was written.
        var gathered: [PairCountKey: Int] = [:]

        func flush() throws {
            guard pending > 0 else { return }
            if transactions > 0 { try between() }
            let started = DispatchTime.now().uptimeNanoseconds
            // Foreign keys are checked once per batch, below, instead of three B-tree
            // look-ups per row (the pragma cannot change inside a transaction).
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var leftOut = false
            try db.inTransaction(.immediate) {
                try store.authorize(db, .author("adding pairs"))
                if changeset == nil {
                    let opened = try store.insertChangeset(db, kind: .import, undoes: nil, message: message)
                    try db.execute(sql: "INSERT INTO main.import_batch (changeset, owner) VALUES (?, ?)",
                                   arguments: [opened, ImportBatch.thisProcess])
                    changeset = opened
                }
                try db.execute(sql: """
                    DELETE FROM temp.import_rows WHERE EXISTS (SELECT 1 FROM main.entity e WHERE e.kind = 'pair' AND e.id = import_rows.id)
                    """)
                leftOut = db.changesCount > 0
                try db.execute(sql: """
                    INSERT OR REPLACE INTO main.import_review (changeset, pair, annotator, decision)
                        SELECT :changeset, v.pair, v.annotator, v.decision FROM temp.import_row_review v
                        WHERE v.pair IN (SELECT id FROM temp.import_rows);
                    """, arguments: ["changeset": changeset])
                // Every pair here is new (the rest were just left out, inside this transaction),
                // so what the insert triggers check and do is known row for row: a first
                // revision follows head 0 (`revision_follows_head`), moves the head to 1
                // (`revision_advances_head`: written as 1 at once), and is not counted while
                // its changeset is an import batch (`pair_counted`; `publish` counts the batch).
                // Their programs, run per row, were half of writing a row.
                try db.withoutTriggers {
                    try db.execute(sql: """
                        INSERT INTO main.entity (kind, id, parent, head_rev)
                            SELECT 'pair', id, parent, 1 FROM temp.import_rows ORDER BY rowid;
                        INSERT INTO main.revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                            SELECT 'pair', id, 1, 0, :changeset, 'create', changed, id, title, state, data FROM temp.import_rows ORDER BY rowid;
                        """, arguments: ["changeset": changeset])
                }
                try ImportBatch.checkReferences(db, changeset: changeset)
                return .commit
            }
            transactions += 1
            if leftOut {
                // Someone added some of these pairs meanwhile: what was written is counted.
                let written = try Row.fetchAll(db, sql: "SELECT coalesce(parent, ''), state, count(*) FROM temp.import_rows GROUP BY 1, 2")
                for count in written { counts[PairCountKey(spec: count[0], state: count[1]), default: 0] += count[2] }
            } else {
                for (key, pairs) in gathered { counts[key, default: 0] += pairs }
            }
            gathered.removeAll(keepingCapacity: true)
            try db.execute(sql: "DELETE FROM temp.import_rows; DELETE FROM temp.import_row_review")
            pending = 0
            ImportBatch.yieldLock(held: DispatchTime.now().uptimeNanoseconds - started)
        }

        // A batch is gathered in one read transaction (its look-ups share it).
        do {
            try statusBytes.withUnsafeBytes { defaultStatus in
                try staging.forEachFirstInKeyOrder { id, value in
                    if !db.isInsideTransaction {
                        try db.beginTransaction(.deferred)
                        stored.reset()
                    }
                    if try stored.contains(id) { return }
                    let staged = StagedRow(value)
                    let state = staged.status ?? defaultStatus
                    try sql.run(row, id, staged.spec, staged.changed, staged.title, state, staged.data)
                    gathered[PairCountKey(spec: staged.spec.map { String(decoding: $0, as: UTF8.self) } ?? "",
                                          state: String(decoding: state, as: UTF8.self)), default: 0] += 1
                    for (annotator, decision) in staged.decisions { try sql.run(review, id, annotator, decision) }
                    pending += 1
                    if pending >= max(1, rows) {
                        try db.commit()
                        try flush()
                    }
                }
            }
            if db.isInsideTransaction { try db.commit() }
            try flush()
        } catch {
            if db.isInsideTransaction { try? db.rollback() }
            throw error
        }
        return transactions
    }

    /// Shows the whole import at once, in one tiny transaction: adds its pairs to
    /// `pair_count`, moves the decisions it carried into the review index, and deletes
    /// its batch row. When others added every one of its pairs meanwhile, the (empty) batch
    /// is deleted instead.
    fileprivate func publish(on db: Database, store: ProjectStore, changeset: Int64) throws -> PairImportReport {
        let added = counts.values.reduce(0, +)
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
            for (key, pairs) in counts { try count.execute(arguments: [key.spec, key.state, pairs]) }
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
}

/// A row of `pair_count`: a spec (`""` for none) and a status.
private struct PairCountKey: Hashable {
    var spec: String
    var state: String
}

extension ProjectStore {
    /// Imports pairs from a producer as one changeset, without locking the team out.
    ///
    /// The producer's pairs are staged in the import's own temporary file
    /// (``ImportStagingFile``): reading, checking and encoding a million lines takes no
    /// lock on the project and writes nothing to it — a new project's file is not made
    /// until they are all in. The new pairs are then taken in ID
    /// order, the first of each ID and only those the project does not have (a read,
    /// without a lock), and written a batch at a time, each batch in
    /// one short transaction (``ImportBatch/rowsPerTransaction`` pairs): others' saves wait
    /// at most that long, however large the import. The written pairs are an unfinished
    /// import batch that nobody sees; one last, tiny transaction shows them all at once. A
    /// killed import leaves a batch that is never shown and that the next import deletes.
    ///
    /// The producer returns whether to keep what it handed in: `false` (or a throw) writes
    /// nothing — and a project file the import created is removed again. Memory stays flat
    /// however many pairs there are.
    ///
    /// - Returns: what was written, or `nil` when the producer declined.
    public func importPairs(message: String, status: String = "pending",
                            _ produce: (PairWriter) throws -> Bool) throws(StoreError) -> PairImportReport? {
        try removingNewFileUnlessWritten({ () throws(StoreError) in
            try importPairs(message: message, status: status, rowsPerTransaction: ImportBatch.rowsPerTransaction, produce).report
        }, wrote: { $0?.changeset != nil })
    }

    /// ``importPairs(message:status:_:)`` with the batch size chosen and `between` called
    /// between two of its write transactions, also returning how many write transactions
    /// the batches took (the tests check the import's shape with them).
    func importPairs(message: String, status: String = "pending", rowsPerTransaction: Int, between: () throws -> Void = {},
                     _ produce: (PairWriter) throws -> Bool) throws(StoreError) -> (report: PairImportReport?, transactions: Int) {
        try authorize(.author("adding pairs"))    // an annotator is refused before a line is read
        return try guarded {
            // The lines are read and staged before the project is touched: an import into a
            // new project stopped while reading (Ctrl-C on standard input) leaves no file.
            let pairs = PairWriter(status: status, staging: ImportStagingFile())
            guard try produce(pairs) else { return (nil, 0) }
            _ = try writer          // the project file exists from here on
            let queue = try stagingConnection()
            try removeAbandonedImports(queue)
            return try queue.inDatabase { db -> (report: PairImportReport?, transactions: Int) in
                try authorize(db, .author("adding pairs"))
                try db.execute(sql: "PRAGMA temp_store = MEMORY")     // only a batch's rows (PairWriter.write)
                var changeset: Int64?
                do {
                    let transactions = try pairs.write(on: db, store: self, message: message, rows: rowsPerTransaction,
                                                        changeset: &changeset, between: between)
                    guard let changeset else { return (PairImportReport(changeset: nil, added: 0, unchanged: pairs.received), 0) }
                    return (try pairs.publish(on: db, store: self, changeset: changeset), transactions)
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
        // The log is copied into the database on another core while the batches are
        // written (``BackgroundCheckpoint``), not inside the commits: in them, the copies
        // and their syncs were a third of writing the batches.
        let checkpoint = BackgroundCheckpoint(path: path)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            checkpoint.install(on: db)
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}

