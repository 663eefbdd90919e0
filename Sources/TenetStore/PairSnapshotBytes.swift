import TenetSpec

/// A pair's stored snapshot written straight to canonical JSON bytes: the same text as
/// `SnapshotCoding.encode(pair.snapshot)` (``PreferencePair/snapshot``, keys sorted,
/// absent optionals left out), without building a dictionary per pair, per prompt turn and
/// for the provenance — that and hashing their keys was a sixth of an import's CPU.
/// `PairSnapshotBytesTests` check the two agree on random pairs.
enum PairSnapshotBytes {
    /// The snapshot's field names, sorted and joined with commas (a first revision's
    /// `changed` column).
    static func changed(_ pair: PreferencePair) -> String {
        var names = "chosen,id"
        if pair.instantiation != nil { names += ",instantiation" }
        names += ",prompt,provenance,rejected,rules"
        if pair.spec != nil { names += ",spec" }
        if pair.specRevision != nil { names += ",specRevision" }
        if pair.strategy != nil { names += ",strategy" }
        return names
    }

    /// Appends the snapshot's canonical JSON to `out`.
    static func append(_ pair: PreferencePair, to out: inout [UInt8]) {
        var object = ObjectWriter()
        object.string("chosen", pair.chosen, &out)
        object.string("id", pair.id, &out)
        object.string("instantiation", pair.instantiation, &out)
        object.field("prompt", &out)
        array(pair.prompt, &out) { turn, out in
            var fields = ObjectWriter()
            fields.string("content", turn.content, &out)
            fields.string("name", turn.name, &out)
            fields.string("role", turn.role, &out)
            fields.close(&out)
        }
        object.field("provenance", &out)
        append(pair.provenance, to: &out)
        object.string("rejected", pair.rejected, &out)
        object.field("rules", &out)
        array(pair.rules, &out) { rule, out in JSONString.append(rule, to: &out) }
        object.string("spec", pair.spec, &out)
        if let specRevision = pair.specRevision {
            object.field("specRevision", &out)
            JSONValue.writeNumber(Double(specRevision), into: &out)
        }
        object.string("strategy", pair.strategy, &out)
        object.close(&out)
    }

    private static func append(_ provenance: Provenance, to out: inout [UInt8]) {
        var object = ObjectWriter()
        if let checks = provenance.checks {
            object.field("checks", &out)
            array(checks, &out) { check, out in check.json.write(into: &out) }
        }
        object.string("createdAt", provenance.createdAt, &out)
        if let exchanges = provenance.exchanges {
            object.field("exchanges", &out)
            array(exchanges, &out) { exchange, out in exchange.json.write(into: &out) }
        }
        object.string("format", provenance.format, &out)
        object.string("generator", provenance.generator, &out)
        object.string("judge", provenance.judge, &out)
        object.string("model", provenance.model, &out)
        object.string("seed", provenance.seed, &out)
        object.string("source", provenance.source, &out)
        if let templates = provenance.templates {
            object.field("templates", &out)
            JSONValue.object(templates.mapValues(JSONValue.string)).write(into: &out)
        }
        object.close(&out)
    }

    private static func array<T>(_ items: [T], _ out: inout [UInt8], _ write: (T, inout [UInt8]) -> Void) {
        out.append(0x5B)
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(0x2C) }
            write(item, &out)
        }
        out.append(0x5D)
    }

    /// Writes `{`, `,` and `"name":` between an object's fields; the names are written in
    /// sorted order by the caller, and need no escaping.
    private struct ObjectWriter {
        var empty = true

        mutating func field(_ name: StaticString, _ out: inout [UInt8]) {
            out.append(empty ? 0x7B : 0x2C)
            empty = false
            out.append(0x22)
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(0x22)
            out.append(0x3A)
        }

        /// A field holding text; nothing when it is absent.
        mutating func string(_ name: StaticString, _ value: String?, _ out: inout [UInt8]) {
            guard let value else { return }
            field(name, &out)
            JSONString.append(value, to: &out)
        }

        func close(_ out: inout [UInt8]) {
            if empty { out.append(0x7B) }
            out.append(0x7D)
        }
    }
}
