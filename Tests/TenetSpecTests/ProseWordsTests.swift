import Testing
@testable import TenetSpec

/// ``ProseWords`` keeps a sentence only when one of its words starts with a letter or a
/// digit, and reads that from the first byte when it is ASCII. `Character` answers from
/// its first scalar, so the byte answer must hold whatever follows it (a combining mark,
/// a joiner, another letter, nothing).
@Suite struct ProseWordsTests {
    @Test func firstByteAnswersAsCharacterDoes() {
        let followers: [String] = ["", "a", "1", "\u{301}", "\u{200D}", "\u{20E3}", "\u{FE0F}", "\u{0903}", "é", "—", " ", "\u{1F600}"]
        let firsts = (1..<0x80).map { String(Character(UnicodeScalar(UInt8($0)))) } + ["é", "—", "٣", "\u{301}", "ß", "\u{1F600}", "Ⅻ"]
        for first in firsts {
            for follower in followers {
                let word = first + follower
                let character = word.first!
                #expect(ProseWords.startsWithLetterOrDigit(word) == (character.isLetter || character.isNumber),
                        "\(Array(word.unicodeScalars))")
            }
        }
        #expect(!ProseWords.startsWithLetterOrDigit(""))
    }

    @Test func sentenceWithoutLetterOrDigitIsDropped() {
        #expect(ProseWords.sentences("— , ; .").isEmpty)
        #expect(ProseWords.sentences("é!").count == 1)
        #expect(ProseWords.sentences("7.").count == 1)
    }
}
