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
}
