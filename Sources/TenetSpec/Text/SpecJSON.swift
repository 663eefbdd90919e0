import Foundation

/// Specs as `tenet parse --json` prints them, written straight into bytes: the same text
/// Foundation's `JSONEncoder` makes of `[Spec]` with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes` (keys in sorted order, `"key" : value`, two-space indents, an
/// empty collection as an open line), without building its tree of boxed values. Only a
/// rule's free-form `attributes` go through `JSONEncoder`, so their keys sort as it sorts.
public enum SpecJSON {
    public static func encode(_ specs: [Spec]) -> String {
        var w = Writer()
        w.out.reserveCapacity(specs.reduce(0) { $0 + $1.rules.reduce(0) { $0 + $1.text.utf8.count * 2 + 1024 } } + 4096)
        w.array(specs) { w, spec in w.spec(spec) }
        return String(decoding: w.out, as: UTF8.self)
    }

    struct Writer {
        var out: [UInt8] = []
        /// For each open container: whether nothing has been written in it yet.
        private var empty: [Bool] = []

        // MARK: containers

        mutating func object(_ body: (inout Writer) -> Void) {
            open(0x7B)
            body(&self)
            close(0x7D)
        }

        mutating func array<T>(_ items: [T], _ write: (inout Writer, T) -> Void) {
            open(0x5B)
            for item in items {
                nextItem()
                write(&self, item)
            }
            close(0x5D)
        }

        private mutating func open(_ bracket: UInt8) {
            out.append(bracket)
            empty.append(true)
        }

        private mutating func close(_ bracket: UInt8) {
            let wasEmpty = empty.removeLast()
            out.append(0x0A)
            if wasEmpty { out.append(0x0A) }
            indent()
            out.append(bracket)
        }

        private mutating func nextItem() {
            if !empty[empty.count - 1] { out.append(0x2C) }
            empty[empty.count - 1] = false
            out.append(0x0A)
            indent()
        }

        private mutating func indent() {
            for _ in 0..<empty.count { out.append(0x20); out.append(0x20) }
        }

        mutating func key(_ name: StaticString) {
            nextItem()
            out.append(0x22)
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: [0x22, 0x20, 0x3A, 0x20])
        }

        // MARK: fields

        mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
        mutating func field(_ name: StaticString, _ value: String?) { if let value { field(name, value) } }
        mutating func field(_ name: StaticString, _ value: Int) { key(name); out.append(contentsOf: String(value).utf8) }
        mutating func field(_ name: StaticString, _ value: Int?) { if let value { field(name, value) } }
        mutating func field(_ name: StaticString, _ value: Bool) { key(name); out.append(contentsOf: (value ? "true" : "false").utf8) }
        mutating func field(_ name: StaticString, _ value: [String]) { key(name); array(value) { w, s in w.string(s) } }
        mutating func field<T: RawRepresentable>(_ name: StaticString, _ value: T?) where T.RawValue == String {
            if let value { field(name, value.rawValue) }
        }

        /// A JSON string as `JSONEncoder` writes it: `"` and `\` escaped, `\b \f \n \r \t`
        /// short, other controls as `\u00xx`, everything else (`/`, non-ASCII) as it is.
        mutating func string(_ value: String) { JSONString.append(value, to: &out, shortEscapes: true) }

        // MARK: the model

        mutating func spec(_ spec: Spec) {
            object { w in
                w.field("anchors", spec.anchors)
                w.field("description", spec.description)
                w.key("diagnostics"); w.array(spec.diagnostics) { w, d in w.diagnostic(d) }
                w.field("dialect", spec.dialect.rawValue)
                w.field("id", spec.id)
                w.key("parameters"); w.array(spec.parameters) { w, p in w.parameter(p) }
                w.key("references"); w.array(spec.references) { w, r in
                    w.object { w in w.field("id", r.id); w.field("line", r.line) }
                }
                w.key("rules"); w.array(spec.rules) { w, r in w.rule(r) }
                w.key("sections"); w.array(spec.sections) { w, s in w.section(s) }
                w.field("source", spec.source)
                w.field("title", spec.title)
            }
        }

        mutating func diagnostic(_ d: Diagnostic) {
            object { w in
                w.field("code", d.code)
                w.field("column", d.column)
                w.field("file", d.file)
                w.field("line", d.line)
                w.field("message", d.message)
                w.field("severity", d.severity.rawValue)
            }
        }

        mutating func parameter(_ p: Parameter) {
            object { w in
                w.field("default", p.defaultValue)
                w.field("description", p.description)
                w.field("line", p.line)
                w.field("name", p.name)
                w.field("values", p.values)
            }
        }

        mutating func section(_ s: Section) {
            object { w in
                w.field("endLine", s.endLine)
                w.field("id", s.id)
                w.field("level", s.level)
                w.field("line", s.line)
                w.field("rules", s.rules)
                w.key("sections"); w.array(s.sections) { w, s in w.section(s) }
                w.field("title", s.title)
            }
        }

        mutating func rule(_ r: Rule) {
            object { w in
                w.key("attributes"); w.attributes(r.attributes)
                w.field("authority", r.authority)
                w.field("commentary", r.commentary)
                w.field("concreteness", r.concreteness)
                w.field("context", r.context)
                w.field("direction", r.direction)
                w.field("directionReason", r.directionReason)
                w.field("endLine", r.endLine)
                w.key("examples"); w.array(r.examples) { w, e in w.example(e) }
                w.field("exceptions", r.exceptions)
                w.field("explicitID", r.explicitID)
                w.field("family", r.family)
                w.field("id", r.id)
                w.field("kind", r.kind.rawValue)
                w.field("kindReason", r.kindReason)
                w.field("leadIn", r.leadIn)
                w.field("line", r.line)
                w.field("parent", r.parent)
                w.field("path", r.path)
                w.field("placeholders", r.placeholders)
                w.field("priority", r.priority)
                w.field("rationale", r.rationale)
                w.field("references", r.references)
                w.field("scope", r.scope)
                w.field("tags", r.tags)
                w.field("text", r.text)
                w.field("title", r.title)
            }
        }

        mutating func example(_ e: Example) {
            object { w in
                w.field("comparison", e.comparison)
                w.field("line", e.line)
                w.field("reason", e.reason)
                w.field("sourceVerdict", e.sourceVerdict)
                w.field("title", e.title)
                w.key("turns"); w.array(e.turns) { w, t in
                    w.object { w in w.field("content", t.content); w.field("name", t.name); w.field("role", t.role) }
                }
                w.field("verdict", e.verdict.rawValue)
                w.field("violates", e.violates)
            }
        }

        /// Free-form keys: sorted and written by `JSONEncoder` itself, indented to fit.
        mutating func attributes(_ attributes: [String: String]) {
            guard !attributes.isEmpty else { object { _ in }; return }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(attributes) else { object { _ in }; return }
            for byte in data {
                out.append(byte)
                if byte == 0x0A { indent() }
            }
        }
    }
}
