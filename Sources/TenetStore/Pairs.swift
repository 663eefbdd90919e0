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
