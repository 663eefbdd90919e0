import Foundation
import Testing
@testable import TenetSpec

/// ``ProseWords/sentences(_:)`` reads each word into one buffer and packs it as it goes;
/// the reading it replaced (a byte array per word, a `String` for every abbreviation test) is
/// kept here as the reference. Both must give the same sentences — words, keys, ranges,
/// colon and question — on random prose built from the words the readers match on,
/// punctuation, abbreviations, Markdown, non-ASCII letters, combining marks, joiners,
/// prepended marks, CR LF and invalid UTF-8, and on every fixture and sample. The keys'
/// possessive test and the character prefixes by bytes answer as the `String` readings do.
@Suite struct ProseWordsBytesTests {
    static let pieces: [String] = [
        " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\r",
        "Claude", "claude", "Claude's", "claude's", "Claude’s", "CLAUDE'S", "'s", "’s", "s", "the", "assistant", "assistant's",
        "AI", "model", "models", "you", "You", "we", "We", "should", "must", "never", "not", "don't", "don’t", "Don't",
        "can", "may", "will", "always", "avoid", "refrain", "want", "would", "like", "to", "for", "if", "and", "or", "it",
        "is", "are", "required", "allowed", "be", "used", "help", "users", "operators", "important", "really", "only",
        "carefully", "ly", "apply", "weapons", "self-harm", "bioweapons", "suicide", "privacy", "information",
        "e.g.", "i.e.", "etc.", "vs.", "Mr.", "Dr.", "No.", "no.", "approx.", "incl.", "cf.", "St.", "a.", "x.", "U.S.", "3.5",
        ".", ".", ". ", ".\n", "?", "!", ":", ": ", ",", ";", "(", ")", "-", " - ", "--", "—", "–", "…", "'", "’", "‘", "“", "”", "\"",
        "*", "**", "_", "__", "`", "[", "]", "](https://x.y/z)", "[link](a (b) c)", "[^1]", "[^note]", "<b>", "</b>", "<!-- c -->",
        "<", ">", "/", "#", "0", "42", "x",
        "é", "É", "über", "naïve", "e\u{301}", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{200B}", "\u{E0041}", "\u{00AD}", "\u{E0100}", "\u{FEFF}", "\u{E01F0}", "\u{0903}", "\u{0600}", "\u{212A}", "ß",
        "\u{1F600}", "\u{1F1FA}\u{1F1F8}", "Ⅻ", "٣", "日本", "\u{037E}",
        "abcdefghijklmnop", "abcdefghijklmnopq", "sixteen-letters1", "seventeen-letters", "a_b", "snake_case",
    ]

    private static func randomText(count: ClosedRange<Int>, using generator: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: count, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    private static func texts() throws -> [String] {
        var texts: [String] = []
        var paths = try FileManager.default.contentsOfDirectory(atPath: Paths.publicSpecs)
            .filter { $0.hasSuffix(".md") }.map { Paths.publicSpecs + "/" + $0 }
        paths += Paths.sampleFiles
        for path in paths { texts += try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n\n") }
        return texts
    }

    private static func same(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in ProseWords.sentences(b) == Self.oldSentences(b) }
    }

    @Test func sentencesReadAsBefore() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<30_000 {
            let text = Self.randomText(count: 0...40, using: &generator)
            #expect(Self.same(Array(text.utf8)), "\(Array(text.unicodeScalars))")
        }
        // Invalid UTF-8 and truncated sequences, anywhere in a word.
        let bad: [[UInt8]] = [[0xFF], [0xC3], [0xE2, 0x80], [0xE2], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF0, 0x9F]]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                bytes += Bool.random(using: &generator) ? bad.randomElement(using: &generator)! : Array(Self.pieces.randomElement(using: &generator)!.utf8)
            }
            #expect(Self.same(bytes), "\(bytes)")
        }
        for text in try Self.texts() { #expect(Self.same(Array(text.utf8)), "\(text)") }
    }

    /// Reading only the first sentences gives the first sentences of the whole reading.
    @Test func firstSentencesAsThoseOfTheWholeText() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = try Self.texts()
        for _ in 0..<10_000 { texts.append(Self.randomText(count: 0...40, using: &generator)) }
        for text in texts {
            let whole = ProseWords.sentences(text)
            for limit in [0, 1, 2, 3, 5] {
                #expect(ProseWords.sentences(text, limit: limit) == Array(whole.prefix(limit)), "\(limit) \(text.debugDescription)")
            }
        }
    }

    @Test func possessiveFromKeyAnswersAsFromWord() throws {
        var generator = SystemRandomNumberGenerator()
        let namings: [AssistantNames] = [
            .standard, AssistantNames.detect(in: Array("Claude should help. Claude should not lie. Claude must.".utf8)),
            AssistantNames(names: ["über", "a", "claude", "e\u{301}", "abcdefghijklmn", "abcdefghijklmnop"], thirdPerson: true),
        ]
        var words = Self.pieces.map { $0.lowercased() } + ["'s", "a's", "s's", "''s", "abcdefghijklmn's", "abcdefghijklmnop's",
                                                              "e\u{301}'s", "über's", "claude's", "claude’s", "claude'ss", ""]
        let alphabet = Array("acdelsu'’é\u{301}".unicodeScalars)
        for _ in 0..<20_000 {
            var word = ""
            for _ in 0..<Int.random(in: 0...18, using: &generator) { word.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            if Bool.random(using: &generator) { word += "'s" }
            words.append(word)
        }
        for text in try Self.texts() { words += ProseWords.sentences(text).flatMap(\.words) }
        for names in namings {
            for word in words {
                #expect(names.isPossessive(WordSet.Key(word), word) == names.isPossessive(word), "\(Array(word.unicodeScalars))")
            }
        }
    }

    @Test func characterPrefixesByBytesAsByCharacters() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = try Self.texts()
        for _ in 0..<20_000 { texts.append(Self.randomText(count: 0...40, using: &generator)) }
        for text in texts {
            for count in [0, 1, 2, 5, 7, 8, 9, 16, 40, 80, 400, 600] {
                #expect(text.characterPrefix(count) == String(text.prefix(count)), "\(Array(text.unicodeScalars))")
                if let length = text.simplePrefixLength(characters: count) {
                    let index = text.index(text.startIndex, offsetBy: count, limitedBy: text.endIndex) ?? text.endIndex
                    #expect(text.utf8.distance(from: text.startIndex, to: index) == length, "\(Array(text.unicodeScalars))")
                }
            }
            #expect(InlineScan.firstSentence(text, limit: 80) == Self.oldFirstSentence(text, limit: 80), "\(Array(text.unicodeScalars))")
            #expect(InlineScan.firstSentence(text, limit: 5) == Self.oldFirstSentence(text, limit: 5), "\(Array(text.unicodeScalars))")
        }
    }

    /// ``KindInference/safetyTopic(_:)`` skips the prefix patterns for a word whose first
    /// three bytes start none of them: it must name the topic a plain reading of the topic
    /// table names (the first topic any of whose words or pairs the words show).
    @Test func safetyTopicAsThePlainReading() throws {
        var generator = SystemRandomNumberGenerator()
        var pool: [String] = ["the", "a", "and", "of", "to", "claude", "should", "never", "help", "with", "é", "x", "",
                              "harm", "self", "-", "s", "su", "sui", "suicid", "Suicide", "weapon", "law", "laws", "ilegal"]
        for topic in KindInference.topics {
            for word in topic.words + topic.pairs.flatMap({ [$0.0, $0.1] }) {
                let stem = word.hasSuffix("*") ? String(word.dropLast()) : word
                pool += [stem, stem + "s", stem + "ing", stem + "\u{301}", stem + "\u{200D}", String(stem.dropLast()),
                         stem.uppercased(), "x" + stem, stem + "é"]
            }
        }
        var lists: [[String]] = try Self.texts().map { ProseWords.sentences($0).flatMap(\.words) }
        for _ in 0..<20_000 {
            lists.append((0..<Int.random(in: 0...14, using: &generator)).map { _ in pool.randomElement(using: &generator)! })
        }
        for words in lists {
            // A packed word's prefix test is answered from its key.
            #expect(KindInference.safetyTopic(ProseWordList(words)) == Self.plainSafetyTopic(words), "\(words)")
        }
    }

    /// ``AssistantNames/detect(in:declared:skipping:)`` skips eight bytes at a time where no
    /// space is followed by `s` or `m`: it must find the names and the person that reading
    /// every position finds.
    @Test func assistantNamesSkippingAsReadingEveryByte() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = [" ", "  ", "\n", "Claude", "Aria", "The assistant", "We", "It", "model", "AI", " should", " must", " shall",
                      "should", "s", "m", " s", " m", " sh", " mus", " shal", "shoulder", " mustard", " shallow", ".", ",", "é",
                      "x", "Claude should", "Bot must", "\u{301}", "12345678"]
        var texts = try Self.texts()
        for _ in 0..<20_000 {
            texts.append((0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        texts.append(try Self.texts().joined(separator: "\n\n"))
        for text in texts {
            let bytes = Array(text.utf8)
            let skipping = AssistantNames.detect(in: bytes), reading = AssistantNames.detect(in: bytes, skipping: false)
            #expect(skipping.names == reading.names && skipping.thirdPerson == reading.thirdPerson, "\(text)")
        }
    }

    // MARK: the readings as they were

    /// The topic table read plainly: topics in order, words and pairs matched as `String`s.
    private static func plainSafetyTopic(_ words: [String]) -> String? {
        let words = Array(words.prefix(KindInference.wordLimit))
        func matches(_ word: String, _ pattern: String) -> Bool {
            pattern.hasSuffix("*") ? word.hasPrefix(pattern.dropLast()) : word == pattern
        }
        for topic in KindInference.topics {
            for (i, word) in words.enumerated() {
                if topic.words.contains(where: { matches(word, $0) }) { return topic.name }
                for (first, second) in topic.pairs where matches(word, first) {
                    let end = min(words.count, i + topic.window + 1)
                    if i + 1 < end, words[(i + 1)..<end].contains(where: { matches($0, second) }) { return topic.name }
                }
            }
        }
        return nil
    }

    private static let oldAbbreviations: Set<String> = ["e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "st", "no", "approx", "incl"]

    /// ``InlineScan/firstSentence(_:limit:)`` as it was: the cut counted in characters.
    private static func oldFirstSentence(_ markdown: String, limit: Int) -> String {
        let plain = InlineScan.plainText(markdown)
        var sentence = plain
        var bytes = plain
        switch bytes.withUTF8({ PlainTextBytes.firstTerminator($0) }) {
        case .at(let offset):
            let end = plain.utf8.index(plain.utf8.startIndex, offsetBy: offset)
            let next = plain.index(after: end)
            if next == plain.endIndex || plain[next] == " " { sentence = String(plain[..<end]) }
        case .absent:
            break
        case .undecided:
            if let end = plain.firstIndex(where: { $0 == "." || $0 == "!" || $0 == "?" || $0 == ";" }) {
                let next = plain.index(after: end)
                if next == plain.endIndex || plain[next] == " " { sentence = String(plain[..<end]) }
            }
        }
        if sentence.utf8.count > limit, let cutEnd = sentence.index(sentence.startIndex, offsetBy: limit, limitedBy: sentence.endIndex),
           cutEnd != sentence.endIndex {
            let cut = sentence[..<cutEnd]
            let lastSpace = cut.lastIndex(of: " ") ?? cut.endIndex
            sentence = String(cut[..<lastSpace]) + "…"
        }
        return sentence
    }

    /// ``ProseWords/sentences(_:)`` as it was (d9f3484).
    static func oldSentences(_ b: UnsafeBufferPointer<UInt8>) -> [ProseSentence] {
        var out: [ProseSentence] = []
        var words: [String] = []
        var keys: [WordSet.Key] = []
        var word: [UInt8] = []
        var sentenceStart = 0
        let n = b.count
        var i = 0

        func isWordByte(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c >= 0x80
        }
        func flushWord() {
            if !word.isEmpty {
                let text = String(decoding: word, as: UTF8.self)
                words.append(text)
                keys.append(word.withUnsafeBufferPointer { WordSet.Key(bytes: $0) })
                word.removeAll(keepingCapacity: true)
            }
        }
        func punct(_ p: String) {
            flushWord()
            if words.last != p || p != "—" {
                words.append(p)
                keys.append(WordSet.Key(p))
            }
        }
        func endSentence(at end: Int, colon: Bool, question: Bool) {
            flushWord()
            if words.contains(where: ProseWords.startsWithLetterOrDigit) {
                let list = ProseWordList(words)
                #expect(list.keys == keys)
                out.append(ProseSentence(words: list, range: sentenceStart..<end, endsWithColon: colon, isQuestion: question))
            }
            words.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            sentenceStart = end
        }
        /// The text after `j` goes on in lower case: the sentence has not ended.
        func continuesLowerCase(_ j: Int) -> Bool {
            var k = j
            while k < n {
                let c = b[k]
                if c == 0xE2, k + 2 < n, b[k + 1] == 0x80 { k += 3; continue }               // curly quotes, dashes
                if c == 0x20 || c == 0x0A || c == 0x22 || c == 0x27 || c == 0x2A || c == 0x5F || c == 0x29 || c == 0x28 { k += 1; continue }
                return c >= 0x61 && c <= 0x7A
            }
            return false
        }
        /// A closing quote or bracket right at `j`: what ended there was quoted.
        func quoteCloses(_ j: Int) -> Bool {
            guard j < n else { return false }
            if b[j] == 0x22 || b[j] == 0x27 || b[j] == 0x29 { return true }
            return b[j] == 0xE2 && j + 2 < n && b[j + 1] == 0x80 && (b[j + 2] == 0x9D || b[j + 2] == 0x99)
        }
        /// The next byte that is not a space, quote or closing bracket, from `j`.
        func nextSignificant(_ j: Int) -> Int {
            var k = j
            while k < n, b[k] == 0x20 || b[k] == 0x0A || b[k] == 0x09 || b[k] == 0x22 || b[k] == 0x2A || b[k] == 0x5F
                    || b[k] == 0x29 || b[k] == 0x27 { k += 1 }
            return k
        }

        /// The length of the scalar at `i` when it is one a person does not see, decoded by the
        /// standard library (invalid bytes are no scalar).
        func invisible(_ i: Int) -> Int {
            var decoder = Unicode.UTF8()
            var bytes = b[i...].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&bytes), HiddenText.isInvisible(scalar) else { return 0 }
            return String(scalar).utf8.count
        }

        while i < n {
            let c = b[i]
            if isWordByte(c) {
                // An invisible character is read through.
                if c >= 0x80, case let skip = invisible(i), skip > 0 { i += skip; continue }
                // Curly quotes and dashes are punctuation, not letters.
                if c == 0xE2, i + 2 < n, b[i + 1] == 0x80 {
                    let third = b[i + 2]
                    if third == 0x99 || third == 0x98 {          // ’ ‘
                        if third == 0x99, !word.isEmpty, i + 3 < n, isWordByte(b[i + 3]) { word.append(0x27) }
                        i += 3
                        continue
                    }
                    if third == 0x9C || third == 0x9D { flushWord(); i += 3; continue }    // “ ”
                    if third == 0x93 || third == 0x94 { punct("—"); i += 3; continue }     // – —
                    if third == 0xA6 { flushWord(); i += 3; continue }                     // …
                }
                word.append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c)
                i += 1
                continue
            }
            switch c {
            case 0x27:                                                   // '
                if !word.isEmpty, i + 1 < n, isWordByte(b[i + 1]) { word.append(c) } else { flushWord() }
                i += 1
            case 0x2D:                                                   // -
                if !word.isEmpty, i + 1 < n, isWordByte(b[i + 1]) { word.append(c); i += 1 }
                else if i + 1 < n, b[i + 1] == 0x2D { punct("—"); i += 2 }
                else if word.isEmpty, i > 0, b[i - 1] == 0x20, i + 1 < n, b[i + 1] == 0x20 { punct("—"); i += 1 }
                else { flushWord(); i += 1 }
            case 0x5F:                                                   // _ inside a word is part of it
                if !word.isEmpty, i + 1 < n, isWordByte(b[i + 1]) { word.append(c) } else { flushWord() }
                i += 1
            case 0x2E:                                                   // .
                if !word.isEmpty, i + 1 < n, isWordByte(b[i + 1]) { word.append(c); i += 1; continue }
                let next = nextSignificant(i + 1)
                // A single lower-case letter or an abbreviation (none is longer than six bytes);
                // "etc." before a capital ends the sentence.
                let endsAList = String(decoding: word, as: UTF8.self) == "etc" && next < n && b[next] >= 0x41 && b[next] <= 0x5A
                if ((word.count == 1 && word[0] >= 0x61 && word[0] < 0x80)
                    || (word.count <= 6 && oldAbbreviations.contains(String(decoding: word, as: UTF8.self)))) && !endsAList {
                    flushWord(); i += 1; continue
                }
                i += 1
                if next >= n || b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x22 || b[i] == 0x2A || b[i] == 0x29 || b[i] == 0xE2
                    || (b[i] >= 0x80 && invisible(i) > 0),
                   !continuesLowerCase(i) {
                    endSentence(at: i, colon: false, question: false)
                }
            case 0x3F, 0x21:                                             // ? !
                i += 1
                // A quoted question inside a sentence ("asks, “How?” then …", "(e.g., "how?")")
                // neither ends it nor makes it a question.
                if continuesLowerCase(i) || quoteCloses(i) { punct(","); continue }
                endSentence(at: i, colon: false, question: c == 0x3F)
            case 0x3A:                                                   // :
                i += 1
                if nextSignificant(i) >= n { punct(":"); endSentence(at: i, colon: true, question: false) }
                else { punct(":") }
            case 0x2C: punct(","); i += 1
            case 0x3B: punct(";"); i += 1
            case 0x28: punct("("); i += 1
            case 0x29: punct(")"); i += 1
            case 0x5D:                                                   // ](target): skip the target
                flushWord()
                i += 1
                if i < n, b[i] == 0x28 {
                    var depth = 0
                    while i < n {
                        if b[i] == 0x28 { depth += 1 } else if b[i] == 0x29 { depth -= 1; if depth == 0 { i += 1; break } }
                        else if b[i] == 0x0A { break }
                        i += 1
                    }
                }
            case 0x5B:                                                   // [^footnote]
                flushWord()
                if i + 1 < n, b[i + 1] == 0x5E {
                    while i < n, b[i] != 0x5D, b[i] != 0x0A { i += 1 }
                }
                i += 1
            case 0x3C:                                                   // <tag>, <!-- -->
                flushWord()
                if i + 1 < n, isWordByte(b[i + 1]) || b[i + 1] == 0x2F || b[i + 1] == 0x21 {
                    while i < n, b[i] != 0x3E { i += 1 }
                }
                i += 1
            case 0x2F, 0x20, 0x0A, 0x09, 0x0D: flushWord(); i += 1
            default: flushWord(); i += 1
            }
        }
        endSentence(at: n, colon: false, question: false)
        return out

    }
}
