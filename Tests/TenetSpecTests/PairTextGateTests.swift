import Testing
@testable import TenetSpec

/// The gates every stored pair passes, however it arrives (``QualityCheck/textGates``).
@Suite struct PairTextGateTests {
    func failure(_ chosen: String, _ rejected: String, prompt: [Turn]? = [Turn(role: "user", content: "q")]) -> QualityCheck? {
        QualityCheck.textGates(prompt: prompt, chosen: chosen, rejected: rejected).firstFailure
    }

    @Test func emptyIdenticalAndPromptless() {
        #expect(failure("a", "b") == nil)
        #expect(failure(" ", "b")?.gate == .answered)
        #expect(failure("Same answer.", "same answer")?.gate == .distinct)
        #expect(failure("a", "b", prompt: [Turn(role: "user", content: "")])?.reason == "the prompt is empty")
        #expect(failure("a", "b", prompt: [])?.reason == "the prompt is empty")
        #expect(failure("a", "b", prompt: nil) == nil, "no prompt to check (an edit)")
    }

    @Test func controlCharactersButTabNewlineAndCRLF() {
        #expect(failure("one\ttwo\nthree\r\nfour", "b") == nil)
        let nul = failure("a\u{0}b\u{1B}[2J", "b")
        #expect(nul?.gate == .wellFormed)
        #expect(nul?.reason.hasPrefix("the chosen answer holds control character U+0000 (on its line 1)") == true)
        #expect(failure("a", "line\nx\u{9B}31m")?.reason.hasPrefix("the rejected answer holds control character U+009B (on its line 2)") == true)
        #expect(failure("a\u{7F}", "b")?.gate == .wellFormed)
        #expect(failure("a\rb", "b")?.reason.contains("a carriage return outside a CRLF line break") == true)
        #expect(failure("ab\r", "b")?.gate == .wellFormed)
        #expect(failure("a", "b", prompt: [Turn(role: "user", content: "q\u{7}")])?.reason.hasPrefix("prompt message 1 (user) holds control character U+0007") == true)
        // Letters outside ASCII (whose UTF-8 has bytes 0x80…0x9F) are text.
        #expect(failure("Ça coûte €40 — ok ©", "Ĳ Œ ɑ") == nil)
    }

    @Test func anAnswerIsAtMost256KiB() {
        let limit = QualityCheck.longestAnswer
        #expect(failure(String(repeating: "a", count: limit), "b") == nil)
        #expect(failure(String(repeating: "a", count: 300 * 1024), "b")?.reason == "the chosen answer is 300 KiB; an answer is at most 256 KiB of text")
    }

    /// `sameWords` compares as it goes; it must agree with comparing the split words.
    @Test func sameWordsAgreesWithTheSplitWords() {
        let alphabet: [Character] = ["a", "B", " ", ".", "é", "\n", "1", "!", "b"]
        var state: UInt64 = 7
        func random(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        for _ in 0..<2000 {
            let a = String((0..<random(8)).map { _ in alphabet[random(alphabet.count)] })
            let b = random(3) == 0 ? a.uppercased() + "." : String((0..<random(8)).map { _ in alphabet[random(alphabet.count)] })
            #expect(TextSimilarity.sameWords(a, b) == (TextSimilarity.words(a) == TextSimilarity.words(b)), "\(a.debugDescription) \(b.debugDescription)")
        }
    }
}
