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
                    WHERE e.kind = 'pair' AND \(ImportBatch.shown("r"))
                    """
                var arguments: StatementArguments = []
                if let spec { sql += " AND e.parent = ?"; arguments += [spec] }
                else if let hidden = Self.leavingOut(try Self.archivedSpecs(db)) { sql += " AND " + hidden.sql; arguments += hidden.arguments }
                if let status {
                    let states = Self.state(in: try storedStatuses(db, matching: status))
                    sql += " AND " + states.sql
                    arguments += states.arguments
                } else {
                    sql += " AND r.state != '\(Self.removedState)'"      // an undone import's pairs
                }
                if let rule { sql += " AND (',' || r.title || ',') LIKE ?"; arguments += ["%," + rule + ",%"] }
                sql += " ORDER BY (SELECT min(changeset) FROM revision x WHERE x.kind = 'pair' AND x.id = e.id), e.id"
                if let limit { sql += " LIMIT \(max(0, limit))" }
                let sees = try seesOthersVerdicts(db)
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    StoredPair(id: row[0], revision: row[1], status: Self.shown(row[2], seeingOthers: sees),
                               pair: try Self.decodePair(try SnapshotCoding.decode(row[3])))
                }
            }
        }
    }

    /// One pair by ID.
    public func pair(_ id: String) throws(StoreError) -> StoredPair {
        try guarded {
            try reader.read { db in
                var stored = try Self.storedPair(db, id).stored
                stored.status = Self.shown(stored.status, seeingOthers: try seesOthersVerdicts(db))
                return stored
            }
        }
    }

    /// A pair's head: the stored pair and its whole snapshot (review fields included).
    static func storedPair(_ db: Database, _ id: String) throws -> (stored: StoredPair, snapshot: Snapshot) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT e.head_rev, r.state, r.data FROM entity e
            JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'pair' AND e.id = ? AND \(ImportBatch.shown("r"))
            """), arguments: [id]) else { throw StoreError.notFound("no pair `\(id)`; see tenet pair list") }
        if (row[1] as String) == removedState {
            throw StoreError.notFound("pair `\(id)` was taken back by an undo; tenet redo (by whoever undid it) brings it back")
        }
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
