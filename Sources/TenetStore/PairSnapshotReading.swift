import TenetSpec

/// What an export needs of a pair's stored snapshot, read straight from its bytes.
///
/// Reading a snapshot the general way builds a dictionary of every field, one per prompt
/// turn and one for the provenance, and then the pair from them — a quarter of an export's
/// time. This walks the snapshot's top-level fields once and builds the pair, its
/// decisions and whether it was edited directly, with the same meaning as
/// ``PreferencePair/init(snapshot:)``, ``ReviewFields/decisions(_:)`` and
/// ``ReviewFields/edited(_:)`` (the tests hold them to it). A snapshot of another shape
/// gives `nil`, and the caller reads it the general way.
struct PairSnapshotFields {
    var pair: PreferencePair
    var decisions: [String: ReviewDecision]
    var edited: Bool

    /// The fields of the snapshot in `bytes`, or `nil` when it is not of the usual shape.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> PairSnapshotFields? {
        var parser = JSONParser(bytes)
        do { return try parser.pairSnapshot() } catch { return nil }
    }
}

extension JSONParser {
    fileprivate mutating func pairSnapshot() throws(Failure) -> PairSnapshotFields? {
        var id: String?, chosen: String?, rejected: String?
        var spec: String?, instantiation: String?, strategy: String?, specRevision: Int?
        var rules: [String] = []
        var prompt: [Turn]?
        var provenance: Provenance?
        var decisions: [String: ReviewDecision] = [:]
        var editedBeforeImport = false
        var originalChosen: JSONValue?, originalRejected: JSONValue?
        var chosenValue: JSONValue = .null, rejectedValue: JSONValue = .null
        var shapeless = false
        try fields { (key: String, parser: inout JSONParser) throws(Failure) in
            switch key {
            case "id": id = try parser.value().stringValue
            case "chosen":
                chosenValue = try parser.value()
                chosen = chosenValue.stringValue
            case "rejected":
                rejectedValue = try parser.value()
                rejected = rejectedValue.stringValue
            case "spec": spec = try parser.value().stringValue
            case "instantiation": instantiation = try parser.value().stringValue
            case "strategy": strategy = try parser.value().stringValue
            case "specRevision": specRevision = try parser.value().intValue
            case "rules":
                if case .array(let list) = try parser.value() { rules = list.compactMap(\.stringValue) } else { rules = [] }
            case "prompt": prompt = try parser.turns()
            case "provenance": provenance = try parser.provenance()
            case ReviewFields.editedBeforeImport: editedBeforeImport = try parser.value() == .bool(true)
            case ReviewFields.originalChosen: originalChosen = ReviewFields.present(try parser.value())
            case ReviewFields.originalRejected: originalRejected = ReviewFields.present(try parser.value())
            default:
                let value = try parser.value()
                guard key.hasPrefix(ReviewFields.decisionPrefix) else { return }
                let name = String(key.dropFirst(ReviewFields.decisionPrefix.count))
                decisions[name] = value == .null ? nil : ReviewDecision(json: value)
            }
        } notAnObject: { shapeless = true }
        guard !shapeless, let id, let chosen, let rejected, let prompt, let provenance else { return nil }
        var edited = editedBeforeImport
        if !edited, let originalChosen, let originalRejected {
            edited = Set([chosenValue, rejectedValue]) != Set([originalChosen, originalRejected])
        }
        let pair = PreferencePair(id: id, spec: spec, specRevision: specRevision, instantiation: instantiation, rules: rules,
                                  prompt: prompt, chosen: chosen, rejected: rejected, strategy: strategy, provenance: provenance)
        return PairSnapshotFields(pair: pair, decisions: decisions, edited: edited)
    }

    /// Calls `body` with each key of the object here, the parser at its value (which `body`
    /// must read); `notAnObject` when there is something else here.
    private mutating func fields(_ body: (String, inout JSONParser) throws(Failure) -> Void,
                                 notAnObject: () -> Void) throws(Failure) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            notAnObject()
            _ = try value()
            return
        }
        try objectFields(body)
    }

    /// A prompt: a list of `{role, content, name?}` objects; `nil` for anything else (as
    /// ``PreferencePair/init(snapshot:)`` refuses it).
    private mutating func turns() throws(Failure) -> [Turn]? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
            _ = try value()
            return nil
        }
        var turns: [Turn] = []
        var wellFormed = true
        try arrayElements { (parser: inout JSONParser) throws(Failure) in
            var role: String?, content: String?, name: String?
            var object = true
            try parser.fields { (key: String, parser: inout JSONParser) throws(Failure) in
                switch key {
                case "role": role = try parser.value().stringValue
                case "content": content = try parser.value().stringValue
                case "name": name = try parser.value().stringValue
                default: _ = try parser.value()
                }
            } notAnObject: { object = false }
            if object, let role, let content { turns.append(Turn(role: role, content: content, name: name)) } else { wellFormed = false }
        }
        return wellFormed ? turns : nil
    }

    /// A provenance object, as ``Provenance/init(json:)`` reads it; `nil` for anything else.
    private mutating func provenance() throws(Failure) -> Provenance? {
        var generator: String?, model: String?, seed: String?, createdAt: String?, judge: String?, source: String?, format: String?
        var templates: JSONValue?, checks: JSONValue?, exchanges: JSONValue?
        var object = true
        try fields { (key: String, parser: inout JSONParser) throws(Failure) in
            switch key {
            case "generator": generator = try parser.value().stringValue
            case "model": model = try parser.value().stringValue
            case "seed": seed = try parser.value().stringValue
            case "createdAt": createdAt = try parser.value().stringValue
            case "judge": judge = try parser.value().stringValue
            case "source": source = try parser.value().stringValue
            case "format": format = try parser.value().stringValue
            case "templates": templates = try parser.value()
            case "checks": checks = try parser.value()
            case "exchanges": exchanges = try parser.value()
            default: _ = try parser.value()
            }
        } notAnObject: { object = false }
        guard object, let generator else { return nil }
        guard templates != nil || checks != nil || exchanges != nil else {
            return Provenance(generator: generator, model: model, seed: seed, createdAt: createdAt, judge: judge, source: source, format: format)
        }
        // The rarer nested fields, read as the general reader reads them.
        var rest: [String: JSONValue] = ["generator": .string(generator)]
        rest["templates"] = templates
        rest["checks"] = checks
        rest["exchanges"] = exchanges
        guard var read = Provenance(json: rest) else { return nil }
        read.model = model
        read.seed = seed
        read.createdAt = createdAt
        read.judge = judge
        read.source = source
        read.format = format
        return read
    }
}
