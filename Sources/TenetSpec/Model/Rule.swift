/// One requirement of a spec, with the annotations written in the document.
public struct Rule: Sendable, Codable, Equatable {
    /// Stable identity. Annotations, examples and pairs hang off it.
    public var id: String
    /// `true` when the ID was written in the document, `false` when Tenet made it.
    public var explicitID: Bool
    public var title: String
    /// Markdown source of the rule's requirement (annotations, examples and commentary
    /// are held separately).
    public var text: String
    /// IDs of the enclosing sections, outermost first.
    public var path: [String]
    /// First and last source line of the whole rule (1-based, inclusive).
    public var line: Int
    public var endLine: Int

    public var kind: RuleKind
    /// Why the rule has its kind when Tenet inferred it (`inferred: prohibits
    /// mass-casualty weapons uplift`, `heading: Safety`, `authority: root → safety`);
    /// `nil` when the spec says it (`kind=safety`).
    public var kindReason: String?
    public var direction: Direction?
    /// Why the rule has its direction when Tenet read it from the wording (`lead-in:
    /// “Claude should never:”`, `own wording: “Never …”`), or why it has none
    /// (`permits: “… can …”`); `nil` when the spec says it (`direction=prohibit`).
    public var directionReason: String?
    /// The rule's own words permit what it names (“You may show the last four digits …”):
    /// it neither requires nor prohibits, and is given to a model as written.
    public var permits: Bool { direction == nil && directionReason?.hasPrefix(Modality.permission.verb + " ") == true }
    /// The sentence a bulleted rule hangs from and that gives it its polarity (“Claude
    /// should never:”), outer lead-ins first, joined by ` › `. Read with the rule's text:
    /// the bullet alone may be a bare behaviour.
    public var leadIn: String?
    /// The rule a nested bullet refines, when its parent bullet is a rule itself.
    public var parent: String?
    /// Descriptions and definitions near the rule in a prose spec, kept as context (not
    /// rule text). Reasons go to ``rationale``.
    public var context: String?
    public var authority: Authority?
    /// 1 is the highest priority; within ``Rule/priorities``.
    public var priority: Int?
    /// The priorities a rule may have: up to nine digits, as the number of an ordered list
    /// item (a rule list's priority) can have. Stored numbers are JSON numbers, exact only
    /// up to 2^53: a larger priority was stored rounded, or could not be read back at all.
    public static let priorities = 1...999_999_999

    /// The values a rule's concreteness may have: `concrete` (names specific behaviour) or
    /// `general` (states a principle); midtraining's readiness asks for both.
    public static let concretenessValues = ["concrete", "general"]

    /// `value` as a concreteness (any case, spaces around it ignored), or `nil` when it is none.
    public static func concreteness(annotation value: String) -> String? {
        let word = value.trimmingCharacters(in: .whitespaces).lowercased()
        return concretenessValues.contains(word) ? word : nil
    }
    public var family: String?
    public var scope: String?
    public var rationale: String?
    public var exceptions: [String]
    public var concreteness: String?
    public var tags: [String]
    /// Attributes Tenet does not interpret, kept as written.
    public var attributes: [String: String]
    /// `!!! meta` and similar admonitions: commentary about the rule, not rule text.
    public var commentary: String?

    public var examples: [Example]
    /// IDs this rule's text links to (`[?](#id)`, `[text](#id)`).
    public var references: [String]
    /// Placeholder names used in the rule's text (`{{name}}`), in order of first use.
    public var placeholders: [String]

    public init(
        id: String, explicitID: Bool, title: String, text: String = "", path: [String] = [],
        line: Int, endLine: Int, kind: RuleKind = .unclassified, direction: Direction? = nil,
        authority: Authority? = nil, priority: Int? = nil, family: String? = nil,
        scope: String? = nil, rationale: String? = nil, exceptions: [String] = [],
        concreteness: String? = nil, tags: [String] = [], attributes: [String: String] = [:],
        commentary: String? = nil, examples: [Example] = [], references: [String] = [],
        placeholders: [String] = [], kindReason: String? = nil, directionReason: String? = nil,
        leadIn: String? = nil, parent: String? = nil, context: String? = nil
    ) {
        self.id = id
        self.explicitID = explicitID
        self.title = title
        self.text = text
        self.path = path
        self.line = line
        self.endLine = endLine
        self.kind = kind
        self.direction = direction
        self.authority = authority
        self.priority = priority
        self.family = family
        self.scope = scope
        self.rationale = rationale
        self.exceptions = exceptions
        self.concreteness = concreteness
        self.tags = tags
        self.attributes = attributes
        self.commentary = commentary
        self.examples = examples
        self.references = references
        self.placeholders = placeholders
        self.kindReason = kindReason
        self.directionReason = directionReason
        self.leadIn = leadIn
        self.parent = parent
        self.context = context
    }
}

/// Safety rules are lines an answer must never cross; behavioral rules describe how a
/// good, safe answer looks (SpecBench).
public enum RuleKind: String, Sendable, Codable, CaseIterable {
    case safety, behavioral, unclassified

    /// Reads `safety`, `behavioral`, `behavioural` (any case); `nil` for anything else.
    public init?(annotation: String) {
        switch annotation.lowercased() {
        case "safety": self = .safety
        case "behavioral", "behavioural", "behavior", "behaviour": self = .behavioral
        case "unclassified": self = .unclassified
        default: return nil
        }
    }
}

/// Whether the rule asks the answer to do something or forbids it.
public enum Direction: String, Sendable, Codable, CaseIterable {
    case require, prohibit

    public init?(annotation: String) {
        switch annotation.lowercased() {
        case "require", "required", "requires", "must", "do": self = .require
        case "prohibit", "prohibited", "prohibits", "forbid", "must-not", "dont", "don't": self = .prohibit
        default: return nil
        }
    }
}

/// Who may override a rule (OpenAI Model Spec's chain of command).
public enum Authority: String, Sendable, Codable, CaseIterable {
    case root, system, developer, user, guideline

    /// Reads the values of the Model Spec; `platform`, its older name for root, is `root`.
    public init?(annotation: String) {
        let value = annotation.lowercased()
        if value == "platform" { self = .root; return }
        self.init(rawValue: value)
    }
}
