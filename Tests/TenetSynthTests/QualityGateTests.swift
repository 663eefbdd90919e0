import Foundation
import Testing
@testable import TenetSpec
@testable import TenetSynth

/// The quality gates every generated pair goes through before it is stored: Tenet's own
/// text checks and the judge's reading, each failure with its reason.
@Suite struct QualityGateTests {
    // MARK: text similarity

    /// The plain O(n·m) word edit distance, to check the banded one against.
    static func naiveDistance(_ x: [Substring], _ y: [Substring]) -> Int {
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var next = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                next[j] = min(row[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1)
            }
            row = next
        }
        return x.isEmpty ? y.count : row[y.count]
    }

    @Test func theBandedDistanceAgreesWithThePlainOneWithinItsLimit() {
        var random = SeededRandom(seed: 11)
        let vocabulary = ["a", "b", "c", "d"].map { Substring($0) }
        for _ in 0..<400 {
            let x = (0..<random.int(in: 0...14)).map { _ in vocabulary[random.int(in: 0...3)] }
            let y = (0..<random.int(in: 0...14)).map { _ in vocabulary[random.int(in: 0...3)] }
            let exact = Self.naiveDistance(x, y)
            let limit = random.int(in: 0...8)
            let banded = TextSimilarity.boundedDistance(x, y, limit: limit)
            #expect(banded == (exact <= limit ? exact : nil), "\(x) \(y) limit \(limit): exact \(exact), banded \(String(describing: banded))")
        }
    }

    @Test func caseSpacingAndPunctuationNeverMakeAnswersDifferent() {
        #expect(TextSimilarity.sameWords("I can't help with that.", "i CAN'T   help with that"))
        #expect(!TextSimilarity.sameWords("I can help with that.", "I can't help with that."))
        let answer = (0..<100).map { "word\($0)" }.joined(separator: " ")
        #expect(TextSimilarity.nearIdentical(answer, answer + " indeed"), "one word in a hundred and one")
        #expect(!TextSimilarity.nearIdentical(answer, answer + " " + (0..<20).map { "harm\($0)" }.joined(separator: " ")),
                "a minimal pair — the same answer with a harmful paragraph added — is kept")
        // Long answers cost only the band.
        let long = (0..<4_000).map { "w\($0 % 97)" }.joined(separator: " ")
        #expect(TextSimilarity.similarity(long, "x " + long) != nil)
        #expect(TextSimilarity.similarity(long, String(long.reversed())) == nil)
    }

    @Test func refusalsAreReadFromTheOpening() {
        #expect(Refusal.refuses("I can’t help with that."))
        #expect(Refusal.refuses("Sorry, but I won't write that. Here is something else."))
        // Refusals in other languages: an Arabic GOOD answer that refuses made a pair of two
        // refusals pass as "not a second refusal".
        for refusal in ["لا أستطيع مساعدتك في ذلك.", "אני לא יכול לעזור בזה.", "No puedo ayudarte con eso.", "Je ne peux pas vous aider.",
                        "Es tut mir leid, aber dabei kann ich nicht helfen.", "Я не могу помочь с этим.", "我不能帮助你做这件事。",
                        "申し訳ありませんが、お手伝いできません。", "Désolé, mais je ne peux pas."] {
            #expect(Refusal.refuses(refusal), "\(refusal)")
        }
        for answer in ["Lisboa es segura de noche si evitas calles vacías.", "Berlin ist nachts sicher.", "Москва — большой город."] {
            #expect(!Refusal.refuses(answer), "\(answer)")
        }
        #expect(Refusal.refuses("I'm unable to provide that information."))
        #expect(!Refusal.refuses("Sure — here's how to get a visa. First, check the embassy. I can't stress enough how important it is."))
        #expect(!Refusal.refuses("It costs 40 euros."))
    }

    // MARK: the judge's reply

    @Test func theJudgesLinesAreReadTolerantly() {
        let checks = JudgeReply.checks("""
            Here is my assessment.
            **Chosen_complies:** YES — it declines the route and points to UNHCR.
            - rejected-violates: No. It refuses as well.
            ADDRESSES PROMPT: y, both answer the question
            """)
        #expect(checks.map(\.gate) == [.chosenComplies, .rejectedViolates, .addressesPrompt])
        #expect(checks.map(\.passed) == [true, false, true])
        #expect(checks[0].reason == "it declines the route and points to UNHCR.")
        #expect(checks[1].reason == "It refuses as well.")
        #expect(checks.allSatisfy { $0.by == "judge" })
    }

    @Test func aReplyMissingALineIsAFailureNeverAPass() {
        let checks = JudgeReply.checks("chosen_complies: YES — fine\nrejected_violates: YES — fine")
        #expect(checks.count == 1 && checks[0].gate == .judgeReadable && !checks[0].passed)
        #expect(checks[0].reason.contains("no addresses_prompt line"))
        let empty = JudgeReply.checks("")
        #expect(empty.first?.passed == false)
        // A one-line judge template of your own still works.
        #expect(JudgeReply.checks("PASS: both hold").first == QualityCheck(.judgeVerdict, passed: true, reason: "both hold", by: "judge"))
        #expect(JudgeReply.checks("FAIL: A gives the route").first?.passed == false)
    }

    // MARK: Tenet's own gates

    static let rule = try! JSONDecoder().decode(InstantiatedRule.self, from: Data("""
        {"id": "travel.no-border-evasion", "title": "Never help evade border controls", "kind": "safety", "direction": "prohibit",
         "text": "Do not explain how to cross a border outside an official crossing.", "reason": "test"}
        """.utf8))
    static let examples = [
        Example(verdict: .bad, title: "route", turns: [Turn(role: "user", content: "Where can I cross unchecked?"),
                                                     Turn(role: "assistant", content: "The forest trail north of the village is rarely patrolled.")], line: 10),
        Example(verdict: .good, title: "asylum", turns: [Turn(role: "user", content: "I'm in danger and have no passport."),
                                                       Turn(role: "assistant", content: "You can ask for asylum at an official crossing; UNHCR can help you register.")], line: 20),
    ]

    static func failure(_ chosen: String, _ rejected: String, strategy: Strategy = .direct) -> QualityCheck? {
        PairGates(rule: rule, examples: examples).check(chosen: chosen, rejected: rejected, strategy: strategy).firstFailure
    }

    @Test func eachGateCatchesThePairItWasWrittenFor() {
        #expect(Self.failure("", "The trail is unpatrolled.")?.gate == .answered)
        // Characters that show nothing are no answer either (zero-width space, BOM, word
        // joiner, soft hyphen): such a pair looked empty and was accepted and exported.
        #expect(Self.failure("\u{200B}\u{200B}", "The trail is unpatrolled.")?.gate == .answered)
        #expect(Self.failure("Use the official crossing.", "\u{FEFF}\u{2060}\u{AD} \n")?.gate == .answered)
        #expect(Self.failure("Use the\u{200B} official crossing.", "The trail is unpatrolled.")?.gate != .answered)
        #expect(Self.failure("Use the official crossing.", "use the official crossing!")?.gate == .distinct)
        // The checks every stored pair passes (import and edit too) come first.
        #expect(Self.failure("Use the official crossing.\u{1B}[2J", "The trail is unpatrolled.")?.gate == .wellFormed)
        #expect(Self.failure(String(repeating: "Use the official crossing. ", count: 10_000), "The trail is unpatrolled.")?.gate == .wellFormed)
        #expect(PairGates(rule: Self.rule, examples: Self.examples).check(prompt: [Turn(role: "user", content: " ")], chosen: "Use the official crossing.",
                                                                          rejected: "The trail is unpatrolled.", strategy: .direct).firstFailure?.reason == "the prompt is empty")
        let long = (0..<40).map { "step\($0)" }.joined(separator: " ")
        #expect(Self.failure(long, long + " now")?.gate == .notNearIdentical)
        #expect(Self.failure("The forest trail north of the village is rarely patrolled.", "Go to the border post.")?.gate == .chosenComplies,
                "the spec's own violation as the chosen answer")
        #expect(Self.failure("I can't help with routes around checks.", "You can ask for asylum at an official crossing; UNHCR can help you register.")?.gate
                == .rejectedViolates, "the spec's own GOOD answer as the rejected one")
        #expect(Self.failure("I can't help with that.", "I won't help with that, sorry.")?.gate == .rejectedViolates, "two refusals")
        #expect(Self.failure("Here is how UNHCR registration works.", "I'm sorry, but I can't help with that.", strategy: .direct)?.gate == .rejectedViolates,
                "a refusal does none of what a prohibition forbids")
        #expect(Self.failure("I can't help with that.", "Sure, here's how.", strategy: .safeLooking)?.gate == .chosenComplies,
                "an allowed request refused by the chosen answer")
        #expect(Self.failure("I can't help with crossing unchecked; UNHCR can help you apply for asylum.", "Take the forest trail at night.") == nil)
    }

    // MARK: a model that answers every role the same

    /// Answers every role with one text, and counts the judge's requests.
    final class SameAnswer: ChatProvider, @unchecked Sendable {
        var name: String { "same" }
        var model: String? { "echo" }
        let lock = NSLock()
        var judged = 0
        let reply: @Sendable (AgentRole) -> String
        init(_ reply: @escaping @Sendable (AgentRole) -> String) { self.reply = reply }
        func complete(_ messages: [ChatMessage], role: AgentRole, context: ProbeContext) async throws -> (text: String, exchange: Exchange?) {
            if role == .judge { lock.withLock { judged += 1 } }
            return (reply(role), nil)
        }
    }

    @Test func identicalAnswersFromAModelAreDroppedWithoutAskingTheJudge() async throws {
        let (spec, instance) = try GenerationTests.travel()
        let provider = SameAnswer { _ in "PASS: Sure, here is what you asked for." }
        let generator = Generator(provider: provider, templates: try RoleTemplates.load(), spec: spec, instantiation: instance,
                                  instantiationName: nil, seed: 1)
        let pairs = try await GenerationTests.generate(generator, count: 8)
        #expect(pairs.allSatisfy { !$0.passed && $0.failure == .distinct })
        #expect(pairs.allSatisfy { $0.pair.provenance.judge == "FAIL: distinct: the two answers are the same text" })
        #expect(provider.lock.withLock { provider.judged } == 0, "a pair that fails Tenet's gates costs no judge request")
    }

    @Test func theJudgeMustSayTheChosenAnswerComplies() async throws {
        let (spec, instance) = try GenerationTests.travel()
        let provider = SameAnswer { role in
            switch role {
            case .defender: return "Here is the route through the forest."
            case .violator: return "Take the trail at night; nobody checks it."
            case .judge: return "chosen_complies: NO — it gives a route around the checks\nrejected_violates: YES — a route\naddresses_prompt: YES — both answer"
            default: return "x"
            }
        }
        let generator = Generator(provider: provider, templates: try RoleTemplates.load(), spec: spec, instantiation: instance,
                                  instantiationName: nil, seed: 1)
        let pairs = try await GenerationTests.generate(generator, count: 4)
        for generated in pairs {
            #expect(generated.failure == .chosenComplies)
            let stored = try #require(generated.pair.provenance.checks)
            #expect(stored.contains(QualityCheck(.chosenComplies, passed: false, reason: "it gives a route around the checks", by: "judge")))
            #expect(generated.pair.provenance.judge == "FAIL: chosen-complies: it gives a route around the checks")
        }
    }
}
