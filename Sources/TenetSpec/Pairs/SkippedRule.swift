/// A rule of an instance a generation run cannot probe, and why.
public struct SkippedRule: Sendable, Equatable {
    public enum Reason: String, Sendable, CaseIterable {
        /// Neither annotated nor stated in its words: nothing says which answer follows it.
        case noDirection = "no direction"
        /// The provider writes only from examples, and the rule has none it can pair.
        case noUsableExamples = "no usable examples"

        /// What fixes it.
        public var remedy: String {
            switch self {
            case .noDirection: return "annotate a direction (tenet rule set RULE --direction require|prohibit)"
            case .noUsableExamples:
                return "give the rule a request with the spec's GOOD and BAD answers, or generate with a model"
            }
        }
    }

    public var id: String
    public var reason: Reason

    public init(id: String, reason: Reason) {
        self.id = id
        self.reason = reason
    }

    /// `3 rules not probed — no direction: a, b (annotate …); no usable examples: c (…)`,
    /// naming at most `shown` rules per reason; `nil` when none was skipped.
    public static func summary(_ skipped: [SkippedRule], shown: Int = 4) -> String? {
        guard !skipped.isEmpty else { return nil }
        let parts = Reason.allCases.compactMap { reason -> String? in
            let ids = skipped.filter { $0.reason == reason }.map(\.id)
            guard !ids.isEmpty else { return nil }
            let named = ids.prefix(shown).joined(separator: ", ") + (ids.count > shown ? " and \(ids.count - shown) more" : "")
            return "\(reason.rawValue): \(named) (\(reason.remedy))"
        }
        return "\(skipped.count) rule\(skipped.count == 1 ? "" : "s") not probed — " + parts.joined(separator: "; ")
    }
}
