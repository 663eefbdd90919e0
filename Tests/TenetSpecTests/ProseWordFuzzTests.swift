import Foundation
import Testing
@testable import TenetSpec

/// The prose reader looks ahead and behind words ("the word after the comma", "the verb
/// after the modal"), and a sentence may end at any of them. Byte mutations of whole specs
/// (``FuzzSmokeTests``) seldom make the short, odd sentences that reach those looks: real
/// system prompts did ("- If the user asks,", `- "Where is it?"` crashed `tenet parse` on
/// 10 of 236 of them). These documents are made of the reader's own words — modals,
/// negations, names, conditions, clause words, punctuation, list and label marks — cut
/// off anywhere. `PROSE_FUZZ_ROUNDS=40000 swift test --filter ProseWordFuzz` runs longer.
@Suite struct ProseWordFuzzTests {
    static let words: [String] = [
        "the assistant", "Claude", "you", "You", "it", "It", "they", "this", "these", "users", "the user", "Teachers",
        "must", "should", "shall", "may", "can", "will", "need", "needs", "ought", "is", "are", "be", "to", "not", "never",
        "always", "no", "No", "don't", "Don't", "do", "Do", "mustn't", "shouldn't", "isn't", "cannot", "can't", "pls", "dont",
        "If", "if", "When", "when", "unless", "Unless", "that", "which", "who", "whether", "only", "also", "then", "and", "or",
        "but", "Never", "Always", "Avoid", "avoid", "Refuse", "refuse", "decline", "Decline", "provide", "share", "tell",
        "Make sure", "sure", "Be careful", "careful", "Steer clear of", "clear", "of", "Leave out", "Hold off on",
        "allowed", "permitted", "prohibited", "required", "necessary", "fine", "OK", "removed", "declined", "reviewed",
        "Note:", "**Rule:**", "Rule", "3.1", "(a)", "a", "an", "following", "include", "includes", "below", "Below",
        "It is", "not necessary for", "There", "what", "Which", "How", "please", "Please", "under", "no circumstances",
        "in", "on", "for", "with", "by", "information", "advice", "content", "posts", "weapons", "diagnose", "emoji",
        ",", ",", ".", ".", "?", ":", ";", "!", "—", "-", "\"", "'", "(", ")", "“", "”", "‘", "’", "…", "/", "&", "<100",
        "✅", "❌", "é", "规", "🙂",
    ]

    /// A block's opening: a paragraph, bullets, a numbered item, a heading, a quote, a table row.
    static let openings = ["", "- ", "* ", "1. ", "3.1 ", "(a) ", "### ", "## Don't\n\n- ", "> ", "**Do:** ", "| ", "- [ ] "]

    /// The parts of a rule sentence, in order: "If the user asks, the assistant should not
    /// provide advice on weapons." Each may be left out.
    static let parts: [[String]] = [
        ["If", "When", "Unless", "Whenever", "Once", "Note:", "**Rule:**", "3.1", "(a)", "It is", "There", "Please", "pls"],
        ["the user", "a member", "a report", "the search results", "task", "you"], ["asks", "is received", "is simple", "do not contain"],
        [",", ",", ":", "—", "(single file, <100 lines),"],
        ["it", "they", "the assistant", "Claude", "you", "Posts that threaten violence", "Requests", "Nothing", "No post"],
        ["must", "should", "shall", "may", "can", "is to", "are to", "need", "mustn't", "isn't allowed to", "ought to", "is", "are"],
        ["not", "never", "always", "only", "also"], ["be", "fail to", "forget to"],
        ["provide", "share", "declined", "removed", "reviewed", "tell", "decline", "refuse to", "avoid", "write"],
        ["it", "advice", "the last four digits", "\"Which?\"", "\"Where is it?\"", "information about weapons"],
        [".", "?", ",", ":", ";", "", "!"],
    ]

    static func sentence(_ rng: inout SeededRandom) -> String {
        var tokens: [String]
        if Bool.random(using: &rng) {
            tokens = (0..<Int.random(in: 0...14, using: &rng)).map { _ in words.randomElement(using: &rng)! }
        } else {
            // A rule sentence, parts left out, cut off anywhere, perhaps ended with a mark.
            tokens = parts.compactMap { Int.random(in: 0..<3, using: &rng) == 0 ? nil : $0.randomElement(using: &rng)! }
            tokens = Array(tokens.prefix(Int.random(in: 0...tokens.count, using: &rng)))
            if Bool.random(using: &rng) { tokens.append([",", ".", "?", ":", "\"", ")"].randomElement(using: &rng)!) }
        }
        return tokens.joined(separator: Int.random(in: 0..<5, using: &rng) == 0 ? "" : " ")
    }

    static func document(_ rng: inout SeededRandom) -> String {
        var out = Bool.random(using: &rng) ? "# Policy\n\n" : ""
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            out += openings.randomElement(using: &rng)! + sentence(&rng)
            if Int.random(in: 0..<4, using: &rng) == 0 { out += ":\n\n- " + sentence(&rng) + "\n  - " + sentence(&rng) }
            if Int.random(in: 0..<6, using: &rng) == 0 { out += " | " + sentence(&rng) + " |\n|---|---|\n| " + sentence(&rng) + " | ❌ |" }
            out += Bool.random(using: &rng) ? "\n" : "\n\n"
        }
        return out
    }

    @Test func documentsOfTheReadersOwnWordsNeverCrashIt() throws {
        var rng = SeededRandom(seed: 0x5E_47E7CE)
        for round in 0..<(Int(ProcessInfo.processInfo.environment["PROSE_FUZZ_ROUNDS"] ?? "") ?? 1_500) {
            let text = Self.document(&rng)
            try FuzzSmokeTests.check(Array(text.utf8), name: "words-\(round).md")
        }
    }

    /// The four bullets that crashed the reader on real system prompts.
    @Test(arguments: [
        "- If the user asks,\n",
        "- \"Where is it?\"\n",
        "- If the user asks \"Which?\"\n",
        "- If task is simple (single file, <100 lines), write it\n",
    ])
    func aBulletThatEndsAfterItsConditionIsRead(_ text: String) throws {
        let spec = try SpecReader.read(path: "prompt.md", bytes: Array(text.utf8))
        #expect(spec.rules.allSatisfy { $0.direction == nil })
    }
}
