import Foundation

/// Reads the conversation inside an example's fenced block. Two shapes are understood:
///
/// - Tenet `chat` blocks: each turn starts with `role:` at the start of a line.
/// - Model Spec `xml` blocks: `<user>…</user>` turns and a `<comparison>` of
///   `<assistant>` answers marked `<!-- GOOD -->`, `<!-- BAD: reason -->`,
///   `<!-- BAD, reason -->`, `<!-- OK -->` or `<!-- BAD[#rule_id]: reason -->`.
///   When a conversation goes on after a comparison, its GOOD answer is the assistant
///   turn the later answers follow; a line `[...]` between turns (turns left out) is
///   passed over.
///   Turn text is XML: `&lt;`, `&amp;`, `&#39;` … are decoded.
///
/// Neither is strict: the content of a turn is free text that may hold Markdown, code
/// fences, `&` and stray angle brackets. Problems become warnings; scanning never fails.
enum ExampleScanner {
    /// One judged answer and the conversation that led to it.
    struct Answer: Equatable, Sendable {
        var turns: [Turn]
        var verdict: Verdict
        var reason: String?
        var violates: [String]
        /// Answers of one `<comparison>` share this number (from 1 within the block).
        var comparison: Int?
        var line: Int
        /// The verdict word as written when it is not one of Tenet's (`OK`).
        var sourceVerdict: String? = nil
    }

    /// A verdict comment read: `<!-- BAD[#id]: reason -->`.
    struct Mark: Sendable, Equatable {
        var verdict: Verdict
        var reason: String?
        var violates: [String]
        /// The word as written, upper-cased, when it is not one of Tenet's verdicts:
        /// the Model Spec's `OK` (an acceptable answer, not the best) is read as BORDERLINE.
        var sourceVerdict: String?
    }

    struct Result: Sendable {
        var answers: [Answer] = []
        /// Turns that are not judged answers (the conversation around them).
        var context: [Turn] = []
        /// (line, message) pairs.
        var problems: [(line: Int, message: String)] = []
    }

    /// ``Turn/roles`` as bytes, for ``role(named:lowercasing:)``.
    private static let roleBytes: [(name: String, bytes: [UInt8])] = Turn.roles.map { ($0, Array($0.utf8)) }

    /// The role of ``Turn/roles`` spelled by `bytes` (ASCII capitals read as small letters
    /// when `lowercasing`), or `nil`. Compares bytes: tags and turn lines are read on every
    /// line of an example, and making a string of each candidate to look it up in a set was
    /// most of their cost.
    static func role<Name: Collection<UInt8>>(named bytes: Name, lowercasing: Bool) -> String? {
        let count = bytes.count
        for role in roleBytes where role.bytes.count == count {
            var k = 0, same = true
            for byte in bytes {
                let b = lowercasing && byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if b != role.bytes[k] { same = false; break }
                k += 1
            }
            if same { return role.name }
        }
        return nil
    }

    // MARK: chat blocks

    /// Scans a Tenet `chat` block whose first content line is `firstLine`. The last
    /// assistant turn is the judged answer; its verdict comes from the example's title.
    /// Works on UTF-8 bytes: example blocks make up much of a large spec.
    static func scanChat(_ content: String, firstLine: Int, verdict: Verdict) -> Result {
        scanChat(bytes: Array(content.utf8), firstLine: firstLine, verdict: verdict)
    }

    /// ``scanChat(_:firstLine:verdict:)`` of UTF-8 bytes.
    static func scanChat(bytes content: [UInt8], firstLine: Int, verdict: Verdict) -> Result {
        var result = Result()
        let chat = readChat(bytes: content, firstLine: firstLine, labels: false, joiningWraps: true)
        for line in chat.unassigned {
            result.problems.append((line, "conversation line has no role; start it with `user:` or `assistant:`"))
        }
        let finished = chat.turns.map(\.turn)
        guard let last = finished.lastIndex(where: { $0.role == "assistant" }) else {
            result.problems.append((firstLine, "the conversation has no `assistant:` turn to judge"))
            return result
        }
        result.answers.append(Answer(turns: Array(finished[...last]), verdict: verdict, reason: nil,
                                     violates: [], comparison: nil, line: firstLine))
        return result
    }

    /// A chat block line by line (see ``ChatReading``); `labels`: whether to look for
    /// lines that look like turns of unknown roles.
    static func readChat(_ content: String, firstLine: Int, labels: Bool) -> ChatReading {
        readChat(bytes: Array(content.utf8), firstLine: firstLine, labels: labels)
    }

    /// ``readChat(_:firstLine:labels:)`` of UTF-8 bytes. `joiningWraps`: a line that goes
    /// on with the sentence the source wrapped (``wraps(_:_:)``) joins it with a space — in
    /// a spec file, wrapped at a width; not in text typed in an editor, whose line breaks
    /// are the person's.
    static func readChat(bytes: [UInt8], firstLine: Int, labels: Bool, joiningWraps: Bool = false) -> ChatReading {
        var reading = ChatReading()
        var turns: [(role: String, name: String?, content: [UInt8], line: Int)] = []
        var fence: UInt8 = 0
        // The turn's line before this one, outside a fence: whether this one wraps it.
        var previous: ArraySlice<UInt8> = []
        var lineStart = 0
        var offset = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[lineStart..<end]
            let text = line.drop { $0 == 0x20 || $0 == 0x09 }
            defer { lineStart = lineEnd + 1; offset += 1 }
            if fence != 0 {
                turns[turns.count - 1].content.append(0x0A)
                turns[turns.count - 1].content.append(contentsOf: line)
                if fenceMarker(text) == fence { fence = 0 }
                continue
            }
            var opened = text
            if let (role, name, rest) = roleLine(line) {
                turns.append((role, name, Array(rest), firstLine + offset))
                opened = rest.drop { $0 == 0x20 || $0 == 0x09 }
            } else if turns.isEmpty {
                if !text.isEmpty { reading.unassigned.append(firstLine + offset) }
                continue
            } else {
                turns[turns.count - 1].content.append(joiningWraps && wraps(previous, line) ? 0x20 : 0x0A)
                turns[turns.count - 1].content.append(contentsOf: line)
                if labels, let label = label(line) { reading.labelled.append(.init(line: firstLine + offset, label: label)) }
            }
            previous = opened
            fence = fenceMarker(opened)
        }
        reading.turns = turns.map {
            NumberedTurn(turn: Turn(role: $0.role, content: String(decoding: $0.content, as: UTF8.self).trimmed(), name: $0.name), line: $0.line)
        }
        return reading
    }

    /// Whether `line` goes on with the sentence of `previous`, the turn's line before it,
    /// where the spec's source wrapped it ("… €9 in local taxes,\nfree cancellation …"):
    /// it starts in lower case, at the left edge, after a line of prose that ends in no
    /// hard break. Such a line break is a space, as in a Markdown paragraph; any other —
    /// a blank line, a list, a table, a heading, code, an indented or capitalised line (a
    /// poem's, an address's) — is kept.
    static func wraps(_ previous: ArraySlice<UInt8>, _ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first, first >= 0x61, first <= 0x7A,
              let start = previous.first, let last = previous.last, last != 0x5C,
              !(last == 0x20 && previous.dropLast().last == 0x20) else { return false }
        // A line that opens a block is no sentence another line continues.
        if start == 0x23 || start == 0x7C || start == 0x3E || start == 0x60 || start == 0x7E || start == 0x3C { return false }
        return true
    }

    /// The word of a line that starts like a turn — `word:` or `word (name):`, a word of
    /// 2 to 12 letters at the start of the line — or `nil`.
    private static func label(_ line: ArraySlice<UInt8>) -> String? {
        var end = line.startIndex
        while end < line.endIndex, end - line.startIndex < 13,
              (0x41...0x5A).contains(line[end]) || (0x61...0x7A).contains(line[end]) { end += 1 }
        guard (2...12).contains(end - line.startIndex), end < line.endIndex else { return nil }
        var after = line[end...]
        if after.first == 0x20, after.dropFirst().first == 0x28, let close = after.prefix(42).firstIndex(of: 0x29) {
            after = line[(close + 1)...]
        }
        guard after.first == 0x3A else { return nil }
        return String(decoding: line[line.startIndex..<end], as: UTF8.self)
    }

    /// ` or ~ when the text starts a code fence (three or more of them), else 0.
    private static func fenceMarker(_ text: ArraySlice<UInt8>) -> UInt8 {
        guard text.count >= 3, let c = text.first, c == 0x60 || c == 0x7E else { return 0 }
        let i = text.startIndex
        return text[i + 1] == c && text[i + 2] == c ? c : 0
    }

    /// `assistant: text` → ("assistant", nil, "text"); `tool (search): …` names the tool.
    private static func roleLine(_ line: ArraySlice<UInt8>) -> (String, String?, ArraySlice<UInt8>)? {
        guard let first = line.first, first != 0x20,
              let colon = line.prefix(40).firstIndex(of: 0x3A) else { return nil }
        var head = line[line.startIndex..<colon]
        var name: String?
        if head.last == 0x29, let paren = head.firstIndex(of: 0x28) {
            name = String(decoding: head[(paren + 1)..<(head.endIndex - 1)], as: UTF8.self).trimmed()
            head = head[head.startIndex..<paren]
        }
        while let last = head.last, last == 0x20 { head = head.dropLast() }
        guard head.count >= 3, head.count <= 9 else { return nil }
        guard let role = role(named: head, lowercasing: true) else { return nil }
        var rest = line[(colon + 1)...]
        if rest.first == 0x20 { rest = rest.dropFirst() }
        return (role, name, rest)
    }

    // MARK: xml blocks

    private struct OpenTurn {
        var role: String
        var name: String?
        var line: Int
        var content = TurnText(trimmed: true)
        var mark: Mark?
    }

    /// Text read from an example block: where its pieces follow each other in the block
    /// (a turn's lines, each with its line break), one range of the block's own bytes;
    /// copied only when a piece from elsewhere comes between. Most turns are never copied
    /// before their text is decoded.
    private struct TurnText {
        /// The pieces copied so far.
        private var copied: [UInt8] = []
        /// The block's bytes that follow `copied`, not yet copied.
        private var run = 0..<0
        /// Whether the text is read trimmed (a turn's is): whitespace at its start is not
        /// kept (a line break after `<assistant>`, then a verdict comment, then the answer's
        /// lines would otherwise be copied for the sake of that one line break).
        let trimmed: Bool

        init(trimmed: Bool = false) { self.trimmed = trimmed }

        /// Adds the block's bytes in `range`.
        mutating func append(_ range: Range<Int>, of b: Bytes) {
            guard !range.isEmpty else { return }
            if run.isEmpty {
                run = range
            } else if run.upperBound == range.lowerBound {
                run = run.lowerBound..<range.upperBound
            } else {
                spill(b)
                run = range
            }
        }

        /// Adds the block's bytes in `range`, which ends a line, and a line break: the
        /// block's own when it follows (not when a CR was dropped or the block ends).
        mutating func appendEndingLine(_ range: Range<Int>, of b: Bytes) {
            if range.upperBound < b.count, b[range.upperBound] == 0x0A {
                append(range.lowerBound..<(range.upperBound + 1), of: b)
            } else {
                append(range, of: b)
                spill(b)
                if !(trimmed && copied.isEmpty) { copied.append(0x0A) }
            }
        }

        mutating func append(_ other: TurnText, of b: Bytes) {
            if !other.copied.isEmpty {
                spill(b)
                copied.append(contentsOf: other.copied)
            }
            append(other.run, of: b)
        }

        /// Copies `run` (a run of whitespace at the start of trimmed text is dropped).
        private mutating func spill(_ b: Bytes) {
            let bytes = b.slice(run)
            run = 0..<0
            if trimmed, copied.isEmpty, bytes.allSatisfy(isASCIIWhitespace) { return }
            copied.append(contentsOf: bytes)
        }

        mutating func removeAll() {
            copied.removeAll(keepingCapacity: true)
            run = 0..<0
        }

        /// `body` of the text's bytes.
        func withBytes<R>(of b: Bytes, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            if copied.isEmpty { return body(b.slice(run)) }
            var all = copied
            all.append(contentsOf: b.slice(run))
            return all.withUnsafeBufferPointer(body)
        }
    }

    /// Scans a Model Spec `xml` example block whose first content line is `firstLine`.
    /// Works on UTF-8 bytes: example blocks are most of an example-heavy spec, and walking
    /// them as Swift characters was half of reading one.
    static func scanXML(_ content: String, firstLine: Int) -> Result {
        var content = content
        return content.withUTF8 { scanXML(bytes: $0, firstLine: firstLine) }
    }

    /// ``scanXML(_:firstLine:)`` of UTF-8 bytes.
    static func scanXML(bytes content: [UInt8], firstLine: Int) -> Result {
        content.withUnsafeBufferPointer { scanXML(bytes: $0, firstLine: firstLine) }
    }

    private static func scanXML(bytes all: UnsafeBufferPointer<UInt8>, firstLine: Int) -> Result {
        var result = Result()
        var context: [Turn] = []
        var open: OpenTurn?
        var comparisonLine: Int?
        var comparisons = 0
        /// The answers of the open comparison, for the turn a conversation goes on from.
        var compared: [(turn: Turn, verdict: Verdict)] = []
        /// A verdict comment written before its `<assistant>` tag.
        var pendingMark: (mark: Mark, line: Int)?
        /// A conversation longer than an example keeps was said once.
        var saidLongConversation = false
        /// Bytes of conversation the examples may still copy: 32 times the block's size.
        /// Past it (a system turn half a file long before a thousand comparisons), an
        /// example keeps the first ``SpecLimits/overBudgetBytes`` bytes of each turn
        /// before its answer.
        var copyBudget = SpecLimits.copyBudgetFactor * all.count
        var inCode = false
        let b = Bytes(all)

        func close() {
            guard let turn = open else { return }
            open = nil
            inCode = false
            let text = turn.content.withBytes(of: b) { XMLEntities.decode(buffer: trimmedRange($0)) }
            let finished = Turn(role: turn.role, content: text, name: turn.name.map(XMLEntities.decode))
            if turn.role == "assistant", comparisonLine != nil || turn.mark != nil {
                let mark = turn.mark ?? Mark(verdict: .unspecified, reason: nil, violates: [])
                // Each answer is an example holding the conversation before it. A block that
                // goes on through thousands of comparisons made each example copy all of it
                // (a 1 MB block took gigabytes): an answer past the examples a rule keeps is
                // dropped anyway, and keeps none; an example keeps the conversation's last
                // ``SpecLimits/maximumContextTurns`` turns.
                var turns: [Turn]
                if result.answers.count >= SpecLimits.maximumExamplesPerRule {
                    turns = [finished]
                } else {
                    if context.count > SpecLimits.maximumContextTurns, !saidLongConversation {
                        saidLongConversation = true
                        result.problems.append((turn.line, "the conversation before this answer has \(context.count) turns; "
                            + "an example keeps its last \(SpecLimits.maximumContextTurns), here and below"))
                    }
                    turns = context.count > SpecLimits.maximumContextTurns ? Array(context.suffix(SpecLimits.maximumContextTurns)) : context
                    let size = turns.reduce(0) { $0 + $1.content.utf8.count }
                    if size <= copyBudget {
                        copyBudget -= size
                    } else {
                        for k in turns.indices { turns[k].content = capped(turns[k].content, SpecLimits.overBudgetBytes) }
                    }
                    turns.append(finished)
                }
                result.answers.append(Answer(
                    turns: turns, verdict: mark.verdict, reason: mark.reason,
                    violates: mark.violates, comparison: comparisonLine != nil ? comparisons : nil,
                    line: turn.line, sourceVerdict: mark.sourceVerdict))
                // A judged answer outside a comparison is also the conversation so far.
                if comparisonLine != nil { compared.append((finished, mark.verdict)) } else { context.append(finished) }
            } else {
                context.append(finished)
            }
        }

        /// Ends the open comparison: the conversation goes on from its best answer.
        func endComparison() {
            comparisonLine = nil
            if let next = continuation(compared) { context.append(next) }
            compared = []
        }

        var lineCount = 0
        var lineStart = 0
        while lineStart <= b.count {
            let lineEnd = ByteSearch.newline(b.base, from: lineStart)
            defer { lineStart = lineEnd + 1; lineCount += 1 }
            let lineNumber = firstLine + lineCount
            var end = lineEnd
            if end > lineStart, b[end - 1] == 0x0D { end -= 1 }
            let line = lineStart..<end
            var trimmed = line
            while trimmed.lowerBound < trimmed.upperBound, isSpaceOrTab(b[trimmed.lowerBound]) { trimmed = (trimmed.lowerBound + 1)..<trimmed.upperBound }
            while trimmed.lowerBound < trimmed.upperBound, isSpaceOrTab(b[trimmed.upperBound - 1]) { trimmed = trimmed.lowerBound..<(trimmed.upperBound - 1) }
            let opensFence = isFence(b, trimmed)
            if inCode {
                if let role = closingTag(b, trimmed), role == open?.role {
                    close()
                    continue
                }
                open?.content.appendEndingLine(line, of: b)
                if opensFence { inCode = false }
                continue
            }
            if open != nil, opensFence {
                open?.content.appendEndingLine(line, of: b)
                let after = (trimmed.lowerBound + 3)..<trimmed.upperBound
                if !(b.contains("```", in: after) || b.contains("~~~", in: after)) { inCode = true }
                continue
            }
            // Most lines of a turn have no tag: they are its text as they stand.
            if open != nil, b.firstIndex(of: 0x3C, in: line) == nil {
                open?.content.appendEndingLine(line, of: b)
                continue
            }
            var rest = line.lowerBound
            var text = TurnText()
            func flushText() {
                if open != nil {
                    open?.content.append(text, of: b)
                } else if let shown = text.withBytes(of: b, { isBlankText($0) || isElision($0) ? nil : String(decoding: $0, as: UTF8.self) }) {
                    result.problems.append((lineNumber, "text outside any turn is ignored: “\(shown.trimmed().prefix(40))”"))
                }
                text.removeAll()
            }
            while let lt = b.firstIndex(of: 0x3C, in: rest..<line.upperBound) {
                text.append(rest..<lt, of: b)
                let tail = lt..<line.upperBound
                if let (role, name, after) = openingTag(b, tail) {
                    flushText()
                    if let current = open {
                        result.problems.append((lineNumber,
                            "`<\(role)>` opens before `<\(current.role)>` from line \(current.line) is closed"))
                        close()
                    }
                    open = OpenTurn(role: role, name: name, line: lineNumber)
                    if let pending = pendingMark {
                        if role == "assistant" { open?.mark = pending.mark } else {
                            result.problems.append((pending.line, "a verdict comment outside `<assistant>` is ignored; put it right after `<assistant>`"))
                        }
                        pendingMark = nil
                    }
                    rest = after
                } else if let (role, after) = closingTagPrefix(b, tail) {
                    flushText()
                    if open?.role == role {
                        close()
                    } else {
                        result.problems.append((lineNumber, "`</\(role)>` closes no open `<\(role)>`"))
                    }
                    rest = after
                } else if b.hasPrefix("<comparison>", at: tail) {
                    flushText()
                    close()
                    if let line = comparisonLine {
                        result.problems.append((lineNumber, "`<comparison>` opens inside the comparison from line \(line)"))
                        endComparison()
                    }
                    comparisons += 1
                    comparisonLine = lineNumber
                    rest = lt + 12
                } else if b.hasPrefix("</comparison>", at: tail) {
                    flushText()
                    close()
                    if comparisonLine == nil {
                        result.problems.append((lineNumber, "`</comparison>` closes no open `<comparison>`"))
                    }
                    endComparison()
                    rest = lt + 13
                } else if b.hasPrefix("<!--", at: tail),
                          let close = b.find("-->", in: (lt + 4)..<min(tail.upperBound, lt + 4 + maxTagLength)) {
                    if let mark = parseVerdict(bytes: b.slice((lt + 4)..<close)), open == nil || open?.role == "assistant" {
                        flushText()
                        if open == nil {
                            if pendingMark != nil {
                                result.problems.append((lineNumber, "a second verdict comment before one `<assistant>`; the first is kept"))
                            } else {
                                pendingMark = (mark, lineNumber)
                            }
                        } else if open?.mark == nil {
                            open?.mark = mark
                        } else {
                            result.problems.append((lineNumber, "a second verdict comment in one answer; the first is kept"))
                        }
                    } else {
                        text.append(lt..<(close + 3), of: b)
                    }
                    rest = close + 3
                } else {
                    text.append(lt..<(lt + 1), of: b)                 // the `<`
                    rest = lt + 1
                }
            }
            text.appendEndingLine(rest..<line.upperBound, of: b)
            flushText()
        }
        let end = firstLine + lineCount
        _ = end
        if let turn = open {
            result.problems.append((turn.line, "`<\(turn.role)>` is never closed"))
            close()
        }
        if let line = comparisonLine {
            result.problems.append((line, "`<comparison>` is never closed"))
        }
        if let pending = pendingMark {
            result.problems.append((pending.line, "a verdict comment with no `<assistant>` after it is ignored"))
        }
        result.context = context
        return result
    }

    /// Read-only access to a UTF-8 buffer, with the few searches the scanner needs.
    private struct Bytes {
        let base: UnsafeBufferPointer<UInt8>
        init(_ base: UnsafeBufferPointer<UInt8>) { self.base = base }
        var count: Int { base.count }
        subscript(_ i: Int) -> UInt8 { base[i] }
        func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: base[range]) }

        func hasPrefix(_ literal: StaticString, at range: Range<Int>) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard range.count >= n else { return false }
            let p = literal.utf8Start
            for k in 0..<n where base[range.lowerBound + k] != p[k] { return false }
            return true
        }

        func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
            guard !range.isEmpty, let start = base.baseAddress,
                  let hit = memchr(start + range.lowerBound, Int32(byte), range.count) else { return nil }
            return start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }

        /// Start of the first `literal` wholly inside `range`.
        func find(_ literal: StaticString, in range: Range<Int>) -> Int? {
            let n = literal.utf8CodeUnitCount
            var from = range.lowerBound
            while from + n <= range.upperBound, let hit = firstIndex(of: literal.utf8Start[0], in: from..<(range.upperBound - n + 1)) {
                if hasPrefix(literal, at: hit..<range.upperBound) { return hit }
                from = hit + 1
            }
            return nil
        }

        func contains(_ literal: StaticString, in range: Range<Int>) -> Bool { find(literal, in: range) != nil }
    }

    @inline(__always)
    private static func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Whether `range` starts with ```` ``` ```` or `~~~` (read on every line of a block).
    @inline(__always)
    private static func isFence(_ b: Bytes, _ range: Range<Int>) -> Bool {
        guard range.count >= 3 else { return false }
        let c = b[range.lowerBound]
        return (c == 0x60 || c == 0x7E) && b[range.lowerBound + 1] == c && b[range.lowerBound + 2] == c
    }

    /// `bytes` without ASCII whitespace at either end.
    private static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end, isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Whether the text is whitespace only (Unicode's, as `Character.isWhitespace` says).
    private static func isBlankText(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if text.allSatisfy(isASCIIWhitespace) { return true }
        guard text.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: text, as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    /// `[...]`, `...` or `…` alone: the Model Spec's mark for turns left out of an example.
    private static func isElision(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let t = trimmedRange(text)
        guard t.count <= 5 else { return false }
        return ["[...]", "[…]", "...", "…"].contains(String(decoding: t, as: UTF8.self))
    }

    /// The answer of a comparison that a conversation going on after it follows: the first
    /// GOOD one, else the first acceptable (BORDERLINE, `OK`), else the first without a
    /// verdict, else the first.
    private static func continuation(_ answers: [(turn: Turn, verdict: Verdict)]) -> Turn? {
        for wanted in [Verdict.good, .borderline, .unspecified] {
            if let found = answers.first(where: { $0.verdict == wanted }) { return found.turn }
        }
        return answers.first?.turn
    }

    /// Longest attribute text read inside a tag. Lookahead is bounded so that a line of
    /// thousands of `<` stays linear.
    private static let maxTagLength = 512

    /// The role name starting at `start`, when it is one of ``Turn/roles``, and its end.
    private static func roleName(_ b: Bytes, _ start: Int, _ limit: Int) -> (String, Int)? {
        var end = start
        while end < limit, end - start < 10, (0x41...0x5A).contains(b[end]) || (0x61...0x7A).contains(b[end]) { end += 1 }
        guard end > start else { return nil }
        return role(named: b.slice(start..<end), lowercasing: false).map { ($0, end) }
    }

    /// `<user>`, `<assistant recipient="x">`, `<tool name=search>` at the start of `range`:
    /// the role, the name attribute and where the tag ends.
    private static func openingTag(_ b: Bytes, _ range: Range<Int>) -> (String, String?, Int)? {
        guard b.hasPrefix("<", at: range), let (role, afterName) = roleName(b, range.lowerBound + 1, range.upperBound),
              afterName < range.upperBound else { return nil }
        let next = b[afterName]
        guard next == 0x3E || next == 0x20 || next == 0x09 else { return nil }
        guard let gt = b.firstIndex(of: 0x3E, in: afterName..<min(range.upperBound, afterName + maxTagLength)) else { return nil }
        var name: String?
        for key: StaticString in ["name=", "recipient="] where name == nil {
            guard let at = b.find(key, in: afterName..<gt) else { continue }
            var start = at + key.utf8CodeUnitCount
            var end = start
            if start < gt, b[start] == 0x22 || b[start] == 0x27 {
                let quote = b[start]
                start += 1
                end = start
                while end < gt, b[end] != quote { end += 1 }
            } else {
                while end < gt, b[end] != 0x20, b[end] != 0x09, b[end] != 0x2F { end += 1 }
            }
            name = String(decoding: b.slice(start..<end), as: UTF8.self)
        }
        return (role, name, gt + 1)
    }

    /// `</role>` at the start of `range`: the role and where the tag ends.
    private static func closingTagPrefix(_ b: Bytes, _ range: Range<Int>) -> (String, Int)? {
        guard b.hasPrefix("</", at: range), let (role, afterName) = roleName(b, range.lowerBound + 2, range.upperBound),
              afterName < range.upperBound, b[afterName] == 0x3E else { return nil }
        return (role, afterName + 1)
    }

    /// The role when `range` is exactly `</role>`.
    private static func closingTag(_ b: Bytes, _ range: Range<Int>) -> String? {
        guard let (role, end) = closingTagPrefix(b, range), end == range.upperBound else { return nil }
        return role
    }

    /// Verdict words that are not Tenet's, and the verdict each is read as.
    private static let otherVerdictWords: [String: Verdict] = ["OK": .borderline, "ACCEPTABLE": .borderline]

    /// ` GOOD `, ` BAD: reason `, ` BAD, reason `, ` BAD[#rule_id]: reason `, ` OK `,
    /// ` BORDERLINE ` (any case). After the word (and its `[#ids]`), the reason follows a
    /// `:`, `,`, `;` or dash, or is in parentheses; a word written in capitals may also be
    /// followed by the reason after a space (`BAD refuses a safe request`). Anything else
    /// (`good luck`) is not a verdict.
    static func parseVerdict(_ comment: Substring) -> Mark? {
        var comment = String(comment)
        return comment.withUTF8 { parseVerdict(bytes: $0) }
    }

    /// ``parseVerdict(_:)`` on the comment's UTF-8 bytes: read byte by byte when they are
    /// printable ASCII (every verdict comment seen in a spec), else character by character.
    static func parseVerdict(bytes c: UnsafeBufferPointer<UInt8>) -> Mark? {
        guard c.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }) else {
            return parseVerdictByCharacters(Substring(String(decoding: c, as: UTF8.self)))
        }
        let n = c.count
        var i = 0
        while i < n, c[i] == 0x20 || c[i] == 0x09 { i += 1 }
        let wordStart = i
        while i < n, isASCIILetter(c[i]) { i += 1 }
        let word = UnsafeBufferPointer(rebasing: c[wordStart..<i])
        // No verdict word is longer than ten letters; a short word's capitals make a small
        // string in place (no array, no allocation).
        guard word.count <= 10 else { return nil }
        let upper = String(unsafeUninitializedCapacity: word.count) { out in
            for k in 0..<word.count { out[k] = word[k] >= 0x61 ? word[k] - 0x20 : word[k] }
            return word.count
        }
        var mark: Mark
        switch upper {
        case "GOOD": mark = Mark(verdict: .good, reason: nil, violates: [])
        case "BAD": mark = Mark(verdict: .bad, reason: nil, violates: [])
        case "BORDERLINE": mark = Mark(verdict: .borderline, reason: nil, violates: [])
        default:
            guard let verdict = otherVerdictWords[upper] else { return nil }
            mark = Mark(verdict: verdict, reason: nil, violates: [], sourceVerdict: upper)
        }
        if i < n, c[i] == 0x5B, let close = c[(i + 1)...].firstIndex(of: 0x5D) {        // [#ids]
            mark.violates = c[(i + 1)..<close].split(whereSeparator: { $0 == 0x2C || $0 == 0x20 })
                .map { String(decoding: $0.first == 0x23 ? $0.dropFirst() : $0, as: UTF8.self) }
                .filter { !$0.isEmpty }
            i = close + 1
        }
        let spaced = i < n && (c[i] == 0x20 || c[i] == 0x09)
        while i < n, c[i] == 0x20 || c[i] == 0x09 { i += 1 }
        func trimmed(_ range: Range<Int>) -> Range<Int> {
            var (start, end) = (range.lowerBound, range.upperBound)
            while start < end, isASCIIWhitespace(c[start]) { start += 1 }
            while end > start, isASCIIWhitespace(c[end - 1]) { end -= 1 }
            return start..<end
        }
        let rest = trimmed(i..<n)
        let text: Range<Int>
        if i < n, c[i] == 0x3A || c[i] == 0x2C || c[i] == 0x3B || c[i] == 0x2D {       // : , ; -
            text = trimmed((i + 1)..<n)
        } else if i < n, c[i] == 0x28, c[rest.upperBound - 1] == 0x29, rest.count > 1 {  // ( … )
            text = trimmed((rest.lowerBound + 1)..<(rest.upperBound - 1))
        } else if rest.isEmpty {
            text = rest
        } else if spaced, !word.contains(where: { $0 >= 0x61 }), isASCIILetter(c[i]) {
            text = rest
        } else {
            return nil
        }
        mark.reason = text.isEmpty ? nil : String(decoding: UnsafeBufferPointer(rebasing: c[text]), as: UTF8.self)
        return mark
    }

    private static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    /// ``parseVerdict(_:)`` character by character, for comments that are not all
    /// printable ASCII (the byte reading is checked against it).
    static func parseVerdictByCharacters(_ comment: Substring) -> Mark? {
        var s = comment.trimmingLeadingSpaces()[...]
        let word = String(s.prefix { $0.isLetter })
        let upper = word.uppercased()
        var mark: Mark
        if let verdict = Verdict(label: word) {
            mark = Mark(verdict: verdict, reason: nil, violates: [])
        } else if let verdict = otherVerdictWords[upper] {
            mark = Mark(verdict: verdict, reason: nil, violates: [], sourceVerdict: upper)
        } else {
            return nil
        }
        s = s.dropFirst(word.count)
        if s.first == "[", let close = s.firstIndex(of: "]") {
            let inside = s[s.index(after: s.startIndex)..<close]
            mark.violates = inside.split(whereSeparator: { $0 == "," || $0 == " " })
                .map { $0.hasPrefix("#") ? String($0.dropFirst()) : String($0) }
                .filter { !$0.isEmpty }
            s = s[s.index(after: close)...]
        }
        let spaced = s.first == " " || s.first == "\t"
        s = s.trimmingLeadingSpaces()[...]
        let text: String
        if let first = s.first, ":,;-–—".contains(first) {
            text = String(s.dropFirst()).trimmed()
        } else if s.first == "(", s.trimmed().hasSuffix(")") {
            text = String(s.trimmed().dropFirst().dropLast()).trimmed()
        } else if s.trimmed().isEmpty {
            text = ""
        } else if spaced, word == upper, s.first?.isLetter == true {
            text = s.trimmed()
        } else {
            return nil
        }
        mark.reason = text.isEmpty ? nil : text
        return mark
    }
}
