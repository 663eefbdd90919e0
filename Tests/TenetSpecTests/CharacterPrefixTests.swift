import Testing
@testable import TenetSpec

/// `simplePrefixLength(characters:)` skips grapheme breaking while every scalar is a
/// character on its own; it must end where `prefix(_:)` ends on any text: combining marks, CR LF, emoji with
/// skin tones and ZWJ, flags, Hangul jamo, prepended and spacing marks, soft hyphens and
/// separators, at every count, including counts past the end.
@Suite struct CharacterPrefixTests {
    static let pieces: [String] = [
        "a", "Z", " ", "\n", "\t", "\r", "\r\n", ".", "é", "e\u{301}", "\u{301}", "—", "“", "”", "…", "•",
        "\u{AD}", "\u{2028}", "\u{200D}", "\u{200C}", "\u{200F}", "🙂", "👍🏽", "🇫🇷", "👩\u{200D}💻", "한",
        "\u{1100}\u{1161}", "\u{1161}", "\u{0600}", "\u{0903}", "क", "ि", "规", "ñ", "ǅ", "\u{2FF}", "\u{300}", "\u{2010}", "\u{2027}",
    ]

    /// Scalars that are each a character whatever their neighbours.
    static let plain: [String] = ["a", "Z", " ", "\n", "\t", ".", "é", "—", "“", "”", "…", "•", "\u{AD}", "ñ", "ǅ", "\u{2FF}", "\u{2010}", "\u{2027}"]

    private static func same(_ text: String, _ count: Int) -> Bool {
        let slow = text.prefix(count)
        if let length = text.simplePrefixLength(characters: count),
           length != text.utf8.distance(from: text.startIndex, to: slow.endIndex) { return false }
        return text.characterPrefix(count) == String(slow) && text.characterPrefix(count).utf8.elementsEqual(slow.utf8)
    }

    @Test func endsWherePrefixEnds() {
        var generator = SeededRandom(seed: 600)
        var fast = 0
        for round in 0..<20_000 {
            // Half the texts are plain, so the fast path is taken often and must be right.
            let pool = round % 2 == 0 ? Self.plain : Self.pieces
            let text = (0..<Int.random(in: 0...24, using: &generator))
                .map { _ in pool.randomElement(using: &generator)! }.joined()
            let count = Int.random(in: 0...30, using: &generator)
            #expect(Self.same(text, count), "\(Array(text.unicodeScalars)) \(count)")
            if text.simplePrefixLength(characters: count) != nil { fast += 1 }
        }
        // The bytes alone answer often enough for the test to hold that path.
        #expect(fast > 5_000)
        let long = String(repeating: "Do not — “ever” — reveal it.\n", count: 40)
        for count in [0, 1, 599, 600, 601, 5_000] { #expect(Self.same(long, count)) }
        #expect(Self.same(long + "e\u{301}", 600))
        #expect(Self.same(String(repeating: "a", count: 600) + "\u{301}", 600))
        #expect(Self.same(String(repeating: "a", count: 599) + "\r\n", 600))
    }
}
