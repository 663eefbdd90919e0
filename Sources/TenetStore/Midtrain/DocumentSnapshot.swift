import TenetSpec

extension DocumentRecord {
    /// The record back from its stored snapshot, read field by field (what ``SnapshotCoding``
    /// wrote from its Codable form); `nil` when a required field is missing or of the wrong
    /// type, and the caller decodes it through Codable instead. Reading through Codable was
    /// most of an export's time.
    init?(snapshot: Snapshot) {
        guard case .string(let id)? = snapshot["document.id"], case .string(let spec)? = snapshot["document.spec"],
              case .string(let type)? = snapshot["document.type"], case .string(let idea)? = snapshot["document.idea"],
              case .string(let text)? = snapshot["document.text"], case .array(let rules)? = snapshot["document.rules"],
              case .object(let fields)? = snapshot["document.provenance"], let provenance = DocumentProvenance(json: fields),
              case .string(let state)? = snapshot["state"] else { return nil }
        let ids = rules.compactMap(\.stringValue)
        guard ids.count == rules.count else { return nil }
        self.init(document: MidtrainDocument(id: id, spec: spec, specRevision: snapshot["document.specRevision"]?.intValue,
                                             instantiation: snapshot["document.instantiation"]?.stringValue, rules: ids, type: type,
                                             idea: idea, text: text, provenance: provenance),
                  state: DocumentStatus(rawValue: state) ?? .pending)
        self.state = state
        decidedBy = snapshot["decidedBy"]?.stringValue
        decidedAt = snapshot["decidedAt"]?.stringValue
        note = snapshot["note"]?.stringValue
        original = snapshot["original"]?.stringValue
        if case .bool(let removed)? = snapshot["removed"] { self.removed = removed }
    }
}

extension DocumentProvenance {
    init?(json fields: [String: JSONValue]) {
        guard case .string(let generator)? = fields["generator"] else { return nil }
        var templates: [String: String]?
        if case .object(let map)? = fields["templates"] { templates = map.compactMapValues(\.stringValue) }
        var checks: [DocumentCheck]?
        if case .array(let list)? = fields["checks"] {
            checks = list.compactMap { item in
                guard case .object(let c) = item, let name = c["gate"]?.stringValue, let gate = DocumentCheck.Gate(rawValue: name),
                      case .bool(let passed)? = c["passed"], let reason = c["reason"]?.stringValue, let by = c["by"]?.stringValue else { return nil }
                return DocumentCheck(gate, passed: passed, reason: reason, by: by)
            }
        }
        var exchanges: [Exchange]?
        if case .array(let list)? = fields["exchanges"] {
            exchanges = list.compactMap { item in
                guard case .object(let e) = item, let role = e["role"]?.stringValue, let request = e["request"]?.stringValue,
                      let response = e["response"]?.stringValue else { return nil }
                return Exchange(role: role, request: request, response: response, status: e["status"]?.intValue)
            }
        }
        self.init(generator: generator, model: fields["model"]?.stringValue, seed: fields["seed"]?.stringValue,
                  createdAt: fields["createdAt"]?.stringValue, templates: templates, critic: fields["critic"]?.stringValue,
                  checks: checks, exchanges: exchanges)
    }
}
