import Foundation

/// Footnotes (`text[^m12p]` and `[^m12p]: the note`) taken out of a Markdown spec before it
/// is read, so that no marker reaches a rule's text — nor the prompts made from it — and
/// no definition is taken for a rule. The notes are kept: a rule that cites a note defined
/// in the file gets it in its commentary (``attach(to:)``).
///
/// A marker is `[^label]` outside code (fenced blocks and inline code spans), with a label
/// of up to 64 characters and no spaces or brackets, not followed by `(` (a link) nor
/// preceded by `\`. Markers whose note is not in the file are removed too: the OpenAI Model
/// Spec cites notes kept elsewhere (its `examples/` folder).
struct Footnotes: Sendable {
    /// Label → the note's text (its lines joined).
    var definitions: [String: String] = [:]
    /// Each marker removed: its line (from 1) and label, in document order.
    var citations: [(line: Int, label: String)] = []

    private static let maxLabel = 64

    /// `bytes` without footnote markers and definitions, and what they were; `nil` when
    /// there are none (the bytes are then unchanged). Definition lines become empty lines,
    /// so every line keeps its number.
    static func take(from bytes: [UInt8]) -> (bytes: [UInt8], notes: Footnotes)? {
        guard containsMarkerStart(bytes) else { return nil }
        return bytes.withUnsafeBufferPointer { take(from: $0) }
    }

    /// ``take(from:)`` over the bytes in place: each line is a view of them, and the lines
    /// left as they are are copied a run at a time, up to the next line that changes (the
    /// Model Spec has 40,000 lines, and this runs before anything else can).
    private static func take(from b: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], notes: Footnotes)? {
        var notes = Footnotes()
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        /// `b[..<copied]` is accounted for in `out`: lines that change are written there
        /// themselves, the others are copied when a changed line (or the end) is reached.
        var copied = 0
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
        /// The line `start..<end` is replaced by what `write` puts in `out` (its line break,
        /// if any, stays, and is copied with the lines after it).
        func replaceLine(_ start: Int, _ end: Int, _ write: (inout [UInt8]) -> Void = { _ in }) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<start]))
            write(&out)
            copied = end
        }

        while start < b.count {
            let end = ByteSearch.newline(b, from: start)
            let content = UnsafeBufferPointer(rebasing: b[start..<end])
            defer {
                start = end + 1
                line += 1
            }
            let indent = MarkdownLine.indentation(content)
            let body = UnsafeBufferPointer(rebasing: content[indent.bytes...])

            if let open = fence {
                if indent.columns <= 3, let run = MarkdownLine.fenceRun(body), run.byte == open.byte, run.length >= open.length,
                   body[run.length...].allSatisfy(isASCIIWhitespace) {
                    fence = nil
                }
                continue
            }
            if definition != nil {
                if content.allSatisfy(isASCIIWhitespace) {
                    definition?.blankBefore = true
                    continue
                }
                let continues = indent.columns >= 4
                    || (definition?.blankBefore == false && !startsBlock(body) && label(atDefinition: body) == nil)
                if continues {
                    definition?.text.append(String(decoding: body, as: UTF8.self).trimmed())
                    replaceLine(start, end)
                    changed = true
                    continue
                }
                endDefinition()
            }
            if indent.columns <= 3, let run = MarkdownLine.fenceRun(body), run.length >= 3,
               run.byte == 0x7E || !body[run.length...].contains(0x60) {
                fence = run
                continue
            }
            if indent.columns <= 3, let (label, rest) = label(atDefinition: body) {
                definition = (label, [String(decoding: rest, as: UTF8.self).trimmed()], false)
                replaceLine(start, end)
                changed = true
                continue
            }
            guard containsMarkerStart(content) else { continue }
            replaceLine(start, end) { out in
                if removeMarkers(content, line: line, into: &out, notes: &notes) { changed = true }
            }
        }
        endDefinition()
        guard changed else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied...]))
        return (out, notes)
    }

    /// Copies one line into `out` without its markers; `true` when it had any.
    private static func removeMarkers(_ content: UnsafeBufferPointer<UInt8>, line: Int, into out: inout [UInt8],
                                      notes: inout Footnotes) -> Bool {
        let lineStart = out.count
        var removed = false
        var codeRun = 0                      // length of the backtick run that opened inline code
        var i = 0
        while i < content.count {
            let byte = content[i]
            if byte == 0x60 {
                var j = i
                while j < content.count, content[j] == 0x60 { j += 1 }
                if codeRun == 0 { codeRun = j - i } else if codeRun == j - i { codeRun = 0 }
                out.append(contentsOf: content[i..<j])
                i = j
                continue
            }
            if codeRun == 0, byte == 0x5B, i + 1 < content.count, content[i + 1] == 0x5E,
               i == 0 || content[i - 1] != 0x5C,
               let close = labelEnd(content, from: i + 2) {
                notes.citations.append((line, String(decoding: content[(i + 2)..<close], as: UTF8.self)))
                removed = true
                // `word [^x], more` reads `word, more`.
                while out.count > lineStart, out.last == 0x20 || out.last == 0x09 { out.removeLast() }
                i = close + 1
                if out.count == lineStart { while i < content.count, content[i] == 0x20 || content[i] == 0x09 { i += 1 } }
                continue
            }
            // Plain bytes up to the next backtick or `[` are copied as one run.
            var j = i + 1
            while j < content.count, content[j] != 0x60, content[j] != 0x5B { j += 1 }
            out.append(contentsOf: content[i..<j])
            i = j
        }
        return removed
    }

    /// The index of the `]` that ends a label starting at `from`, when the label is valid
    /// and no `(` follows (`[^x](url)` is a link).
    private static func labelEnd(_ content: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var j = from
        while j < content.count, j - from <= maxLabel {
            let byte = content[j]
            if byte == 0x5D { break }
            if byte == 0x5B || isASCIIWhitespace(byte) { return nil }
            j += 1
        }
        guard j < content.count, content[j] == 0x5D, j > from else { return nil }
        if j + 1 < content.count, content[j + 1] == 0x28 { return nil }
        return j
    }

    /// `[^label]: rest` at the start of `body` → the label and the rest of the line.
    private static func label(atDefinition body: UnsafeBufferPointer<UInt8>) -> (String, UnsafeBufferPointer<UInt8>)? {
        guard body.count >= 5, body[0] == 0x5B, body[1] == 0x5E,
              let close = labelEnd(body, from: 2),
              close + 1 < body.count, body[close + 1] == 0x3A else { return nil }
        return (String(decoding: body[2..<close], as: UTF8.self), UnsafeBufferPointer(rebasing: body[(close + 2)...]))
    }

    /// Whether a line starts a block that ends a note's paragraph: a heading, quote, list
    /// item, thematic break or fence.
    private static func startsBlock(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = body.first else { return false }
        let second = body.count > 1 ? body[1] : nil
        switch first {
        case 0x23, 0x3E: return true                                          // # >
        case 0x2D, 0x2A, 0x2B: return second == nil || second == 0x20 || second == 0x09 || second == first
        case 0x60, 0x7E: return MarkdownLine.fenceRun(body).map { $0.length >= 3 } ?? false
        case 0x30...0x39:
            let digits = body.prefix { (0x30...0x39).contains($0) }
            let after = body.dropFirst(digits.count)
            return digits.count <= 9 && (after.first == 0x2E || after.first == 0x29)
        default: return false
        }
    }

    /// Whether `[^` occurs in `bytes` (memchr from one `[` to the next).
    private static func containsMarkerStart(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { containsMarkerStart($0) }
    }

    /// Whether `[^` occurs in `b` (memchr from one `[` to the next).
    private static func containsMarkerStart(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        var offset = 0
        while offset < b.count, let hit = memchr(base + offset, 0x5B, b.count - offset) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if i + 1 < b.count, b[i + 1] == 0x5E { return true }
            offset = i + 1
        }
        return false
    }

    /// Adds each note cited by a rule to the rule's commentary (`Footnote m12p: …`), once per
    /// rule, in the order cited. Notes not defined in the file are not mentioned.
    ///
    /// A note cited by many rules is copied into each: the copies may take `copyBudget`
    /// bytes in all (by default ``SpecLimits/copyBudgetFactor`` times the file's size, far more than
    /// any written spec's notes); past that a rule gets the note's first
    /// ``SpecLimits/overBudgetBytes`` bytes. A note of a hundred kilobytes cited by thousands of
    /// rules took gigabytes.
    func attach(to spec: inout Spec, copyBudget: Int) {
        guard !definitions.isEmpty, !spec.rules.isEmpty else { return }
        var ruleIndex = 0
        let order = spec.rules.indices.sorted { spec.rules[$0].line < spec.rules[$1].line }
        var added: [Int: [String]] = [:]
        var addedLabels: [Int: Set<String>] = [:]
        var budget = copyBudget
        for citation in citations {
            guard let note = definitions[citation.label] else { continue }
            while ruleIndex + 1 < order.count, spec.rules[order[ruleIndex + 1]].line <= citation.line { ruleIndex += 1 }
            let r = order[ruleIndex]
            guard (spec.rules[r].line...spec.rules[r].endLine).contains(citation.line) else { continue }
            guard addedLabels[r, default: []].insert(citation.label).inserted else { continue }
            let whole = "Footnote \(citation.label): ".utf8.count + note.utf8.count
            if whole <= budget {
                budget -= whole
                added[r, default: []].append("Footnote \(citation.label): \(note)")
            } else {
                // Cut before it is copied: a note half a file long, cut for each of thousands of rules.
                added[r, default: []].append("Footnote \(citation.label): \(capped(note, SpecLimits.overBudgetBytes))")
            }
        }
        for (r, entries) in added {
            let existing = spec.rules[r].commentary.map { [$0] } ?? []
            spec.rules[r].commentary = (existing + entries).joined(separator: "\n\n")
        }
    }
}
