/// Reads the blocks under a rule heading: the requirement text, labelled annotations
/// (`**Rationale:** …`), boundary examples (Tenet `chat` and Model Spec `xml` blocks) and
/// admonitions (`!!! meta`).
struct RuleBodyReader {
    /// What a rule's body holds.
    struct Body: Sendable {
        var textParts: [String] = []
        /// Annotation label (lower case) → value, in the order read.
        var annotations: [(label: String, value: String, line: Int)] = []
        var exceptions: [String] = []
        var examples: [Example] = []
        var commentary: [String] = []
        var problems: [(line: Int, severity: Diagnostic.Severity, code: String, message: String)] = []

        var text: String { textParts.joined(separator: "\n\n") }
    }

    /// Labels understood as annotations.
    static let annotationLabels: Set<String> = [
        "kind", "direction", "priority", "authority", "family", "concreteness", "tags",
        "scope", "rationale", "exceptions", "exception", "lead-in", "context",
    ]

    let document: MarkdownDocument
    private(set) var body = Body()
    /// An `**Example…**` title waiting for its block.
    private var pendingExample: (title: String, verdict: Verdict?, violates: [String], line: Int)?
    /// Index range in `body.examples` made by the last example block, for a `**Why:**`.
    private var lastExampleRange: Range<Int>?
    private var comparisonOffset = 0

    init(document: MarkdownDocument) { self.document = document }

    /// Reads `blocks` (indices of top-level blocks, in order).
    static func read(_ blocks: [Int], in document: MarkdownDocument) -> Body {
        var reader = RuleBodyReader(document: document)
        var k = 0
        while k < blocks.count {
            let next = k + 1 < blocks.count ? blocks[k + 1] : nil
            let consumedNext = reader.take(blocks[k], next: next)
            k += consumedNext ? 2 : 1
        }
        reader.flushPendingExample()
        return reader.body
    }

    /// Reads one block; returns `true` when it also consumed `next`.
    private mutating func take(_ index: Int, next: Int?) -> Bool {
        let block = document.blocks[index]
        let line = Int(block.startLine)
        switch block.kind {
        case .paragraph:
            let text = document.text(index)
            let trimmed = text.trimmingLeadingSpaces()
            if let header = Self.exampleHeader(trimmed) {
                flushPendingExample()
                if let problem = header.problem {
                    body.problems.append((line, .warning, "malformed-example", problem))
                }
                pendingExample = (header.title, header.verdict, header.violates, line)
                lastExampleRange = nil
                return false
            }
            if trimmed.hasPrefix("!!!") {
                flushPendingExample()
                return readAdmonition(text, next: next)
            }
            if let (label, wrapped) = InlineScan.label(trimmed) {
                // A paragraph's line breaks are where its source wraps (as a bullet's are,
                // ``readList(_:)``): "total and\nterms" would be a line break in training data.
                // (The bytes looked at in place: `utf8.contains` went through the view's
                // generic iterator, 6 M instructions on the samples' head.)
                let wraps = wrapped.utf8.withContiguousStorageIfAvailable { $0.contains(0x0A) } ?? wrapped.utf8.contains(0x0A)
                let value = wraps ? joiningLines(wrapped) : wrapped
                if label == "why" || label == "reason", let range = lastExampleRange {
                    for i in range where body.examples[i].reason == nil { body.examples[i].reason = value }
                    lastExampleRange = nil
                    return false
                }
                if Self.annotationLabels.contains(label) {
                    flushPendingExample()
                    // `**Exceptions:**` alone, then a list: the list is its value.
                    if value.isEmpty, let next, document.blocks[next].kind == .list {
                        let items = document.children(of: next).map { document.itemContent($0).trimmed() }
                        addAnnotation(label, "", line: line, nested: items.filter { !$0.isEmpty })
                        return true
                    }
                    addAnnotation(label, value, line: line, nested: [])
                    return false
                }
            }
            flushPendingExample()
            body.textParts.append(text)
        case .codeBlock where pendingExample != nil || Self.isExampleLanguage(document.info(index)):
            readExampleBlock(index)
        case .list:
            flushPendingExample()
            readList(index)
        default:
            flushPendingExample()
            body.textParts.append(document.text(index))
        }
        if block.kind != .codeBlock { lastExampleRange = nil }
        return false
    }

    private static func isExampleLanguage(_ info: String?) -> Bool {
        guard let word = info?.split(separator: " ").first?.lowercased() else { return false }
        return word == "chat" || word == "conversation"
    }

    // MARK: examples

    struct ExampleHeader {
        var title: String
        var verdict: Verdict?
        var violates: [String]
        var problem: String?
    }

    /// `**Example**: title` (Model Spec), `**Example (BAD #rule):** title` (Tenet).
    static func exampleHeader(_ text: String) -> ExampleHeader? {
        guard text.utf8.starts(with: "**Example".utf8) else { return nil }
        var text = text
        return text.withUTF8 { bytes in
            var close = 2
            while close + 1 < bytes.count, !(bytes[close] == 0x2A && bytes[close + 1] == 0x2A) { close += 1 }
            guard close + 1 < bytes.count else { return nil }
            var restStart = close + 2
            if restStart < bytes.count, bytes[restStart] == 0x3A { restStart += 1 }
            let title = collapsingWhitespace(ArraySlice(UnsafeBufferPointer(rebasing: bytes[restStart...])))
            let label = UnsafeBufferPointer(rebasing: bytes[2..<close])
            // Labels are ASCII (`Example 2 (BAD #rule)`): read as bytes; others as characters.
            guard label.allSatisfy({ $0 < 0x80 }) else {
                return exampleLabel(String(decoding: label, as: UTF8.self).trimmed(), title: title)
            }
            return exampleLabel(ascii: label, title: title)
        }
    }

    /// The label of an example title (`Example 2 (BAD #rule):`) read as ASCII bytes;
    /// answers as ``exampleLabel(_:title:)`` does.
    private static func exampleLabel(ascii all: UnsafeBufferPointer<UInt8>, title: String) -> ExampleHeader? {
        var start = 0, end = all.count
        while start < end, isASCIIWhitespace(all[start]) { start += 1 }
        while end > start, isASCIIWhitespace(all[end - 1]) { end -= 1 }
        if end > start, all[end - 1] == 0x3A { end -= 1 }
        var header = ExampleHeader(title: title, verdict: nil, violates: [])
        var i = min(end, start + 7)                                                // after `Example`
        guard i == end || all[i] == 0x20 || all[i] == 0x28 else { return nil }
        while i < end, all[i] == 0x20 { i += 1 }
        while i < end, all[i] >= 0x30, all[i] <= 0x39 { i += 1 }                 // `**Example 2 (BAD):**`
        while i < end, all[i] == 0x20 { i += 1 }
        guard i < end, all[i] == 0x28, let close = all[i..<end].firstIndex(of: 0x29) else { return header }
        for token in all[(i + 1)..<close].split(whereSeparator: { $0 == 0x20 || $0 == 0x2C }) {
            let word = String(decoding: token, as: UTF8.self)
            if token.first == 0x23 {
                header.violates.append(String(word.dropFirst()))
            } else if let verdict = Verdict(label: word) {
                header.verdict = verdict
            } else {
                header.problem = "unknown verdict `\(QuotedInMessage.shown(word))` in the example title; use GOOD, BAD or BORDERLINE"
            }
        }
        return header
    }

    /// The label of an example title read character by character (labels that are not
    /// ASCII; the byte reading is checked against it).
    static func exampleLabel(_ trimmedLabel: String, title: String) -> ExampleHeader? {
        var label = trimmedLabel
        if label.hasSuffix(":") { label.removeLast() }
        var header = ExampleHeader(title: title, verdict: nil, violates: [])
        var word = label.dropFirst("Example".count)
        guard word.isEmpty || word.first == " " || word.first == "(" else { return nil }
        word = word.drop { $0 == " " }
        word = word.drop { $0.isNumber }       // `**Example 2 (BAD):**`
        word = word.drop { $0 == " " }
        if word.hasPrefix("("), let end = word.firstIndex(of: ")") {
            let inside = word[word.index(after: word.startIndex)..<end]
            for token in inside.split(whereSeparator: { $0 == " " || $0 == "," }) {
                if token.hasPrefix("#") {
                    header.violates.append(String(token.dropFirst()))
                } else if let verdict = Verdict(label: String(token)) {
                    header.verdict = verdict
                } else {
                    header.problem = "unknown verdict `\(QuotedInMessage.shown(token))` in the example title; use GOOD, BAD or BORDERLINE"
                }
            }
        }
        return header
    }

    private mutating func readExampleBlock(_ index: Int) {
        let block = document.blocks[index]
        let header = pendingExample
        pendingExample = nil
        let content = document.literalBytes(index) ?? []
        let firstLine = Int(block.startLine) + (block.fenced ? 1 : 0)
        let language = document.info(index)?.split(separator: " ").first?.lowercased() ?? ""
        // `</` as characters (not before a combining mark), looked for by bytes first.
        let looksXML = language == "xml" || (language.isEmpty && ByteSearch.contains(content, 0x3C, 0x2F)
                                                && String(decoding: content, as: UTF8.self).contains("</"))
        let scan = looksXML
            ? ExampleScanner.scanXML(bytes: content, firstLine: firstLine)
            : ExampleScanner.scanChat(bytes: content, firstLine: firstLine, verdict: header?.verdict ?? .unspecified)
        for problem in scan.problems {
            body.problems.append((problem.line, .warning, "malformed-example", problem.message))
        }
        var answers = scan.answers
        if answers.isEmpty, let last = scan.context.lastIndex(where: { $0.role == "assistant" }) {
            // No answer carries a verdict comment: the last assistant turn is the one judged,
            // with the verdict of the example's title (or none, which lint reports).
            answers.append(ExampleScanner.Answer(turns: Array(scan.context[...last]), verdict: header?.verdict ?? .unspecified,
                                                 reason: nil, violates: [], comparison: nil, line: firstLine))
        } else if answers.isEmpty {
            body.problems.append((firstLine, .warning, "malformed-example", "the example has no assistant answer to judge"))
        }
        let start = body.examples.count
        var maxComparison = 0
        for answer in answers {
            var verdict = answer.verdict
            if verdict == .unspecified, let fromHeader = header?.verdict { verdict = fromHeader }
            let comparison = answer.comparison.map { $0 + comparisonOffset }
            maxComparison = max(maxComparison, answer.comparison ?? 0)
            body.examples.append(Example(
                verdict: verdict, title: header?.title ?? "", turns: answer.turns, reason: answer.reason,
                violates: answer.violates.isEmpty ? (header?.violates ?? []) : answer.violates,
                line: header?.line ?? answer.line, comparison: comparison))
            body.examples[body.examples.count - 1].sourceVerdict = answer.sourceVerdict
        }
        comparisonOffset += maxComparison
        lastExampleRange = start..<body.examples.count
    }

    private mutating func flushPendingExample() {
        guard let header = pendingExample else { return }
        pendingExample = nil
        body.problems.append((header.line, .warning, "malformed-example",
                              "example “\(header.title)” has no conversation block after it; add a ```chat block"))
    }

    // MARK: annotations

    private mutating func readList(_ index: Int) {
        var textItems: [String] = []
        for item in document.children(of: index) {
            if let (label, value) = InlineScan.label(document.itemFirstLine(item)), Self.annotationLabels.contains(label) {
                // The value runs on over continuation lines until a nested block starts.
                let nestedBlocks = document.children(of: item).dropFirst()
                var valueLines = [value]
                let itemStart = Int(document.blocks[item].startLine)
                let valueEnd = min(document.lastLine(item),
                                   nestedBlocks.first.map { Int(document.blocks[$0].startLine) - 1 } ?? Int.max)
                if valueEnd > itemStart {
                    for n in (itemStart + 1)...valueEnd { valueLines.append(document.source.line(n).trimmed()) }
                }
                var nested: [String] = []
                for child in nestedBlocks where document.blocks[child].kind == .list {
                    for sub in document.children(of: child) {
                        nested.append(document.itemContent(sub).trimmed())
                    }
                }
                addAnnotation(label, valueLines.filter { !$0.isEmpty }.joined(separator: " "),
                              line: Int(document.blocks[item].startLine), nested: nested.filter { !$0.isEmpty })
            } else {
                textItems.append(document.source.lines(Int(document.blocks[item].startLine), document.lastLine(item)))
            }
        }
        if !textItems.isEmpty { body.textParts.append(textItems.joined(separator: "\n")) }
    }

    private mutating func addAnnotation(_ label: String, _ value: String, line: Int, nested: [String]) {
        if label == "exceptions" || label == "exception" {
            if !value.isEmpty { body.exceptions.append(value) }
            body.exceptions.append(contentsOf: nested)
            return
        }
        var full = value
        if !nested.isEmpty { full += (full.isEmpty ? "" : "\n") + nested.map { "- " + $0 }.joined(separator: "\n") }
        body.annotations.append((label, full, line))
    }

    // MARK: admonitions

    /// `!!! meta "Title"` then either an indented body in the same paragraph or, after a
    /// blank line, an indented code block (both shapes cmark-gfm produces).
    private mutating func readAdmonition(_ text: String, next: Int?) -> Bool {
        let rest = Self.admonitionBody(text)
        if rest.isEmpty, let next, document.blocks[next].kind == .codeBlock, !document.blocks[next].fenced {
            body.commentary.append((document.literal(next) ?? "").trimmed())
            return true
        }
        if !rest.isEmpty { body.commentary.append(rest) }
        return false
    }

    /// The lines after an admonition's first, each without its leading spaces and tabs,
    /// joined and trimmed. Read as UTF-8 bytes; as characters (``admonitionBodyByCharacters(_:)``)
    /// when the two readings could differ: a CR (CR LF is one character), or a space or tab
    /// that makes one character with the combining mark after it.
    static func admonitionBody(_ text: String) -> String {
        var text = text
        let byBytes: String? = text.withUTF8 { b in
            guard !b.contains(0x0D) else { return nil }
            guard let firstBreak = b.firstIndex(of: 0x0A) else { return "" }
            var out: [UInt8] = []
            out.reserveCapacity(b.count - firstBreak)
            var lineStart = firstBreak + 1
            while true {
                var start = lineStart
                while start < b.count, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
                if start > lineStart, start < b.count, b[start] >= 0x80 {
                    // The last space and the scalar after it: one character when the scalar
                    // is a combining mark (or joiner), which depends on nothing else.
                    let length = b[start] >= 0xF0 ? 4 : b[start] >= 0xE0 ? 3 : 2
                    let pair = UnsafeBufferPointer(rebasing: b[(start - 1)..<min(b.count, start + length)])
                    if String(decoding: pair, as: UTF8.self).count != 2 { return nil }
                }
                let end = ByteSearch.newline(b, from: start)
                if lineStart > firstBreak + 1 { out.append(0x0A) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<end]))
                guard end < b.count else { break }
                lineStart = end + 1
            }
            var (low, high) = (0, out.count)
            while low < high, isASCIIWhitespace(out[low]) { low += 1 }
            while high > low, isASCIIWhitespace(out[high - 1]) { high -= 1 }
            return String(decoding: out[low..<high], as: UTF8.self)
        }
        return byBytes ?? admonitionBodyByCharacters(text)
    }

    /// ``admonitionBody(_:)`` read character by character (the byte reading is checked
    /// against it).
    static func admonitionBodyByCharacters(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.dropFirst().map { $0.trimmingLeadingSpaces() }.joined(separator: "\n").trimmed()
    }
}
