import GRDB
import TenetSpec

extension ProjectStore {
    /// Saves documents as one changeset (authors: ``Permission/author(_:)``). A document
    /// whose ID is already stored is left alone.
    @discardableResult
    public func saveDocuments(_ documents: [MidtrainDocument], status: DocumentStatus = .pending, message: String) throws(StoreError) -> DocumentSaveReport {
        var added = 0, unchanged = 0
        let commit = try commit(kind: .import, message: message) { db in
            added = 0
            unchanged = 0
            var pending: [PendingRevision] = []
            var seen = Set<String>()
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM entity WHERE kind = 'document' AND id = ?")
            for document in documents {
                let stored = try Int.fetchOne(exists, arguments: [document.id]) != nil
                if seen.contains(document.id) || stored {
                    unchanged += 1
                    continue
                }
                seen.insert(document.id)
                added += 1
                pending.append(PendingRevision(kind: .document, id: document.id, parent: document.spec, expectedRevision: nil,
                                               snapshot: try SnapshotCoding.flatten(DocumentRecord(document: document, state: status),
                                                                                    groups: DocumentRecord.groups),
                                               name: document.id, title: document.rules.joined(separator: ","), state: status.rawValue))
            }
            return pending
        }
        return DocumentSaveReport(changeset: commit?.changeset, added: commit == nil ? 0 : added, unchanged: unchanged)
    }

    /// Current documents, oldest first: of one spec, about one rule, in one status, of
    /// one type. Removed ones (their creation undone) are left out, and so, when no spec
    /// is named, are archived specs' documents (as pairs are, everywhere specs are not named).
    public func documents(spec: String? = nil, rule: String? = nil, status: DocumentStatus? = nil, type: String? = nil,
                          limit: Int? = nil) throws(StoreError) -> [StoredDocument] {
        try guarded {
            try reader.read { db in
                var sql = """
                    SELECT e.id, r.rev, r.data FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'document'
                    """
                var arguments: StatementArguments = []
                if let spec { sql += " AND e.parent = ?"; arguments += [spec] }
                else if let hidden = Self.leavingOut(try Self.archivedSpecs(db)) { sql += " AND " + hidden.sql; arguments += hidden.arguments }
                if let status { sql += " AND r.state = ?"; arguments += [status.rawValue] }
                if let rule { sql += " AND (',' || r.title || ',') LIKE ?"; arguments += ["%," + rule + ",%"] }
                sql += " ORDER BY (SELECT min(changeset) FROM revision x WHERE x.kind = 'document' AND x.id = e.id), e.id"
                var out: [StoredDocument] = []
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() {
                    let stored = try Self.storedDocument(id: row[0], revision: row[1], data: row[2])
                    guard stored.record.removed != true, type == nil || stored.document.type == type else { continue }
                    out.append(stored)
                    if let limit, out.count >= limit { break }
                }
                return out
            }
        }
    }

    /// One document, by its ID or a prefix of it that names one document only.
    public func document(_ reference: String) throws(StoreError) -> StoredDocument {
        try guarded { try reader.read { db in try Self.document(db, reference) } }
    }

    /// Every current document in ID order, from one read transaction (memory stays flat):
    /// what an export streams. `count` is called first with how many there are. Without a
    /// spec, archived specs' documents are left out (as an export of pairs leaves them out).
    public func forEachDocument(spec: String? = nil, statuses: [DocumentStatus], count: (Int) -> Void = { _ in },
                                _ body: (StoredDocument) throws -> Void) throws(StoreError) {
        try guarded {
            try reader.read { db in
                var filter = "e.kind = 'document'"
                var arguments: StatementArguments = []
                if let spec { filter += " AND e.parent = ?"; arguments += [spec] }
                else if let hidden = Self.leavingOut(try Self.archivedSpecs(db)) { filter += " AND " + hidden.sql; arguments += hidden.arguments }
                if !statuses.isEmpty {
                    let states = Self.state(in: statuses.map(\.rawValue))
                    filter += " AND " + states.sql
                    arguments += states.arguments
                }
                let from = " FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev WHERE " + filter
                count(try Int.fetchOne(db, sql: "SELECT count(*)" + from, arguments: arguments) ?? 0)
                let rows = try Row.fetchCursor(db, sql: "SELECT e.id, r.rev, r.data" + from + " ORDER BY e.id", arguments: arguments)
                while let row = try rows.next() {
                    let stored = try Self.storedDocument(id: row[0], revision: row[1], data: row[2])
                    if stored.record.removed == true { continue }
                    try body(stored)
                }
            }
        }
    }

    /// Records a reviewer's decision on a document: accepted, rejected, flagged (with a
    /// reason) or pending again. Annotators may decide; changing a decision someone else
    /// made needs an adjudicator. `expectedRevision`: the revision the reviewer saw (a
    /// conflict when someone changed it since). A document whose text a reviewer edited is
    /// accepted as `edited`: what is accepted is the edit, and the status says so.
    @discardableResult
    public func decideDocument(_ reference: String, _ status: DocumentStatus, note: String? = nil,
                               expectedRevision: Int? = nil) throws(StoreError) -> StoredDocument {
        guard status != .edited else { throw StoreError.invalid("a document becomes edited by editing its text (tenet midtrain edit)") }
        return try change(reference, expectedRevision: expectedRevision, message: { "midtrain: \(status.rawValue) document \($0)" }) { db, record in
            try self.authorizeOverOthers(db, record)
            let edited = record.original.map { $0 != record.document.text } ?? false
            let decided = status == .accepted && edited ? DocumentStatus.edited : status
            if record.status == decided && record.note == note {
                throw StoreError.refused("document \(record.document.id) is already \(decided == .edited ? "accepted with its edit" : decided.rawValue); nothing to change")
            }
            record.state = decided.rawValue
            record.note = note
        }
    }

    /// Replaces a document's text with a reviewer's edit: it becomes `edited` (accepted
    /// with changes), the generated text kept as `original` — except a rejected document,
    /// which goes back to `pending`: an edit fixes it, but accepting it is a decision of its
    /// own (an edit had silently sent a rejected document into the export). `checks`: Tenet's gates on the
    /// edited text (``DocumentEdit`` in TenetSynth runs them), which replace those of the
    /// text it replaces; the critic's stay, as a reading of the text before the edit.
    @discardableResult
    public func editDocument(_ reference: String, text: String, expectedRevision: Int? = nil,
                             checks: [DocumentCheck]? = nil) throws(StoreError) -> StoredDocument {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.invalid("an edited document cannot be empty; reject it instead (tenet midtrain decide ID reject)") }
        // The text check every stored text passes (as a pair's edit: no control characters).
        if let problem = QualityCheck.textProblem(trimmed, "the edited text") { throw StoreError.invalid(problem) }
        return try change(reference, expectedRevision: expectedRevision, message: { "midtrain: edit document \($0)" }) { db, record in
            try self.authorizeOverOthers(db, record)
            guard trimmed != record.document.text else { throw StoreError.refused("the text is unchanged; nothing to save") }
            if record.original == nil { record.original = record.document.text }
            record.document.text = trimmed
            if let checks {
                let critic = record.document.provenance.checks?.filter { $0.by != "tenet" } ?? []
                record.document.provenance.checks = checks.filter { $0.by == "tenet" } + critic
            }
            record.state = (record.status == .rejected ? DocumentStatus.pending : .edited).rawValue
            record.note = nil
        }
    }

    /// The IDs and texts of a spec's documents, for the near-duplicate check of a new run.
    public func documentTexts(spec: String) throws(StoreError) -> [(id: String, text: String)] {
        try documents(spec: spec).map { (id: $0.id, text: $0.document.text) }
    }

    // MARK: helpers

    private func change(_ reference: String, expectedRevision: Int?, message: (String) -> String,
                        _ update: @escaping (Database, inout DocumentRecord) throws -> Void) throws(StoreError) -> StoredDocument {
        var resolved = reference
        let id = try guarded { try reader.read { db in try Self.document(db, reference).id } }
        resolved = id
        let commit = try commit(kind: .edit, message: message(resolved)) { db in
            let current = try Self.document(db, resolved)
            if let expectedRevision, expectedRevision != current.revision {
                throw StoreError.conflict(try self.conflict(db, kind: .document, id: resolved, name: resolved,
                                                            expected: expectedRevision, current: current.revision))
            }
            var record = current.record
            try update(db, &record)
            record.decidedBy = self.author
            record.decidedAt = Timestamp.now()
            return [PendingRevision(kind: .document, id: resolved, parent: record.document.spec, expectedRevision: current.revision,
                                    snapshot: try SnapshotCoding.flatten(record, groups: DocumentRecord.groups),
                                    name: resolved, title: record.document.rules.joined(separator: ","), state: record.state)]
        }
        guard commit != nil else { throw StoreError.refused("nothing changed") }
        return try document(resolved)
    }

    /// A decision someone else made is changed only by an adjudicator (as a pair's verdict).
    private func authorizeOverOthers(_ db: Database, _ record: DocumentRecord) throws {
        // Reviewing at all needs an annotator: say so first, not that an adjudicator is needed.
        try authorize(db, .review)
        if let by = record.decidedBy, by != author, record.status != .pending {
            try authorize(db, .adjudicate)
        }
    }

    static func document(_ db: Database, _ reference: String) throws -> StoredDocument {
        let pattern = reference.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.id, r.rev, r.data FROM entity e
            JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'document' AND (e.id = ? OR e.id LIKE ?) ORDER BY e.id = ? DESC, e.id LIMIT 3
            """, arguments: [reference, pattern, reference])
        guard let first = rows.first else { throw StoreError.notFound("no document `\(reference)`; see tenet midtrain list") }
        if (first[0] as String) != reference && rows.count > 1 {
            throw StoreError.invalid("`\(reference)` names several documents (\(rows.map { $0[0] as String }.joined(separator: ", ")) …); give more of the ID")
        }
        return try storedDocument(id: first[0], revision: first[1], data: first[2])
    }

    static func storedDocument(id: String, revision: Int, data: String) throws -> StoredDocument {
        let snapshot = try SnapshotCoding.decode(data)
        return StoredDocument(id: id, revision: revision,
                              record: try DocumentRecord(snapshot: snapshot) ?? SnapshotCoding.unflatten(snapshot, as: DocumentRecord.self))
    }
}
