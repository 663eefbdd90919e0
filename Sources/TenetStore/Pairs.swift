import GRDB
import TenetSpec

/// A preference pair as stored.
public struct StoredPair: Sendable, Equatable {
    public var id: String
    public var revision: Int
    /// Review state: `pending` until reviewed.
    public var status: String
    public var pair: PreferencePair
}

/// What saving a batch of pairs did.
public struct PairImportReport: Sendable, Equatable {
    public var changeset: Int64?
    public var added: Int
    /// Pairs already in the project with the same content (same ID): left as they are.
    public var unchanged: Int
}

extension ProjectStore {
    /// Saves pairs in one changeset. A pair whose ID is already stored is left alone
    /// (importing the same file twice adds nothing).
    @discardableResult
    public func savePairs(_ pairs: [PreferencePair], status: String = "pending", message: String) throws(StoreError) -> PairImportReport {
        var added = 0, unchanged = 0
        let commit = try commit(kind: .import, message: message) { db in
            added = 0
            unchanged = 0
            var pending: [PendingRevision] = []
            var seen = Set<String>()
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM entity WHERE kind = 'pair' AND id = ?")
            for pair in pairs {
                let stored = try Int.fetchOne(exists, arguments: [pair.id]) != nil
                if seen.contains(pair.id) || stored {
                    unchanged += 1
                    continue
                }
                seen.insert(pair.id)
                added += 1
                pending.append(PendingRevision(kind: .pair, id: pair.id, parent: pair.spec, expectedRevision: nil,
                                               snapshot: try SnapshotCoding.flatten(pair, groups: []),
                                               name: pair.id, title: pair.rules.joined(separator: ","), state: status))
            }
            return pending
        }
        return PairImportReport(changeset: commit?.changeset, added: added, unchanged: unchanged)
    }

    /// Current pairs, oldest first; of one spec, targeting one rule, in one status.
    public func pairs(spec: String? = nil, rule: String? = nil, status: String? = nil, limit: Int? = nil) throws(StoreError) -> [StoredPair] {
        try guarded {
            try pool.read { db in
                var sql = """
                    SELECT e.id, r.rev, r.state, r.data FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'pair'
                    """
                var arguments: StatementArguments = []
                if let spec { sql += " AND e.parent = ?"; arguments += [spec] }
                if let status { sql += " AND r.state = ?"; arguments += [status] }
                if let rule { sql += " AND (',' || r.title || ',') LIKE ?"; arguments += ["%," + rule + ",%"] }
                sql += " ORDER BY (SELECT min(changeset) FROM revision x WHERE x.kind = 'pair' AND x.id = e.id), e.id"
                if let limit { sql += " LIMIT \(max(0, limit))" }
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    StoredPair(id: row[0], revision: row[1], status: row[2],
                               pair: try SnapshotCoding.unflatten(try SnapshotCoding.decode(row[3]), as: PreferencePair.self))
                }
            }
        }
    }

    /// One pair by ID.
    public func pair(_ id: String) throws(StoreError) -> StoredPair {
        try guarded {
            try pool.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT e.id, r.rev, r.state, r.data FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'pair' AND e.id = ?
                    """, arguments: [id]) else { throw StoreError.notFound("no pair `\(id)`; see tenet pair list") }
                return StoredPair(id: row[0], revision: row[1], status: row[2],
                                  pair: try SnapshotCoding.unflatten(try SnapshotCoding.decode(row[3]), as: PreferencePair.self))
            }
        }
    }
}

/// Writes pairs one at a time inside one transaction (see ``ProjectStore/importPairs(message:status:_:)``).
public final class PairWriter {
    fileprivate let db: Database
    fileprivate let store: ProjectStore
    fileprivate let message: String
    fileprivate let status: String
    fileprivate var changeset: Int64?
    public fileprivate(set) var added = 0
    public fileprivate(set) var unchanged = 0

    fileprivate init(db: Database, store: ProjectStore, message: String, status: String) {
        self.db = db
        self.store = store
        self.message = message
        self.status = status
    }

    /// Adds a pair; one already stored (same ID) is counted and left alone.
    public func add(_ pair: PreferencePair) throws {
        if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM entity WHERE kind = 'pair' AND id = ?"), arguments: [pair.id]) != nil {
            unchanged += 1
            return
        }
        if changeset == nil {
            try db.cachedStatement(sql: """
                INSERT INTO changeset (author, created_at, session, kind, undoes, message) VALUES (?, ?, ?, 'import', NULL, ?)
                """).execute(arguments: [store.author, Timestamp.now(), store.session, message])
            changeset = db.lastInsertedRowID
        }
        let snapshot = try SnapshotCoding.flatten(pair, groups: [])
        try db.cachedStatement(sql: "INSERT INTO entity (kind, id, parent, head_rev) VALUES ('pair', ?, ?, 0)")
            .execute(arguments: [pair.id, pair.spec])
        try db.cachedStatement(sql: """
            INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
            VALUES ('pair', ?, 1, 0, ?, 'create', ?, ?, ?, ?, ?)
            """).execute(arguments: [pair.id, changeset, snapshot.keys.sorted().joined(separator: ","), pair.id,
                                     pair.rules.joined(separator: ","), status, SnapshotCoding.encode(snapshot)])
        added += 1
    }
}

extension ProjectStore {
    /// Imports pairs from a producer in one transaction and one changeset, writing each as
    /// it comes — memory stays flat however many there are. If the producer throws,
    /// nothing is written.
    public func importPairs(message: String, status: String = "pending",
                            _ produce: (PairWriter) throws -> Void) throws(StoreError) -> PairImportReport {
        try guarded {
            try pool.writeWithoutTransaction { db -> PairImportReport in
                var report = PairImportReport(changeset: nil, added: 0, unchanged: 0)
                try db.inTransaction(.immediate) {
                    let writer = PairWriter(db: db, store: self, message: message, status: status)
                    try produce(writer)
                    report = PairImportReport(changeset: writer.changeset, added: writer.added, unchanged: writer.unchanged)
                    return .commit
                }
                return report
            }
        }
    }
}
