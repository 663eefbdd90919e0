import Foundation
import GRDB
import TenetSpec

/// What a rule tree needs to show of one rule, read by SQLite out of the stored
/// snapshots so that a spec of thousands of rules opens without decoding any of them.
public struct RuleOutline: Sendable, Equatable {
    public var key: String
    public var id: String
    public var title: String
    /// The rule's requirement (Markdown), for search.
    public var text: String
    /// Effective kind: the annotation when set, else what the file says.
    public var kind: RuleKind
    public var direction: Direction?
    public var family: String?
    /// The innermost section the rule sits in, if any.
    public var section: String?
    /// Boundary examples, the file's and Tenet's.
    public var examples: Int
    public var hasRationale: Bool
    /// Whether any field is set in Tenet rather than in the spec file (an annotation, an
    /// example added here): the tree marks it `✎`.
    public var annotated: Bool
    /// First source line in the spec's current text.
    public var line: Int?
    public var revision: Int

    public init(key: String, id: String, title: String, text: String = "", kind: RuleKind = .unclassified,
                direction: Direction? = nil, family: String? = nil, section: String? = nil, examples: Int = 0,
                hasRationale: Bool = false, annotated: Bool = false, line: Int? = nil, revision: Int = 1) {
        self.key = key
        self.id = id
        self.title = title
        self.text = text
        self.kind = kind
        self.direction = direction
        self.family = family
        self.section = section
        self.examples = examples
        self.hasRationale = hasRationale
        self.annotated = annotated
        self.line = line
        self.revision = revision
    }

    /// The outline of a rule already read in full.
    public init(_ stored: StoredRule) {
        let rule = stored.record.effective
        self.init(key: stored.key, id: rule.id, title: rule.title, text: rule.text, kind: rule.kind,
                  direction: rule.direction, family: rule.family, section: rule.path.last,
                  examples: rule.examples.count, hasRationale: !(rule.rationale ?? "").isEmpty,
                  annotated: stored.record.annotations != RuleAnnotations(), line: stored.lines?.first, revision: stored.revision)
    }
}

extension ProjectStore {
    /// Whether a revision `r` carries any annotation or example set in Tenet, in one
    /// `json_extract` of every annotation field: it reuses the parse of `r.data` the
    /// other columns made (a `json_each` over the keys parsed it again, a third of the
    /// outline's read on a 5,000-rule spec).
    static let annotatedSQL: String = {
        let fields = RuleAnnotations.fieldNames
        let paths = (fields + ["examples"]).map { "'$.\"annotations.\($0)\"'" }.joined(separator: ", ")
        let none = "[" + Array(repeating: "null", count: fields.count).joined(separator: ",")
        return "json_extract(r.data, \(paths)) NOT IN ('\(none),[]]', '\(none),null]')"
    }()

    /// `lines(key, line)`: each rule's first line in the spec `:spec`'s current text, read
    /// by SQLite from the spec snapshot's line map (the text itself is never decoded).
    static let ruleLinesCTE = """
        WITH lines(key, line) AS (
            SELECT j.key, json_extract(j.value, '$[0]') FROM entity se
            JOIN revision sr ON sr.kind = se.kind AND sr.id = se.id AND sr.rev = se.head_rev,
                 json_each(sr.data, '$.ruleLines') j
            WHERE se.kind = 'spec' AND se.id = :spec
        )
        """

    /// The current rules of one spec, removed ones left out, in document order.
    ///
    /// With `details: false` only what the revision columns hold is read — key, ID, title,
    /// kind, revision and line — several times faster on a large spec; text, direction,
    /// family, section, examples and rationale are left empty for a second, full read.
    public func ruleOutlines(spec: String, details: Bool = true) throws(StoreError) -> [RuleOutline] {
        if !details { return try ruleNames(spec: spec) }
        return try guarded {
            try reader.read { db in
                let sql = """
                    \(Self.ruleLinesCTE)
                    SELECT e.id, r.rev, r.name, r.title, r.state,
                           json_extract(r.data, '$."source.text"'),
                           coalesce(json_extract(r.data, '$."annotations.direction"'), json_extract(r.data, '$."source.direction"')),
                           coalesce(json_extract(r.data, '$."annotations.family"'), json_extract(r.data, '$."source.family"')),
                           json_extract(r.data, '$."source.path"[#-1]'),
                           coalesce(json_array_length(r.data, '$."source.examples"'), 0)
                             + coalesce(json_array_length(r.data, '$."annotations.examples"'), 0),
                           coalesce(json_extract(r.data, '$."annotations.rationale"'), json_extract(r.data, '$."source.rationale"'), ''),
                           l.line,
                           \(Self.annotatedSQL)
                    FROM entity e
                    CROSS JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    LEFT JOIN lines l ON l.key = e.id
                    WHERE e.kind = 'rule' AND e.parent = :spec AND r.state != 'removed'
                    ORDER BY l.line IS NULL, l.line, e.id
                    """
                var rules: [RuleOutline] = []
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: ["spec": spec])
                while let row = try cursor.next() {
                    let state: String = row[4]
                    let direction: String? = row[6]
                    let rationale: String = row[10]
                    rules.append(RuleOutline(
                        key: row[0], id: row[2], title: row[3], text: row[5] ?? "",
                        kind: RuleKind(rawValue: state) ?? .unclassified,
                        direction: direction.flatMap(Direction.init(rawValue:)), family: row[7], section: row[8],
                        examples: row[9], hasRationale: !rationale.isEmpty, annotated: row[12], line: row[11], revision: row[1]))
                }
                return rules
            }
        }
    }
}

extension ProjectStore {
    private func ruleNames(spec: String) throws(StoreError) -> [RuleOutline] {
        try guarded {
            try reader.read { db in
                let sql = """
                    \(Self.ruleLinesCTE)
                    SELECT e.id, r.rev, r.name, r.title, r.state, l.line FROM entity e
                    CROSS JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    LEFT JOIN lines l ON l.key = e.id
                    WHERE e.kind = 'rule' AND e.parent = :spec AND r.state != 'removed'
                    ORDER BY l.line IS NULL, l.line, e.id
                    """
                var rules: [RuleOutline] = []
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: ["spec": spec])
                while let row = try cursor.next() {
                    let state: String = row[4]
                    rules.append(RuleOutline(key: row[0], id: row[2], title: row[3], kind: RuleKind(rawValue: state) ?? .unclassified,
                                             line: row[5], revision: row[1]))
                }
                return rules
            }
        }
    }
}

/// What a view needs of a spec to show its tree: no source text, no rule lines.
public struct SpecHeader: Sendable, Equatable {
    public var id: String
    public var revision: Int
    public var title: String
    public var file: String
    public var sections: [Section]
    /// The instantiation parameters the spec declares.
    public var parameters: [Parameter]
}

extension ProjectStore {
    /// A spec's title, file and section tree, read without decoding its source text
    /// (which for a large spec is most of the snapshot).
    public func specHeader(_ id: String) throws(StoreError) -> SpecHeader {
        try guarded {
            try reader.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT r.rev, json_extract(r.data, '$.title'), json_extract(r.data, '$.file'), json_extract(r.data, '$.sections'),
                           json_extract(r.data, '$.parameters')
                    FROM entity e JOIN revision r ON r.kind = e.kind AND r.id = e.id AND r.rev = e.head_rev
                    WHERE e.kind = 'spec' AND e.id = ?
                    """, arguments: [id]) else {
                    throw StoreError.notFound("no spec `\(id)`; see tenet spec list")
                }
                let sections: String = row[3] ?? "[]"
                let parameters: String = row[4] ?? "[]"
                return SpecHeader(id: id, revision: row[0], title: row[1] ?? id, file: row[2] ?? "",
                                  sections: try JSONDecoder().decode([Section].self, from: Data(sections.utf8)),
                                  parameters: (try? JSONDecoder().decode([Parameter].self, from: Data(parameters.utf8))) ?? [])
            }
        }
    }
}
