import GRDB
import TenetSpec

/// A pair as an export reads it: the pair with edits and swaps applied, and its review.
public struct ExportedPair: Sendable {
    public var stored: StoredPair
    /// Annotator → decision.
    public var decisions: [String: Decision]
    public var edited: Bool
}

extension ProjectStore {
    /// Streams pairs in ID order (the same database state gives the same order), one at a
    /// time from one read transaction: memory stays flat however many there are.
    ///
    /// - Parameters:
    ///   - statuses: only pairs in these statuses.
    ///   - annotator: only pairs this annotator decided.
    public func forEachPair(spec: String? = nil, rule: String? = nil, statuses: [String], annotator: String? = nil,
                            _ body: (ExportedPair) throws -> Void) throws(StoreError) {
        try guarded {
            try pool.read { db in
                var conditions = ["e.kind = 'pair'"]
                var arguments: StatementArguments = []
                if !statuses.isEmpty {
                    conditions.append("r.state IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))")
                    arguments += StatementArguments(statuses)
                }
                if let spec { conditions.append("e.parent = ?"); arguments += [spec] }
                if let rule { conditions.append("(',' || r.title || ',') LIKE ?"); arguments += ["%," + rule + ",%"] }
                if let annotator {
                    conditions.append("EXISTS (SELECT 1 FROM review v WHERE v.pair = e.id AND v.annotator = ? AND v.decision != 'reopened')")
                    arguments += [annotator]
                }
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT e.id, e.head_rev, r.state, r.data FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.id
                    """, arguments: arguments)
                while let row = try rows.next() {
                    let snapshot = try SnapshotCoding.decode(row[3])
                    let stored = StoredPair(id: row[0], revision: row[1], status: row[2], pair: try Self.decodePair(snapshot))
                    try body(ExportedPair(stored: stored, decisions: ReviewFields.decisions(snapshot).mapValues(\.decision),
                                          edited: ReviewFields.edited(snapshot)))
                }
            }
        }
    }
}
