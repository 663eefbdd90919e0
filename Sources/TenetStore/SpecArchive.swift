import GRDB

/// What archiving or restoring a spec did.
public struct SpecArchiveResult: Sendable, Equatable {
    public var spec: String
    public var title: String
    /// Whether the spec is archived now.
    public var archived: Bool
    /// The spec's revision the change wrote, and its changeset.
    public var revision: Int
    public var changeset: Int64
}

extension ProjectStore {
    /// Archives a spec (one imported by mistake, say): a new revision of it, marked
    /// archived, in a changeset of its own — in the log, undone by ``undo()``. Nothing is
    /// deleted: its rules, pairs and history stay, and ``restoreSpec(_:)`` brings it back.
    /// Until then it is left out wherever specs are not named: spec lists, rule lists
    /// across specs, the review queue and pair exports (named with `--spec`, it is still
    /// there). Needs the author role. Refused for an unknown or an already archived spec.
    public func archiveSpec(_ id: String) throws(StoreError) -> SpecArchiveResult {
        try setArchived(id, true)
    }

    /// Brings an archived spec back where it was; refused for a spec that is not archived.
    public func restoreSpec(_ id: String) throws(StoreError) -> SpecArchiveResult {
        try setArchived(id, false)
    }

    private func setArchived(_ id: String, _ archived: Bool) throws(StoreError) -> SpecArchiveResult {
        var title = ""
        let commit = try commit(kind: .edit, message: "\(archived ? "archive" : "restore") spec \(id)") { db in
            guard let head = try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = 'spec' AND id = ?", arguments: [id]),
                  let current = try snapshot(db, kind: .spec, id: id, revision: head) else {
                throw StoreError.notFound(try Self.noSpec(db, id, asOf: nil))
            }
            title = current["title"]?.display ?? id
            guard Self.isArchived(current) != archived else {
                throw StoreError.refused(archived
                    ? "spec `\(id)` is already archived; tenet spec restore \(id) brings it back"
                    : "spec `\(id)` is not archived; nothing to restore (tenet spec list --archived lists the archived ones)")
            }
            var next = current
            if archived { next["archived"] = .bool(true) } else { next.removeValue(forKey: "archived") }
            return [PendingRevision(kind: .spec, id: id, parent: nil, expectedRevision: head, snapshot: next, previous: current,
                                    name: id, title: title, state: Self.specState(next))]
        }
        guard let commit, let written = commit.revisions.first else {
            throw StoreError.refused("spec `\(id)` did not change")
        }
        return SpecArchiveResult(spec: id, title: title, archived: archived, revision: written.revision, changeset: commit.changeset)
    }

    /// The IDs of the archived specs, now or as of a changeset.
    public func archivedSpecIDs(asOf: Int64? = nil) throws(StoreError) -> [String] {
        try guarded { try reader.read { try Self.archivedSpecs($0, asOf: asOf) } }
    }

    static func isArchived(_ snapshot: Snapshot) -> Bool { snapshot["archived"] == .bool(true) }

    /// The `state` column of a spec revision: `archived`, else the dialect it was read in
    /// (as a rule's is `removed`, else its kind), so that queries find archived specs
    /// without decoding snapshots that hold whole files.
    static func specState(_ snapshot: Snapshot) -> String {
        isArchived(snapshot) ? "archived" : snapshot["dialect"]?.display ?? ""
    }

    /// The specs archived now, or as of a changeset.
    static func archivedSpecs(_ db: Database, asOf: Int64? = nil) throws -> [String] {
        guard let asOf else {
            return try String.fetchAll(db.cachedStatement(sql: """
                SELECT e.id FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                WHERE e.kind = 'spec' AND r.state = 'archived' ORDER BY e.id
                """))
        }
        return try String.fetchAll(db, sql: """
            SELECT e.id FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id
                AND r.rev = (SELECT max(x.rev) FROM revision x WHERE x.kind = e.kind AND x.id = e.id AND x.changeset <= ?)
            WHERE e.kind = 'spec' AND r.state = 'archived' ORDER BY e.id
            """, arguments: [asOf])
    }

    /// A condition leaving out what belongs to the `archived` specs (`column` names an
    /// entity's spec), or `nil` when none is archived (the query then stays as it was).
    static func leavingOut(_ archived: [String], column: String = "e.parent") -> (sql: String, arguments: StatementArguments)? {
        guard !archived.isEmpty else { return nil }
        return ("(\(column) IS NULL OR \(column) NOT IN (\(archived.map { _ in "?" }.joined(separator: ", "))))",
                StatementArguments(archived))
    }

    /// The message for a spec that is not in the project (then).
    static func noSpec(_ db: Database, _ id: String, asOf: Int64?) throws -> String {
        let known = try String.fetchAll(db, sql: "SELECT id FROM entity WHERE kind = 'spec' ORDER BY id")
        return "no spec `\(id)`\(asOf.map { " as of changeset \($0)" } ?? ""); the project has: \(known.isEmpty ? "none yet (tenet import spec FILE)" : known.joined(separator: ", "))"
    }
}
