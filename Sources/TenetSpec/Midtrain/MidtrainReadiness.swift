/// Whether a spec's rules are ready to be taught by midtraining documents, before any
/// token is spent: Model Spec Midtraining found that rules which explain the value behind
/// them, and concrete rather than general guidance, generalise better. So a rule with no
/// rationale, or one marked `general`, is listed with the command that fixes it.
public enum MidtrainReadiness {
    /// One thing to fix on one rule.
    public struct Finding: Sendable, Equatable, Codable {
        public enum Problem: String, Sendable, Codable, CaseIterable {
            /// No rationale: a document cannot say why the rule matters (and the offline
            /// provider skips the rule).
            case noRationale = "no-rationale"
            /// Marked general: guidance too broad to show where its boundary lies.
            case general
        }

        public var rule: String
        public var title: String
        public var problem: Problem
        /// Why it matters, in a sentence.
        public var why: String
        /// The exact command that fixes it.
        public var fix: String
    }

    /// The findings for `rules` (in their order, rationale first per rule). `specID` is used
    /// to name a rule unambiguously in the fix (`SPEC/RULE`).
    public static func findings(_ rules: [Rule], specID: String) -> [Finding] {
        var out: [Finding] = []
        for rule in rules {
            let name = specID.isEmpty ? rule.id : specID + "/" + rule.id
            if (rule.rationale ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                out.append(Finding(rule: rule.id, title: rule.title, problem: .noRationale,
                                   why: "no rationale: documents cannot explain the value behind it, which MSM found weakens generalisation",
                                   fix: "tenet rule set \(ShellWord.quoted(name)) --rationale \"why the rule exists\""))
            }
            if rule.concreteness?.lowercased() == "general" {
                out.append(Finding(rule: rule.id, title: rule.title, problem: .general,
                                   why: "marked general: MSM found specific guidance generalises better than general guidance",
                                   fix: "tenet rule set \(ShellWord.quoted(name)) --concreteness concrete   (after making its text or examples specific)"))
            }
        }
        return out
    }

}
