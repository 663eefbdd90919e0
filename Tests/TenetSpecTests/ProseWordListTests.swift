import Testing
@testable import TenetSpec

/// ``ProseWordList`` keeps the text of only the words a key cannot hold: it must read as
/// the array of its words — each word, the count, equality — however lists are built,
/// appended and joined, with words that are packed, long, not ASCII or punctuation mixed.
extension ProseWordList {
    /// The words, each keyed as ``ProseWords`` keys it (``WordSet/Key/init(_:)``).
    init(_ words: some Sequence<String>) {
        self.init()
        for word in words { append(word, key: WordSet.Key(word)) }
    }
}

@Suite struct ProseWordListTests {
    static let pool = ["claude", "should", "never", ",", "—", "(", "x", "sixteenletterss", "seventeenletterss", "averyveryverylongword",
                       "naïve", "é", "don't", "e.g", "1", "self-harm", "\u{212A}", "e\u{301}"]

    private static func randomWords(_ generator: inout some RandomNumberGenerator) -> [String] {
        (0..<Int.random(in: 0...12, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
    }

    @Test func readsAsItsWords() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let words = Self.randomWords(&generator)
            let list = ProseWordList(words)
            #expect(Array(list) == words)
            #expect(list.count == words.count)
            #expect(list.keys == words.map(WordSet.Key.init))
            for (i, word) in words.enumerated() { #expect(list[i] == word && list.key(i) == WordSet.Key(word)) }
        }
    }

    @Test func appendedAndJoinedListsReadAsTheirWords() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let parts = (0..<Int.random(in: 0...5, using: &generator)).map { _ in Self.randomWords(&generator) }
            let lists = parts.map { ProseWordList($0) }
            let all = parts.flatMap { $0 }
            #expect(Array(ProseWordList(joining: lists)) == all)
            var appended = ProseWordList()
            for list in lists { appended.append(contentsOf: list) }
            #expect(Array(appended) == all)
            #expect(appended == ProseWordList(all))
            if lists.count >= 2 { #expect(Array(lists[0] + lists[1]) == parts[0] + parts[1]) }
        }
    }

    @Test func listsAreEqualWhenTheirWordsAre() {
        #expect(ProseWordList(["claude", "naïve"]) == ProseWordList(["claude", "naïve"]))
        #expect(ProseWordList(["claude", "naïve"]) != ProseWordList(["naïve", "claude"]))
        #expect(ProseWordList(["averyveryverylongword"]) != ProseWordList(["averyveryverylongwore"]))
        // Canonically equivalent words are equal, as `String`s are.
        #expect(ProseWordList(["e\u{301}"]) == ProseWordList(["é"]))
        #expect(ProseWordList([]) == ProseWordList())
    }

    /// ``WordSet/Key/endsWith(_:_:longerThan:)`` answers from a packed key as the word's
    /// bytes do (the adverb test asks it for `ly` after more than four bytes).
    @Test func keysKnowTheirLastTwoBytes() {
        var generator = SystemRandomNumberGenerator()
        let letters = ["l", "y", "a", "'", "s", "é", "1"]
        var words = ["only", "ally", "family", "early", "really", "ly", "y", "fly", "abcdefghijklmnly", "abcdefghijklmnoly"]
        for _ in 0..<20_000 {
            words.append((0..<Int.random(in: 1...18, using: &generator)).map { _ in letters.randomElement(using: &generator)! }.joined())
        }
        for word in words {
            let key = WordSet.Key(word), bytes = Array(word.utf8)
            for minimum in [0, 1, 4, 15] {
                let expected = bytes.count > minimum && bytes.count >= 2 && bytes[bytes.count - 2] == 0x6C && bytes[bytes.count - 1] == 0x79
                #expect(key.endsWith(0x6C, 0x79, longerThan: minimum) == (key.isPacked ? expected : nil), "\(word) \(minimum)")
            }
        }
    }

    @Test func packedKeysHoldTheirText() {
        for word in ["a", "claude's", "sixteenletterss", ",", "12345678", "123456789"] {
            #expect(WordSet.Key(word).packedText == word)
        }
        #expect(WordSet.Key("seventeenletterss").packedText == nil)
        #expect(WordSet.Key("é").packedText == nil)
    }
}
