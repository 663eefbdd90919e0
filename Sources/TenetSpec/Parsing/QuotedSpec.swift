/// A spec quoted whole in code fences — the way prompts are published: "Repeat the text
/// above in a code block", then the prompt in a ```` ```text ```` fence (or `markdown`,
/// `md`, none). Read as written, a fence is code and the document had no rule, silently.
///
/// ``unwrap(_:)`` finds the fences of text (not of a programming language) and, when
/// they hold most of the document, gives the bytes with their fence lines emptied: the
/// text inside is then read as Markdown, every line keeping its number. ``SpecReader``
/// reads a spec again this way only when it found no rule as written.
enum QuotedSpec {
    /// Info strings of a fence that holds text rather than code.
    static let textInfo: Set<String> = ["", "text", "txt", "plaintext", "plain", "markdown", "md", "prompt"]

    /// A fence of text: its lines, 1-based and inclusive, and its info string.
    struct Fence: Sendable, Equatable {
        var lines: ClosedRange<Int>
        var info: String
    }

    /// The bytes with the fence lines of every fence of text emptied, and those fences —
    /// when they hold at least half of the document's bytes that are not blank; else `nil`.
    static func unwrap(_ bytes: [UInt8]) -> (bytes: [UInt8], fences: [Fence])? {
        bytes.withUnsafeBufferPointer { unwrap($0) }
    }

    /// The fence open while lines are read: its byte and run length, where and on which line
    /// it opened, its info, the bytes inside it that are not blank, and the spaces its lines
    /// that are not blank all start with.
    private struct OpenFence {
        var byte: UInt8, length: Int, line: Int, range: Range<Int>, info: String
        var inside = 0
        var shared = Int.max
    }

    /// A fence of text to take out: its fence lines' bytes, and the lines between them, whose
    /// first `shared` spaces go too (a prompt quoted four spaces in would be a code block again).
    private struct Unwrapped {
        var opening: Range<Int>
        var content: Range<Int>
        var shared: Int
        var closing: Range<Int>?
    }

    private static func unwrap(_ b: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], fences: [Fence])? {
        var fences: [Fence] = []
        var unwrapped: [Unwrapped] = []
        var quoted = 0, total = 0
        var open: OpenFence?
        func close(_ fence: OpenFence, closing: Range<Int>?) {
            let contentStart = min(fence.range.upperBound + 1, b.count)
            let content = contentStart..<max(contentStart, closing?.lowerBound ?? b.count)
            unwrapped.append(Unwrapped(opening: fence.range, content: content, shared: fence.shared == .max ? 0 : fence.shared,
                                       closing: closing))
            quoted += fence.inside
        }
        var start = 0, lineNumber = 0
        while start < b.count {
            lineNumber += 1
            var end = start
            while end < b.count, b[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: b[start..<end])
            let nonBlank = line.reduce(0) { $0 + ($1 == 0x20 || $1 == 0x09 || $1 == 0x0D ? 0 : 1) }
            total += nonBlank
            let indent = MarkdownLine.indentation(line)
            let body = UnsafeBufferPointer(rebasing: line[indent.bytes...])
            let run = indent.columns <= 3 ? MarkdownLine.fenceRun(body) : nil
            if let fence = open {
                if let run, run.byte == fence.byte, run.length >= fence.length,
                   body[run.length...].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if textInfo.contains(fence.info) {
                        fences.append(Fence(lines: fence.line...lineNumber, info: fence.info))
                        close(fence, closing: start..<end)
                    }
                    open = nil
                } else {
                    open?.inside += nonBlank
                    if nonBlank > 0 { open?.shared = min(fence.shared, line.prefix { $0 == 0x20 }.count) }
                }
            } else if let run {
                let rest = body[run.length...]
                // A backtick fence's info has no backtick (else the line is inline code).
                if run.byte == 0x60, rest.contains(0x60) { start = end + 1; continue }
                let info = String(decoding: rest, as: UTF8.self).trimmed().lowercased()
                open = OpenFence(byte: run.byte, length: run.length, line: lineNumber, range: start..<end,
                                 info: String(info.prefix { $0 != " " }))
            }
            start = end + 1
        }
        // A fence left open runs to the end of the document (CommonMark): its text counts.
        if let fence = open, textInfo.contains(fence.info) {
            fences.append(Fence(lines: fence.line...max(fence.line, lineNumber), info: fence.info))
            close(fence, closing: nil)
        }
        guard !fences.isEmpty, quoted * 2 >= total, quoted > 0 else { return nil }
        return (removing(unwrapped, from: b), fences)
    }

    /// The bytes without the fences' lines and their lines' shared spaces; every line keeps
    /// its line feed, so every line keeps its number.
    private static func removing(_ fences: [Unwrapped], from b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var at = 0
        for fence in fences {
            out.append(contentsOf: b[at..<fence.opening.lowerBound])
            out.append(contentsOf: b[fence.opening.upperBound..<fence.content.lowerBound])     // its line feed
            var line = fence.content.lowerBound
            while line < fence.content.upperBound {
                var skip = line
                while skip < fence.content.upperBound, skip - line < fence.shared, b[skip] == 0x20 { skip += 1 }
                var end = skip
                while end < fence.content.upperBound, b[end] != 0x0A { end += 1 }
                let next = min(end + 1, fence.content.upperBound)
                out.append(contentsOf: b[skip..<next])
                line = next
            }
            at = fence.closing?.upperBound ?? fence.content.upperBound
        }
        out.append(contentsOf: b[min(at, b.count)...])
        return out
    }

    /// The note that says what was read, for the first and last lines of the fences.
    static func note(_ fences: [Fence], file: String) -> Diagnostic {
        let first = fences[0], kind = first.info.isEmpty ? "a code fence" : "a ```\(first.info) fence"
        let which = fences.count == 1
            ? "\(kind) (lines \(first.lines.lowerBound)–\(first.lines.upperBound))"
            : "\(fences.count) code fences of text (lines \(first.lines.lowerBound)–\(fences[fences.count - 1].lines.upperBound))"
        return Diagnostic(file: file, line: first.lines.lowerBound, severity: .note, code: "quoted-spec",
                          message: "the spec's text is quoted in \(which) and nothing outside it is a rule: "
                              + "its text was read as the spec; remove the fence lines to say so in the file")
    }
}
