import TenetSpec

/// A spec as stored: its whole source text at this revision and what was read from it.
public struct SpecRecord: Codable, Sendable, Equatable {
    public var title: String
    public var description: String
    /// The file it was imported from.
    public var file: String
    public var dialect: Dialect
    /// The file's text, exactly as imported.
    public var text: String
    public var parameters: [Parameter]
    public var sections: [Section]
    /// Rule entity → [first line, last line] in this revision's text (kept here so that a
    /// rule does not get a new revision each time text above it moves).
    public var ruleLines: [String: [Int]]
    public var removed: Bool
    /// Set aside with `tenet spec archive`: left out of spec lists, the review queue and
    /// exports unless named, its history kept. `nil` (left out of the snapshot) when not
    /// archived, so that revisions written before archiving existed read the same.
    public var archived: Bool? = nil

    public var isArchived: Bool { archived == true }
}

/// Annotations set in Tenet, on top of what the spec file says. `nil` means "as in the
/// file"; a value overrides it.
public struct RuleAnnotations: Codable, Sendable, Equatable {
    public var kind: RuleKind?
    public var direction: Direction?
    public var authority: Authority?
    public var priority: Int?
    public var family: String?
    public var scope: String?
    public var rationale: String?
    public var exceptions: [String]?
    public var concreteness: String?
    /// Boundary examples added in Tenet (after the file's own).
    public var examples: [Example]

    public init() { examples = [] }

    /// The annotation fields `rule set` can change, by name.
    public static let fieldNames = ["kind", "direction", "authority", "priority", "family", "scope", "rationale",
                                    "exceptions", "concreteness"]
}

/// A rule as stored: what the spec file says (`source`) and what people set in Tenet
/// (`annotations`), kept apart so that re-importing the file never loses an annotation.
public struct RuleRecord: Codable, Sendable, Equatable {
    public var spec: String
    public var source: Rule
    public var annotations: RuleAnnotations
    /// The rule is no longer in the spec file (kept, with its history).
    public var removed: Bool

    /// Fields kept at 0 in snapshots (see ``storable(_:)``): not worth blaming.
    static let positionFields: Set<String> = ["source.line", "source.endLine"]

    /// Snapshot groups: each of their fields has its own history.
    static let groups: Set<String> = ["source", "annotations"]

    /// The rule as it applies now: the file's values with Tenet's annotations on top.
    public var effective: Rule {
        var rule = source
        rule.kind = annotations.kind ?? source.kind
        rule.direction = annotations.direction ?? source.direction
        // A value set in Tenet is stated, not inferred: the reader's reason no longer applies.
        if annotations.kind != nil { rule.kindReason = nil }
        if annotations.direction != nil { rule.directionReason = nil }
        rule.authority = annotations.authority ?? source.authority
        rule.priority = annotations.priority ?? source.priority
        rule.family = annotations.family ?? source.family
        rule.scope = annotations.scope ?? source.scope
        rule.rationale = annotations.rationale ?? source.rationale
        rule.exceptions = annotations.exceptions ?? source.exceptions
        rule.concreteness = annotations.concreteness ?? source.concreteness
        rule.examples = source.examples + annotations.examples
        return rule
    }

    /// The source rule without the line numbers that move whenever text above it changes.
    static func storable(_ rule: Rule) -> Rule {
        var rule = rule
        rule.line = 0
        rule.endLine = 0
        rule.examples = rule.examples.map { var e = $0; e.line = 0; return e }
        return rule
    }
}

/// A rule read from the store, with where it stands in history.
public struct StoredRule: Sendable, Equatable {
    /// The entity key: `spec/first-rule-id`. Stable even when the rule's ID changes.
    public var key: String
    public var revision: Int
    public var record: RuleRecord
    /// Source lines in the spec's current text, when known.
    public var lines: [Int]?

    public var id: String { record.source.id }

    /// The rule as it now reads (annotations applied), at its lines in the spec's current
    /// text: the stored snapshot leaves line numbers out, since they move whenever text
    /// above the rule changes.
    public var effectiveRule: Rule { placed(record.effective) }

    /// The rule as its spec's text gives it, at its lines in the current text.
    public var sourceRule: Rule { placed(record.source) }

    private func placed(_ rule: Rule) -> Rule {
        var rule = rule
        rule.line = lines?.first ?? 0
        rule.endLine = lines?.last ?? 0
        return rule
    }
}
