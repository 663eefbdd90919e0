/// What the passes that run before cmark-gfm (``Footnotes``, ``TagLines``) need to know of
/// one line of Markdown: its indentation and whether it opens or closes a code fence.
enum MarkdownLine {
    /// The run of `` ` `` or `~` a line starts with, three or more long: a code fence.
    static func fenceRun(_ body: UnsafeBufferPointer<UInt8>) -> (byte: UInt8, length: Int)? {
        guard let first = body.first, first == 0x60 || first == 0x7E else { return nil }
        var length = 1
        while length < body.count, body[length] == first { length += 1 }
        return length >= 3 ? (first, length) : nil
    }

    /// Leading spaces and tabs: bytes, and columns (a tab to the next multiple of 4).
    static func indentation(_ content: UnsafeBufferPointer<UInt8>) -> (bytes: Int, columns: Int) {
        var bytes = 0, columns = 0
        for byte in content {
            if byte == 0x20 { columns += 1 } else if byte == 0x09 { columns += 4 - columns % 4 } else { break }
            bytes += 1
        }
        return (bytes, columns)
    }
}
