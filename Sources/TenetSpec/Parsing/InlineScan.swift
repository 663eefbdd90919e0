import Foundation

/// Small scanners over Markdown source text: placeholders, cross references, labels and
/// plain text. They skip inline code spans and fenced code so that code is never read as
/// a placeholder or a link.
enum InlineScan {
    /// What one pass over Markdown source finds: links to anchors (with their lines) and
    /// placeholder names, outside fenced code and inline code.
    struct Findings {
        var references: [(id: String, line: Int)] = []
        var placeholders: [String] = []
    }

    /// Placeholder names in order of first use: `{{name}}` and `{name}` (identifier
    /// characters only; `{#id}` attribute blocks are not placeholders).
    static func placeholders(in text: String, singleBraces: Bool = true) -> [String] {
        var seen: Set<String> = []
        return scan(text, firstLine: 1, singleBraces: singleBraces).placeholders.filter { seen.insert($0).inserted }
    }

    /// Whether `text` has the brace a placeholder starts with (`{`, or `{{` when only
    /// double braces count); when it has not, ``placeholders(in:singleBraces:)`` finds none.
    static func mayHoldPlaceholder(_ text: String, singleBraces: Bool) -> Bool {
        var text = text
        return text.withUTF8 { b in
            guard let base = b.baseAddress else { return false }
            var offset = 0
            while offset < b.count, let hit = memchr(base + offset, 0x7B, b.count - offset) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if singleBraces || (i + 1 < b.count && b[i + 1] == 0x7B) { return true }
                offset = i + 1
            }
            return false
        }
    }

    /// Targets of links to anchors in the same document: `[?](#id)`, `[text](#id)`, each
    /// once, in order of first use.
    static func references(in text: String) -> [String] {
        var seen: Set<String> = []
        return scan(text, firstLine: 1).references.map(\.id).filter { seen.insert($0).inserted }
    }

    static func scan(_ text: String, firstLine: Int, singleBraces: Bool = true) -> Findings {
        var text = text
        return text.withUTF8 { scan($0, firstLine: firstLine, singleBraces: singleBraces) }
    }

    /// One pass over UTF-8 bytes. Lines whose first non-blank characters are ``` or ~~~
    /// open and close fenced code; backtick runs open and close inline code within a line.
    /// `singleBraces: false` reads only `{{name}}` (conversations often hold code with braces).
    static func scan(_ b: UnsafeBufferPointer<UInt8>, firstLine: Int, singleBraces: Bool = true) -> Findings {
        var found = Findings()
        let n = b.count
        var i = 0
        var line = firstLine
        var fence: UInt8 = 0          // ` or ~ while inside fenced code
        var inCode = false
        var atLineStart = true
        while i < n {
            if atLineStart {
                atLineStart = false
                inCode = false
                var j = i
                while j < n, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                if j + 2 < n, b[j] == 0x60 || b[j] == 0x7E, b[j + 1] == b[j], b[j + 2] == b[j] {
                    if fence == 0 { fence = b[j] } else if fence == b[j] { fence = 0 }
                    while i < n, b[i] != 0x0A { i += 1 }
                    continue
                }
            }
            let c = b[i]
            // Most bytes are plain text: nothing to do.
            if c != 0x0A, c != 0x60, c != 0x5D, c != 0x7B, fence == 0 { i = ByteSearch.next(b, from: i + 1); continue }
            if c == 0x0A {
                line += 1
                atLineStart = true
                i += 1
                continue
            }
            if fence != 0 {
                i = ByteSearch.newline(b, from: i)
                continue
            }
            if c == 0x60 {
                inCode.toggle()
                while i < n, b[i] == 0x60 { i += 1 }
                continue
            }
            if inCode { i += 1; continue }
            if c == 0x5D, i + 2 < n, b[i + 1] == 0x28, b[i + 2] == 0x23 {          // ](#
                let start = i + 3
                var j = start
                while j < n, b[j] != 0x29, b[j] != 0x20, b[j] != 0x22, b[j] != 0x0A { j += 1 }
                if j > start, j < n, b[j] == 0x29 || b[j] == 0x20 {
                    found.references.append((String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self), line))
                }
                i = j
                continue
            }
            if c == 0x7B {                                                            // {
                var j = i + 1
                let double = j < n && b[j] == 0x7B
                if double { j += 1 }
                let start = j
                while j < n, isIdentifierByte(b[j], first: j == start) { j += 1 }
                if j > start, j < n, b[j] == 0x7D, double ? (j + 1 < n && b[j + 1] == 0x7D) : singleBraces {
                    found.placeholders.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self))
                    i = j + (double ? 2 : 1)
                    continue
                }
            }
            i += 1
        }
        return found
    }

    private static func isIdentifierByte(_ c: UInt8, first: Bool) -> Bool {
        c == 0x5F || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (!first && c >= 0x30 && c <= 0x39)
    }

    /// Splits `**Label:** value` (also `**Label**: value` and `*Label:* value`) into the
    /// lower-cased label and the value; `nil` when the text does not start with one.
    static func label(_ text: String) -> (label: String, value: String)? {
        guard let m = text.utf8.first, m == 0x2A || m == 0x5F else { return nil }
        var text = text
        // Read in place: the label is within the first few dozen bytes, and the value is
        // made from its bytes once, already trimmed.
        return text.withUTF8 { all -> (label: String, value: String)? in
            let head = min(all.count, 96)
            let width = head > 1 && all[1] == m ? 2 : 1
            // The closing marker: the same run of * or _ within the first few dozen bytes.
            var close = width
            while close + width <= head {
                if all[close] == m, width == 1 || all[close + 1] == m { break }
                if all[close] == 0x0A { return nil }
                close += 1
            }
            guard close + width <= head else { return nil }
            var labelEnd = close
            var valueStart = close + width
            if close > width, all[close - 1] == 0x3A {
                labelEnd -= 1
            } else if valueStart < head, all[valueStart] == 0x3A {
                valueStart += 1
            } else {
                return nil
            }
            let label = trimmedString(all, width..<labelEnd)
            guard !label.isEmpty, label.count <= 40 else { return nil }
            return (label.lowercased(), trimmedString(all, valueStart..<all.count))
        }
    }

    /// The bytes in `range` without ASCII whitespace at either end, as a string. Both ends of
    /// `range` sit next to ASCII bytes (or the ends of `bytes`), so the slice is whole UTF-8.
    private static func trimmedString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var start = range.lowerBound, end = range.upperBound
        while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Markdown reduced to plain words for titles: emphasis markers, code ticks and link
    /// targets removed, whitespace collapsed. One pass over UTF-8 bytes; text where a
    /// marker could join a combining mark into one character (``PlainTextBytes``) is read
    /// character by character, with the same result.
    static func plainText(_ markdown: String) -> String {
        var markdown = markdown
        return markdown.withUTF8 { PlainTextBytes.plain($0) } ?? plainTextByCharacters(markdown)
    }

    /// ``plainText(_:)`` character by character: the reference the byte pass must match,
    /// and what reads text the byte pass leaves alone.
    static func plainTextByCharacters(_ markdown: String) -> String {
        var out = ""
        var chars = Array(markdown)[...]
        // Where the `]` after the last `[` is: brackets in a row are looked past once.
        var closing = -1
        while let c = chars.first {
            chars.removeFirst()
            switch c {
            case "*", "`":
                continue
            case "_" where out.last?.isLetter != true || chars.first?.isLetter != true:
                continue
            case "[":
                // Dropped where it opens a link (`[text](…)`), kept in "Travel [draft] spec".
                if closing < chars.startIndex { closing = chars.firstIndex(of: "]") ?? chars.endIndex }
                if !(closing + 1 < chars.endIndex && chars[closing + 1] == "(") { out.append("[") }
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
        var bytes = markdown
        if let sentence = bytes.withUTF8({ PlainTextBytes.firstSentenceOfASCII($0, limit: limit) }) { return sentence }
        return firstSentenceOfPlainText(markdown, limit: limit)
    }

    /// ``firstSentence(_:limit:)`` by its definition: the whole text made plain, then cut.
    /// The reference ``PlainTextBytes/firstSentenceOfASCII(_:limit:)`` must match, and
    /// what reads text that is not all ASCII.
    static func firstSentenceOfPlainText(_ markdown: String, limit: Int = 80) -> String {
        let plain = plainText(markdown)
        var sentence = plain
        var bytes = plain
        switch bytes.withUTF8({ PlainTextBytes.firstTerminator($0) }) {
        case .at(let offset):
            let end = plain.utf8.index(plain.utf8.startIndex, offsetBy: offset)
            let next = plain.index(after: end)
            if next == plain.endIndex || plain[next] == " " { sentence = String(plain[..<end]) }
        case .absent:
            break
        case .undecided:
            if let end = plain.firstIndex(where: { $0 == "." || $0 == "!" || $0 == "?" || $0 == ";" }) {
                let next = plain.index(after: end)
                if next == plain.endIndex || plain[next] == " " { sentence = String(plain[..<end]) }
            }
        }
        // At most `limit` bytes is at most `limit` characters; otherwise count no further
        // than the limit.
        // Text whose scalars are each a character (``String/simplePrefixLength(characters:)``)
        // is cut by bytes.
        if sentence.utf8.count > limit,
           let cutEnd = sentence.simplePrefixLength(characters: limit).map({ sentence.utf8.index(sentence.utf8.startIndex, offsetBy: $0) })
               ?? sentence.index(sentence.startIndex, offsetBy: limit, limitedBy: sentence.endIndex),
           cutEnd != sentence.endIndex {
            let cut = sentence[..<cutEnd]
            let lastSpace = cut.lastIndex(of: " ") ?? cut.endIndex
            sentence = String(cut[..<lastSpace]) + "…"
        }
        return sentence
    }
}
