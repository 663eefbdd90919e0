import Foundation
@testable import TenetSpec

/// ``Footnotes/take(from:)`` as it was written before it read lines in place (on array
/// slices, every byte of every line looked at): the reference the faster form is held to.
enum FootnotesReference {
    private static let maxLabel = 64

    /// `bytes` without footnote markers and definitions, and what they were.
    static func take(from bytes: [UInt8]) -> (bytes: [UInt8], notes: Footnotes)? {
        guard containsMarkerStart(bytes) else { return nil }
        var notes = Footnotes()
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var fence: (byte: UInt8, length: Int)?
        var definition: (label: String, text: [String], blankBefore: Bool)?
        var line = 1
        var start = 0
        var changed = false

        func endDefinition() {
            guard let d = definition else { return }
            let text = d.text.joined(separator: " ").trimmed()
            if notes.definitions[d.label] == nil { notes.definitions[d.label] = text }
            definition = nil
        }

        while start < bytes.count {
            let end = bytes.withUnsafeBufferPointer { ByteSearch.newline($0, from: start) }
            let content = bytes[start..<end]
            let newline = end < bytes.count
            defer {
                if newline { out.append(0x0A) }
                start = end + 1
                line += 1
            }
            let indent = indentation(content)
            let blank = content.allSatisfy(isASCIIWhitespace)
            let body = content.dropFirst(indent.bytes)

            if let open = fence {
                out.append(contentsOf: content)
                if indent.columns <= 3, let run = fenceRun(body), run.byte == open.byte, run.length >= open.length,
                   body.dropFirst(run.length).allSatisfy(isASCIIWhitespace) {
                    fence = nil
                }
                continue
            }
            if definition != nil {
                if blank {
                    definition?.blankBefore = true
                    out.append(contentsOf: content)
                    continue
                }
                let continues = indent.columns >= 4
                    || (definition?.blankBefore == false && !startsBlock(body) && label(atDefinition: body) == nil)
                if continues {
                    definition?.text.append(String(decoding: body, as: UTF8.self).trimmed())
                    changed = true
                    continue
                }
                endDefinition()
            }
            if indent.columns <= 3, let run = fenceRun(body), run.length >= 3,
               run.byte == 0x7E || !body.dropFirst(run.length).contains(0x60) {
                fence = run
                out.append(contentsOf: content)
                continue
            }
            if indent.columns <= 3, let (label, rest) = label(atDefinition: body) {
                definition = (label, [String(decoding: rest, as: UTF8.self).trimmed()], false)
                changed = true
                continue
            }
            if removeMarkers(content, line: line, into: &out, notes: &notes) { changed = true }
        }
        endDefinition()
        return changed ? (out, notes) : nil
    }

    /// Copies one line into `out` without its markers; `true` when it had any.
    private static func removeMarkers(_ content: ArraySlice<UInt8>, line: Int, into out: inout [UInt8],
                                      notes: inout Footnotes) -> Bool {
        let lineStart = out.count
        var removed = false
        var codeRun = 0                      // length of the backtick run that opened inline code
        var i = content.startIndex
        while i < content.endIndex {
            let byte = content[i]
            if byte == 0x60 {
                var j = i
                while j < content.endIndex, content[j] == 0x60 { j += 1 }
                if codeRun == 0 { codeRun = j - i } else if codeRun == j - i { codeRun = 0 }
                out.append(contentsOf: content[i..<j])
                i = j
                continue
            }
            if codeRun == 0, byte == 0x5B, i + 1 < content.endIndex, content[i + 1] == 0x5E,
               i == content.startIndex || content[i - 1] != 0x5C,
               let close = labelEnd(content, from: i + 2) {
                notes.citations.append((line, String(decoding: content[(i + 2)..<close], as: UTF8.self)))
                removed = true
                // `word [^x], more` reads `word, more`.
                while out.count > lineStart, out.last == 0x20 || out.last == 0x09 { out.removeLast() }
                i = close + 1
                if out.count == lineStart { while i < content.endIndex, content[i] == 0x20 || content[i] == 0x09 { i += 1 } }
                continue
            }
            // Plain bytes up to the next backtick or `[` are copied as one run.
            var j = i + 1
            while j < content.endIndex, content[j] != 0x60, content[j] != 0x5B { j += 1 }
            out.append(contentsOf: content[i..<j])
            i = j
        }
        return removed
    }

    /// The index of the `]` that ends a label starting at `from`, when the label is valid
    /// and no `(` follows (`[^x](url)` is a link).
    private static func labelEnd(_ content: ArraySlice<UInt8>, from: Int) -> Int? {
        var j = from
        while j < content.endIndex, j - from <= maxLabel {
            let byte = content[j]
            if byte == 0x5D { break }
            if byte == 0x5B || isASCIIWhitespace(byte) { return nil }
            j += 1
        }
        guard j < content.endIndex, content[j] == 0x5D, j > from else { return nil }
        if j + 1 < content.endIndex, content[j + 1] == 0x28 { return nil }
        return j
    }

    /// `[^label]: rest` at the start of `body` → the label and the rest of the line.
    private static func label(atDefinition body: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>)? {
        guard body.count >= 5, body[body.startIndex] == 0x5B, body[body.startIndex + 1] == 0x5E,
              let close = labelEnd(body, from: body.startIndex + 2),
              close + 1 < body.endIndex, body[close + 1] == 0x3A else { return nil }
        return (String(decoding: body[(body.startIndex + 2)..<close], as: UTF8.self), body[(close + 2)...])
    }

    /// Whether a line starts a block that ends a note's paragraph: a heading, quote, list
    /// item, thematic break or fence.
    private static func startsBlock(_ body: ArraySlice<UInt8>) -> Bool {
        guard let first = body.first else { return false }
        let second = body.dropFirst().first
        switch first {
        case 0x23, 0x3E: return true                                          // # >
        case 0x2D, 0x2A, 0x2B: return second == nil || second == 0x20 || second == 0x09 || second == first
        case 0x60, 0x7E: return fenceRun(body).map { $0.length >= 3 } ?? false
        case 0x30...0x39:
            let digits = body.prefix { (0x30...0x39).contains($0) }
            let after = body.dropFirst(digits.count)
            return digits.count <= 9 && (after.first == 0x2E || after.first == 0x29)
        default: return false
        }
    }

    /// The run of ` or ~ a line starts with.
    private static func fenceRun(_ body: ArraySlice<UInt8>) -> (byte: UInt8, length: Int)? {
        guard let first = body.first, first == 0x60 || first == 0x7E else { return nil }
        let length = body.prefix { $0 == first }.count
        return length >= 3 ? (first, length) : nil
    }

    /// Leading spaces and tabs: bytes, and columns (a tab to the next multiple of 4).
    private static func indentation(_ content: ArraySlice<UInt8>) -> (bytes: Int, columns: Int) {
        var bytes = 0, columns = 0
        for byte in content {
            if byte == 0x20 { columns += 1 } else if byte == 0x09 { columns += 4 - columns % 4 } else { break }
            bytes += 1
        }
        return (bytes, columns)
    }

    /// Whether `[^` occurs in `bytes` (memchr from one `[` to the next).
    private static func containsMarkerStart(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            var offset = 0
            while offset < b.count, let hit = memchr(base + offset, 0x5B, b.count - offset) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if i + 1 < b.count, b[i + 1] == 0x5E { return true }
                offset = i + 1
            }
            return false
        }
    }

}
