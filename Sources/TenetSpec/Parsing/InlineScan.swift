/// Small scanners over Markdown source text: placeholders, cross references, labels and
/// plain text. They skip inline code spans and fenced code so that code is never read as
/// a placeholder or a link.
enum InlineScan {
    /// Placeholder names in order of first use: `{{name}}` and `{name}` (identifier
    /// characters only; `{#id}` attribute blocks are not placeholders).
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        forEachProseSegment(text) { segment in
            var i = segment.startIndex
            while let open = segment[i...].firstIndex(of: "{") {
                var start = segment.index(after: open)
                var double = false
                if start < segment.endIndex, segment[start] == "{" { start = segment.index(after: start); double = true }
                var end = start
                while end < segment.endIndex, isIdentifier(segment[end], first: end == start) { end = segment.index(after: end) }
                var close = end
                var closed = close < segment.endIndex && segment[close] == "}"
                if closed, double {
                    close = segment.index(after: close)
                    closed = close < segment.endIndex && segment[close] == "}"
                }
                if closed, end > start {
                    let name = String(segment[start..<end])
                    if seen.insert(name).inserted { names.append(name) }
                    i = segment.index(after: close)
                } else {
                    i = segment.index(after: open)
                }
            }
        }
        return names
    }

    private static func isIdentifier(_ c: Character, first: Bool) -> Bool {
        guard let ascii = c.asciiValue else { return false }
        if ascii == 0x5F || (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x41 && ascii <= 0x5A) { return true }
        return !first && ascii >= 0x30 && ascii <= 0x39
    }

    /// Targets of links to anchors in the same document: `[?](#id)`, `[text](#id)`, each
    /// once, in order of first use.
    static func references(in text: String) -> [String] {
        var seen: Set<String> = []
        return referencesWithLines(in: text, firstLine: 1).map(\.id).filter { seen.insert($0).inserted }
    }

    /// Every link to an anchor with the line it is on (`firstLine` is the text's first line).
    static func referencesWithLines(in text: String, firstLine: Int) -> [(id: String, line: Int)] {
        var found: [(String, Int)] = []
        forEachProseSegment(text) { segment, lineOffset in
            var rest = segment[...]
            while let range = rest.range(of: "](#") {
                let after = rest[range.upperBound...]
                let id = after.prefix { $0 != ")" && $0 != " " && $0 != "\"" && $0 != "\n" }
                let next = after.dropFirst(id.count).first
                if !id.isEmpty, next == ")" || next == " " { found.append((String(id), firstLine + lineOffset)) }
                rest = after
            }
        }
        return found
    }

    /// Calls `body` with the parts of `text` outside fenced code blocks and inline code.
    static func forEachProseSegment(_ text: String, _ body: (Substring) -> Void) {
        forEachProseSegment(text) { segment, _ in body(segment) }
    }

    /// Like ``forEachProseSegment(_:_:)``, with the 0-based line offset of each segment.
    static func forEachProseSegment(_ text: String, _ body: (Substring, Int) -> Void) {
        var fence: String?
        for (lineOffset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let marker = fence {
                if trimmed.hasPrefix(marker) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") { fence = "```"; continue }
            if trimmed.hasPrefix("~~~") { fence = "~~~"; continue }
            // Split on backtick runs: even-numbered parts are prose.
            var inCode = false
            var start = line.startIndex
            var i = line.startIndex
            while i < line.endIndex {
                if line[i] == "`" {
                    if !inCode { body(line[start..<i], lineOffset) }
                    inCode.toggle()
                    while i < line.endIndex, line[i] == "`" { i = line.index(after: i) }
                    start = i
                } else {
                    i = line.index(after: i)
                }
            }
            // An unclosed backtick run is literal text (CommonMark), so the rest is prose.
            body(line[start..<line.endIndex], lineOffset)
        }
    }

    /// Splits `**Label:** value` (also `**Label**: value` and `*Label:* value`) into the
    /// lower-cased label and the value; `nil` when the text does not start with one.
    static func label(_ text: String) -> (label: String, value: String)? {
        for marker in ["**", "__", "*", "_"] where text.hasPrefix(marker) {
            let afterOpen = text.dropFirst(marker.count)
            guard let close = afterOpen.range(of: marker) else { return nil }
            var label = afterOpen[..<close.lowerBound].trimmed()
            var value = afterOpen[close.upperBound...]
            if label.hasSuffix(":") {
                label.removeLast()
            } else if value.hasPrefix(":") {
                value = value.dropFirst()
            } else {
                return nil
            }
            guard !label.isEmpty, label.count <= 40, !label.contains("\n") else { return nil }
            return (label.trimmed().lowercased(), value.trimmed())
        }
        return nil
    }

    /// Markdown reduced to plain words for titles: emphasis markers, code ticks and link
    /// targets removed, whitespace collapsed.
    static func plainText(_ markdown: String) -> String {
        var out = ""
        var chars = Array(markdown)[...]
        while let c = chars.first {
            chars.removeFirst()
            switch c {
            case "*", "`":
                continue
            case "_" where out.last?.isLetter != true || chars.first?.isLetter != true:
                continue
            case "[":
                continue
            case "]" where chars.first == "(":
                while let d = chars.first, d != ")" { chars.removeFirst() }
                if !chars.isEmpty { chars.removeFirst() }
            case "\n", "\t", "\r":
                if out.last != " " { out.append(" ") }
            case " ":
                if out.last != " " { out.append(" ") }
            default:
                out.append(c)
            }
        }
        return out.trimmed()
    }

    /// The first sentence of a text, as plain text, cut at about `limit` characters.
    static func firstSentence(_ markdown: String, limit: Int = 80) -> String {
        let plain = plainText(markdown)
        var sentence = plain
        if let end = plain.firstIndex(where: { $0 == "." || $0 == "!" || $0 == "?" || $0 == ";" }) {
            let next = plain.index(after: end)
            if next == plain.endIndex || plain[next] == " " { sentence = String(plain[..<end]) }
        }
        if sentence.count > limit {
            let cut = sentence.prefix(limit)
            let lastSpace = cut.lastIndex(of: " ") ?? cut.endIndex
            sentence = String(cut[..<lastSpace]) + "…"
        }
        return sentence
    }
}
