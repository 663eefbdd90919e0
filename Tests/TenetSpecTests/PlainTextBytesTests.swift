import Foundation
import Testing
@testable import TenetSpec

/// The byte-level plain text and first sentence (``PlainTextBytes``) give what reading
/// characters gives, on random text full of markers next to combining marks, joiners,
/// prepended marks and CR LF, and on every paragraph of the public fixtures.
@Suite struct PlainTextBytesTests {
    /// ``InlineScan/firstSentence(_:limit:)`` as it read characters before the byte pass.
    static func firstSentenceByCharacters(_ markdown: String, limit: Int = 80) -> String {
        let plain = InlineScan.plainTextByCharacters(markdown)
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

    static let pieces: [String] = [
        "*", "**", "`", "_", "[", "]", "(", ")", "](", "](#x)", " ", "  ", "\n", "\t", "\r", "\r\n", ".", "!", "?", ";",
        "a", "b", "Z", "word", "9", "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{200C}", "\u{0600}", "\u{0903}", "\u{0E33}",
        "“", "”", "’", "—", "…", "🙂", "👍\u{1F3FD}", "\u{1F1FA}\u{1F1F8}", "日本", "\u{0B}", "\u{FE0F}", "ا", "_a_",
    ]

    @Test func randomTextReadsAlikeByBytesAndCharacters() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...24, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            #expect(InlineScan.plainText(text) == InlineScan.plainTextByCharacters(text), "\(Array(text.unicodeScalars))")
            let limit = Int.random(in: 1...12, using: &generator)
            #expect(InlineScan.firstSentence(text, limit: limit) == Self.firstSentenceByCharacters(text, limit: limit),
                    "\(Array(text.unicodeScalars)) limit \(limit)")
        }
    }

    @Test func fixtureParagraphsReadAlikeByBytesAndCharacters() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs).filter { $0.hasSuffix(".md") }
        var paragraphs = 0
        for name in names.sorted() {
            let text = try String(contentsOfFile: Paths.publicSpecs + "/" + name, encoding: .utf8)
            for paragraph in text.components(separatedBy: "\n\n") {
                paragraphs += 1
                #expect(InlineScan.plainText(paragraph) == InlineScan.plainTextByCharacters(paragraph), "\(name)")
                #expect(InlineScan.firstSentence(paragraph) == Self.firstSentenceByCharacters(paragraph), "\(name)")
            }
        }
        #expect(paragraphs > 1000)
    }

    /// The byte pass really reads the text it can (it is not always handing over), and
    /// hands over where a marker and a combining mark make one character.
    @Test func bytesHandOverOnlyWhereCharactersJoin() {
        var plain = "**Never** deceive “users” — [see](#x) it’s_ok."
        #expect(plain.withUTF8 { PlainTextBytes.plain($0) } == "Never deceive “users” — see it’s_ok.")
        var joined = "*\u{301} x"
        #expect(joined.withUTF8 { PlainTextBytes.plain($0) } == nil)
        var crlf = "a\r\nb"
        #expect(crlf.withUTF8 { PlainTextBytes.plain($0) } == nil)
    }

    /// A bracket that opens no link is text: "Travel [draft] spec" lost its `[` and read
    /// "Travel draft] spec" (a task box "[ ] Check it" read "] Check it").
    @Test func aBracketThatOpensNoLinkIsKept() throws {
        for text in ["Travel [draft] spec", "Travel [draft] spec with a [link](https://x.y)", "[ ] Check it", "a [ b [ c", "Use list[int] here"] {
            #expect(InlineScan.plainText(text) == InlineScan.plainTextByCharacters(text))
        }
        #expect(InlineScan.plainText("Travel [draft] spec with a [link](https://x.y)") == "Travel [draft] spec with a link")
        #expect(InlineScan.plainText("[ ] Check it") == "[ ] Check it")
        #expect(InlineScan.firstSentence("See [the guide](#g) or [draft] notes. Then go.") == "See the guide or [draft] notes")
        let spec = try parse("# Travel [draft] spec\n\n## Rules\n\nNever use list[int] in answers.\n")
        #expect(spec.title == "Travel [draft] spec")
        #expect(spec.rules.first?.title == "Never use list[int] in answers")
        #expect(spec.rules.first?.id == "rules.never-use-listint-in-answers", "IDs are made as before")
    }
}
