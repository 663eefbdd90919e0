import GRDB
import TenetSpec

/// A pair as an export reads it: the pair with edits and swaps applied, and its review.
public struct ExportedPair: Sendable {
    public var stored: StoredPair
    /// Annotator → their decision, with its note, whether it was blind and the revision of
    /// the text it judged (``ReviewDecision/textRevision``, always known here).
    public var decisions: [String: ReviewDecision]
    public var edited: Bool
}

/// Which pairs an export takes.
public struct PairSelection: Sendable, Equatable {
    public var spec: String?
    /// Only pairs targeting this rule ID.
    public var rule: String?
    /// Only pairs in these statuses (all when empty).
    public var statuses: [String]
    /// Only pairs this annotator decided.
    public var annotator: String?
    /// Only pairs whose revision (as of `asOf`, or now) was written after this changeset.
    public var since: Int64?
    /// Pairs as they stood at this changeset (the latest revision at or before it).
    public var asOf: Int64?

    public init(spec: String? = nil, rule: String? = nil, statuses: [String] = [], annotator: String? = nil,
                since: Int64? = nil, asOf: Int64? = nil) {
        self.spec = spec
        self.rule = rule
        self.statuses = statuses
        self.annotator = annotator
        self.since = since
        self.asOf = asOf
    }

    /// The `FROM … WHERE …` part of the query, selecting `e` (the entity) and `r` (the
    /// revision in force) for each pair. Without a spec, the pairs of the `archived` specs
    /// are left out.
    fileprivate func sql(leavingOut archived: [String]) -> (String, StatementArguments) {
        var arguments: StatementArguments = []
        let revision: String
        if let asOf {
            revision = "r.rev = (SELECT max(x.rev) FROM revision x WHERE x.kind = 'pair' AND x.id = e.id AND x.changeset <= ?)"
            arguments += [asOf]
        } else {
            revision = "r.rev = e.head_rev"
        }
        var conditions = ["e.kind = 'pair'", ImportBatch.shown("r")]
        if !statuses.isEmpty {
            let states = ProjectStore.state(in: statuses.flatMap(PairStatus.stored(matching:)))
            conditions.append(states.sql)
            arguments += states.arguments
        }
        if let spec { conditions.append("e.parent = ?"); arguments += [spec] }
        else if let hidden = ProjectStore.leavingOut(archived) { conditions.append(hidden.sql); arguments += hidden.arguments }
        if let rule { conditions.append("(',' || r.title || ',') LIKE ?"); arguments += ["%," + rule + ",%"] }
        // As of a changeset the review index (which is current) cannot say who had decided:
        // the snapshot is asked instead (see ``ProjectStore/forEachPair(_:_:)``).
        if let annotator, asOf == nil {
            conditions.append("EXISTS (SELECT 1 FROM review v WHERE v.pair = e.id AND v.annotator = ? AND v.decision != 'reopened')")
            arguments += [annotator]
        }
        if let since { conditions.append("r.changeset > ?"); arguments += [since] }
        return ("""
            FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND \(revision)
            WHERE \(conditions.joined(separator: " AND "))
            """, arguments)
    }
}

extension ProjectStore {
    /// How many pairs a selection takes (an upper bound with `annotator` and `asOf` both
    /// set), for an export's progress bar. By spec and status alone, from the counts the
    /// database keeps (`pair_count`) rather than reading every pair.
    public func countPairs(_ selection: PairSelection) throws(StoreError) -> Int {
        try guarded {
            try reader.read { db in
                // Counts by status and annotator are an export's, and tell as much as one.
                try authorize(db, .author("exporting pairs"))
                if selection.rule == nil, selection.annotator == nil, selection.since == nil, selection.asOf == nil {
                    let counts = try Self.statusCounts(db, in: QueueFilter(spec: selection.spec))
                    return selection.statuses.isEmpty ? counts.values.reduce(0, +) : Set(selection.statuses.flatMap(PairStatus.stored(matching:))).reduce(0) { $0 + (counts[$1] ?? 0) }
                }
                let (from, arguments) = selection.sql(leavingOut: try archived(db, selection))
                return try Int.fetchOne(db, sql: "SELECT count(*) " + from, arguments: arguments) ?? 0
            }
        }
    }

    /// Streams pairs in ID order (the same database state gives the same order), one at a
    /// time from one read transaction: memory stays flat however many there are.
    public func forEachPair(_ selection: PairSelection, _ body: (ExportedPair) throws -> Void) throws(StoreError) {
        try forEachRow(selection) { db, row in
            if let exported = try Self.exportedPair(db, row, selection) { try body(exported) }
        }
    }

    /// Streams pairs as ``forEachPair(_:_:)`` does, each as its snapshot's text when it is
    /// of the usual shape (what an export that copies the text needs: no string decoded,
    /// none allocated) to `text` with the pair's review status — valid only during the
    /// call — else read the general way, to `decoded`.
    public func forEachPairText(_ selection: PairSelection, text body: (PairSnapshotText, String) throws -> Void,
                                decoded: (ExportedPair) throws -> Void) throws(StoreError) {
        var text = PairSnapshotText()
        try forEachRow(selection) { db, row in
            // The snapshot read in place: its bytes stay where SQLite put them until the next row.
            let done = try row.withUnsafeData(atIndex: 3) { data -> Bool in
                guard let data else { return false }
                return try data.withUnsafeBytes { bytes -> Bool in
                    guard PairSnapshotText.read(bytes.bindMemory(to: UInt8.self), into: &text) else { return false }
                    if let annotator = selection.annotator, selection.asOf != nil, text.decisions[annotator] == nil { return true }
                    if text.decisions.values.contains(where: { $0.textRevision == nil }) {
                        try Self.completeTextRevisions(db, &text.decisions, pair: row[0], atOrBefore: row[1])
                    }
                    try body(text, row[2])
                    return true
                }
            }
            if !done, let exported = try Self.exportedPair(db, row, selection) { try decoded(exported) }
        }
    }

    /// Runs `body` on each selected pair's row — `e.id, r.rev, r.state, r.data` — in ID order.
    private func forEachRow(_ selection: PairSelection, _ body: (Database, Row) throws -> Void) throws(StoreError) {
        try guarded {
            try reader.read { db in
                let (from, arguments) = selection.sql(leavingOut: try archived(db, selection))
                let rows = try Row.fetchCursor(db, sql: "SELECT e.id, r.rev, r.state, r.data " + from + " ORDER BY e.id",
                                               arguments: arguments)
                while let row = try rows.next() { try body(db, row) }
            }
        }
    }

    /// A row read the general way; `nil` when the selection's annotator had not decided it.
    private static func exportedPair(_ db: Database, _ row: Row, _ selection: PairSelection) throws -> ExportedPair? {
        // The snapshot read in place (no copy of its text), straight into the pair.
        let fast = try row.withUnsafeData(atIndex: 3) { data in
            data?.withUnsafeBytes { PairSnapshotFields.read($0.bindMemory(to: UInt8.self)) }
        }
        var decisions: [String: ReviewDecision]
        let pair: PreferencePair
        let edited: Bool
        if let fast {
            (pair, decisions, edited) = (fast.pair, fast.decisions, fast.edited)
        } else {
            let snapshot = try SnapshotCoding.decode(row[3])
            (pair, decisions, edited) = (try Self.decodePair(snapshot), ReviewFields.decisions(snapshot), ReviewFields.edited(snapshot))
        }
        if let annotator = selection.annotator, selection.asOf != nil, decisions[annotator] == nil { return nil }
        let stored = StoredPair(id: row[0], revision: row[1], status: row[2], pair: pair)
        try completeTextRevisions(db, &decisions, pair: stored.id, atOrBefore: stored.revision)
        return ExportedPair(stored: stored, decisions: decisions, edited: edited)
    }

    /// Decisions recorded before Tenet kept their text revision: from history.
    private static func completeTextRevisions(_ db: Database, _ decisions: inout [String: ReviewDecision], pair: String,
                                              atOrBefore revision: Int) throws {
        for (name, decision) in decisions where decision.textRevision == nil {
            decisions[name]?.textRevision = try textRevision(db, pair: pair, decidedBy: name, atOrBefore: revision)
        }
    }

    /// The specs whose pairs an export without `--spec` leaves out: those archived at the
    /// point exported (so that `--as-of` gives what an export then gave).
    private func archived(_ db: Database, _ selection: PairSelection) throws -> [String] {
        selection.spec == nil ? try Self.archivedSpecs(db, asOf: selection.asOf) : []
    }
}
