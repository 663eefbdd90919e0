import GRDB

/// A changeset someone committed, as a live view announces it.
public struct ChangeNotice: Sendable, Equatable {
    public var changeset: Int64
    public var author: String
    public var kind: String
    /// Names of the entities it touched (at most three).
    public var names: [String]
    /// What it did, as its author's command described it (`accept pair p-…: note`).
    public var message: String = ""
}

extension ProjectStore {
    /// Changesets newer than `changeset` that other sessions (other processes, or other
    /// people) committed, oldest first, and the newest changeset number overall. A view
    /// polls this to show others' work without a key press.
    ///
    /// An import still being written keeps its (hidden) changeset number from its start:
    /// the feed goes no further than just before it until it is shown, so that it is
    /// announced then, in order (an import whose process died is simply left out).
    public func changes(after changeset: Int64) throws(StoreError) -> (notices: [ChangeNotice], latest: Int64) {
        try guarded {
            try reader.read { db in
                let latest = try Self.feedLatest(db)
                guard latest > changeset else { return ([], max(latest, changeset)) }
                let visible = try othersReviewHidden(db)
                let notices = try Row.fetchAll(db, sql: """
                    SELECT c.id, c.author, c.kind, c.message,
                           (SELECT group_concat(name, char(31)) FROM (SELECT name FROM revision x WHERE x.changeset = c.id LIMIT 3)) AS names
                    FROM changeset c WHERE c.id > ? AND c.id <= ? AND c.session != ? AND \(visible.sql) ORDER BY c.id
                    """, arguments: [changeset, latest, session] + visible.arguments).map { row -> ChangeNotice in
                    let names: String? = row["names"]
                    return ChangeNotice(changeset: row["id"], author: row["author"], kind: row["kind"],
                                        names: names.map { $0.split(separator: "\u{1F}").map(String.init) } ?? [],
                                        message: row["message"])
                }
                return (notices, latest)
            }
        }
    }

    /// The newest changeset a view may count as seen: the newest, or just before the oldest
    /// import still being written.
    static func feedLatest(_ db: Database) throws -> Int64 {
        var latest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM changeset") ?? 0
        for batch in try Row.fetchAll(db, sql: "SELECT changeset, owner FROM import_batch") where ImportBatch.isAlive(batch["owner"]) {
            latest = min(latest, batch["changeset"] - 1)
        }
        return latest
    }

    /// The imported specs with their titles, by ID; archived ones only when asked for, and
    /// never one whose import was undone.
    public func specList(includingArchived: Bool = false) throws(StoreError) -> [(id: String, title: String)] {
        try guarded {
            try reader.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT e.id, r.title FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'spec' AND r.state != '\(Self.removedState)'\(includingArchived ? "" : " AND r.state != 'archived'")
                    ORDER BY e.id
                    """).map { ($0["id"], $0["title"]) }
            }
        }
    }
}
