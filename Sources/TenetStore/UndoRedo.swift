import GRDB

/// The outcome of undo, redo or revert.
public struct ReversalResult: Sendable, Equatable {
    /// The changeset written.
    public var changeset: Int64
    /// The changeset whose effect was reversed.
    public var reversed: Int64
    public var revisions: [ProjectStore.WrittenRevision]
}

extension ProjectStore {
    /// Undoes this user's most recent changeset that is not undone yet, as a new changeset.
    /// Refused when someone changed the same fields since.
    public func undo() throws(StoreError) -> ReversalResult {
        try reverse(kind: .undo) { db in
            let stack = try stacks(db).undo
            guard let target = stack.last else {
                throw StoreError.refused("nothing to undo for \(author)")
            }
            if let run = try evalRun(db, in: target) {
                let earlier = try stack.last { try evalRun(db, in: $0) == nil }
                throw StoreError.refused("your last change, changeset \(target), records evaluation run \(run); tenet undo does not take back a run — "
                                         + "its results stay as they were measured (tenet eval show \(run))"
                                         + (earlier.map { "; to undo your change before it: tenet revert \($0)" } ?? ""))
            }
            return target
        }
    }

    /// Redoes the change this user undid last, unless they made a new change since.
    public func redo() throws(StoreError) -> ReversalResult {
        try reverse(kind: .redo) { db in
            guard let target = try stacks(db).redo.last else {
                throw StoreError.refused("nothing to redo for \(author)")
            }
            return target
        }
    }

    /// Reverses a changeset, as a new changeset: one's own, or (admins) anyone's.
    public func revert(_ changeset: Int64) throws(StoreError) -> ReversalResult {
        try reverse(kind: .revert) { db in
            guard let by = try String.fetchOne(db, sql: "SELECT author FROM changeset c WHERE id = ? AND \(ImportBatch.changesetShown("c"))",
                                             arguments: [changeset]) else {
                throw StoreError.notFound("no changeset \(changeset); see tenet log")
            }
            if by != author { try authorize(db, .admin("reverting someone else's changeset")) }
            return changeset
        }
    }

    /// The evaluation run a changeset records (its start, resume or end), if it is one.
    /// Runs are never reversed: a run's results, saved as they were measured, cannot be
    /// taken back with it, and a run half taken back would still read as one.
    private func evalRun(_ db: Database, in changeset: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT id FROM revision WHERE changeset = ? AND kind = 'evalrun' LIMIT 1", arguments: [changeset])
    }

    /// This user's undo and redo stacks, rebuilt from the log (so they survive restarts).
    func stacks(_ db: Database) throws -> (undo: [Int64], redo: [Int64]) {
        var undo: [Int64] = []
        var redo: [Int64] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT id, kind, undoes FROM changeset c WHERE author = ? AND \(ImportBatch.changesetShown("c")) ORDER BY id
            """, arguments: [author]) {
            let id: Int64 = row["id"]
            let target: Int64? = row["undoes"]
            switch ChangesetKind(rawValue: row["kind"]) {
            case .undo:
                undo.removeAll { $0 == target }
                redo.append(id)
            case .redo:
                redo.removeAll { $0 == target }
                undo.append(id)
            default:
                undo.append(id)
                redo.removeAll()
            }
        }
        return (undo, redo)
    }

    /// Writes a changeset that restores, for every revision of the target changeset, the
    /// fields it changed to the values they had before it.
    private func reverse(kind: ChangesetKind, target: (Database) throws -> Int64) throws(StoreError) -> ReversalResult {
        var reversed: Int64 = 0
        var sees = true
        let commit = try commit(kind: kind, undoes: reversed, message: "") { db in
            reversed = try target(db)
            sees = try seesOthersVerdicts(db)
            return try reversal(db, of: reversed, by: kind)
        }
        guard let commit else {
            throw StoreError.refused("changeset \(reversed) changed nothing that can be reversed now")
        }
        // Reversing one's own edit puts back (or takes away) others' verdicts on the old text:
        // the report names only what this reader may see.
        let revisions = commit.revisions.map { revision in
            var shown = revision
            if revision.kind == .pair { shown.changed = shownFields(revision.changed, seeingOthers: sees) }
            return shown
        }
        return ReversalResult(changeset: commit.changeset, reversed: reversed, revisions: revisions)
    }

    private func reversal(_ db: Database, of changeset: Int64, by reversing: ChangesetKind) throws -> [PendingRevision] {
        let rows = try Row.fetchAll(db, sql: "SELECT kind, id, rev, op, changed FROM revision WHERE changeset = ? ORDER BY kind, id",
                                    arguments: [changeset])
        var pending: [PendingRevision] = []
        for row in rows {
            guard let kind = EntityKind(rawValue: row["kind"]) else { continue }
            let id: String = row["id"]
            if kind == .evalRun {
                throw StoreError.refused("changeset \(changeset) records evaluation run \(id), which is not reversed: its results stay as they were measured (tenet eval show \(id))")
            }
            let rev: Int = row["rev"]
            guard let after = try snapshot(db, kind: kind, id: id, revision: rev),
                  let head = try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = ? AND id = ?", arguments: [kind.rawValue, id]),
                  var current = try snapshot(db, kind: kind, id: id, revision: head) else { continue }
            var before: Snapshot
            var fields: [String]
            if (row["op"] as String) == "create" {
                // Undoing a creation marks the entity removed; nothing is deleted.
                before = after
                before["removed"] = .bool(true)
                fields = ["removed"]
            } else {
                before = try snapshot(db, kind: kind, id: id, revision: rev - 1) ?? [:]
                fields = Self.fields(row["changed"])
            }
            // Refuse to overwrite what someone changed since. Taking back a creation takes
            // back the whole entity: any field changed since (an annotation, a later import
            // of the same spec, a decision) stands in the way.
            let overwritten = (row["op"] as String) == "create"
                ? SnapshotCoding.changedFields(after, current)
                : fields.filter { (current[$0] ?? .null) != (after[$0] ?? .null) }
            if !overwritten.isEmpty {
                let later = try conflict(db, kind: kind, id: id, name: current["source.id"]?.display ?? id, expected: rev, current: head)
                let who = later.changes.first { !Set($0.fields).isDisjoint(with: overwritten) }
                throw StoreError.refused("""
                    cannot reverse changeset \(changeset): \(overwritten.joined(separator: ", ")) of \(kind.rawValue) \(current["source.id"]?.display ?? id) \
                    changed since\(who.map { " (\($0.author) at \($0.time), changeset \($0.changeset))" } ?? ""); \
                    reversing it would overwrite that change. \(Self.changeInstead(kind)), or reverse the later changeset first.
                    """)
            }
            let atHead = current
            // A field the entity did not have before is taken away again, not set to null:
            // the restored snapshot is the earlier one, field for field.
            for field in fields { current[field] = before[field] }
            if kind == .pair {
                try keepVerdictsOnTheirText(db, &current, before: atHead, restoring: fields, reversing: changeset, by: reversing)
            }
            pending.append(PendingRevision(kind: kind, id: id, parent: nil, expectedRevision: head, snapshot: current,
                                           name: try name(kind, current, fallback: id),
                                           title: kind == .pair ? ReviewFields.title(current)
                                               : kind == .document ? Self.documentTitle(current)
                                               : current["source.title"]?.display ?? current["title"]?.display ?? "",
                                           state: try state(db, kind, current)))
        }
        return pending
    }

    /// A document's `title` column, as ``saveDocuments(_:status:message:)`` writes it: its rules.
    static func documentTitle(_ snapshot: Snapshot) -> String {
        guard case .array(let rules)? = snapshot["document.rules"] else { return "" }
        return rules.compactMap(\.stringValue).joined(separator: ",")
    }

    /// The `name` and `state` columns of a snapshot, as the writer of that kind sets them.
    private func name(_ kind: EntityKind, _ snapshot: Snapshot, fallback: String) throws -> String {
        kind == .rule ? (snapshot["source.id"]?.display ?? fallback) : fallback
    }

    /// What to do instead of reversing a change someone built on, for an entity of `kind`.
    static func changeInstead(_ kind: EntityKind) -> String {
        switch kind {
        case .rule: return "Edit the rule instead"
        case .pair: return "Edit or decide the pair instead"
        case .document: return "Edit or decide the document instead"
        case .person: return "Change their access instead (tenet access role, tenet access remove)"
        case .project: return "Change the setting instead (tenet project set)"
        default: return "Change it instead"
        }
    }

    /// The `state` of an entity whose creation was undone (a rule's too).
    public static let removedState = "removed"

    /// The `state` column of a reversed snapshot. An entity whose creation was taken back is
    /// `removed` whatever its kind: pairs, specs and the rest are left out of lists, queues,
    /// counts and exports by it, as rules are.
    private func state(_ db: Database, _ kind: EntityKind, _ snapshot: Snapshot) throws -> String {
        if kind != .rule, snapshot["removed"] == .bool(true) { return Self.removedState }
        switch kind {
        case .pair:
            return ReviewFields.status(snapshot, overlap: try Self.reviewSettings(db).overlap).rawValue
        case .rule:
            let record = try SnapshotCoding.unflatten(snapshot, as: RuleRecord.self)
            return record.removed ? "removed" : record.effective.kind.rawValue
        case .spec:
            return Self.specState(snapshot)
        default:
            return snapshot["state"]?.display ?? ""
        }
    }
}
