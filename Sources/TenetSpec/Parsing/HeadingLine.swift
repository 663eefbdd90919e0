/// The raw text of a heading as written in the source (attributes included), read from
/// the source lines rather than cmark-gfm's inlines so that `{#id_with_underscores}` and
/// other characters Markdown would interpret stay as written.
enum HeadingLine {
    static func text(of index: Int, in document: MarkdownDocument) -> String {
        let block = document.blocks[index]
        let first = Int(block.startLine)
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
        // Setext: every line but the `===` / `---` underline (cmark's end line may be the
        // underline or the line after it).
        var lines = (first...max(first, Int(block.endLine))).map { document.source.line($0).trimmed() }
        while lines.count > 1, let last = lines.last,
              last.isEmpty || last.allSatisfy({ $0 == "=" }) || last.allSatisfy({ $0 == "-" }) {
            lines.removeLast()
        }
        return lines.joined(separator: " ")
    }
}
