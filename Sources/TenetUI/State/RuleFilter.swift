import TenetSpec
import TenetStore

/// Which rules the tree shows.
public enum RuleFilter: String, CaseIterable, Sendable {
    case all, unclassified, safety, behavioral
    case noExamples = "no-examples", noRationale = "no-rationale", lint

    /// What the status bar says.
    public var label: String {
        switch self {
        case .all: return "all"
        case .unclassified: return "unclassified"
        case .safety: return "safety"
        case .behavioral: return "behavioral"
        case .noExamples: return "no examples"
        case .noRationale: return "no rationale"
        case .lint: return "lint problems"
        }
    }

    /// A sentence saying no rule passes the filter (`No rule lacks examples`).
    public var noneMatch: String {
        switch self {
        case .all: return "This spec has no rules."
        case .unclassified: return "Every rule is classified."
        case .safety: return "No rule is a safety rule."
        case .behavioral: return "No rule is a behavioral rule."
        case .noExamples: return "Every rule has examples."
        case .noRationale: return "Every rule has a rationale."
        case .lint: return "No rule has lint problems."
        }
    }

    /// The next filter in the cycle.
    public var next: RuleFilter {
        let all = RuleFilter.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public func admits(_ rule: RuleOutline, lint: [String: [LintMark]]) -> Bool {
        switch self {
        case .all: return true
        case .unclassified: return rule.kind == .unclassified
        case .safety: return rule.kind == .safety
        case .behavioral: return rule.kind == .behavioral
        case .noExamples: return rule.examples == 0
        case .noRationale: return !rule.hasRationale
        case .lint: return !(lint[rule.key] ?? []).isEmpty
        }
    }
}
