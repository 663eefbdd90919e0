import Foundation

/// A stored snapshot as canonical JSON text per field, without parsing the values.
///
/// Snapshots are written by ``JSONValue/write(into:)``: compact, keys sorted. Equal values
/// therefore have equal text, so an edit that sets a few fields can compare and replace
/// them as text. This keeps annotation edits — the annotators' hot path — from parsing
/// and re-encoding a rule's examples on every keystroke that saves.
struct RawSnapshot: Sendable {
    /// Field → its value's JSON text.
    var fields: [String: String]

    /// Splits a flat JSON object into its fields. Returns `nil` for anything else.
    init?(text: String) {
        var fields: [String: String] = [:]
        var text = text
        let ok = text.withUTF8 { b -> Bool in
            var i = 0
            func skipSpace() { while i < b.count, isASCIIWhitespaceByte(b[i]) { i += 1 } }
            /// Index just past the JSON string starting at `i` (which is `"`).
            func endOfString(_ start: Int) -> Int? {
                var k = start + 1
                while k < b.count {
                    if b[k] == 0x5C { k += 2; continue }
                    if b[k] == 0x22 { return k + 1 }
                    k += 1
                }
                return nil
            }
            skipSpace()
            guard i < b.count, b[i] == 0x7B else { return false }
            i += 1
            skipSpace()
            if i < b.count, b[i] == 0x7D { return true }
            while i < b.count {
                skipSpace()
                guard b[i] == 0x22, let keyEnd = endOfString(i) else { return false }
                let keyBytes = UnsafeBufferPointer(rebasing: b[(i + 1)..<(keyEnd - 1)])
                let key: String
                if !keyBytes.contains(0x5C) {
                    key = String(decoding: keyBytes, as: UTF8.self)   // field names have no escapes
                } else if let decoded = try? JSONDecoder().decode(String.self, from: Data(UnsafeBufferPointer(rebasing: b[i..<keyEnd]))) {
                    key = decoded
                } else {
                    return false
                }
                i = keyEnd
                skipSpace()
                guard i < b.count, b[i] == 0x3A else { return false }
                i += 1
                skipSpace()
                let valueStart = i
                var depth = 0
                while i < b.count {
                    let c = b[i]
                    if c == 0x22 { guard let end = endOfString(i) else { return false }; i = end; continue }
                    if c == 0x7B || c == 0x5B { depth += 1 }
                    else if c == 0x7D || c == 0x5D {
                        if depth == 0 { break }
                        depth -= 1
                    } else if c == 0x2C, depth == 0 { break }
                    i += 1
                }
                var valueEnd = i
                while valueEnd > valueStart, isASCIIWhitespaceByte(b[valueEnd - 1]) { valueEnd -= 1 }
                fields[key] = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<valueEnd]), as: UTF8.self)
                guard i < b.count else { return false }
                if b[i] == 0x7D { return true }
                i += 1   // ,
            }
            return false
        }
        guard ok else { return nil }
        self.fields = fields
    }

    /// The object as canonical JSON text (keys sorted as ``JSONValue`` writes them).
    var text: String {
        var out = "{"
        out.reserveCapacity(fields.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 4 })
        for (k, key) in fields.keys.sorted().enumerated() {
            if k > 0 { out += "," }
            // Field names are plain (`annotations.kind`): quoted as they are, as the writer would.
            if key.utf8.allSatisfy(isPlainNameByte) { out += "\"" + key + "\":" } else { out += JSONValue.string(key).description + ":" }
            out += fields[key] ?? "null"
        }
        return out + "}"
    }

    /// Sets and clears fields (a field both cleared and set is set), as
    /// ``RawSnapshotPatch/patch(_:setting:clearing:reading:)`` does for canonical text.
    func patched(setting: [String: String], clearing: [String], reading: [String]) -> RawSnapshotPatch.Result {
        var new = self
        for field in clearing { new.fields.removeValue(forKey: field) }
        for (field, value) in setting { new.fields[field] = value }
        let changed = Set(fields.keys).union(new.fields.keys).filter { fields[$0] != new.fields[$0] }.sorted()
        var read: [String: String] = [:]
        for field in reading { read[field] = new.fields[field] }
        return RawSnapshotPatch.Result(text: new.text, changed: changed, read: read)
    }

    /// A field's value, parsed (for the few fields a caller needs).
    func value(_ field: String) -> JSONValue? {
        fields[field].flatMap(Self.value(raw:))
    }

    /// A field's value parsed from its JSON text.
    static func value(raw: String) -> JSONValue? {
        let bytes = raw.utf8
        // Plain strings, `true`, `false` and `null` need no parser.
        if bytes.first == 0x22, bytes.last == 0x22, bytes.count >= 2, !bytes.contains(0x5C) {
            return .string(String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self))
        }
        switch raw {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: return try? JSONValue.parse(Data(bytes))
        }
    }
}

@inline(__always)
func isASCIIWhitespaceByte(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}

/// Letters, digits, `.`, `_` and `-`: bytes JSON writes inside a string as they are.
@inline(__always)
func isPlainNameByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
        || byte == 0x2E || byte == 0x5F || byte == 0x2D
}
