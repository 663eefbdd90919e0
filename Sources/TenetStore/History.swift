import GRDB
import TenetSpec

/// One line of `tenet log`.
public struct LogEntry: Sendable, Equatable, Codable {
    public var changeset: Int64
    public var author: String
    public var time: String
    public var kind: String
    public var undoes: Int64?
    public var message: String
    /// For an entity's log: its revision and the fields this changeset changed.
    public var revision: Int?
    public var fields: [String]?
    /// Number of entities the changeset touched.
    public var entities: Int
    /// Names of (up to three of) the entities it touched, for the global log.
    public var names: [String]?
    /// How the author was identified: `key SHA256:…`, `account alice`, `owner tenet`
    /// (empty for changesets written before Tenet recorded it).
    public var identifiedBy: String?
    /// Where the author connected from (SSH client address and port), when served.
    public var client: String?
    /// The process that wrote it (`host:pid:random`), telling apart two sessions of one person.
    public var session: String?
}

/// A field's old and new value.
public struct FieldChange: Sendable, Equatable, Codable {
    public var field: String
    public var old: JSONValue
    public var new: JSONValue
}

/// One revision of `tenet show`.
public struct RevisionChange: Sendable, Equatable, Codable {
    public var kind: String
    public var entity: String
    public var name: String
    public var revision: Int
    public var operation: String
    public var fields: [FieldChange]
}

/// Who set the current value of each field of an entity.
public struct BlameLine: Sendable, Equatable, Codable {
    public var field: String
    public var value: JSONValue
    public var revision: Int
    public var changeset: Int64
    public var author: String
    public var time: String
    public var kind: String
}

/// A named point in history.
public struct Tag: Sendable, Equatable, Codable {
    public var name: String
    public var changeset: Int64
    public var author: String
    public var time: String
}

extension ProjectStore {
    /// The newest changesets first: all of them, or those that touched one rule.
    public func log(rule reference: String? = nil, limit: Int = 50, asOf: Int64? = nil) throws(StoreError) -> [LogEntry] {
        try guarded {
            try reader.read { db in
                let upTo = asOf ?? Int64.max
                let visible = try othersReviewHidden(db)
                if let reference {
                    let key = try resolveRule(db, reference, asOf: nil)
                    return try Row.fetchAll(db, sql: """
                        SELECT c.*, r.rev, CASE r.op WHEN 'create' THEN 'created' ELSE r.changed END AS changed,
                               (SELECT count(*) FROM revision x WHERE x.changeset = c.id) AS entities, NULL AS names
                        FROM revision r JOIN changeset c ON c.id = r.changeset
                        WHERE r.kind = 'rule' AND r.id = ? AND r.changeset <= ? ORDER BY r.rev DESC LIMIT ?
                        """, arguments: [key, upTo, limit]).map(Self.logEntry)
                }
                let sees = try seesOthersVerdicts(db)
                return try Row.fetchAll(db, sql: """
                    SELECT c.*, NULL AS rev,
                           (SELECT CASE count(*) WHEN 1 THEN max(changed) END FROM revision x WHERE x.changeset = c.id) AS changed,
                           (SELECT count(*) FROM revision x WHERE x.changeset = c.id) AS entities,
                           (SELECT group_concat(name, char(31)) FROM (SELECT name FROM revision x WHERE x.changeset = c.id LIMIT 3)) AS names
                    FROM changeset c WHERE c.id <= ? AND \(visible.sql) ORDER BY c.id DESC LIMIT ?
                    """, arguments: [upTo] + visible.arguments + [limit]).map { row in
                    var entry = Self.logEntry(row)
                    entry.fields = entry.fields.map { shownFields($0, seeingOthers: sees) }
                    return entry
                }
            }
        }
    }

    static func logEntry(_ row: Row) -> LogEntry {
        let changed: String? = row["changed"]
        let names: String? = row["names"]
        return LogEntry(changeset: row["id"], author: row["author"], time: row["created_at"], kind: row["kind"],
                        undoes: row["undoes"], message: row["message"], revision: row["rev"],
                        fields: changed.map(ProjectStore.fields), entities: row["entities"],
                        names: names.map { $0.split(separator: "\u{1F}").map(String.init) },
                        identifiedBy: (row["identified_by"] as String?).flatMap { $0.isEmpty ? nil : $0 },
                        client: (row["client"] as String?).flatMap { $0.isEmpty ? nil : $0 },
                        session: row["session"])
    }

    /// A condition on changeset `c` that leaves out imports still being written (see
    /// ``ImportBatch``) and other people's review of pairs (their decisions, edits, swaps)
    /// when this identity may not see others' verdicts.
    func othersReviewHidden(_ db: Database) throws -> (sql: String, arguments: StatementArguments) {
        let unfinished = ImportBatch.changesetShown("c")
        guard try !seesOthersVerdicts(db) else { return (unfinished, []) }
        return ("\(unfinished) AND (c.author = ? OR NOT EXISTS (SELECT 1 FROM revision h WHERE h.changeset = c.id AND h.kind = 'pair' AND h.op = 'update'))",
                [identity.name])
    }

    /// A changeset with the field-level changes of each revision it wrote.
    public func show(_ changeset: Int64) throws(StoreError) -> (LogEntry, [RevisionChange]) {
        try guarded {
            try reader.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT c.*, NULL AS rev, NULL AS changed, (SELECT count(*) FROM revision x WHERE x.changeset = c.id) AS entities,
                           NULL AS names
                    FROM changeset c WHERE c.id = ? AND \(ImportBatch.changesetShown("c"))
                    """, arguments: [changeset]) else {
                    throw StoreError.notFound("no changeset \(changeset); see tenet log")
                }
                let visible = try othersReviewHidden(db)
                guard try Bool.fetchOne(db, sql: "SELECT \(visible.sql) FROM changeset c WHERE c.id = ?",
                                        arguments: visible.arguments + [changeset]) == true else {
                    throw StoreError.forbidden("changeset \(changeset) is another annotator's review, which this project keeps private (visibility own)")
                }
                let revisions = try Row.fetchAll(db, sql: "SELECT kind, id, rev, op, name FROM revision WHERE changeset = ? ORDER BY kind DESC, id",
                                                 arguments: [changeset])
                let sees = try seesOthersVerdicts(db)
                let changes = try revisions.map { revision -> RevisionChange in
                    let kind = EntityKind(rawValue: revision["kind"]) ?? .rule
                    let rev: Int = revision["rev"]
                    let id: String = revision["id"]
                    let new = try snapshot(db, kind: kind, id: id, revision: rev) ?? [:]
                    let old = rev > 1 ? try snapshot(db, kind: kind, id: id, revision: rev - 1) ?? [:] : [:]
                    let fields = Self.fieldChanges(old, new).filter { change in
                        sees || kind != .pair || !Self.tellsOthersVerdicts(change.field, reader: identity.name)
                    }
                    return RevisionChange(kind: kind.rawValue, entity: id, name: revision["name"], revision: rev,
                                          operation: revision["op"], fields: fields)
                }
                return (Self.logEntry(row), changes)
            }
        }
    }

    static func fieldChanges(_ old: Snapshot, _ new: Snapshot) -> [FieldChange] {
        SnapshotCoding.changedFields(old, new).map { FieldChange(field: $0, old: old[$0] ?? .null, new: new[$0] ?? .null) }
    }

    /// Per field of a rule's current revision: who set that value, when, in which changeset.
    /// `withLines`: read the rule's lines in its spec's text (from the spec's whole
    /// snapshot; an export asking for every rule's setters leaves them out).
    public func blame(rule reference: String, withLines: Bool = true) throws(StoreError) -> (StoredRule, [BlameLine]) {
        try guarded {
            try reader.read { db in
                let key = try resolveRule(db, reference, asOf: nil)
                let rule = try storedRule(db, key: key, asOf: nil, lines: withLines ? nil : { _ in nil })
                guard let current = try snapshot(db, kind: .rule, id: key, revision: rule.revision) else { return (rule, []) }
                // The newest revision per distinct set of changed fields, then per field the
                // newest of those that names it.
                var newest: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT changed, max(rev) AS rev FROM revision WHERE kind = 'rule' AND id = ? GROUP BY changed
                    """, arguments: [key]) {
                    let rev: Int = row["rev"]
                    for field in Self.fields(row["changed"]) where rev > newest[field] ?? 0 { newest[field] = rev }
                }
                let fields = Set(current.keys).subtracting(RuleRecord.positionFields)
                let revisions = Set(fields.compactMap { newest[$0] })
                var who: [Int: Row] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT r.rev, c.id, c.author, c.created_at, c.kind FROM revision r JOIN changeset c ON c.id = r.changeset
                    WHERE r.kind = 'rule' AND r.id = ? AND r.rev IN (\(revisions.map(String.init).joined(separator: ",")))
                    """, arguments: [key]) { who[row["rev"]] = row }
                var lines: [BlameLine] = []
                for field in fields {
                    guard let rev = newest[field], let row = who[rev] else { continue }
                    lines.append(BlameLine(field: field, value: current[field] ?? .null, revision: rev,
                                           changeset: row["id"], author: row["author"], time: row["created_at"], kind: row["kind"]))
                }
                return (rule, lines.sorted { $0.field < $1.field })
            }
        }
    }

    /// The field-level difference between two revisions of a rule.
    public func diff(rule reference: String, from old: Int, to new: Int) throws(StoreError) -> [FieldChange] {
        try guarded {
            try reader.read { db in
                let key = try resolveRule(db, reference, asOf: nil)
                guard let a = try snapshot(db, kind: .rule, id: key, revision: old) else {
                    throw StoreError.notFound("rule \(reference) has no revision \(old)")
                }
                guard let b = try snapshot(db, kind: .rule, id: key, revision: new) else {
                    throw StoreError.notFound("rule \(reference) has no revision \(new)")
                }
                return Self.fieldChanges(a, b)
            }
        }
    }

    /// The longest tag name, in characters: a tag is typed and shown in listings.
    public static let longestTag = 100

    /// Why `name` cannot be a tag, or `nil` when it can: the store's refusal and the command
    /// line's usage error (exit 64, as for every other name) say it alike.
    public static func tagNameProblem(_ name: String) -> String? {
        guard (1...longestTag).contains(name.count), name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }),
              Int64(name) == nil else {
            return "tag name `\(SafeText.visible(String(name.prefix(longestTag))))\(name.count > longestTag ? "…" : "")` "
                + "is not valid: use up to \(longestTag) letters, digits, `.`, `_` and `-`, and not only digits"
        }
        return nil
    }

    /// Names the newest changeset.
    public func tag(_ name: String) throws(StoreError) -> Tag {
        if let problem = Self.tagNameProblem(name) { throw StoreError.invalid(problem) }
        return try guarded {
            // Without a file there is no history to tag: the empty project says so.
            try database.current().write { db in
                try authorize(db, .author("tagging"))
                guard let latest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM changeset") else {
                    throw StoreError.refused("nothing to tag yet: the project has no history")
                }
                if let existing = try Int64.fetchOne(db, sql: "SELECT changeset FROM tag WHERE name = ?", arguments: [name]) {
                    throw StoreError.invalid("tag \(name) already names changeset \(existing); tags never move")
                }
                let tag = Tag(name: name, changeset: latest, author: author, time: Timestamp.now())
                try db.execute(sql: "INSERT INTO tag (name, changeset, author, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [tag.name, tag.changeset, tag.author, tag.time])
                return tag
            }
        }
    }

    /// Every tag, oldest first.
    public func tags() throws(StoreError) -> [Tag] {
        try guarded {
            try reader.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM tag ORDER BY changeset, name").map {
                    Tag(name: $0["name"], changeset: $0["changeset"], author: $0["author"], time: $0["created_at"])
                }
            }
        }
    }
}
