import Foundation

/// Lines that are nothing but an XML-style tag — `<rules>`, `</search_instructions>`,
/// `<section id="refunds">` — as system prompts group their instructions.
///
/// CommonMark takes such a line for the start of an HTML block that runs to the next blank
/// line (`<style>`: to `</style>`), so the rules right under the tag were raw HTML and were
/// silently not read: 122 of 342 public system prompts lost rules that way. Before
/// cmark-gfm reads the text, the tag lines become empty lines, or a ``separator`` at the
/// margin (every line keeps its number), and what they enclose is read as Markdown —
/// except an example's and other quoted text's: from `<example>` (any tag whose name holds
/// "example"), a turn (`<user>`, `<response>` …), an attachment, a document or a tool's
/// output to its closing tag every line becomes empty, because none of it is a rule.
///
/// What a tag encloses loses the indentation all its lines share: it is indented as XML
/// nests, and four spaces in would make it a code block once the tag is gone.
///
/// Left as they are: lines in code fences, `<pre>`, `<script>` and `<textarea>` (raw text
/// to CommonMark too), comments and declarations, void elements (`<br>`, `<hr>`,
/// `<img …>`), self-closing tags, and a tag with text after it on its line (CommonMark
/// reads that one as a paragraph already).
enum TagLines {
    /// A tag on a line of its own.
    struct Tag: Equatable {
        /// Lower case.
        var name: String
        var closing: Bool
    }

    /// What a tag at the margin becomes: an HTML block of its own that ends what is above
    /// it and says nothing (readers pass over it; a lead-in above it still leads the list
    /// below it). An opening tag's is told from a closing one's: a tag that opens after a
    /// section's own text begins a part the section's heading does not lead.
    static let separator = "<!-- -->", openingSeparator = "<!-- <> -->"

    /// Whether `text` (an HTML block's) is what a tag line became.
    static func isSeparator(_ text: String) -> Bool { text == separator || text == openingSeparator }

    /// Tags whose content is quoted, not instructions — an example's turns, an attached
    /// file, a tool's output — besides any named "…example…".
    static let exampleNames: Set<String> = [
        "user", "human", "assistant", "ai", "model", "response", "good_response", "bad_response",
        "query", "conversation", "transcript", "dialogue",
        "attachment", "attachments", "document", "documents", "document_content", "file", "file_contents",
        "function_results", "search_results", "tool_result", "tool_output", "output",
    ]

    /// Elements that are never a group of instructions: raw text to CommonMark, or empty.
    private static let leftAlone: Set<String> = [
        "pre", "script", "textarea", "area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "source", "track", "wbr",
    ]

    /// `bytes` with tag lines and examples emptied, or `nil` when there are none (the bytes
    /// are then unchanged).
    static func apply(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { b in mayHaveTagLine(b) ? apply(b) : nil }
    }

    /// Whether some tag starts a line (after its indentation), or some closing tag is in the
    /// text: found with `memchr`, so that a spec with no tag costs next to nothing.
    private static func mayHaveTagLine(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        var from = 0
        while from < b.count, let hit = memchr(base + from, 0x3C, b.count - from) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard at + 1 < b.count else { return false }
            if b[at + 1] == 0x2F { return true }
            from = at + 1
            guard isLetter(b[at + 1]) else { continue }           // `<!--`, `<=`
            var k = at
            while k > 0, b[k - 1] == 0x20 || b[k - 1] == 0x09 { k -= 1 }
            if k == 0 || b[k - 1] == 0x0A { return true }
        }
        return false
    }

    private static func apply(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // The tag lines, at any indentation, and the lines that end with a closing tag
        // (`Sure.</example>`), outside code fences, in order. Each line is looked at by its
        // first and last bytes, and nothing is kept of it unless it is one of those: this
        // runs on every spec with a tag in it, the Model Spec's thousands in code included.
        var events: [(line: Int, tag: Tag, alone: Bool)] = []
        var fence: (byte: UInt8, length: Int)?
        var start = 0, n = 0
        while start < b.count {
            let end = ByteSearch.newline(b, from: start)
            defer { start = end + 1; n += 1 }
            var i = start, columns = 0
            while i < end, b[i] == 0x20 || b[i] == 0x09 { columns += b[i] == 0x20 ? 1 : 4 - columns % 4; i += 1 }
            guard i < end else { continue }
            let first = b[i]
            if first == 0x60 || first == 0x7E, columns <= 3, let run = MarkdownLine.fenceRun(UnsafeBufferPointer(rebasing: b[i..<end])) {
                let rest = b[(i + run.length)..<end]
                if let open = fence {
                    if run.byte == open.byte, run.length >= open.length, rest.allSatisfy(isBlank) { fence = nil }
                } else if run.byte == 0x7E || !rest.contains(0x60) {
                    fence = run
                }
                continue
            }
            guard fence == nil else { continue }
            if first == 0x3C, let tag = tag(alone: UnsafeBufferPointer(rebasing: b[i..<end])) {
                events.append((n, tag, true))
            } else if let name = closingTagAtEnd(UnsafeBufferPointer(rebasing: b[start..<end])) {
                events.append((n, Tag(name: name, closing: true), false))
            }
        }
        guard events.contains(where: \.alone) else { return nil }

        // Each line, and its indentation: leading spaces, or -1 for a blank line or one
        // indented with a tab.
        var lines: [Range<Int>] = []
        var spaces: [Int] = []
        lines.reserveCapacity(n)
        spaces.reserveCapacity(n)
        start = 0
        while start < b.count {
            let end = ByteSearch.newline(b, from: start)
            var i = start
            while i < end, b[i] == 0x20 { i += 1 }
            // After the indentation only a CR can be blank: a line is blank when that is all.
            let blank = i == end || (i + 1 == end && b[i] == 0x0D)
            lines.append(start..<end)
            spaces.append(blank || b[i] == 0x09 ? -1 : i - start)
            start = end + 1
        }

        // Each opening tag line and the line that closes it, matched as brackets are, one
        // name at a time (an opening left unclosed is only a tag line).
        var closes: [Int: Int] = [:]
        var open: [String: [Int]] = [:]
        for (k, event) in events.enumerated() {
            if !event.tag.closing { if event.alone { open[event.tag.name, default: []].append(k) } }
            else if let opening = open[event.tag.name]?.popLast() { closes[opening] = event.line }
        }

        // What a tag encloses is indented as XML nests, not as Markdown does: four spaces
        // in would make it a code block once the tag is gone. Each tagged region loses the
        // indentation all its lines share, outer regions first (and no more work than
        // sixteen passes over the lines: a hostile nesting is left as it is).
        var removed = [Int](repeating: 0, count: lines.count)
        var budget = 16 * lines.count
        for (k, event) in events.enumerated() where event.alone && !event.tag.closing && !isExample(event.tag.name) {
            guard let close = closes[k], close > event.line + 1 else { continue }
            let inside = (event.line + 1)..<close
            budget -= inside.count
            guard budget >= 0 else { break }
            var shared = Int.max
            for line in inside {
                if spaces[line] >= 0 { shared = min(shared, spaces[line] - removed[line]) }
                else if !isBlankLine(b, lines[line]) { shared = 0 }   // a tab in its indentation
                if shared == 0 { break }
            }
            guard shared != Int.max, shared > 0 else { continue }
            for line in inside where spaces[line] > 0 { removed[line] += shared }
        }

        // The lines to empty: each tag line, and an example's lines from its opening tag to
        // its closing one.
        var emptied: [(lines: Range<Int>, closing: Bool)] = []
        var covered = 0
        for (k, event) in events.enumerated() where event.alone && event.line >= covered {
            let last = isExample(event.tag.name) ? closes[k] ?? event.line : event.line
            emptied.append((event.line..<(last + 1), event.tag.closing))
            covered = last + 1
        }

        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var copied = 0
        var next = 0                               // the next run of `emptied`
        for (n, line) in lines.enumerated() {
            while next < emptied.count, emptied[next].lines.upperBound <= n { next += 1 }
            if next < emptied.count, emptied[next].lines.contains(n) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<line.lowerBound]))
                copied = line.upperBound
                // A tag at the margin ends the list or paragraph above it, as a section
                // does: an empty line would not (two lists with a blank line between are one
                // list, and the second would take the first's lead-in).
                if n == emptied[next].lines.lowerBound, max(0, spaces[n]) - removed[n] <= 3 {
                    out += (emptied[next].closing ? separator : openingSeparator).utf8
                }
            } else if removed[n] > 0 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<line.lowerBound]))
                copied = line.lowerBound + removed[n]
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied...]))
        return out
    }

    private static func isBlankLine(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        UnsafeBufferPointer(rebasing: b[line]).allSatisfy(isBlank)
    }

    /// Whether an example's tag or a turn's: its content is not read.
    static func isExample(_ name: String) -> Bool { name.contains("example") || exampleNames.contains(name) }

    /// The name in a closing tag that ends `content` (spaces after it allowed), lower case.
    private static func closingTagAtEnd(_ content: UnsafeBufferPointer<UInt8>) -> String? {
        var end = content.count
        while end > 0, isBlank(content[end - 1]) { end -= 1 }
        guard end >= 4, content[end - 1] == 0x3E else { return nil }
        var i = end - 2
        while i > 0, isLetter(content[i]) || isDigit(content[i]) || content[i] == 0x5F || content[i] == 0x2D || content[i] == 0x3A || content[i] == 0x2E {
            i -= 1
        }
        guard i >= 1, content[i] == 0x2F, content[i - 1] == 0x3C, i + 1 < end - 1, isLetter(content[i + 1]) else { return nil }
        return String(decoding: content[(i + 1)..<(end - 1)].map(lowered), as: UTF8.self)
    }

    /// The tag that is the whole of `body` (trailing spaces allowed), or `nil`.
    static func tag(alone body: UnsafeBufferPointer<UInt8>) -> Tag? {
        guard body.count >= 3, body[0] == 0x3C else { return nil }
        var i = 1
        let closing = body[1] == 0x2F
        if closing { i += 1 }
        let nameStart = i
        guard i < body.count, isLetter(body[i]) else { return nil }
        while i < body.count, isLetter(body[i]) || isDigit(body[i]) || body[i] == 0x5F || body[i] == 0x2D || body[i] == 0x3A || body[i] == 0x2E { i += 1 }
        let name = String(decoding: body[nameStart..<i].map(lowered), as: UTF8.self)
        guard !leftAlone.contains(name), i < body.count else { return nil }
        if closing {
            while i < body.count, isBlank(body[i]) { i += 1 }
        } else if body[i] != 0x3E {
            // Attributes: after a space, up to the `>`, quoted values read whole.
            guard isBlank(body[i]) else { return nil }
            var quote: UInt8?
            while i < body.count {
                let byte = body[i]
                if let q = quote { if byte == q { quote = nil } }
                else if byte == 0x22 || byte == 0x27 { quote = byte }
                else if byte == 0x3E || byte == 0x3C { break }
                i += 1
            }
            // `<tag … />` is an element with nothing in it.
            if i < body.count, body[i] == 0x3E, body[i - 1] == 0x2F { return nil }
        }
        guard i < body.count, body[i] == 0x3E, body[(i + 1)...].allSatisfy(isBlank) else { return nil }
        return Tag(name: name, closing: closing)
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
}
