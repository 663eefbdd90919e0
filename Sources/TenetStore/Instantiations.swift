import GRDB
import TenetSpec

/// A saved instantiation: a named, versioned entity.
public struct StoredInstantiation: Sendable, Equatable {
    public var name: String
    public var revision: Int
    public var changeset: Int64
    public var instantiation: Instantiation
}

extension ProjectStore {
    /// A spec as it stands in the project: its file's rules with Tenet's annotations on
    /// top (removed rules left out), and the spec revision. Instantiation works on this.
    public func effectiveSpec(_ id: String) throws(StoreError) -> (spec: Spec, revision: Int) {
        let stored = try spec(id)
        let rules = try guarded { try reader.read { db in try currentRules(db, spec: id) } }
        let record = stored.record
        let spec = Spec(id: id, title: record.title, description: record.description, source: record.file,
                        dialect: record.dialect, sections: record.sections,
                        rules: rules.filter { !$0.record.removed }.map(\.effectiveRule), parameters: record.parameters)
        return (spec, stored.revision)
    }

    /// Saves an instantiation under a name: a new entity, or a new revision of it. With
    /// `expectedRevision`, refused with a conflict when it is no longer at that revision.
    @discardableResult
    public func saveInstantiation(_ instantiation: Instantiation, name: String, expectedRevision: Int? = nil) throws(StoreError) -> StoredInstantiation {
        try StoredName.check(name, "instantiation")
        let snapshot: Snapshot
        do { snapshot = try SnapshotCoding.flatten(instantiation, groups: []) } catch {
            throw StoreError.invalid("instantiation \(name) cannot be stored: \(error)")
        }
        let commit = try commit(kind: .edit, message: "instantiate \(instantiation.spec) as \(name)") { _ in
            [PendingRevision(kind: .instantiation, id: name, parent: instantiation.spec, expectedRevision: expectedRevision,
                             snapshot: snapshot, name: name,
                             title: "\(instantiation.spec) r\(instantiation.specRevision): \(instantiation.rules.count) rules, seed \(instantiation.controls.seed)",
                             state: instantiation.spec)]
        }
        if commit == nil { return try self.instantiation(name) }
        return StoredInstantiation(name: name, revision: commit?.revisions.first?.revision ?? 0,
                                   changeset: commit?.changeset ?? 0, instantiation: instantiation)
    }

    /// A saved instantiation, now or as of a changeset.
    public func instantiation(_ name: String, asOf: Int64? = nil) throws(StoreError) -> StoredInstantiation {
        try guarded {
            try reader.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT rev, changeset, data FROM revision
                    WHERE kind = 'instantiation' AND id = ? AND changeset <= ? ORDER BY rev DESC LIMIT 1
                    """, arguments: [name, asOf ?? Int64.max]) else {
                    let known = try String.fetchAll(db, sql: "SELECT id FROM entity WHERE kind = 'instantiation' ORDER BY id")
                    throw StoreError.notFound("no instantiation `\(name)`; "
                        + (known.isEmpty ? "save one with tenet instantiate SPEC --save NAME" : "the project has: " + known.joined(separator: ", ")))
                }
                let instantiation = try SnapshotCoding.unflatten(try SnapshotCoding.decode(row["data"]), as: Instantiation.self)
                return StoredInstantiation(name: name, revision: row["rev"], changeset: row["changeset"], instantiation: instantiation)
            }
        }
    }

    /// Saved instantiations: name, spec, revision and a one-line summary.
    public func instantiationList() throws(StoreError) -> [(name: String, spec: String, revision: Int, summary: String)] {
        try guarded {
            try reader.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT e.id, e.parent, e.head_rev, r.title FROM entity e
                    JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'instantiation' ORDER BY e.id
                    """).map { ($0[0], $0[1] ?? "", $0[2], $0[3]) }
            }
        }
    }
}
