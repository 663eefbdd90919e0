/// The `{{name}}` marks each prompt template is filled with, by template file name: a
/// user's template (`--templates DIR`) may use these and no others, so that a mistyped
/// mark is refused when the template is read instead of reaching the model as written.
/// Every built-in template uses only these (`TemplateMarksTests`).
public enum TemplateMarks {
    /// What every midtraining role is given about its rule (``DocumentGenerator``), before
    /// the document type's own.
    static let documentRule: Set<String> = ["rule_id", "rule_kind", "rule_direction_word", "rule_text", "rule_direction",
                                            "rule_title", "rationale", "scope", "exceptions", "examples", "length",
                                            "type", "type_guidance"]

    /// Template name (without `.md`) → the marks it is filled with.
    public static let filled: [String: Set<String>] = [
        AgentRole.planner.rawValue: ["rules"],
        AgentRole.attacker.rawValue: ["strategy", "rule_id", "rule_text", "rule_direction", "examples"],
        AgentRole.defender.rawValue: ["spec"],
        AgentRole.violator.rawValue: ["rule_id", "rule_text", "rule_direction", "violation"],
        AgentRole.judge.rawValue: ["rule_id", "rule_text", "rule_direction", "pair_kind", "prompt", "chosen", "rejected"],
        "annotate": ["spec", "section", "rule_id", "rule_title", "rule_text"],
        DocumentRole.ideator.template: documentRule,
        DocumentRole.writer.template: documentRule.union(["idea"]),
        DocumentRole.critic.template: documentRule.union(["idea", "document"]),
    ]

    /// The marks of `text` that are not filled for `name`, with their 1-based lines. A mark
    /// is `{{` + a name of letters, digits and `_` + `}}`; other braces are text.
    public static func unknown(in text: String, name: String) -> [(line: Int, mark: String)] {
        guard let known = filled[name] else { return [] }
        var found: [(Int, String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                guard let close = after.range(of: "}}") else { break }
                let mark = after[..<close.lowerBound]
                if !mark.isEmpty, mark.unicodeScalars.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }),
                   !known.contains(String(mark)) {
                    found.append((index + 1, String(mark)))
                }
                rest = after[close.upperBound...]
            }
        }
        return found
    }
}
