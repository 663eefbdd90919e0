/// Checks a spec for the problems a policy author should fix before it is used:
/// duplicate IDs, broken references, examples naming unknown rules, unclassified rules,
/// missing examples and rationale, and parameters that are undeclared, unused or have
/// no value. Each check is a ``Diagnostic`` with a stable `code`.
public enum Linter {
    /// The reader's diagnostics and the linter's, in line order.
    public static func lint(_ spec: Spec) -> [Diagnostic] {
        var out = spec.diagnostics
        let file = spec.source
        func report(_ line: Int, _ severity: Diagnostic.Severity, _ code: String, _ message: String) {
            out.append(Diagnostic(file: file, line: line, severity: severity, code: code, message: message))
        }

        // IDs: one namespace for rules and sections, as links can target either.
        var firstUse: [String: (what: String, line: Int)] = [:]
        func claim(_ id: String, _ what: String, _ line: Int) {
            if let earlier = firstUse[id] {
                report(line, .error, "duplicate-id", "ID `\(id)` of this \(what) is already used by the \(earlier.what) at line \(earlier.line)")
            } else {
                firstUse[id] = (what, line)
            }
        }
        var sectionStack = spec.sections[...].reversed().map { $0 }
        var sections: [Section] = []
        while let section = sectionStack.popLast() {
            sections.append(section)
            sectionStack.append(contentsOf: section.sections.reversed())
        }
        var targets: [(id: String, what: String, line: Int)] = sections.map { ($0.id, "section", $0.line) }
        targets += spec.rules.map { ($0.id, "rule", $0.line) }
        for target in targets.sorted(by: { $0.line < $1.line }) where spec.dialect != .specBenchJSON || target.what == "rule" {
            claim(target.id, target.what, target.line)
        }
        let known = Set(targets.map(\.id)).union([spec.id]).union(spec.anchors)

        // Parameters.
        let declared = Dictionary(spec.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = Set(InlineScan.placeholders(in: spec.description))
        for parameter in spec.parameters {
            if let value = parameter.defaultValue, !parameter.values.isEmpty, !parameter.values.contains(value) {
                report(parameter.line, .error, "bad-default",
                       "default `\(value)` of parameter `\(parameter.name)` is not one of its values (\(parameter.values.joined(separator: ", ")))")
            }
        }

        for reference in spec.references where !known.contains(reference.id) {
            report(reference.line, .error, "broken-reference",
                   "link to `#\(reference.id)`, which is neither a rule nor a section of this spec")
        }
        for rule in spec.rules {
            for example in rule.examples {
                // A BAD answer may name a section — the Model Spec's `BAD[#chain_of_command]`
                // says which part of the spec it breaks.
                for id in example.violates where !known.contains(id) {
                    report(example.line, .error, "unknown-rule-in-example",
                           "example “\(example.title)” of rule \(rule.id) names `\(id)`, which is neither a rule nor a section of this spec")
                }
                if example.verdict == .unspecified {
                    report(example.line, .warning, "example-without-verdict",
                           "example “\(example.title)” of rule \(rule.id) has no verdict; mark it GOOD, BAD or BORDERLINE")
                }
            }
            for name in rule.placeholders {
                used.insert(name)
                guard let parameter = declared[name] else {
                    report(rule.line, .error, "undeclared-parameter",
                           "rule \(rule.id) uses `{{\(name)}}`, but no parameter `\(name)` is declared; add it to the Parameters table")
                    continue
                }
                if parameter.defaultValue == nil && parameter.values.isEmpty {
                    report(parameter.line, .error, "parameter-without-value",
                           "parameter `\(name)` is used by rule \(rule.id) but has neither a default nor allowed values")
                }
            }
            switch rule.kind {
            case .unclassified:
                report(rule.line, .warning, "unclassified-rule",
                       "rule \(rule.id) is neither safety nor behavioral; add kind=safety or kind=behavioral")
            case .safety:
                if !rule.examples.contains(where: { $0.verdict == .bad }) && !rule.examples.isEmpty {
                    report(rule.line, .warning, "safety-without-bad-example",
                           "safety rule \(rule.id) has no BAD example showing what crossing the line looks like")
                }
                if rule.rationale == nil {
                    report(rule.line, .warning, "safety-without-rationale",
                           "safety rule \(rule.id) has no rationale; say which value it protects (**Rationale:** …)")
                }
            case .behavioral:
                break
            }
            if rule.examples.isEmpty {
                report(rule.line, .warning, "no-examples", "rule \(rule.id) has no boundary example")
            }
        }
        if spec.rules.isEmpty {
            report(1, .warning, "no-rules", Linter.noRules)
        }
        out += directionUnknown(spec)
        for parameter in spec.parameters where !used.contains(parameter.name) {
            report(parameter.line, .warning, "unused-parameter", "parameter `\(parameter.name)` is declared but no rule uses `{{\(parameter.name)}}`")
        }
        var seen = Set<Diagnostic>()
        return out
            .filter { seen.insert($0).inserted }
            .sorted { ($0.line, $0.column, $0.severity, $0.code) < ($1.line, $1.column, $1.severity, $1.code) }
    }
}

extension Linter {
    /// `no-rules`: what to do about a file in which no rule was found.
    public static let noRules = "no rules found, so there is nothing to annotate or generate from; rules are headings with "
        + "{#id kind=…}, bullets under a Safety or Behavioral heading, or requirement sentences (must, should, never …) "
        + "in prose: see docs/specs.md"

    /// `direction-unknown`: a rule with no direction whose text is a bare behaviour
    /// (“Provide serious uplift to …”). Rendered into a prompt it reads as an instruction to
    /// do exactly what the spec may forbid, so instances leave it out until it is annotated.
    static func directionUnknown(_ spec: Spec) -> [Diagnostic] {
        spec.rules.filter { Instantiator.needsDirection($0, in: spec.dialect) }.map { rule in
            let shown = rule.title.count > 60 ? String(rule.title.prefix(59)) + "…" : rule.title
            return Diagnostic(file: spec.source, line: rule.line, severity: .error, code: "direction-unknown",
                              message: "rule \(rule.id) (“\(shown)”) does not say whether it is required or prohibited, and a model "
                                + "would read it as an instruction; give it a lead-in such as “The assistant should never:”, "
                                + "direction=prohibit|require, or run `tenet rule set \(rule.id) --direction prohibit` (d in the workbench)")
        }
    }
}
