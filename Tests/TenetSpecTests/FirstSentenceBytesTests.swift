import Foundation
import Testing
@testable import TenetSpec

/// ``PlainTextBytes/firstSentenceOfASCII(_:limit:)`` stops reading once the title is
/// decided; it must give what making the whole text plain and then cutting it gives
/// (``InlineScan/firstSentenceOfPlainText(_:limit:)``, and the character reading kept in
/// ``PlainTextBytesTests``) on random ASCII Markdown with terminators, spaces and markers
/// on either side of the cut, at every limit up to past the text's length, and on every
/// paragraph and sentence of the fixtures and samples.
@Suite struct FirstSentenceBytesTests {
    static let pieces: [String] = [
        " ", " ", "  ", "   ", "\n", "\n\n", "\t", "\u{0B}", "\u{0C}",
        "a", "b", "Z", "word", "Claude", "should", "never", "9", "42", "abcdefghij", "x_y",
        ".", "!", "?", ";", ". ", "? ", ".\n", ".*", ".)", "...", "e.g.", "3.5",
        "*", "**", "`", "_", "__", "[", "]", "(", ")", "](", "](#x)", "[link](https://x.y/z)", "](no close",
        "-", "—", ",", ":", "'", "\"", "<b>", "#",
    ]

    private static func randomASCII(count: ClosedRange<Int>, using generator: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: count, using: &generator)).map { _ in
            // Mostly ASCII pieces; "—" is the one non-ASCII piece, kept rare.
            var piece = pieces.randomElement(using: &generator)!
            while piece == "—", Int.random(in: 0..<4, using: &generator) != 0 { piece = pieces.randomElement(using: &generator)! }
            return piece
        }.joined()
    }

    private static func byBytes(_ text: String, limit: Int) -> String? {
        var text = text
        return text.withUTF8 { PlainTextBytes.firstSentenceOfASCII($0, limit: limit) }
    }

    @Test func randomASCIIReadsAsTheWholePlainText() {
        var generator = SystemRandomNumberGenerator()
        var read = 0
        for _ in 0..<30_000 {
            let text = Self.randomASCII(count: 0...30, using: &generator)
            let limit = Int.random(in: 0...(text.utf8.count + 3), using: &generator)
            let expected = InlineScan.firstSentenceOfPlainText(text, limit: limit)
            #expect(InlineScan.firstSentence(text, limit: limit) == expected, "\(Array(text.utf8)) limit \(limit)")
            if let fast = Self.byBytes(text, limit: limit) {
                read += 1
                #expect(fast == expected, "\(Array(text.utf8)) limit \(limit)")
                if limit > 0 {
                    #expect(fast == PlainTextBytesTests.firstSentenceByCharacters(text, limit: limit), "\(Array(text.utf8)) limit \(limit)")
                }
            } else {
                #expect(text.utf8.contains { $0 >= 0x80 || $0 == 0x0D }, "\(Array(text.utf8))")
            }
        }
        // Most texts are all ASCII: the fast reading really runs.
        #expect(read > 15_000)
    }

    @Test func fixtureParagraphsAndSentencesReadAsTheWholePlainText() throws {
        var paths = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs)
            .filter { $0.hasSuffix(".md") }.map { Paths.publicSpecs + "/" + $0 }
        paths += Paths.sampleFiles
        var read = 0
        for path in paths.sorted() {
            for paragraph in try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n\n") {
                var texts = [paragraph]
                let utf8 = Array(paragraph.utf8)
                for sentence in ProseWords.sentences(paragraph) {
                    texts.append(String(decoding: utf8[sentence.range.clamped(to: 0..<utf8.count)], as: UTF8.self))
                }
                for text in texts {
                    for limit in [0, 1, 40, 79, 80, 81, 200] {
                        let expected = InlineScan.firstSentenceOfPlainText(text, limit: limit)
                        #expect(InlineScan.firstSentence(text, limit: limit) == expected, "\(path) limit \(limit): \(text)")
                        if Self.byBytes(text, limit: limit) != nil { read += 1 }
                    }
                }
            }
        }
        #expect(read > 10_000)
    }

    /// Text that is not all ASCII, or holds a CR, is left to the whole reading.
    @Test func handsOverTextThatIsNotASCIIWithoutCR() {
        #expect(Self.byBytes("Claude should help. Always.", limit: 80) == "Claude should help")
        #expect(Self.byBytes("Claude “should” help.", limit: 80) == nil)
        #expect(Self.byBytes("Claude should\r\nhelp.", limit: 80) == nil)
        #expect(Self.byBytes(String(repeating: "word ", count: 40) + "é", limit: 10) == nil)
        #expect(Self.byBytes(String(repeating: "word ", count: 40), limit: 12) == "word word…")
    }
}
