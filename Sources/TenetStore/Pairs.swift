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
                                               snapshot: pair.snapshot,
                                               name: pair.id, title: pair.rules.joined(separator: ","), state: status))
            }
            return pending
        }
        return PairImportReport(changeset: commit?.changeset, added: added, unchanged: unchanged)
    }

    /// Current pairs, oldest first; of one spec (else of every spec not archived), targeting
    /// one rule, in one status.
    public func pairs(spec: String? = nil, rule: String? = nil, status: String? = nil, limit: Int? = nil) throws(StoreError) -> [StoredPair] {
        try guarded {
            try reader.read { db in
                var sql = """
                    SELECT e.id, r.rev, r.state, r.data FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'pair'
                    """
                var arguments: StatementArguments = []
                if let spec { sql += " AND e.parent = ?"; arguments += [spec] }
                else if let hidden = Self.leavingOut(try Self.archivedSpecs(db)) { sql += " AND " + hidden.sql; arguments += hidden.arguments }
                if let status { sql += " AND r.state = ?"; arguments += [status] }
                if let rule { sql += " AND (',' || r.title || ',') LIKE ?"; arguments += ["%," + rule + ",%"] }
                sql += " ORDER BY (SELECT min(changeset) FROM revision x WHERE x.kind = 'pair' AND x.id = e.id), e.id"
                if let limit { sql += " LIMIT \(max(0, limit))" }
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    StoredPair(id: row[0], revision: row[1], status: row[2], pair: try Self.decodePair(try SnapshotCoding.decode(row[3])))
                }
            }
        }
    }

    /// One pair by ID.
    public func pair(_ id: String) throws(StoreError) -> StoredPair {
        try guarded { try reader.read { db in try Self.storedPair(db, id).stored } }
    }

    /// A pair's head: the stored pair and its whole snapshot (review fields included).
    static func storedPair(_ db: Database, _ id: String) throws -> (stored: StoredPair, snapshot: Snapshot) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT e.head_rev, r.state, r.data FROM entity e
            JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'pair' AND e.id = ?
            """), arguments: [id]) else { throw StoreError.notFound("no pair `\(id)`; see tenet pair list") }
        let snapshot = try SnapshotCoding.decode(row[2])
        return (StoredPair(id: id, revision: row[0], status: row[1], pair: try decodePair(snapshot)), snapshot)
    }

    /// A pair from its snapshot: read directly, or through Codable for an unusual one.
    static func decodePair(_ snapshot: Snapshot) throws -> PreferencePair {
        if let pair = PreferencePair(snapshot: snapshot) { return pair }
        return try SnapshotCoding.unflatten(snapshot.filter { !$0.key.contains(".") }, as: PreferencePair.self)
    }
}

/// A review carried in with an imported pair (the provenance columns of a Tenet export):
/// the pair keeps its status and each annotator's decision, so that exporting it again
/// gives the same line.
public struct ImportedReview: Sendable, Equatable {
    public var status: PairStatus
    /// Annotator → decision.
    public var decisions: [String: ImportedDecision]
    /// An answer was edited by a person before the export.
    public var edited: Bool

    public init(status: PairStatus, decisions: [String: ImportedDecision] = [:], edited: Bool = false) {
        self.status = status
        self.decisions = decisions
        self.edited = edited
    }
}

/// One annotator's decision as an export wrote it (what it says beyond the verdict is
/// there only in exports that list decisions with their details).
public struct ImportedDecision: Sendable, Equatable {
    public var decision: Decision
    public var note: String?
    public var blind: Bool
    /// The revision of the text it judged, in the project it was made in.
    public var textRevision: Int?

    public init(_ decision: Decision, note: String? = nil, blind: Bool = false, textRevision: Int? = nil) {
        self.decision = decision
        self.note = note
        self.blind = blind
        self.textRevision = textRevision
    }

    /// As a pair's snapshot holds it, dated `at`.
    func json(at: String) -> JSONValue {
        var fields: [String: JSONValue] = ["decision": .string(decision.rawValue), "at": .string(at)]
        if let note, !note.isEmpty { fields["note"] = .string(note) }
        if blind { fields["blind"] = .bool(true) }
        if let textRevision { fields["textRevision"] = .number(Double(textRevision)) }
        return .object(fields)
    }
}

/// Takes pairs one at a time inside one transaction (see
/// ``ProjectStore/importPairs(message:status:_:)``).
///
/// Each pair is appended to a temporary table as it comes — as cheap as a bare insert, and
/// memory stays flat. When the producer is done, the new ones (first occurrence of each ID
/// not already stored) go into the versioned tables in one set-based statement per table,
/// in ID order: content IDs are random, and inserting them sorted turns a random write
/// into every B-tree per pair into appends.
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

    /// Writes the new pairs as revisions of one changeset.
    fileprivate func finish(store: ProjectStore, message: String) throws -> PairImportReport {
        defer {
            try? db.execute(sql: """
                DROP TABLE IF EXISTS temp.pair_incoming; DROP TABLE IF EXISTS temp.pair_fresh;
                DROP TABLE IF EXISTS temp.pair_incoming_review
                """)
        }
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.pair_fresh;
            CREATE TEMP TABLE pair_fresh AS
                SELECT min(i.rowid) AS first FROM temp.pair_incoming i
                WHERE NOT EXISTS (SELECT 1 FROM entity e WHERE e.kind = 'pair' AND e.id = i.id)
                GROUP BY i.id;
            """)
        let added = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.pair_fresh") ?? 0
        guard added > 0 else { return PairImportReport(changeset: nil, added: 0, unchanged: received) }
        try store.authorize(db, .author("adding pairs"))
        let changeset = try store.insertChangeset(db, kind: .import, undoes: nil, message: message)
        try db.execute(sql: """
            INSERT INTO entity (kind, id, parent, head_rev)
                SELECT 'pair', i.id, i.parent, 0 FROM temp.pair_fresh f JOIN temp.pair_incoming i ON i.rowid = f.first
                ORDER BY i.id;
            INSERT INTO revision (kind, id, rev, parent_rev, changeset, op, changed, name, title, state, data)
                SELECT 'pair', i.id, 1, 0, ?, 'create', i.changed, i.id, i.title, coalesce(i.state, ?), i.data
                FROM temp.pair_fresh f JOIN temp.pair_incoming i ON i.rowid = f.first
                ORDER BY i.id;
            INSERT OR REPLACE INTO review (pair, annotator, decision)
                SELECT i.id, v.annotator, v.decision
                FROM temp.pair_fresh f JOIN temp.pair_incoming i ON i.rowid = f.first JOIN temp.pair_incoming_review v ON v.row = f.first;
            """, arguments: [changeset, status])
        return PairImportReport(changeset: changeset, added: added, unchanged: received - added)
    }
}

extension ProjectStore {
    /// Imports pairs from a producer in one transaction and one changeset. The producer
    /// returns whether to keep what it handed in: `false` (or a throw) writes nothing.
    /// Memory stays flat however many pairs there are.
    ///
    /// - Returns: what was written, or `nil` when the producer declined.
    public func importPairs(message: String, status: String = "pending",
                            _ produce: (PairWriter) throws -> Bool) throws(StoreError) -> PairImportReport? {
        try guarded {
            try writer.writeWithoutTransaction { db -> PairImportReport? in
                var report: PairImportReport?
                try db.inTransaction(.immediate) {
                    let writer = try PairWriter(db: db, status: status)
                    guard try produce(writer) else { return .rollback }
                    report = try writer.finish(store: self, message: message)
                    return .commit
                }
                return report
            }
        }
    }
}
