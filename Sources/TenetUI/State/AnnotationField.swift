import Foundation
import TenetSpec
import TenetStore

/// An annotation that is edited as one line of text.
public enum AnnotationField: String, CaseIterable, Sendable {
    case scope, rationale, exceptions, family, concreteness, priority

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The menu key that picks it.
    public var menuKey: Character {
        switch self {
        case .scope: return "s"
        case .rationale: return "r"
        case .exceptions: return "x"
        case .family: return "f"
        case .concreteness: return "c"
        case .priority: return "p"
        }
    }

    /// The field's current value as editable text (exceptions joined by ` | `).
    public func text(of rule: Rule) -> String {
        switch self {
        case .scope: return rule.scope ?? ""
        case .rationale: return rule.rationale ?? ""
        case .exceptions: return rule.exceptions.joined(separator: " | ")
        case .family: return rule.family ?? ""
        case .concreteness: return rule.concreteness ?? ""
        case .priority: return rule.priority.map(String.init) ?? ""
        }
    }

    /// The change that sets the field to `text`; empty text clears the annotation (the
    /// file's value applies again). Fails with a message for a value that is not valid.
    public func change(from text: String) -> Result<AnnotationChange, FieldError> {
        let value = text.trimmingCharacters(in: .whitespaces)
        var change = AnnotationChange()
        if value.isEmpty {
            change.clear = [rawValue]
            return .success(change)
        }
        switch self {
        case .scope: change.scope = value
        case .rationale: change.rationale = value
        case .family: change.family = value
        case .concreteness:
            guard let concreteness = Rule.concreteness(annotation: value) else {
                return .failure(FieldError(message: "concreteness is concrete or general; got “\(value)”"))
            }
            change.concreteness = concreteness
        case .exceptions:
            change.exceptions = value.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .priority:
            guard let number = Int(value), Rule.priorities.contains(number) else {
                return .failure(FieldError(message: "priority is a whole number from 1 (highest) to \(Rule.priorities.upperBound); got “\(value)”"))
            }
            change.priority = number
        }
        return .success(change)
    }
}

/// Why a field's text was not accepted.
public struct FieldError: Error, Equatable, Sendable {
    public var message: String
}
