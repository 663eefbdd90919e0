/// Setting and clearing a few fields of a stored snapshot by merging texts, without
/// splitting the whole object into a dictionary (``RawSnapshot``) and sorting it again.
///
/// A stored snapshot is canonical: compact, its keys sorted and unique. The fields to set
/// and clear are sorted the same way and merged into the stored fields in one pass, so an
/// annotation edit — the annotators' hot path — copies the snapshot's bytes once and
/// compares only the fields it sets. ``patch(_:setting:clearing:reading:)`` answers `nil`
/// whenever the text is not in that exact form (whitespace between fields, keys out of
/// order or repeated, keys that need escapes), and the caller falls back to
/// ``RawSnapshot``, which takes any flat object; both give the same text and changes.
enum RawSnapshotPatch {
    /// The patched snapshot: its canonical text, the fields whose text changed (sorted),
    /// and the new text of each field asked for in `reading` that the result has.
    struct Result: Sendable, Equatable {
        var text: String
        var changed: [String]
        var read: [String: String]
    }

    /// Sets each field of `setting` (field → its value's canonical JSON text) and removes
    /// each of `clearing` (a field both cleared and set is set). `nil` when `text` or a
    /// field name is outside the canonical form this pass takes.
    static func patch(_ text: String, setting: [String: String], clearing: [String],
                      reading: [String]) -> Result? {
        // The edits in key order; `nil` removes the field.
        var edits: [(name: String, key: [UInt8], value: String?)] = []
        edits.reserveCapacity(setting.count + clearing.count)
        for name in Set(clearing) where setting[name] == nil { edits.append((name, Array(name.utf8), nil)) }
        for (name, value) in setting { edits.append((name, Array(name.utf8), value)) }
        guard edits.allSatisfy({ $0.key.allSatisfy(isPlainNameByte) }) else { return nil }
        edits.sort { $0.name < $1.name }
        let wanted = reading.map { (name: $0, key: Array($0.utf8)) }

        var text = text
        return text.withUTF8 { b -> Result? in
            guard let fields = canonicalFields(b) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + edits.reduce(0) { $0 + $1.key.count + ($1.value?.utf8.count ?? 0) + 4 })
            var changed: [String] = []
            var read: [String: String] = [:]
            out.append(0x7B)
            func noteRead(_ key: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) {
                for name in wanted where name.key.withUnsafeBufferPointer({ compare($0, key) }) == 0 {
                    read[name.name] = String(decoding: value, as: UTF8.self)
                }
            }
            // Unchanged fields are copied a run at a time: from a field's opening quote to
            // the end of the last one's value, the commas between them included.
            var run: Range<Int>?
            func flush() {
                guard let r = run else { return }
                if out.count > 1 { out.append(0x2C) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[r]))
                run = nil
            }
            /// Writes edit `e` when it sets a value (`nil`: it removes one); `old` is the
            /// field's text before, if it had one.
            func apply(_ e: Int, old: UnsafeBufferPointer<UInt8>?) {
                flush()
                guard var new = edits[e].value else {
                    if old != nil { changed.append(edits[e].name) }
                    return
                }
                new.withUTF8 { v in
                    edits[e].key.withUnsafeBufferPointer { k in
                        if out.count > 1 { out.append(0x2C) }
                        out.append(0x22); out.append(contentsOf: k); out.append(0x22); out.append(0x3A)
                        out.append(contentsOf: v)
                        noteRead(k, v)
                    }
                    if old.map({ !v.elementsEqual($0) }) ?? true { changed.append(edits[e].name) }
                }
            }
            var e = edits.startIndex
            for field in fields {
                let key = UnsafeBufferPointer(rebasing: b[field.key])
                let value = UnsafeBufferPointer(rebasing: b[field.value])
                // Edits whose field comes before this one: new fields.
                var order = 1
                while e < edits.endIndex {
                    order = edits[e].key.withUnsafeBufferPointer { compare($0, key) }
                    guard order < 0 else { break }
                    apply(e, old: nil)
                    e += 1
                }
                if e < edits.endIndex, order == 0 {
                    apply(e, old: value)
                    e += 1
                } else {
                    run = (run?.lowerBound ?? field.key.lowerBound - 1)..<field.value.upperBound
                    noteRead(key, value)
                }
            }
            while e < edits.endIndex {
                apply(e, old: nil)
                e += 1
            }
            flush()
            out.append(0x7D)
            return Result(text: String(decoding: out, as: UTF8.self), changed: changed, read: read)
        }
    }

    /// The byte ranges of each field's key (inside its quotes) and value, in order, when
    /// `b` is a compact JSON object whose keys are plain and strictly ascending.
    private static func canonicalFields(_ b: UnsafeBufferPointer<UInt8>) -> [(key: Range<Int>, value: Range<Int>)]? {
        guard b.count >= 2, b[0] == 0x7B, b[b.count - 1] == 0x7D else { return nil }
        var fields: [(key: Range<Int>, value: Range<Int>)] = []
        if b.count == 2 { return fields }
        var i = 1
        var previous: Range<Int>?
        while true {
            guard i < b.count, b[i] == 0x22 else { return nil }
            let keyStart = i + 1
            var k = keyStart
            while k < b.count, b[k] != 0x22 {
                guard isPlainNameByte(b[k]) else { return nil }
                k += 1
            }
            guard k < b.count, k + 1 < b.count, b[k + 1] == 0x3A else { return nil }
            let key = keyStart..<k
            if let previous {
                guard compare(UnsafeBufferPointer(rebasing: b[previous]), UnsafeBufferPointer(rebasing: b[key])) < 0 else { return nil }
            }
            previous = key
            i = k + 2
            let valueStart = i
            var depth = 0
            scan: while i < b.count {
                switch b[i] {
                case 0x22:
                    i += 1
                    while i < b.count, b[i] != 0x22 { i += b[i] == 0x5C ? 2 : 1 }
                    guard i < b.count else { return nil }
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    if depth == 0 { break scan }
                    depth -= 1
                case 0x2C where depth == 0: break scan
                default: break
                }
                i += 1
            }
            guard i < b.count, i > valueStart, !isASCIIWhitespaceByte(b[valueStart]), !isASCIIWhitespaceByte(b[i - 1]) else { return nil }
            fields.append((key, valueStart..<i))
            if b[i] == 0x7D { return i == b.count - 1 ? fields : nil }
            i += 1
        }
    }

    /// Byte order, which for plain (ASCII) names is the order `String` sorts them in.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    private static func isPlainName(_ bytes: String.UTF8View) -> Bool {
        bytes.allSatisfy(isPlainNameByte)
    }
}
