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
        if let checks { fields["checks"] = .array(checks.map(\.json)) }
        if let exchanges { fields["exchanges"] = .array(exchanges.map(\.json)) }
        if let source { fields["source"] = .string(source) }
        if let format { fields["format"] = .string(format) }
        return .object(fields)
    }
}

extension QualityCheck {
    var json: JSONValue {
        .object(["gate": .string(gate.rawValue), "passed": .bool(passed), "reason": .string(reason), "by": .string(by)])
    }

    init?(json: JSONValue) {
        guard case .object(let fields) = json, let name = fields["gate"]?.stringValue, let gate = Gate(rawValue: name),
              case .bool(let passed)? = fields["passed"], let reason = fields["reason"]?.stringValue,
              let by = fields["by"]?.stringValue else { return nil }
        self.init(gate, passed: passed, reason: reason, by: by)
    }
}

extension Exchange {
    var json: JSONValue {
        var fields: [String: JSONValue] = ["role": .string(role), "request": .string(request), "response": .string(response)]
        if let status { fields["status"] = .number(Double(status)) }
        return .object(fields)
    }
}

extension PreferencePair {
    /// The pair back from its stored snapshot, read directly (the inverse of ``snapshot``);
    /// `nil` when a required field is missing or of the wrong type. Review fields
    /// (`decisions.*`, `original.*`, …) are ignored.
    init?(snapshot: Snapshot) {
        guard case .string(let id)? = snapshot["id"], case .string(let chosen)? = snapshot["chosen"],
              case .string(let rejected)? = snapshot["rejected"], case .array(let turns)? = snapshot["prompt"],
              case .object(let provenance)? = snapshot["provenance"], let source = Provenance(json: provenance) else { return nil }
        var prompt: [Turn] = []
        for case .object(let turn) in turns {
            guard case .string(let role)? = turn["role"], case .string(let content)? = turn["content"] else { return nil }
            prompt.append(Turn(role: role, content: content, name: turn["name"]?.stringValue))
        }
        guard prompt.count == turns.count else { return nil }
        var rules: [String] = []
        if case .array(let list)? = snapshot["rules"] { rules = list.compactMap(\.stringValue) }
        self.init(id: id, spec: snapshot["spec"]?.stringValue, specRevision: snapshot["specRevision"]?.intValue,
                  instantiation: snapshot["instantiation"]?.stringValue, rules: rules, prompt: prompt, chosen: chosen,
                  rejected: rejected, strategy: snapshot["strategy"]?.stringValue, provenance: source)
    }
}

extension Provenance {
    init?(json fields: [String: JSONValue]) {
        guard case .string(let generator)? = fields["generator"] else { return nil }
        var templates: [String: String]?
        if case .object(let map)? = fields["templates"] { templates = map.compactMapValues(\.stringValue) }
        var exchanges: [Exchange]?
        if case .array(let list)? = fields["exchanges"] {
            exchanges = list.compactMap { item in
                guard case .object(let e) = item, let role = e["role"]?.stringValue, let request = e["request"]?.stringValue,
                      let response = e["response"]?.stringValue else { return nil }
                return Exchange(role: role, request: request, response: response, status: e["status"]?.intValue)
            }
        }
        var checks: [QualityCheck]?
        if case .array(let list)? = fields["checks"] { checks = list.compactMap(QualityCheck.init(json:)) }
        self.init(generator: generator, model: fields["model"]?.stringValue, seed: fields["seed"]?.stringValue,
                  createdAt: fields["createdAt"]?.stringValue, templates: templates, judge: fields["judge"]?.stringValue,
                  checks: checks, exchanges: exchanges, source: fields["source"]?.stringValue, format: fields["format"]?.stringValue)
    }
}

extension JSONValue {
    /// The text of a string; `nil` for anything else.
    public var stringValue: String? { if case .string(let text) = self { return text } else { return nil } }
    /// A whole number that fits (below 10^15); `nil` for anything else.
    public var intValue: Int? { if case .number(let n) = self, n.rounded() == n, abs(n) < 1e15 { return Int(n) } else { return nil } }
}

extension ReviewDecision {
    /// A stored decision read field by field, as strictly as its Codable form (a field of
    /// the wrong type makes it unreadable) — decoding through `JSONDecoder` was most of
    /// the rest of an export's time.
    init?(json: JSONValue) {
        guard case .object(let fields) = json, let raw = fields["decision"]?.stringValue, let decision = Decision(rawValue: raw),
              let at = fields["at"]?.stringValue else { return nil }
        func optional<T>(_ key: String, _ read: (JSONValue) -> T?) -> T?? {
            guard let value = fields[key], value != .null else { return .some(nil) }
            return read(value).map { .some($0) } ?? nil
        }
        guard let note = optional("note", \.stringValue),
              let blind = optional("blind", { if case .bool(let flag) = $0 { flag } else { nil } }),
              let rules = optional("rules", { value -> [String: Int]? in
                  guard case .object(let revisions) = value else { return nil }
                  var out: [String: Int] = [:]
                  for (key, revision) in revisions {
                      guard let number = revision.intValue else { return nil }
                      out[key] = number
                  }
                  return out
              }),
              let answers = optional("answers", \.stringValue),
              let textRevision = optional("textRevision", \.intValue) else { return nil }
        self.init(decision: decision, note: note, at: at, blind: blind, rules: rules, answers: answers, textRevision: textRevision)
    }

    /// As a pair's snapshot stores it (what its Codable form encodes, absent fields left
    /// out), built directly: through `JSONEncoder` it was a twentieth of a decision's time.
    var json: JSONValue {
        var fields: [String: JSONValue] = ["decision": .string(decision.rawValue), "at": .string(at)]
        if let note { fields["note"] = .string(note) }
        if let blind { fields["blind"] = .bool(blind) }
        if let rules { fields["rules"] = .object(rules.mapValues { .number(Double($0)) }) }
        if let answers { fields["answers"] = .string(answers) }
        if let textRevision { fields["textRevision"] = .number(Double(textRevision)) }
        return .object(fields)
    }
}
