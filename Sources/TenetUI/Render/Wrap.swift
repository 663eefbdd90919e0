/// Word wrapping of styled text to a width, with a first-line prefix and a hanging
/// indent; words longer than a line are broken.
enum Wrap {
    static func lines(_ spans: StyledLine, width: Int, prefix: StyledLine = [], indent: Int? = nil) -> [StyledLine] {
        let prefixWidth = prefix.reduce(0) { $0 + shownWidth($1.text) }
        let hanging = indent ?? prefixWidth
        let available = max(1, width)
        var out: [StyledLine] = []
        var line: StyledLine = prefix
        var column = prefixWidth
        var lineHasWord = false

        func flush() {
            out.append(line)
            line = hanging > 0 ? [Span(String(repeating: " ", count: min(hanging, available - 1)))] : []
            column = min(hanging, available - 1)
            lineHasWord = false
        }

        for (word, role, extra, spaceBefore) in words(spans) {
            let w = shownWidth(word)
            let gap = (lineHasWord && spaceBefore) ? 1 : 0
            if lineHasWord, column + gap + w > available { flush() }
            else if gap == 1 { line.append(Span(" ", role, extra: extra)); column += 1 }
            if column + w <= available {
                line.append(Span(word, role, extra: extra))
                column += w
                lineHasWord = true
                continue
            }
            // Longer than a line: break it by the cells it is shown in. (By characters, a run
            // of placeholders could not be broken: "." and the tag characters after it, each
            // shown as `<U+E0069>`, are one character, and ran off the pane.)
            var piece = ""
            var pieceWidth = 0
            for cell in SafeText.clusters(word) {
                if column + pieceWidth + cell.width > available, !(piece.isEmpty && !lineHasWord && column <= hanging) {
                    if !piece.isEmpty { line.append(Span(piece, role, extra: extra)) }
                    piece = ""
                    pieceWidth = 0
                    flush()
                }
                piece.append(cell.text)
                pieceWidth += cell.width
            }
            if !piece.isEmpty {
                line.append(Span(piece, role, extra: extra))
                column += pieceWidth
                lineHasWord = true
            }
        }
        if lineHasWord || out.isEmpty { out.append(line) }
        return out
    }

    /// A line of an answer or prompt as written (one of ``Reflow``'s lines): its leading
    /// spaces kept, and continuation lines indented as far (code and nested lists keep
    /// their shape). An indented code line, or one with a run of spaces inside it (aligned
    /// columns, tabs), is cut at the width rather than wrapped at its words, so every space
    /// stays; two spaces after a full stop are prose, and wrap.
    static func textLine(_ text: String, role: Role, width: Int, prefix: StyledLine = []) -> [StyledLine] {
        let indent = text.prefix { $0 == " " }.count
        let body = text.dropFirst(indent)
        let prefixWidth = prefix.reduce(0) { $0 + shownWidth($1.text) }
        let available = max(1, width)
        let lead = min(indent, max(0, available - prefixWidth - 1))
        let head = prefix + (lead > 0 ? [Span(String(repeating: " ", count: lead))] : [])
        guard indent >= 4 || body.contains("   ") else {
            // A list item's wrapped lines hang under its text, past the mark.
            let mark = listMark(body)
            return lines([Span(String(body), role)], width: width, prefix: head, indent: prefixWidth + lead + mark)
        }
        // Cut by columns, every space kept; continuation lines under the first's text.
        var out: [StyledLine] = []
        var line = head
        var piece = ""
        var column = prefixWidth + lead
        let hanging = String(repeating: " ", count: min(prefixWidth + lead, available - 1))
        for cluster in SafeText.clusters(String(body)) {
            if column + cluster.width > available, !piece.isEmpty {
                out.append(line + [Span(piece, role)])
                line = hanging.isEmpty ? [] : [Span(hanging)]
                piece = ""
                column = hanging.count
            }
            piece += cluster.text
            column += cluster.width
        }
        out.append(line + (piece.isEmpty ? [] : [Span(piece, role)]))
        return out
    }

    /// Columns of a list item's mark and the space after it (`- `, `12. `), else 0.
    private static func listMark(_ line: Substring) -> Int {
        if ["- ", "* ", "+ ", "• "].contains(where: { line.hasPrefix($0) }) { return 2 }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return 0 }
        let rest = line.dropFirst(digits.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ") ? digits.count + 2 : 0
    }

    /// Columns the text takes once drawn: control characters count as the placeholders
    /// the screen buffer draws for them (`␛`, `<9B>`), not as zero columns.
    private static func shownWidth(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return SafeText.clusters(text).reduce(0) { $0 + $1.width }
    }

    /// Words with their role and whether a space came before them.
    private static func words(_ spans: StyledLine) -> [(String, Role, Attributes, Bool)] {
        var result: [(String, Role, Attributes, Bool)] = []
        var pendingSpace = false
        for span in spans {
            var current = ""
            for character in span.text {
                if character == " " || character == "\n" || character == "\t" {
                    if !current.isEmpty { result.append((current, span.role, span.extra, pendingSpace)); current = "" }
                    pendingSpace = true
                } else {
                    current.append(character)
                }
            }
            if !current.isEmpty {
                result.append((current, span.role, span.extra, pendingSpace))
                pendingSpace = false
            }
        }
        // Words that touch across spans (`**bold**,`) keep no space between them.
        return result
    }
}
