import Foundation
import Testing
@testable import TenetSpec

/// ``ProseWords`` keeps a sentence's keys in a buffer it reuses and grows, and copies them
/// into each sentence's array when the sentence ends. Sentences far longer than the first
/// room, sentences with no letter (whose words are dropped), and texts of many sentences
/// read as the reading kept in ``ProseWordsBytesTests`` reads them.
@Suite struct ProseWordsBufferTests {
    private static func same(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in
            let old = ProseWordsBytesTests.oldSentences(b)
            return ProseWords.sentences(b) == old
        }
    }

    @Test func longAndWordlessSentencesReadAsBefore() {
        var generator = SystemRandomNumberGenerator()
        let words = ["Claude", "should", "never", ",", "—", "(", ")", "help", "users'", "don't", "é", "x", "e.g.", ";", "--", "…"]
        for _ in 0..<300 {
            // One sentence of up to a few thousand words: the buffers grow many times.
            let count = Int.random(in: 0...3_000, using: &generator)
            let text = (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            #expect(Self.same(text))
        }
        for _ in 0..<2_000 {
            // Sentences of punctuation only (no letter or digit), between ordinary ones.
            let pieces = [", , ;", "— —.", "( ) :", "…?", "Claude should help.", "Never lie!", "A: b", "-- .", "\n\n"]
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: " ")
            #expect(Self.same(text), "\(text)")
        }
        #expect(Self.same(String(repeating: "word ", count: 20_000) + "."))
        #expect(Self.same(String(repeating: ", ", count: 20_000)))
    }
}
