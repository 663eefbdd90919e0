import TenetSpec

extension PreferencePair {
    /// The pair as a stored snapshot: the same fields and values as its Codable form
    /// (absent optionals left out), built directly — the Codable round trip through
    /// Foundation was most of an import's time.
    var snapshot: Snapshot {
        var fields: Snapshot = [
            "id": .string(id),
            "rules": .array(rules.map(JSONValue.string)),
            "prompt": .array(prompt.map(\.json)),
            "chosen": .string(chosen),
            "rejected": .string(rejected),
            "provenance": provenance.json,
        ]
        if let spec { fields["spec"] = .string(spec) }
        if let specRevision { fields["specRevision"] = .number(Double(specRevision)) }
        if let instantiation { fields["instantiation"] = .string(instantiation) }
        if let strategy { fields["strategy"] = .string(strategy) }
        return fields
    }
}

extension Turn {
    var json: JSONValue {
        var fields: [String: JSONValue] = ["role": .string(role), "content": .string(content)]
        if let name { fields["name"] = .string(name) }
        return .object(fields)
    }
}

extension Provenance {
    var json: JSONValue {
        var fields: [String: JSONValue] = ["generator": .string(generator)]
        if let model { fields["model"] = .string(model) }
        if let seed { fields["seed"] = .string(seed) }
        if let createdAt { fields["createdAt"] = .string(createdAt) }
        if let templates { fields["templates"] = .object(templates.mapValues(JSONValue.string)) }
        if let judge { fields["judge"] = .string(judge) }
        if let exchanges { fields["exchanges"] = .array(exchanges.map(\.json)) }
        if let source { fields["source"] = .string(source) }
        if let format { fields["format"] = .string(format) }
        return .object(fields)
    }
}

extension Exchange {
    var json: JSONValue {
        var fields: [String: JSONValue] = ["role": .string(role), "request": .string(request), "response": .string(response)]
        if let status { fields["status"] = .number(Double(status)) }
        return .object(fields)
    }
}
