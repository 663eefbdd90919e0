/// A parsed Markdown file: its source and its blocks, with the navigation readers need.
struct MarkdownDocument: Sendable {
    let source: SourceText
    let blocks: [MarkdownBlock]
    /// The text of the code blocks (``MarkdownBlock/code``).
    let code: [CodeBlockText]
    /// For block `i`, the index just past its last descendant (blocks are in pre-order).
    let subtreeEnd: [Int32]

    init(source: SourceText) {
        self.source = source
        let parsed = MarkdownBlocks.parse(source.bytes)
        let blocks = parsed.blocks
        self.blocks = blocks
        self.code = parsed.code
        var ends = [Int32](repeating: 0, count: blocks.count)
        var open: [Int] = []
        for i in blocks.indices {
            while let top = open.last, blocks[top].depth >= blocks[i].depth {
                ends[top] = Int32(i)
                open.removeLast()
            }
            open.append(i)
        }
        for i in open { ends[i] = Int32(blocks.count) }
        self.subtreeEnd = ends
    }

    /// The info string of code block `i` (`nil` for other blocks and indented code).
    func info(_ i: Int) -> String? {
        let k = Int(blocks[i].code)
        return k >= 0 ? code[k].info : nil
    }

    /// The content of code block `i` (`nil` for other blocks).
    func literal(_ i: Int) -> String? {
        literalBytes(i).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``literal(_:)`` as UTF-8 bytes.
    func literalBytes(_ i: Int) -> [UInt8]? {
        let k = Int(blocks[i].code)
        return k >= 0 ? code[k].literal : nil
    }

    /// Indices of the direct children of block `i`.
    func children(of i: Int) -> [Int] {
        var out: [Int] = []
        var k = i + 1
        let end = Int(subtreeEnd[i])
        while k < end {
            out.append(k)
            k = Int(subtreeEnd[k])
        }
        return out
    }

    /// Last line of block `i` that is not blank (cmark counts the blank line after a
    /// list item as part of it).
    func lastLine(_ i: Int) -> Int {
        var end = Int(blocks[i].endLine)
        let start = Int(blocks[i].startLine)
        while end > start, end <= source.lineCount, source.isBlank(end) { end -= 1 }
        return max(start, min(end, source.lineCount))
    }

    /// How many bytes of source the blocks `indices` span, whole lines.
    func bytes(of indices: [Int]) -> Int {
        indices.reduce(0) { total, i in
            let first = source.byteRange(ofLine: Int(blocks[i].startLine)).lowerBound
            return total + max(0, source.byteRange(ofLine: max(Int(blocks[i].startLine), min(Int(blocks[i].endLine), source.lineCount))).upperBound - first)
        }
    }

    /// Calls `body` with the source bytes of block `i` (whole lines), without copying.
    func withBytes<T>(of i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let first = source.byteRange(ofLine: Int(blocks[i].startLine)).lowerBound
        let last = source.byteRange(ofLine: lastLine(i)).upperBound
        return source.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[first..<max(first, last)])) }
    }

    /// Source of block `i`, whole lines.
    func text(_ i: Int) -> String {
        source.lines(Int(blocks[i].startLine), lastLine(i))
    }

    /// Byte offset where a list item's content starts on its first line (after the
    /// marker `-`, `*`, `+` or `1.` / `1)` and up to four spaces).
    private func contentStart(ofItem i: Int) -> Int {
        let firstRange = source.byteRange(ofLine: Int(blocks[i].startLine))
        var offset = min(firstRange.upperBound, firstRange.lowerBound + max(0, Int(blocks[i].startColumn) - 1))
        let bytes = source.bytes
        if offset < firstRange.upperBound, [0x2D, 0x2A, 0x2B].contains(bytes[offset]) {
            offset += 1
        } else {
            while offset < firstRange.upperBound, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
            if offset < firstRange.upperBound, bytes[offset] == 0x2E || bytes[offset] == 0x29 { offset += 1 }
        }
        var spaces = 0
        while offset < firstRange.upperBound, bytes[offset] == 0x20 || bytes[offset] == 0x09, spaces < 4 {
            spaces += bytes[offset] == 0x09 ? 4 : 1
            offset += 1
        }
        return offset
    }

    /// The first line of a list item, without its marker.
    func itemFirstLine(_ i: Int) -> String {
        let end = source.byteRange(ofLine: Int(blocks[i].startLine)).upperBound
        return String(decoding: source.bytes[contentStart(ofItem: i)..<end], as: UTF8.self)
    }

    /// Source of a list item without its marker, later lines dedented to the item's
    /// content column. Nested blocks stay as written. `through`: no line after that one
    /// (an item's own lines without its nested lists, which would make reading a list
    /// nested n deep take time in n³).
    func itemContent(_ i: Int, through: Int? = nil) -> String {
        let first = Int(blocks[i].startLine)
        let last = min(lastLine(i), through ?? Int.max)
        let firstRange = source.byteRange(ofLine: first)
        let offset = contentStart(ofItem: i)
        let indent = offset - firstRange.lowerBound
        let bytes = source.bytes
        var out = Array(bytes[offset..<firstRange.upperBound])
        if last > first {
            for n in (first + 1)...last {
                let range = source.byteRange(ofLine: n)
                var start = range.lowerBound
                var removed = 0
                while start < range.upperBound, removed < indent, bytes[start] == 0x20 { start += 1; removed += 1 }
                out.append(0x0A)
                out += bytes[start..<range.upperBound]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
