/// Finds places where a Markdown document can be cut into chunks that parse on their own
/// exactly as they do inside the whole: the start of a level-1 to level-6 ATX heading at
/// column 0, after a blank line, outside fenced code and HTML blocks.
///
/// The scan is a cheap line-by-line guess; ``MarkdownBlocks/parse(_:)`` checks each cut
/// against cmark-gfm's own result and falls back to a single parse when a guess was wrong.
enum ChunkSplitter {
    /// Up to `parts - 1` cut offsets (line starts), near equal shares of the document.
    static func cuts(_ bytes: [UInt8], parts: Int) -> [Int] {
        guard parts > 1 else { return [] }
        var cuts: [Int] = []
        var target = bytes.count / parts
        bytes.withUnsafeBufferPointer { b in
            var fence: UInt8 = 0
            var fenceLength = 0
            var inHTMLComment = false
            var previousBlank = true
            var i = 0
            while i < b.count, cuts.count < parts - 1 {
                let end = ByteSearch.newline(b, from: i)
                var j = i
                while j < end, j - i < 4, b[j] == 0x20 { j += 1 }
                var run = 0
                while j + run < end, b[j + run] == 0x60 || b[j + run] == 0x7E, b[j + run] == b[j] { run += 1 }
                let blank = (i..<end).allSatisfy { b[$0] == 0x20 || b[$0] == 0x09 || b[$0] == 0x0D }
                if fence != 0 {
                    if run >= fenceLength, b[j] == fence { fence = 0 }
                } else if inHTMLComment {
                    if contains(b, i, end, "-->") { inHTMLComment = false }
                } else if run >= 3, j - i < 4 {
                    fence = b[j]
                    fenceLength = run
                } else if j - i < 4, j + 3 < end, b[j] == 0x3C, b[j + 1] == 0x21, b[j + 2] == 0x2D, b[j + 3] == 0x2D {
                    inHTMLComment = !contains(b, j + 4, end, "-->")
                } else if i >= target, previousBlank, isATXHeading(b, i, end) {
                    cuts.append(i)
                    target = bytes.count * (cuts.count + 1) / parts
                }
                previousBlank = blank && fence == 0 && !inHTMLComment
                i = end + 1
            }
        }
        return cuts
    }

    private static func isATXHeading(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var k = start
        while k < end, b[k] == 0x23, k - start < 7 { k += 1 }
        let level = k - start
        return level >= 1 && level <= 6 && (k == end || b[k] == 0x20 || b[k] == 0x09)
    }

    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard end - start >= n else { return false }
        let p = needle.utf8Start
        for k in start...(end - n) where (0..<n).allSatisfy({ b[k + $0] == p[$0] }) { return true }
        return false
    }
}
