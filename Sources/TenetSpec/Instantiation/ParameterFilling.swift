extension Spec {
    /// The values a spec's own text reads with when no instance chose any: each
    /// parameter's default (a parameter without one keeps its `{{placeholder}}`).
    public var defaultParameterValues: [String: String] {
        Dictionary(parameters.compactMap { p in p.defaultValue.map { (p.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The spec with `values` in the `{{placeholders}}` of its rules — their text,
    /// rationale, scope, exceptions and examples — so that what is written from a rule
    /// (a midtraining document, say) reads as a deployment would, not as a template.
    public func filled(with values: [String: String]) -> Spec {
        guard !values.isEmpty else { return self }
        func fill(_ text: String) -> String { Instantiator.fill(text, values) }
        var copy = self
        for index in copy.rules.indices {
            var rule = copy.rules[index]
            rule.text = fill(rule.text)
            rule.rationale = rule.rationale.map(fill)
            rule.scope = rule.scope.map(fill)
            rule.exceptions = rule.exceptions.map(fill)
            for e in rule.examples.indices {
                for t in rule.examples[e].turns.indices { rule.examples[e].turns[t].content = fill(rule.examples[e].turns[t].content) }
            }
            copy.rules[index] = rule
        }
        return copy
    }
}

extension Instantiation {
    /// The parameter values this instance drew or was given.
    public var parameterValues: [String: String] {
        Dictionary(parameters.compactMap { p in p.value.map { (p.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
