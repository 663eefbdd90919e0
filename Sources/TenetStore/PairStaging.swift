import Foundation
import GRDB
import TenetSpec

/// Takes pairs one at a time for ``ProjectStore/importPairs(message:status:_:)``.
///
/// Each pair is appended to a temporary table of the import's own connection as it comes —
/// as cheap as a bare insert, memory stays flat, and nothing of the project is locked:
/// only the connection's temporary database is written (SQLite keeps it in a file it has
/// already unlinked, so a killed import leaves nothing behind).
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
            """)
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
        try db.cachedStatement(sql: "INSERT INTO temp.pair_incoming (id, parent, changed, title, data, state) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [pair.id, pair.spec, snapshot.keys.sorted().joined(separator: ","),
                                 pair.rules.joined(separator: ","), SnapshotCoding.encode(snapshot), review?.status.rawValue])
        if let review, !review.decisions.isEmpty {
            let row = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: "INSERT INTO temp.pair_incoming_review (row, annotator, decision) VALUES (?, ?, ?)")
            for (annotator, decision) in review.decisions { try insert.execute(arguments: [row, annotator, decision.decision.rawValue]) }
        }
        received += 1
    }

    /// Keeps the first of each ID that the project does not have yet, copied in ID order into
    /// a table kept in that order (content IDs are random: inserting them sorted turns a
    /// random write into every B-tree per pair into appends, and ``publish`` then reads its
    /// rows in one sequential pass). Reads the project without locking it; returns the
    /// newest changeset of the state it read, so that ``publish`` need only look at what
    /// came after.
    fileprivate func sift() throws -> (seen: Int64, fresh: Int) {
        var seen: Int64 = 0, fresh = 0
        try db.inTransaction(.deferred) {
            seen = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM main.changeset") ?? 0
            try db.execute(sql: """
                DELETE FROM temp.pair_fresh;
                INSERT INTO temp.pair_fresh (id, first, parent, changed, title, data, state)
                    SELECT i.id, i.rowid, i.parent, i.changed, i.title, i.data, i.state
                    FROM (SELECT min(rowid) AS first FROM temp.pair_incoming GROUP BY id) f
                    JOIN temp.pair_incoming i ON i.rowid = f.first
                    WHERE NOT EXISTS (SELECT 1 FROM main.entity e WHERE e.kind = 'pair' AND e.id = i.id)
                    ORDER BY i.id;
                """)
            fresh = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.pair_fresh") ?? 0
            return .commit
        }
        return (seen, fresh)
    }

    /// Writes the new pairs as revisions of one changeset, in one short IMMEDIATE
    /// transaction: everything was read, checked, encoded and sorted before it, so the
    /// project's write lock is held only for the inserts themselves.
    fileprivate func publish(store: ProjectStore, message: String, after sifted: (seen: Int64, fresh: Int)) throws -> PairImportReport {
        var report = PairImportReport(changeset: nil, added: 0, unchanged: received)
        try db.inTransaction(.immediate) {
            try store.authorize(db, .author("adding pairs"))
            // Pairs someone else added while this import was staging.
            try db.execute(sql: """
                DELETE FROM temp.pair_fresh WHERE id IN
                    (SELECT id FROM main.revision WHERE changeset > ? AND kind = 'pair' AND op = 'create')
                """, arguments: [sifted.seen])
            let added = sifted.fresh - db.changesCount
            guard added > 0 else { return .commit }
            let changeset = try store.insertChangeset(db, kind: .import, undoes: nil, message: message)
            try db.execute(sql: """
                INSERT INTO main.entity (kind, id, parent, head_rev)
                    SELECT 'pair', f.id, f.parent, 0 FROM temp.pair_fresh f ORDER BY f.id;
                INSERT INTO main.revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                    SELECT 'pair', f.id, 1, 0, ?, 'create', f.changed, f.id, f.title, coalesce(f.state, ?), f.data
                    FROM temp.pair_fresh f ORDER BY f.id;
                INSERT OR REPLACE INTO main.review (pair, annotator, decision)
                    SELECT f.id, v.annotator, v.decision
                    FROM temp.pair_fresh f JOIN temp.pair_incoming_review v ON v.row = f.first;
                """, arguments: [changeset, status])
            report = PairImportReport(changeset: changeset, added: added, unchanged: received - added)
            return .commit
        }
        return report
    }

    fileprivate func dropTables() {
        try? db.execute(sql: """
            DROP TABLE IF EXISTS temp.pair_incoming; DROP TABLE IF EXISTS temp.pair_fresh;
            DROP TABLE IF EXISTS temp.pair_incoming_review
            """)
    }
}

extension ProjectStore {
    /// Imports pairs from a producer as one changeset, without locking the team out.
    ///
    /// The producer runs on the import's own connection and writes only that connection's
    /// temporary tables: reading, checking and encoding a million lines takes no lock on
    /// the project, so everyone else keeps saving. The new pairs are then sifted (against
    /// the project as it stands, without a lock) and sorted, and written in one short
    /// transaction — the only time the import holds the write lock. A killed import leaves
    /// nothing: until that transaction commits, the project has not changed, and the
    /// staged rows were in a file SQLite had already unlinked.
    ///
    /// The producer returns whether to keep what it handed in: `false` (or a throw) writes
    /// nothing. Memory stays flat however many pairs there are.
    ///
    /// - Returns: what was written, or `nil` when the producer declined.
    public func importPairs(message: String, status: String = "pending",
                            _ produce: (PairWriter) throws -> Bool) throws(StoreError) -> PairImportReport? {
        try guarded {
            _ = try writer          // the project file exists from here on
            let staging = try stagingConnection()
            return try staging.inDatabase { db -> PairImportReport? in
                try authorize(db, .author("adding pairs"))    // an annotator is refused before a line is read
                let writer = try PairWriter(db: db, status: status)
                defer { writer.dropTables() }
                var keep = false
                try db.inTransaction(.deferred) {
                    keep = try produce(writer)
                    return keep ? .commit : .rollback
                }
                guard keep else { return nil }
                let sifted = try writer.sift()
                return try writer.publish(store: self, message: message, after: sifted)
            }
        }
    }

    /// A connection of its own for a long job that stages in temporary tables: its writes
    /// to the project are as durable as the pool's (`synchronous = FULL`), and waiting for
    /// the write lock follows the same busy timeout.
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
