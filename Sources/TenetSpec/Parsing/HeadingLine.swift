/// The raw text of a heading as written in the source (attributes included), read from
/// the source lines rather than cmark-gfm's inlines so that `{#id_with_underscores}` and
/// other characters Markdown would interpret stay as written.
enum HeadingLine {
    static func text(of index: Int, in document: MarkdownDocument) -> String {
        let block = document.blocks[index]
        let first = Int(block.startLine)
        if let text = asciiATXText(document.source.bytes[document.source.byteRange(ofLine: first)]) { return text }
        let line = document.source.line(first)
        let afterIndent = line.drop { $0 == " " }
        if afterIndent.hasPrefix("#") {
            var rest = afterIndent.drop { $0 == "#" }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            var text = String(rest).trimmingTrailingSpaces()
            // An optional closing sequence: spaces then only #s.
            if let lastNonHash = text.lastIndex(where: { $0 != "#" }), lastNonHash < text.index(before: text.endIndex),
               text[lastNonHash] == " " || text[lastNonHash] == "\t" {
                text = String(text[...lastNonHash]).trimmingTrailingSpaces()
            } else if text.allSatisfy({ $0 == "#" }) {
                text = ""
            }
            return text
        }
        // Setext: the lines above the `===` / `---` underline (cmark's end line may be the
        // underline or the line after it: "Title⏎---⏎Never do y." is not all a title).
        var lines: [String] = []
        for n in first...max(first, Int(block.endLine)) {
            let text = document.source.line(n).trimmed()
            if !lines.isEmpty, !text.isEmpty, text.allSatisfy({ $0 == "=" }) || text.allSatisfy({ $0 == "-" }) { break }
            lines.append(text)
        }
        while lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: " ")
    }

    /// ``text(of:in:)`` of an ATX heading line (`## Title ##`) that is printable ASCII and
    /// tabs — nearly every heading — read by bytes: each byte is then a character, so this
    /// is the character reading exactly. `nil` for any other line.
    static func asciiATXText(_ line: ArraySlice<UInt8>) -> String? {
        guard line.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }) else { return nil }
        var i = line.startIndex
        while i < line.endIndex, line[i] == 0x20 { i += 1 }
        guard i < line.endIndex, line[i] == 0x23 else { return nil }
        while i < line.endIndex, line[i] == 0x23 { i += 1 }
        while i < line.endIndex, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        func trimmedEnd(_ end: Int) -> Int {
            var end = end
            while end > i, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
            return end
        }
        var end = trimmedEnd(line.endIndex)
        // An optional closing sequence: a space or tab, then only #s.
        var hashes = end
        while hashes > i, line[hashes - 1] == 0x23 { hashes -= 1 }
        if hashes == i {
            end = i                                                  // only #s, or nothing
        } else if hashes < end, line[hashes - 1] == 0x20 || line[hashes - 1] == 0x09 {
            end = trimmedEnd(hashes)
        }
        return String(decoding: line[i..<end], as: UTF8.self)
    }
}
