import Foundation
import TenetSpec

/// The annotation fields a model (or Tenet's own reader) is asked about, rule by rule, as
/// SpecAlign annotates: whether the block is a rule at all, then each annotation.
public enum SuggestionField: String, CaseIterable, Sendable, Codable, Comparable {
    case rule, kind, direction, scope, family, priority, concreteness, exceptions, rationale

    /// As a person reads it.
    public var label: String {
        switch self {
        case .rule: return "Is a rule"
        default: return rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    public static func < (a: SuggestionField, b: SuggestionField) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// The field named on a command line (`kind`, `is-rule` …), or `nil`.
    public init?(name: String) {
        let lower = name.lowercased()
        if ["is-rule", "is_rule", "isrule"].contains(lower) { self = .rule; return }
        if lower == "exception" { self = .exceptions; return }
        self.init(rawValue: lower)
    }

    /// The rule's value now, as the suggestion would be shown beside it (`nil`: none).
    /// Whether a block is a rule has no annotation: it is one, as far as Tenet reads it.
    public func current(_ rule: Rule) -> SuggestedValue? {
        switch self {
        case .rule: return SuggestedValue(text: "yes")
        case .kind: return rule.kind == .unclassified ? nil : SuggestedValue(text: rule.kind.rawValue)
        case .direction: return rule.direction.map { SuggestedValue(text: $0.rawValue) }
        case .scope: return rule.scope.map { SuggestedValue(text: $0) }
        case .family: return rule.family.map { SuggestedValue(text: $0) }
        case .priority: return rule.priority.map { SuggestedValue(text: String($0)) }
        case .concreteness: return rule.concreteness.map { SuggestedValue(text: $0) }
        case .exceptions: return rule.exceptions.isEmpty ? nil : SuggestedValue(items: rule.exceptions)
        case .rationale: return rule.rationale.map { SuggestedValue(text: $0) }
        }
    }

    /// Whether the rule's value for this field is settled: an annotation set in Tenet, or
    /// a value the file states. Only a kind or direction the reader inferred from wording
    /// or a heading (it gives its reason) is not; nor is a field with no value. `rule`
    /// has nothing to set: it always is.
    public func isSettled(_ record: RuleRecord) -> Bool {
        let annotations = record.annotations, source = record.source
        switch self {
        case .rule: return true
        case .kind:
            // Read from wording, a heading or the default authority map: Tenet's reading. A
            // kind the file states (markup, a SpecBench list, the spec's own map) is the file's.
            let reason = source.kindReason ?? ""
            let inferred = reason.hasPrefix("inferred") || reason.hasPrefix("heading") || reason.hasSuffix("(default)")
            return annotations.kind != nil || (source.kind != .unclassified && !inferred)
        case .direction: return annotations.direction != nil || (source.direction != nil && source.directionReason == nil)
        case .scope: return annotations.scope != nil || source.scope != nil
        case .family: return annotations.family != nil || source.family != nil
        case .priority: return annotations.priority != nil || source.priority != nil
        case .concreteness: return annotations.concreteness != nil || source.concreteness != nil
        case .exceptions: return annotations.exceptions != nil || !source.exceptions.isEmpty
        case .rationale: return annotations.rationale != nil || source.rationale != nil
        }
    }

    /// Reads a value as a model wrote it. `.success(nil)`: the model says the text gives
    /// none. `.failure`: a value this field cannot take, worded for the user.
    public func read(_ value: JSONValue) -> Result<SuggestedValue?, SuggestionProblem> {
        func problem(_ what: String) -> Result<SuggestedValue?, SuggestionProblem> {
            .failure(SuggestionProblem(message: "\(rawValue): \(what), not \(value.description.prefix(80))"))
        }
        if case .null = value { return .success(nil) }
        if case .string(let text) = value, Self.saysNone(text) { return .success(nil) }
        switch self {
        case .rule:
            switch value {
            case .bool(let yes): return .success(SuggestedValue(text: yes ? "yes" : "no"))
            case .string(let text) where ["yes", "true", "y"].contains(text.lowercased().trimmed()):
                return .success(SuggestedValue(text: "yes"))
            case .string(let text) where ["no", "false", "n"].contains(text.lowercased().trimmed()):
                return .success(SuggestedValue(text: "no"))
            default: return problem("yes or no")
            }
        case .kind:
            guard case .string(let text) = value, let kind = RuleKind(annotation: text.trimmed()) else { return problem("safety or behavioral") }
            return .success(kind == .unclassified ? nil : SuggestedValue(text: kind.rawValue))
        case .direction:
            guard case .string(let text) = value, let direction = Direction(annotation: text.trimmed()) else {
                return problem("require or prohibit")
            }
            return .success(SuggestedValue(text: direction.rawValue))
        case .priority:
            let number: Int?
            switch value {
            case .number(let n) where n.rounded() == n: number = Int(exactly: n)
            case .string(let text): number = Int(text.trimmed())
            default: number = nil
            }
            guard let number, Rule.priorities.contains(number) else {
                return problem("a whole number from 1 (highest) to \(Rule.priorities.upperBound)")
            }
            return .success(SuggestedValue(text: String(number)))
        case .exceptions:
            let items: [String]
            switch value {
            case .array(let values):
                items = values.compactMap { if case .string(let s) = $0 { return s.trimmed() } else { return nil } }.filter { !$0.isEmpty && !Self.saysNone($0) }
                guard items.count == values.count || !items.isEmpty || values.isEmpty else { return problem("a list of texts") }
            case .string(let text): items = [text.trimmed()]
            default: return problem("a list of texts")
            }
            return .success(items.isEmpty ? nil : SuggestedValue(items: items))
        case .scope, .family, .concreteness, .rationale:
            guard case .string(let text) = value else { return problem("a text") }
            let trimmed = text.trimmed()
            if self == .concreteness, !trimmed.isEmpty, Rule.concreteness(annotation: trimmed) == nil { return problem("concrete or general") }
            return .success(SuggestedValue(text: self == .concreteness || self == .family ? trimmed.lowercased() : trimmed))
        }
    }

    /// The annotation that makes `value` the author's; `nil` when there is none to write
    /// (whether a block is a rule has no annotation, and "none given" sets nothing).
    public func change(_ value: SuggestedValue?) -> AnnotationChange? {
        var change = AnnotationChange()
        apply(value, to: &change)
        return change.isEmpty ? nil : change
    }

    /// Sets this field of `change` to `value` (see ``change(_:)``).
    public func apply(_ value: SuggestedValue?, to change: inout AnnotationChange) {
        guard let value else { return }
        switch self {
        case .rule: return
        case .kind: change.kind = value.text.flatMap(RuleKind.init(annotation:))
        case .direction: change.direction = value.text.flatMap(Direction.init(annotation:))
        case .scope: change.scope = value.text
        case .family: change.family = value.text
        case .priority: change.priority = value.text.flatMap { Int($0) }
        case .concreteness: change.concreteness = value.text
        case .exceptions: change.exceptions = value.items
        case .rationale: change.rationale = value.text
        }
    }

    /// "none", "n/a", "not given" …: a model saying there is no value.
    static func saysNone(_ text: String) -> Bool {
        let lower = text.lowercased().trimmed().trimmingCharacters(in: CharacterSet(charactersIn: ".()"))
        return lower.isEmpty || ["none", "n/a", "na", "null", "nil", "not given", "none given", "unknown", "unspecified"].contains(lower)
    }
}

/// A suggested (or current) value: a text, or a list for exceptions.
public struct SuggestedValue: Codable, Sendable, Equatable {
    public var text: String?
    public var items: [String]?

    public init(text: String) { self.text = text }
    public init(items: [String]) { self.items = items }

    /// As one line: exceptions joined by ` | `.
    public var display: String { items?.joined(separator: " | ") ?? text ?? "" }
}

/// A value a field cannot take, or an answer that cannot be read.
public struct SuggestionProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// Where a suggestion is decided: waiting for the author, taken as the author's
/// annotation, or turned down.
public enum SuggestionState: String, Codable, Sendable, CaseIterable {
    case pending, accepted, rejected
}

/// Who made a suggestion: a model (provider, model name, the prompt template and its hash)
/// or Tenet's own reader (`heuristics`: no model at all).
public struct SuggestionSource: Codable, Sendable, Hashable {
    /// `openai`, or `offline-heuristics`.
    public var provider: String
    public var model: String?
    /// The prompt template: where it came from and the first 12 hex digits of its SHA-256
    /// (`built-in sha256:…`); `nil` for the heuristics, which use none.
    public var template: String?
    /// Tenet's built-in reading of the file, not a model's.
    public var heuristics: Bool

    /// The same reader: the same provider and model (Tenet's heuristics are one reader).
    /// A field read by one is asked of another: an offline run does not stand in for a
    /// model's reading.
    public func isSameReader(_ other: SuggestionSource) -> Bool {
        provider == other.provider && model == other.model && heuristics == other.heuristics
    }

    public init(provider: String, model: String? = nil, template: String? = nil, heuristics: Bool = false) {
        self.provider = provider
        self.model = model
        self.template = template
        self.heuristics = heuristics
    }

    /// As messages name it: `openai gpt-4o`, `offline heuristics, no model`.
    public var label: String {
        heuristics ? "offline heuristics, no model" : provider + (model.map { " " + $0 } ?? "")
    }
}

/// One field's suggestion for one rule, as stored: a versioned entity of its own
/// (`suggestion`, keyed `RULE-KEY#FIELD`), so that every run, acceptance and rejection is
/// a revision with its changeset (who, when), and undo works on it like on anything else.
public struct Suggestion: Codable, Sendable, Equatable {
    /// The rule's entity key, and its ID when the suggestion was made.
    public var rule: String
    public var ruleID: String
    public var field: SuggestionField
    /// `nil`: none is given in the text.
    public var value: SuggestedValue?
    /// One line: why.
    public var reason: String
    public var state: SuggestionState
    public var source: SuggestionSource
    /// The rule revision and the digest of its text (``SuggestionDigest``) the suggestion
    /// was made for: when the text changes, the suggestion is stale and asked again.
    public var ruleRevision: Int
    public var textDigest: String
    /// Set by an undo of the run that made it (nothing is deleted).
    public var removed: Bool?

    public init(rule: String, ruleID: String, field: SuggestionField, value: SuggestedValue?, reason: String,
                state: SuggestionState = .pending, source: SuggestionSource, ruleRevision: Int, textDigest: String) {
        self.rule = rule
        self.ruleID = ruleID
        self.field = field
        self.value = value
        self.reason = reason
        self.state = state
        self.source = source
        self.ruleRevision = ruleRevision
        self.textDigest = textDigest
    }

    /// The entity key: `RULE-KEY#FIELD`.
    public static func key(rule: String, field: SuggestionField) -> String { rule + "#" + field.rawValue }

    /// Snapshot groups: each of their fields has its own history.
    static let groups: Set<String> = ["source", "value"]
}

/// A suggestion read from the store, with where it stands in history.
public struct StoredSuggestion: Sendable, Equatable {
    public var revision: Int
    /// The changeset that wrote this revision.
    public var changeset: Int64
    public var suggestion: Suggestion
    /// The rule's ID now (it may have been renamed since).
    public var ruleID: String
    /// The rule's value for this field now (the file's, or an annotation), to show beside it.
    public var current: SuggestedValue?
    /// The rule's text changed since it was made: shown, never accepted.
    public var stale: Bool
    /// `current` is settled (``SuggestionField/isSettled(_:)``): an annotation, or stated
    /// by the file; not a kind or direction the reader inferred.
    public var settled: Bool

    public init(revision: Int, changeset: Int64, suggestion: Suggestion, ruleID: String, current: SuggestedValue?,
                stale: Bool, settled: Bool = true) {
        self.revision = revision
        self.changeset = changeset
        self.suggestion = suggestion
        self.ruleID = ruleID
        self.current = current
        self.stale = stale
        self.settled = settled
    }

    public var field: SuggestionField { suggestion.field }

    /// The suggested value is the rule's settled value already (`prohibit → prohibit`, as
    /// the file or an annotation says): it asks nothing. A run keeps it (it is what the
    /// rule was asked about), but it is not waiting. One that agrees with a kind or
    /// direction the reader inferred is waiting: accepting it makes that reading an
    /// annotation (the offline heuristics offer only such values). "None given" where the
    /// rule has none agrees too: accepting it would set nothing.
    public var agrees: Bool { suggestion.value == current && (settled || current == nil) }

    /// Waiting for someone to decide it: pending, made for the rule's text as it is, and
    /// not the settled value the rule already has. The one test of "waiting", for the
    /// workbench and `tenet annotate --list` alike.
    public var isWaiting: Bool { suggestion.state == .pending && !stale && !agrees }
}

/// What a suggestion is made for: a digest of the rule's title and text as the file has
/// them (annotations do not change it). A suggestion made for another digest is stale.
public enum SuggestionDigest {
    public static func of(_ rule: Rule) -> String {
        String(PreferencePair.sha256(rule.title + "\n" + rule.text).prefix(16))
    }
}

extension String {
    fileprivate func trimmed() -> String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
