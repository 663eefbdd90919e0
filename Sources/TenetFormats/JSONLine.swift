import Foundation
import TenetSpec

/// One JSON object of a JSONL export, written compactly with its keys sorted by their
/// UTF-8 bytes. Each field's value is written as it is set, into a buffer kept from line
/// to line; `finish` puts the fields in key order. No tree of values is built: building
/// one per line (and Foundation's writer before it) was most of an export's time.
struct JSONLine {
    private var values: [UInt8] = []
    /// Keys are literals: compared by address line to line, never reference-counted.
    private var fields: [(key: StaticString, range: Range<Int>)] = []

    init() {
        values.reserveCapacity(4_096)
        fields.reserveCapacity(16)
    }

    /// Starts a new line, keeping the buffers.
    mutating func reset() {
        values.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
    }

    /// A field whose value `write` appends as JSON text. A key set twice keeps the last.
    mutating func field(_ key: StaticString, _ write: (inout [UInt8]) -> Void) {
        let start = values.count
        write(&values)
        fields.append((key, start..<values.count))
    }

    mutating func string(_ key: StaticString, _ value: String) { field(key) { JSONString.append(value, to: &$0) } }

    mutating func int(_ key: StaticString, _ value: Int) { field(key) { $0 += String(value).utf8 } }

    mutating func bool(_ key: StaticString, _ value: Bool) { field(key) { $0 += (value ? "true" : "false").utf8 } }

    mutating func null(_ key: StaticString) { field(key) { $0 += "null".utf8 } }

    /// A field whose value is JSON text as given (a number written as wanted: `1.0`).
    mutating func raw(_ key: StaticString, _ json: String) { field(key) { $0 += json.utf8 } }

    /// The object, fields in key order, appended to `out`.
    ///
    /// Lines of one export set the same keys in the same order: the order found for the
    /// last line is tried first, and the keys sorted (a key set twice keeping its last
    /// value) only when it does not fit.
    mutating func finish(into out: inout [UInt8]) {
        if !fitsLastOrder() {
            lastKeys = fields.map(\.key)
            let keys = fields.map { $0.key.description }
            let kept = fields.indices.filter { k in !keys[(k + 1)...].contains(keys[k]) }
            lastOrder = kept.sorted { Self.precedes(keys[$0], keys[$1]) }
            // What goes before each value: `{"key":`, `,"key":`, … escaped once per export.
            lastPrefixes = lastOrder.enumerated().map { k, index in
                var prefix: [UInt8] = [k == 0 ? 0x7B : 0x2C]
                JSONString.append(keys[index], to: &prefix)
                prefix.append(0x3A)
                return prefix
            }
        }
        if lastOrder.isEmpty { out.append(0x7B) }
        values.withUnsafeBufferPointer { values in
            for (index, prefix) in zip(lastOrder, lastPrefixes) {
                out.append(contentsOf: prefix)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: values[fields[index].range]))
            }
        }
        out.append(0x7D)
    }

    private var lastKeys: [StaticString] = []
    private var lastOrder: [Int] = []
    private var lastPrefixes: [[UInt8]] = []

    private func fitsLastOrder() -> Bool {
        guard fields.count == lastKeys.count else { return false }
        for (field, key) in zip(fields, lastKeys) where !Self.same(field.key, key) { return false }
        return true
    }

    /// The same literal (by address; a one-character literal may be held as its scalar).
    private static func same(_ a: StaticString, _ b: StaticString) -> Bool {
        guard a.hasPointerRepresentation, b.hasPointerRepresentation else { return a.description == b.description }
        return a.utf8Start == b.utf8Start && a.utf8CodeUnitCount == b.utf8CodeUnitCount
    }

    /// A JSON array of strings.
    static func strings(_ items: [String], into out: inout [UInt8]) {
        out.append(0x5B)
        for (k, item) in items.enumerated() {
            if k > 0 { out.append(0x2C) }
            JSONString.append(item, to: &out)
        }
        out.append(0x5D)
    }

    /// Byte order of the UTF-8 text, with memcmp where the text is contiguous (always, for
    /// native strings).
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                guard let p = x.baseAddress, let q = y.baseAddress else { return x.count < y.count }
                let common = memcmp(p, q, min(x.count, y.count))
                return common != 0 ? common < 0 : x.count < y.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
