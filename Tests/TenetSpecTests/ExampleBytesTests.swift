import Foundation
import Testing
@testable import TenetSpec

/// The byte readings of the example-heavy parse path (verdict comments, example titles,
/// the table budget, the preamble's rule lines, the weighted slices of rule bodies, the
/// placeholder pre-check) must answer exactly as the readings they replaced, which are kept
/// here (or in the source, for the non-ASCII fallbacks) as references, on random inputs
/// and on the fixtures; and must not crash on truncated or invalid UTF-8.
@Suite struct ExampleBytesTests {
    private static func randomText(_ pieces: [String], count: ClosedRange<Int>, using generator: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: count, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test func verdictCommentsReadAsBytesAsByCharacters() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [" ", " ", "\t", "GOOD", "good", "Bad", "BAD", "OK", "ok", "Okay", "ACCEPTABLE", "BORDERLINE", "GOODNESS",
                      "[", "]", "[#a, #b]", "[#x]", "#", ":", ",", ";", "-", "(", ")", "reason", "x", "Y", "1", "\u{B}",
                      "é", "\u{301}", "–", "—", "\r", "\n", "*"]
        var comments = [" GOOD ", " bad: too long ", " BAD[#respect_time]: ignores the deadline ", " BORDERLINE ", " just a comment ",
                        " GOODNESS ", " OK ", " BAD[#chain_of_command], over-refuses ", " BAD - preachy ", " BAD — preachy ",
                        " GOOD (asks first) ", " BAD refuses a safe request ", " good luck ", " ok then ", " OKAY ", "", " ", "(", "GOOD (",
                        "GOOD ()", "GOOD [", "BAD[]", "BAD[#]:", "GOOD\t(x)\t", "GOOD x", "GOOD (x) y"]
        for _ in 0..<30_000 {
            let verdict = ["GOOD", "BAD", "OK", "bad", "Borderline", "acceptable", ""].randomElement(using: &generator)!
            comments.append(Self.randomText([" ", "\t", ""], count: 0...2, using: &generator) + verdict
                            + Self.randomText(pieces, count: 0...8, using: &generator))
        }
        for comment in comments {
            var bytes = comment
            let byBytes = bytes.withUTF8 { ExampleScanner.parseVerdict(bytes: $0) }
            #expect(byBytes == ExampleScanner.parseVerdictByCharacters(comment[...]), "\(Array(comment.unicodeScalars))")
        }
    }

    @Test func exampleTitlesReadAsBytesAsBefore() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = [" ", " ", "\n", "(", ")", "BAD", "good", "Borderline", "OK", "#rule", "#", ",", ":", "2", "12", "x", "**", "*",
                      "é", "\u{301}", "\t", "Example"]
        var texts = ["**Example**: title", "**Example (BAD #rule):** chat", "**Example 2 (BAD):** x", "**Example:**", "**Examples**",
                     "**Example", "**Example (GOOD, #a #b):**   spaced   title  ", "**Example (WRONG):** t", "**Example (BAD**) t"]
        for _ in 0..<30_000 {
            texts.append("**Example" + Self.randomText(pieces, count: 0...10, using: &generator))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs) where name.hasSuffix(".md") {
            let text = try String(contentsOfFile: Paths.publicSpecs + "/" + name, encoding: .utf8)
            texts += text.components(separatedBy: "\n\n").filter { $0.hasPrefix("**Example") }
        }
        for text in texts {
            let new = RuleBodyReader.exampleHeader(text), old = Self.oldExampleHeader(text)
            #expect(new?.title == old?.title && new?.verdict == old?.verdict && new?.violates == old?.violates
                    && new?.problem == old?.problem && (new == nil) == (old == nil), "\(Array(text.unicodeScalars))")
        }
    }

    /// ``RuleBodyReader/exampleHeader(_:)`` as it was: the title split off by bytes, the
    /// whole label read character by character (the source keeps that reading, as
    /// ``RuleBodyReader/exampleLabel(_:title:)``, for labels that are not ASCII).
    private static func oldExampleHeader(_ text: String) -> RuleBodyReader.ExampleHeader? {
        guard text.utf8.starts(with: "**Example".utf8) else { return nil }
        let bytes = Array(text.utf8)
        var close = 2
        while close + 1 < bytes.count, !(bytes[close] == 0x2A && bytes[close + 1] == 0x2A) { close += 1 }
        guard close + 1 < bytes.count else { return nil }
        var restStart = close + 2
        if restStart < bytes.count, bytes[restStart] == 0x3A { restStart += 1 }
        return RuleBodyReader.exampleLabel(String(decoding: bytes[2..<close], as: UTF8.self).trimmed(),
                                           title: collapsingWhitespace(bytes[restStart...]))
    }

    @Test func tableBudgetInOnePassAsInTwo() throws {
        var generator = SystemRandomNumberGenerator()
        let lines = ["", " ", "| a | b |", "|---|---|", "| - | :-: |", "---", "-|-", "| x |", "text", "```", "~~~", "````", "   ```",
                     "    ```", "``` x", "~~~~ ", "| 1 | 2 | 3 |", "|:--|--:|", "\t", " \r", "| - |\r", "    | --- |"]
        var inputs: [[UInt8]] = []
        for _ in 0..<5_000 {
            var text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in lines.randomElement(using: &generator)! }
                .joined(separator: "\n")
            if Bool.random(using: &generator) { text += "\n" }
            inputs.append(Array(text.utf8))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs) where name.hasSuffix(".md") {
            inputs.append(Array(try Data(contentsOf: URL(fileURLWithPath: Paths.publicSpecs + "/" + name))))
        }
        for input in inputs {
            for limit in [0, 1, 2, 3, 5, 8, 250_000] {
                let new = TableBudget.apply(input, file: "t.md", maximumCells: limit)
                let old = Self.oldTableBudget(input, file: "t.md", maximumCells: limit)
                #expect(new?.bytes == old?.bytes && new?.warnings.map(\.line) == old?.warnings.map(\.line)
                        && new?.warnings.map(\.message) == old?.warnings.map(\.message),
                        "\(String(decoding: input, as: UTF8.self).debugDescription) limit \(limit)")
            }
        }
    }

    /// ``TableBudget/apply(_:file:maximumCells:)`` as it was: an array of lines, then a pass.
    private static func oldTableBudget(_ bytes: [UInt8], file: String, maximumCells: Int) -> (bytes: [UInt8], warnings: [Diagnostic])? {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        var out: [UInt8]?
        var warnings: [Diagnostic] = []
        var fenced = [Bool](repeating: false, count: lines.count)
        var fence: (byte: UInt8, length: Int)?
        for (number, range) in lines.enumerated() {
            let line = bytes[range]
            let indent = line.prefix { $0 == 0x20 }.count
            let rest = line.dropFirst(indent)
            if indent <= 3, let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
                let run = rest.prefix { $0 == first }.count
                if let open = fence {
                    if first == open.byte && run >= open.length && rest.dropFirst(run).allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                        fence = nil
                        fenced[number] = true
                        continue
                    }
                } else if run >= 3 {
                    fence = (first, run)
                }
            }
            fenced[number] = fence != nil
        }
        func blank(_ line: ArraySlice<UInt8>) -> Bool { line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        var index = 1
        while index < lines.count {
            guard !fenced[index] else { index += 1; continue }
            let columns = TableBudget.delimiterColumns(bytes[lines[index]])
            guard columns > 0, !blank(bytes[lines[index - 1]]) else { index += 1; continue }
            var rows = 0
            var next = index + 1
            while next < lines.count, !blank(bytes[lines[next]]) { rows += 1; next += 1 }
            if columns * (rows + 1) > maximumCells {
                var changed = out ?? bytes
                for position in lines[index] where changed[position] == UInt8(ascii: "-") { changed[position] = UInt8(ascii: "=") }
                out = changed
                warnings.append(Diagnostic(file: file, line: index + 1, severity: .warning, code: "table-too-large",
                                           message: "a table of \(columns) columns and \(rows) rows (\(columns * (rows + 1)) cells, over \(maximumCells)) is read as text; split it or make it narrower"))
            }
            index = next
        }
        return out.map { ($0, warnings) }
    }

    @Test func lineSpansAnswerAsASetOfTheirLines() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let spans = (0..<Int.random(in: 0...8, using: &generator)).map { _ -> (Int, Int) in
                let first = Int.random(in: 1...60, using: &generator)
                return (first, first + Int.random(in: -2...12, using: &generator))
            }
            let spanSet = LineSpans(spans)
            let lines = Set(spans.filter { $0.0 <= $0.1 }.flatMap { $0.0...$0.1 })
            for line in -1...80 { #expect(spanSet.contains(line) == lines.contains(line), "\(spans) \(line)") }
        }
    }

    @Test func weightedSlicesCoverEveryItemInOrder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let weights = (0..<Int.random(in: 0...40, using: &generator)).map { _ in Int.random(in: 1...(Bool.random(using: &generator) ? 5 : 5_000), using: &generator) }
            let slices = Int.random(in: 1...6, using: &generator), minimum = Int.random(in: 1...4_000, using: &generator)
            let bounds = ParallelMap.sliceBounds(weights, slices: slices, minimumWeightPerSlice: minimum)
            #expect(bounds.first == 0 && bounds.last == weights.count || weights.isEmpty && bounds == [0, 0])
            #expect(bounds.count - 1 <= max(1, slices))
            #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 } || weights.isEmpty)
            let items = Array(0..<weights.count)
            #expect(ParallelMap.map(items, weight: { weights[$0] }, minimumWeightPerSlice: minimum) { $0 * 3 } == items.map { $0 * 3 })
        }
    }

    @Test func placeholderPrecheckNeverHidesAPlaceholder() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["{", "}", "{{", "}}", "name", "x_1", " ", "\n", "`", "```", "#", "é", "{#id}"]
        for _ in 0..<20_000 {
            let text = Self.randomText(pieces, count: 0...10, using: &generator)
            for single in [true, false] where !InlineScan.mayHoldPlaceholder(text, singleBraces: single) {
                #expect(InlineScan.placeholders(in: text, singleBraces: single).isEmpty, "\(text.debugDescription) \(single)")
            }
        }
    }

    /// Truncated blocks (cut anywhere, even inside a UTF-8 sequence) and invalid UTF-8 in a
    /// verdict comment are read without a crash.
    @Test func truncatedAndInvalidInputDoesNotCrash() throws {
        let text = try String(contentsOfFile: Paths.publicSpecs + "/model_spec.md", encoding: .utf8)
        let bytes = Array(text.utf8.prefix(200_000))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let start = Int.random(in: 0..<bytes.count, using: &generator)
            let cut = Array(bytes[start..<min(bytes.count, start + Int.random(in: 0...3_000, using: &generator))])
            let piece = String(decoding: cut, as: UTF8.self)
            _ = ExampleScanner.scanXML(piece, firstLine: 1)
            _ = RuleBodyReader.exampleHeader("**Example" + piece)
            _ = TableBudget.apply(cut, file: "t.md", maximumCells: 3)
            var comment = cut.prefix(40)
            _ = comment.withUnsafeMutableBufferPointer { ExampleScanner.parseVerdict(bytes: UnsafeBufferPointer($0)) }
        }
        for invalid: [UInt8] in [[0x47, 0x4F, 0x4F, 0x44, 0xFF], [0x42, 0x41, 0x44, 0x3A, 0x20, 0xC3], [0xE2, 0x80], [0x80]] {
            _ = invalid.withUnsafeBufferPointer { ExampleScanner.parseVerdict(bytes: $0) }
        }
    }
}
