import Foundation
import GRDB
import TenetSpec

/// One line of `rule list`: read from revision columns, without decoding snapshots.
public struct RuleSummary: Sendable, Equatable, Codable {
    public var key: String
    public var spec: String
    public var id: String
    public var title: String
    /// Effective kind, or `removed`.
    public var state: String
    public var revision: Int
}

extension ProjectStore {
    /// Turns `--as-of TAG|CHANGESET` into a changeset number.
    public func changeset(named reference: String) throws(StoreError) -> Int64 {
        try guarded {
            try reader.read { db in
                if let tagged = try Int64.fetchOne(db, sql: "SELECT changeset FROM tag WHERE name = ?", arguments: [reference]) {
                    return tagged
                }
                if let number = Int64(reference),
                   try Int64.fetchOne(db, sql: "SELECT id FROM changeset WHERE id = ?", arguments: [number]) != nil {
                    return number
                }
                throw StoreError.notFound("no tag or changeset named `\(reference)`; see tenet log and tenet tag --list")
            }
        }
    }

    /// Rules of one spec or of all (archived specs left out), as they are now or as of a
    /// changeset.
    public func ruleSummaries(spec: String? = nil, asOf: Int64? = nil, includeRemoved: Bool = false) throws(StoreError) -> [RuleSummary] {
        try guarded {
            try reader.read { db in
                // Document order comes from each spec's current line numbers, which SQLite
                // reads out of the spec snapshot (json_each) and joins in, so neither the
                // file text nor 20,000 keys are decoded in Swift.
                var sql = """
                    WITH lines(key, line) AS (
                        SELECT j.key, json_extract(j.value, '$[0]') FROM entity se
                        JOIN revision sr ON sr.kind = se.kind AND sr.id = se.id AND sr.rev = se.head_rev,
                             json_each(sr.data, '$.ruleLines') j
                        WHERE se.kind = 'spec'\(spec == nil ? "" : " AND se.id = :spec")
                    )
                    SELECT e.id, e.parent, r.rev, r.name, r.title, r.state FROM entity e
                    CROSS JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev =
                    """
                sql += asOf == nil ? " e.head_rev" : " (SELECT max(rev) FROM revision x WHERE x.kind = e.kind AND x.id = e.id AND x.changeset <= :asOf)"
                sql += " LEFT JOIN lines l ON l.key = e.id WHERE e.kind = 'rule'"
                if spec != nil { sql += " AND e.parent = :spec" }
                if !includeRemoved { sql += " AND r.state != 'removed'" }
                sql += " ORDER BY e.parent, l.line IS NULL, l.line, e.id"
                let arguments: StatementArguments = ["asOf": asOf, "spec": spec]
                let archived = spec == nil ? Set(try Self.archivedSpecs(db, asOf: asOf)) : []
                var rules: [RuleSummary] = []
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try cursor.next() {
                    let rule = RuleSummary(key: row[0], spec: row[1], id: row[3], title: row[4], state: row[5], revision: row[2])
                    if !archived.contains(rule.spec) { rules.append(rule) }
                }
                return rules
            }
        }
    }

    /// The IDs of the imported specs; archived ones only when asked for, and never one
    /// whose import was undone.
    public func specIDs(includingArchived: Bool = false) throws(StoreError) -> [String] {
        try guarded {
            try reader.read { db in
                let all = try String.fetchAll(db, sql: """
                    SELECT e.id FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'spec' AND r.state != '\(Self.removedState)' ORDER BY e.id
                    """)
                if includingArchived { return all }
                let archived = Set(try Self.archivedSpecs(db))
                return all.filter { !archived.contains($0) }
            }
        }
    }

    /// One rule, by its ID (`travel.budget`) or `spec/ID`, now or as of a changeset.
    public func rule(_ reference: String, asOf: Int64? = nil) throws(StoreError) -> StoredRule {
        try guarded {
            try reader.read { db in
                let key = try resolveRule(db, reference, asOf: asOf)
                return try storedRule(db, key: key, asOf: asOf)
            }
        }
    }

    /// Rules by key, now or as of a changeset, in one read: each spec's rule lines are read
    /// once for all its rules. Reading them one rule at a time read the spec's whole
    /// snapshot for each (an export of 25,000 rules took minutes).
    public func rules(keys: [String], asOf: Int64? = nil) throws(StoreError) -> [StoredRule] {
        try guarded {
            try reader.read { db in
                var lines: [String: [String: [Int]]] = [:]
                return try keys.map { key in
                    try storedRule(db, key: key, asOf: asOf) { spec in
                        if let known = lines[spec] { return known[key] }
                        let all = try self.allRuleLines(db, spec: spec)
                        lines[spec] = all
                        return all[key]
                    }
                }
            }
        }
    }

    /// `lines`: where the rule's lines come from, given its spec (by default, read for it alone).
    func storedRule(_ db: Database, key: String, asOf: Int64?, lines: ((String) throws -> [Int]?)? = nil) throws -> StoredRule {
        let revision: Int? = asOf == nil
            ? try Int.fetchOne(db, sql: "SELECT head_rev FROM entity WHERE kind = 'rule' AND id = ?", arguments: [key])
            : try Int.fetchOne(db, sql: "SELECT max(rev) FROM revision WHERE kind = 'rule' AND id = ? AND changeset <= ?", arguments: [key, asOf])
        guard let revision, revision > 0, let snapshot = try snapshot(db, kind: .rule, id: key, revision: revision) else {
            throw StoreError.notFound("rule \(key) did not exist then")
        }
        let record = try SnapshotCoding.unflatten(snapshot, as: RuleRecord.self)
        let found = try lines.map { try $0(record.spec) } ?? ruleLines(db, spec: record.spec, key: key)
        return StoredRule(key: key, revision: revision, record: record, lines: found)
    }

    /// Every rule's lines in a spec's current text, read by SQLite from its snapshot.
    func allRuleLines(_ db: Database, spec: String) throws -> [String: [Int]] {
        guard let json = try String.fetchOne(db, sql: """
            SELECT json_extract(r.data, '$.ruleLines') FROM entity e
            JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'spec' AND e.id = ?
            """, arguments: [spec]) else { return [:] }
        return (try? JSONDecoder().decode([String: [Int]].self, from: Data(json.utf8))) ?? [:]
    }

    /// A rule's lines in its spec's current text, read by SQLite from the spec snapshot
    /// without decoding it (it holds the whole file).
    func ruleLines(_ db: Database, spec: String, key: String) throws -> [Int]? {
        let quoted = key.replacingOccurrences(of: "\"", with: "\\\"")
        guard let json = try String.fetchOne(db, sql: """
            SELECT json_extract(r.data, '$.ruleLines."' || ? || '"') FROM entity e
            JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'spec' AND e.id = ?
            """, arguments: [quoted, spec]) else { return nil }
        return try? JSONDecoder().decode([Int].self, from: Data(json.utf8))
    }

    /// A rule's current revision and stored snapshot text.
    func currentRuleText(_ db: Database, key: String) throws -> (revision: Int, text: String) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT e.head_rev, r.data FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'rule' AND e.id = ?
            """), arguments: [key]) else { throw StoreError.notFound("no rule \(key)") }
        return (row["head_rev"], row["data"])
    }

    /// A rule's current revision and record, without its lines.
    func currentRuleRecord(_ db: Database, key: String) throws -> (revision: Int, record: RuleRecord) {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT e.head_rev, r.data FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
            WHERE e.kind = 'rule' AND e.id = ?
            """, arguments: [key]) else { throw StoreError.notFound("no rule \(key)") }
        return (row["head_rev"], try SnapshotCoding.unflatten(try SnapshotCoding.decode(row["data"]), as: RuleRecord.self))
    }

    /// The entity key for a rule reference; an ambiguous ID names the specs to choose from.
    func resolveRule(_ db: Database, _ reference: String, asOf: Int64?) throws -> String {
        if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM entity WHERE kind = 'rule' AND id = ?"), arguments: [reference]) != nil {
            return reference
        }
        if asOf == nil {
            // The common case in one query: the rules whose current name this is.
            let current = try String.fetchAll(db.cachedStatement(sql: """
                WITH \(Self.rulesNamed)
                SELECT e.id FROM bearer b
                JOIN entity e ON e.kind = 'rule' AND e.id = b.id
                JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                WHERE r.name = :name
                """), arguments: ["name": reference])
            if current.count == 1 { return current[0] }
            if current.count > 1 {
                throw StoreError.invalid("rule ID `\(reference)` is in several specs: \(current.sorted().joined(separator: ", ")); name one of these")
            }
        }
        var name = reference
        var spec: String?
        if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM revision WHERE kind = 'rule' AND name = ? LIMIT 1"), arguments: [reference]) == nil,
           let slash = reference.firstIndex(of: "/") {
            spec = String(reference[..<slash])
            name = String(reference[reference.index(after: slash)...])
        }
        // Entities that bore this name at some point; keep those that bear it then.
        let candidates = try String.fetchAll(db.cachedStatement(sql: "WITH \(Self.rulesNamed) SELECT id FROM bearer WHERE id IS NOT NULL"),
                                             arguments: ["name": name])
        var matches: [String] = []
        for key in candidates {
            let current: String? = asOf == nil
                ? try String.fetchOne(db, sql: "SELECT r.name FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev WHERE e.kind = 'rule' AND e.id = ?", arguments: [key])
                : try String.fetchOne(db, sql: "SELECT name FROM revision WHERE kind = 'rule' AND id = ? AND changeset <= ? ORDER BY rev DESC LIMIT 1", arguments: [key, asOf])
            guard current == name else { continue }
            if let spec, !key.hasPrefix(spec + "/") { continue }
            matches.append(key)
        }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw StoreError.notFound("no rule `\(reference)`\(asOf.map { " as of changeset \($0)" } ?? ""); list them with tenet rule list")
        }
        throw StoreError.invalid("rule ID `\(reference)` is in several specs: \(matches.sorted().joined(separator: ", ")); name one of these")
    }
}

extension ProjectStore {
    /// `bearer(id)`: the rules that bore the name `:name` in any revision, each found by one
    /// seek on the rule-name index (a loose index scan) rather than by reading every
    /// revision that carried the name — a rule edited 10,000 times costs one seek, not
    /// 10,000 index entries.
    static let rulesNamed = """
        RECURSIVE bearer(id) AS (
            SELECT min(id) FROM revision WHERE kind = 'rule' AND name = :name
            UNION ALL
            SELECT (SELECT min(x.id) FROM revision x WHERE x.kind = 'rule' AND x.name = :name AND x.id > b.id)
            FROM bearer b WHERE b.id IS NOT NULL
        )
        """
}

/// A spec read from the store.
public struct StoredSpec: Sendable, Equatable {
    public var id: String
    public var revision: Int
    /// The changeset that wrote this revision.
    public var changeset: Int64
    public var record: SpecRecord
}

extension ProjectStore {
    /// One spec, now or as of a changeset: its source text and what was read from it.
    public func spec(_ id: String, asOf: Int64? = nil) throws(StoreError) -> StoredSpec {
        try guarded {
            try reader.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT rev, changeset, data FROM revision
                    WHERE kind = 'spec' AND id = ? AND changeset <= ? ORDER BY rev DESC LIMIT 1
                    """, arguments: [id, asOf ?? Int64.max]) else {
                    throw StoreError.notFound(try Self.noSpec(db, id, asOf: asOf))
                }
                return StoredSpec(id: id, revision: row["rev"], changeset: row["changeset"],
                                  record: try SnapshotCoding.unflatten(try SnapshotCoding.decode(row["data"]), as: SpecRecord.self))
            }
        }
    }
}
