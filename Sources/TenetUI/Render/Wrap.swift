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
            // Longer than a line: break it by characters.
            var piece = ""
            for character in word {
                let cw = shownWidth(String(character))
                if column + shownWidth(piece) + cw > available, !(piece.isEmpty && !lineHasWord && column <= hanging) {
                    if !piece.isEmpty { line.append(Span(piece, role, extra: extra)) }
                    piece = ""
                    flush()
                }
                piece.append(character)
            }
            if !piece.isEmpty {
                line.append(Span(piece, role, extra: extra))
                column += shownWidth(piece)
                lineHasWord = true
            }
        }
        if lineHasWord || out.isEmpty { out.append(line) }
        return out
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
