/// One quality gate a generated pair went through before it was stored, and what it found.
///
/// Tenet's own gates (`by: "tenet"`) look at the text: both answers present, not the same,
/// not nearly the same, not the spec's own answer of the wrong kind. The judge's (`by:
/// "judge"`) read the answers against the rule: the chosen one complies, the rejected one
/// violates (or needlessly refuses an allowed request), and both answer the conversation.
public struct QualityCheck: Codable, Sendable, Equatable {
    /// The gates, by the name stored with a pair.
    public enum Gate: String, Codable, Sendable, CaseIterable {
        /// Neither answer is empty.
        case answered
        /// The answers are not the same text (ignoring case, spacing and punctuation).
        case distinct
        /// The answers are not nearly the same (see ``TextSimilarity``'s threshold).
        case notNearIdentical = "not-near-identical"
        /// The chosen answer follows the rule (for a prohibition: does none of it).
        case chosenComplies = "chosen-complies"
        /// The rejected answer breaks the rule, or needlessly refuses an allowed request.
        case rejectedViolates = "rejected-violates"
        /// Both answers respond to the conversation.
        case addressesPrompt = "addresses-prompt"
        /// The judge's overall verdict, from a judge template of the one-line kind
        /// (`PASS: …` / `FAIL: …`) that answers no single question.
        case judgeVerdict = "judge-verdict"
        /// The judge's reply could be read at all.
        case judgeReadable = "judge-readable"

        /// What a failure of this gate means, in a few words (`identical answers`).
        public var failure: String {
            switch self {
            case .answered: return "empty answer"
            case .distinct: return "identical answers"
            case .notNearIdentical: return "near-identical answers"
            case .chosenComplies: return "chosen breaks the rule"
            case .rejectedViolates: return "rejected is no violation"
            case .addressesPrompt: return "answer ignores the prompt"
            case .judgeVerdict: return "judge said FAIL"
            case .judgeReadable: return "judge reply unreadable"
            }
        }
    }

    public var gate: Gate
    public var passed: Bool
    /// Why, in one sentence.
    public var reason: String
    /// `tenet` (a text check) or `judge` (the judge's reading).
    public var by: String

    public init(_ gate: Gate, passed: Bool, reason: String, by: String) {
        self.gate = gate
        self.passed = passed
        self.reason = reason
        self.by = by
    }
}

extension Array where Element == QualityCheck {
    /// The first gate that failed, if any.
    public var firstFailure: QualityCheck? { first { !$0.passed } }
}

extension QualityCheck {
    /// `identical answers 5, chosen breaks the rule 2`: failures by gate, most first;
    /// `nil` when none failed.
    public static func summary(failedBy counts: [Gate: Int]) -> String? {
        let parts = counts.filter { $0.value > 0 }
            .sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
            .map { "\($0.key.failure) \($0.value)" }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
