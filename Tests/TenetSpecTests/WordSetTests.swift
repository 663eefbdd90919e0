import Foundation
import Testing
@testable import TenetSpec

/// ``WordSet`` answers as `Set<String>` does: for its members, for near misses (a byte
/// more or less, other case), for long and non-ASCII words, and for every word of the
/// public fixtures.
@Suite struct WordSetTests {
    static let members = ["a", "i", "we", "don't", "—", ";", "e.g", "self-harm", "nevertheless", "sixteen-letters1",
                          "seventeen-letters", "über", "claude", "claude's", "you", "to"]

    @Test func wordSetAnswersAsSetDoes() throws {
        let set = Set(Self.members)
        let words = WordSet(Self.members)
        var probes = Self.members + ["", "b", "w", "wee", "don", "Don't", "CLAUDE", "claud", "claudes", "ube\u{308}r", "u\u{308}ber",
                                     "sixteen-letters", "sixteen-letters12", "seventeen-letter", "\u{037E}", "a\u{0}", "to "]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aeiwdnoc'-;—ü".unicodeScalars)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...18, using: &generator)
            var word = ""
            for _ in 0..<count { word.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            probes.append(word)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs) where name.hasSuffix(".md") {
            let text = try String(contentsOfFile: Paths.publicSpecs + "/" + name, encoding: .utf8)
            probes += ProseWords.sentences(text).flatMap(\.words)
        }
        for probe in probes { #expect(words.contains(probe) == set.contains(probe), "\(Array(probe.unicodeScalars))") }
        let everyWord = WordSet(Set(probes))
        for probe in probes { #expect(everyWord.contains(probe)) }
        #expect(!WordSet([]).contains("a"))
    }

    /// ``ProseWords`` packs each word from the bytes it read: the keys must be those of the
    /// words it returns (invalid UTF-8 and non-ASCII bytes included), so that every list
    /// answers for a sentence's key as for its word.
    @Test func sentenceKeysAreTheKeysOfItsWords() throws {
        var texts = ["Claude should never: deceive — or e.g. lie.", "Über naïve “quotes” – and don’t stop", "a\u{0}b c"]
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs) where name.hasSuffix(".md") {
            texts.append(try String(contentsOfFile: Paths.publicSpecs + "/" + name, encoding: .utf8))
        }
        var sentences = texts.flatMap { ProseWords.sentences($0) }
        let invalid: [UInt8] = Array("Claude should ".utf8) + [0xC3, 0x28, 0x20, 0xE2, 0x80, 0x20, 0xFF] + Array(" lie.".utf8)
        sentences += invalid.withUnsafeBufferPointer { ProseWords.sentences($0) }
        let lists = [WordSet(Self.members), Polarity.boundaries, Polarity.otherParties, VerbLexicon.verbs]
        for sentence in sentences {
            #expect(sentence.words.keys == sentence.words.map(WordSet.Key.init))
            for (key, word) in zip(sentence.words.keys, sentence.words) {
                for list in lists { #expect(list.contains(key, word) == list.contains(word)) }
            }
        }
    }

    /// ``WordSetTable`` answers, for every set in it, as the set does: members, near
    /// misses, long and non-ASCII words (read from each set's `Set<String>`), words in
    /// several sets, and every fixture word.
    @Test func tableMasksAnswerAsEachSetDoes() throws {
        let sets: [WordSet] = [WordSet(Self.members), Polarity.boundaries, Polarity.otherParties, ["we", "über", "sixteen-letters1"],
                               ["seventeen-letters", "a"], [], VerbLexicon.verbs, ["for"], ["if"]]
        let table = WordSetTable(sets)
        var probes = Self.members + ["", "b", "we", "wee", "u\u{308}ber", "ube\u{308}r", "CLAUDE", "\u{037E}", "for", "if", "fo", "iff"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aeiwdnoc'-;—üfr".unicodeScalars)
        for _ in 0..<20_000 {
            var word = ""
            for _ in 0..<Int.random(in: 0...18, using: &generator) { word.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            probes.append(word)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs) where name.hasSuffix(".md") {
            probes += ProseWords.sentences(try String(contentsOfFile: Paths.publicSpecs + "/" + name, encoding: .utf8)).flatMap(\.words)
        }
        for probe in probes {
            let mask = table.mask(WordSet.Key(probe), probe)
            for (k, set) in sets.enumerated() {
                #expect((mask & (1 << UInt64(k)) != 0) == set.contains(probe), "\(k) \(Array(probe.unicodeScalars))")
            }
        }
    }

    /// Words that are not packed are looked up in one dictionary of every member's mask: a
    /// word must still get the bit of each set holding a member equal to it, where members of
    /// different sets, or of one, are canonically equivalent to each other or to ASCII words
    /// (`K` and the Kelvin sign, `é` composed and not).
    @Test func tableMasksOfEquivalentMembersAnswerAsEachSetDoes() {
        let sets: [WordSet] = [["K"], ["\u{212A}"], ["é", "k"], ["e\u{301}"], ["\u{212A}", "é"], ["—", "self-determination"], ["—"], []]
        let table = WordSetTable(sets)
        let probes = ["K", "k", "\u{212A}", "é", "e\u{301}", "e", "—", "–", "self-determination", "self-determinatioN", "\u{212A}\u{212A}"]
        for probe in probes {
            let mask = table.mask(WordSet.Key(probe), probe)
            for (k, set) in sets.enumerated() {
                #expect((mask & (1 << UInt64(k)) != 0) == set.contains(probe), "\(k) \(Array(probe.unicodeScalars))")
            }
        }
    }
}
