import Foundation
import TenetStore

/// A model's answer to the annotation prompt, read field by field: a JSON object whose
/// keys are the fields, each `{"value": …, "reason": "…"}` (a bare value is read as the
/// value, with no reason). Fences and words around the object are ignored; a field left
/// out, or with a value it cannot take, is noted and not suggested.
public struct SuggestionAnswer: Sendable, Equatable {
    /// One field's suggestion.
    public struct Reading: Sendable, Equatable {
        public var field: SuggestionField
        /// `nil`: none is given in the text.
        public var value: SuggestedValue?
        public var reason: String

        public init(field: SuggestionField, value: SuggestedValue?, reason: String) {
            self.field = field
            self.value = value
            self.reason = reason
        }
    }

    public var readings: [Reading]
    /// Fields left out or unreadable, worded for the user.
    public var problems: [String]

    public init(readings: [Reading], problems: [String] = []) {
        self.readings = readings
        self.problems = problems
    }

    /// Reads a model's answer; throws when there is no JSON object in it at all.
    public static func read(_ text: String) throws(SuggestionProblem) -> SuggestionAnswer {
        guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close,
              case .object(let object)? = try? JSONValue.parse(Data(text[open...close].utf8)) else {
            throw SuggestionProblem(message: "the answer is not a JSON object: \(oneLine(text, limit: 120))")
        }
        let entries = Dictionary(object.map { (normalized($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        var readings: [Reading] = []
        var problems: [String] = []
        for field in SuggestionField.allCases {
            guard let entry = ([field.rawValue] + aliases(field)).lazy.compactMap({ entries[$0] }).first else {
                problems.append("\(field.rawValue): left out")
                continue
            }
            var value = entry
            var reason = ""
            if case .object(let parts) = entry, parts["value"] != nil || parts["reason"] != nil {
                value = parts["value"] ?? .null
                if case .string(let why)? = parts["reason"] ?? parts["why"] { reason = why }
            }
            switch field.read(value) {
            case .success(let read):
                readings.append(Reading(field: field, value: read, reason: reason.isEmpty ? "(no reason given)" : oneLine(reason, limit: 300)))
            case .failure(let problem):
                problems.append(problem.message)
            }
        }
        return SuggestionAnswer(readings: readings, problems: problems)
    }

    /// Keys as models vary them: `Is_Rule`, `is-rule` → `isrule`.
    private static func normalized(_ key: String) -> String {
        key.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    private static func aliases(_ field: SuggestionField) -> [String] {
        switch field {
        case .rule: return ["isrule", "isarule"]
        case .exceptions: return ["exception"]
        default: return []
        }
    }

    /// The first line, trimmed and cut to `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
