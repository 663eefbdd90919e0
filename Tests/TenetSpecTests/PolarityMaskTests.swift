import Foundation
import Testing
@testable import TenetSpec

/// ``Polarity/finding(in:names:permissive:)`` asks one table per document about each word
/// (``AssistantNames/polarityMask(_:_:)``) where it asked the word lists' table, then
/// each name and possessive apart: every bit must answer as the list, ``AssistantNames/isName(_:)-(WordSet.Key)``
/// and ``AssistantNames/isPossessive(_:_:)`` answer, for documents whose names collide
/// with the lists' words, are long or not ASCII, on random words and every fixture word.
@Suite struct PolarityMaskTests {
    static let nameSets: [AssistantNames] = [
        .standard,
        AssistantNames(names: AssistantNames.generic.union(["claude"]), thirdPerson: true),
        AssistantNames(names: ["we", "if", "for", "the", "should", "claude", "a'"], thirdPerson: true),
        AssistantNames(names: ["clàude", "averyveryverylongname", "sixteenletterss", "x"], thirdPerson: false),
        AssistantNames(names: [], thirdPerson: false),
    ]

    static let pieces: [String] = [
        "claude", "claude's", "claude’s", "we", "we's", "if", "for", "the", "the's", "should", "a", "a'", "a's", "'s", "s", "x's",
        "clàude", "clàude's", "averyveryverylongname", "averyveryverylongname's", "sixteenletterss", "sixteenletterss's",
        "assistant", "assistant's", "ai's", "model", "models", "you", "you's", ",", ";", ":", "—", "(", ")", "not", "never",
        "don't", "want", "unhappy", "must", "can", "when", "is", "its", "it's", "yes", "us", "e\u{301}s", "\u{212A}'s",
    ]

    private static func check(_ word: String, _ names: AssistantNames) -> Bool {
        let key = WordSet.Key(word)
        let mask = names.polarityMask(key, word)
        var expected: UInt64 = 0
        for (k, list) in Polarity.wordLists.enumerated() where list.contains(key, word) { expected |= 1 << UInt64(k) }
        if names.isName(key, word) { expected |= Polarity.Bit.name }
        if names.isPossessive(key, word) { expected |= Polarity.Bit.possessive }
        return mask == expected
    }

    @Test func keysKnowAWordEndingInS() {
        var generator = SystemRandomNumberGenerator()
        let letters = ["s", "a", "'", "S", "é", "z", "1", "-"]
        for _ in 0..<20_000 {
            let word = (0..<Int.random(in: 1...20, using: &generator)).map { _ in letters.randomElement(using: &generator)! }.joined()
            #expect(WordSet.Key(word).endsInS(word) == (word.utf8.last == 0x73), "\(word)")
        }
    }

    @Test func masksAnswerAsTheListsAndNames() throws {
        #expect(Polarity.Bit.name == 1 << UInt64(Polarity.wordLists.count))
        // Each named bit is the bit of the list that holds its words.
        let named: [(UInt64, [String])] = [
            (Polarity.Bit.boundary, [",", "—"]), (Polarity.Bit.subordinator, ["if", "when"]), (Polarity.Bit.governing, ["want"]),
            (Polarity.Bit.negation, ["not", "never"]), (Polarity.Bit.displeasure, ["unhappy"]), (Polarity.Bit.determiner, ["the"]),
            (Polarity.Bit.modal, ["should"]), (Polarity.Bit.for_, ["for"]), (Polarity.Bit.if_, ["if"]), (Polarity.Bit.it, ["it"]),
            (Polarity.Bit.to, ["to"]), (Polarity.Bit.coordinator, ["and", "or", "but"]), (Polarity.Bit.that, ["that"]),
        ]
        for (bit, words) in named {
            let k = bit.trailingZeroBitCount
            for word in words { #expect(Polarity.wordLists[k].contains(word), "\(word) is not in list \(k)") }
        }
        #expect(!Polarity.wordLists[Polarity.Bit.it.trailingZeroBitCount].contains("to"))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let word = (0..<Int.random(in: 1...2, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            for names in Self.nameSets { #expect(Self.check(word, names), "\(word)") }
        }
        var words: Set<String> = []
        var paths = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs)
            .filter { $0.hasSuffix(".md") }.map { Paths.publicSpecs + "/" + $0 }
        paths += Paths.sampleFiles
        for path in paths {
            for sentence in ProseWords.sentences(try String(contentsOfFile: path, encoding: .utf8)) { words.formUnion(sentence.words) }
        }
        #expect(words.count > 1000)
        for word in words {
            for names in Self.nameSets { #expect(Self.check(word, names), "\(word)") }
        }
    }
}
