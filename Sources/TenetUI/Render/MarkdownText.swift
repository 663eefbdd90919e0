/// Rule text from Markdown to styled, wrapped lines: paragraphs, lists (nested), quotes,
/// headings and code blocks; inline strong, emphasis, code, links and `{{placeholders}}`.
/// Enough to read a rule comfortably; the spec's own parser has already found the rules.
public enum MarkdownText {
    public static func lines(_ markdown: String, width: Int) -> [StyledLine] {
        // A screen never needs more than this; a 10 MB rule would only slow every frame.
        let shown = markdown.utf8.count > displayLimit ? String(markdown.prefix(displayLimit)) : markdown
        var out: [StyledLine] = []
        var paragraph: [String] = []
        var paragraphPrefix: StyledLine = []
        var paragraphIndent = 0
        var fence: String?

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += Wrap.lines(inline(paragraph.joined(separator: " ")), width: width, prefix: paragraphPrefix, indent: paragraphIndent)
            paragraph = []
            paragraphPrefix = []
            paragraphIndent = 0
        }

        for rawLine in shown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.drop(while: { $0 == " " })
            let leading = line.count - trimmed.count
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil; continue }
                out += Wrap.lines([Span(line.isEmpty ? " " : line, .code)], width: width, prefix: [Span("  ")], indent: 2)
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                fence = String(trimmed.prefix(3))
                continue
            }
            if trimmed.isEmpty { flushParagraph(); continue }
            if let level = headingLevel(trimmed) {
                flushParagraph()
                out += Wrap.lines([Span(String(trimmed.dropFirst(level + 1)), .heading)], width: width)
                continue
            }
            if let (marker, rest) = listItem(trimmed) {
                flushParagraph()
                let depth = leading / 2
                let pad = String(repeating: " ", count: depth * 2)
                paragraphPrefix = [Span(pad), Span(marker, .muted)]
                paragraphIndent = pad.count + DisplayWidth.of(marker)
                paragraph = [rest]
                continue
            }
            if trimmed.hasPrefix(">") {
                flushParagraph()
                let body = trimmed.dropFirst().drop(while: { $0 == " " })
                out += Wrap.lines(inline(String(body)).map { Span($0.text, $0.role == .text ? .quote : $0.role, extra: $0.extra) },
                                  width: width, prefix: [Span("│ ", .quote)], indent: 2)
                continue
            }
            paragraph.append(String(trimmed))
        }
        flushParagraph()
        if shown.utf8.count < markdown.utf8.count {
            out.append([Span("… \(markdown.utf8.count - shown.utf8.count) more bytes; e opens the file", .muted)])
        }
        while let last = out.last, last.allSatisfy({ $0.text.allSatisfy { $0 == " " } }) { out.removeLast() }
        return out
    }

    /// Characters of rule text shown on screen.
    static let displayLimit = 64 * 1024

    private static func headingLevel(_ line: Substring) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func listItem(_ line: Substring) -> (String, String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return ("• ", String(line.dropFirst(2)))
        }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 3 {
            let after = line.dropFirst(digits.count)
            if let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " {
                return (digits + ". ", String(after.dropFirst(2)))
            }
        }
        return nil
    }

    /// Inline Markdown to spans.
    public static func inline(_ text: String) -> StyledLine {
        var spans: StyledLine = []
        var plain = ""
        let chars = Array(text)
        var i = 0
        func emitPlain() { if !plain.isEmpty { spans.append(Span(plain)); plain = "" } }
        func find(_ closing: [Character], from start: Int) -> Int? {
            guard start < chars.count else { return nil }
            // Markers close within a line or two; a bounded look keeps odd input linear.
            let limit = min(chars.count, start + 2_000)
            var j = start
            while j + closing.count <= limit {
                if Array(chars[j..<(j + closing.count)]) == closing { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = find(["`"], from: i + 1) {
                emitPlain()
                spans.append(Span(String(chars[(i + 1)..<end]), .code))
                i = end + 1
                continue
            }
            if (c == "*" || c == "_"), i + 1 < chars.count, chars[i + 1] == c, let end = find([c, c], from: i + 2), end > i + 2 {
                emitPlain()
                spans.append(Span(String(chars[(i + 2)..<end]), .strong))
                i = end + 2
                continue
            }
            if (c == "*" || c == "_"), i + 1 < chars.count, chars[i + 1] != " ", (i == 0 || !chars[i - 1].isLetter),
               let end = find([c], from: i + 1), end > i + 1, chars[end - 1] != " " {
                emitPlain()
                spans.append(Span(String(chars[(i + 1)..<end]), .emphasis))
                i = end + 1
                continue
            }
            if c == "{", i + 1 < chars.count, chars[i + 1] == "{", let end = find(["}", "}"], from: i + 2) {
                emitPlain()
                spans.append(Span(String(chars[i..<(end + 2)]), .placeholder))
                i = end + 2
                continue
            }
            if c == "[", let close = find(["]"], from: i + 1), close + 1 < chars.count, chars[close + 1] == "(",
               let end = find([")"], from: close + 2) {
                emitPlain()
                let label = String(chars[(i + 1)..<close])
                let target = String(chars[(close + 2)..<end])
                if label == "?" {
                    spans.append(Span("→" + (target.hasPrefix("#") ? String(target.dropFirst()) : target), .link))
                } else {
                    spans.append(Span(label, .link))
                }
                i = end + 1
                continue
            }
            plain.append(c)
            i += 1
        }
        emitPlain()
        return spans
    }
}
