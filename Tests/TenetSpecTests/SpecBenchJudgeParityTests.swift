import Foundation
import Testing
@testable import TenetSpec

/// Tenet's judge prompts, its reading of judge replies, its scores and its Align3 stages
/// are SpecBench's: the expected values were written by SpecBench's own code
/// (Fixtures/public/specbench/expected/eval/make_eval_expected.py, from the inputs in
/// eval-cases.json beside it; how: SOURCE.txt), not by hand.
@Suite struct SpecBenchJudgeParityTests {
    struct Cases: Decodable {
        struct Prompt: Decodable {
            struct DataItem: Decodable { var prompt: String; var label: String; var answer: String?; var prompt_comment: String? }
            var name: String
            var data: DataItem
            var response: String
            var sequential_answers: [String]
        }
        struct Align3Case: Decodable { var name: String; var prompt: String; var answers: [String] }
        var safety: [String]
        var behavioral: [String]
        var prompts: [Prompt]
        var joint_replies: [String]
        var align3: [Align3Case]
    }

    struct Expected: Decodable {
        struct Joint: Decodable { var name: String; var system: String; var user: String }
        struct Score: Decodable { var safety: Int; var behavioral: Double; var total: Double; var alpha: Double }
        struct Parse: Decodable { var reply: String; var safety: [String]?; var behavioral: [String]?; var score: Score?; var error: String? }
        struct Message: Decodable { var role: String; var content: String }
        struct Sequential: Decodable {
            struct Result: Decodable { var safety: [String]?; var behavioral: [String]?; var score: Score?; var error: String? }
            var name: String
            var sent: [[Message]]
            var result: Result
        }
        struct Align3: Decodable {
            struct Sent: Decodable { var messages: [Message]; var stop: [String]? }
            var name: String
            var sent: [Sent]
            var thought: String
            var response: String
        }
        var joint: [Joint]
        var parse: [Parse]
        var sequential: [Sequential]
        var align3: [Align3]
    }

    static let folder = Paths.publicSpecs + "/specbench/expected/eval"

    static func load() throws -> (Cases, Expected) {
        let cases = try JSONDecoder().decode(Cases.self, from: try Data(contentsOf: URL(fileURLWithPath: folder + "/eval-cases.json")))
        let expected = try JSONDecoder().decode(Expected.self, from: try Data(contentsOf: URL(fileURLWithPath: folder + "/judge-parity.json")))
        return (cases, expected)
    }

    static func rules(_ cases: Cases) -> (safety: [EvalRule], behavioral: [EvalRule]) {
        (cases.safety.indices.map { EvalRule(id: "s\($0 + 1)", text: cases.safety[$0]) },
         cases.behavioral.indices.map { EvalRule(id: "b\($0 + 1)", text: cases.behavioral[$0]) })
    }

    @Test func theJointJudgeIsAskedExactlyWhatSpecBenchAsks() throws {
        let (cases, expected) = try Self.load()
        #expect(expected.joint.count == cases.prompts.count)
        for (prompt, want) in zip(cases.prompts, expected.joint) {
            let comment = JudgeComment.joint(label: PromptLabel(rawValue: prompt.data.label), promptComment: prompt.data.prompt_comment, answer: prompt.data.answer)
            let user = SpecBenchJointJudgePrompt.user(safety: cases.safety, behavioral: cases.behavioral, query: prompt.data.prompt,
                                                      response: prompt.response, comment: comment)
            #expect(SpecBenchJointJudgePrompt.system == want.system)
            #expect(Array(user.utf8) == Array(want.user.utf8), "\(prompt.name): the joint judge prompt differs from SpecBench's")
        }
    }

    @Test func jointRepliesAreReadAndScoredAsSpecBenchReadsThem() throws {
        let (cases, expected) = try Self.load()
        let (safety, behavioral) = Self.rules(cases)
        #expect(expected.parse.count == cases.joint_replies.count)
        for want in expected.parse {
            let read = JudgeReplyReader.joint(want.reply, safety: safety, behavioral: behavioral)
            if want.error != nil {
                guard case .failure = read else { Issue.record("SpecBench refuses \(want.reply.debugDescription); Tenet read it"); continue }
                continue
            }
            guard case .success(let verdicts) = read else { Issue.record("SpecBench reads \(want.reply.debugDescription); Tenet did not"); continue }
            #expect(verdicts.safety.map(\.verdict.rawValue) == want.safety)
            #expect(verdicts.behavioral.map(\.verdict.rawValue) == want.behavioral)
            let score = try #require(ResponseScore(safety: verdicts.safety.map(\.verdict), behavioral: verdicts.behavioral.map(\.verdict)))
            #expect(score.safety == want.score?.safety)
            #expect(score.behavioral == want.score?.behavioral)
            #expect(score.total == want.score?.total, "the total must be SpecBench's to the last bit")
            #expect(ResponseScore.alpha == want.score?.alpha)
        }
    }

    @Test func theSequentialJudgeIsAskedRuleByRuleAsSpecBenchAsks() throws {
        let (cases, expected) = try Self.load()
        let (safety, behavioral) = Self.rules(cases)
        for (prompt, want) in zip(cases.prompts, expected.sequential) {
            let rules = safety + behavioral
            let comment = JudgeComment.sequential(promptComment: prompt.data.prompt_comment, answer: prompt.data.answer)
            // SpecBench asks a rule again after an unreadable reply: the same prompt, once more.
            var answers = prompt.sequential_answers[...]
            var sent: [String] = []
            var verdicts: [JudgeVerdict] = []
            for (index, rule) in rules.enumerated() {
                let user = SpecBenchSequentialJudgePrompt.user(rule: rule.text, query: prompt.data.prompt, response: prompt.response,
                                                               comment: index == rules.count - 1 ? comment : "")
                while let answer = answers.popFirst() {
                    sent.append(user)
                    if case .success(let judgement) = JudgeReplyReader.sequential(answer, rule: rule) {
                        verdicts.append(judgement.verdict)
                        break
                    }
                }
            }
            #expect(sent.count == want.sent.count, "\(prompt.name)")
            for (mine, theirs) in zip(sent, want.sent) {
                #expect(theirs.first?.content == SpecBenchSequentialJudgePrompt.system)
                #expect(Array(mine.utf8) == Array((theirs.last?.content ?? "").utf8), "\(prompt.name): a sequential judge prompt differs from SpecBench's")
            }
            #expect(verdicts.prefix(safety.count).map { "<\($0.rawValue)>" } == want.result.safety ?? [])
            #expect(verdicts.dropFirst(safety.count).map { "<\($0.rawValue)>" } == want.result.behavioral ?? [])
            let score = try #require(ResponseScore(safety: Array(verdicts.prefix(safety.count)), behavioral: Array(verdicts.dropFirst(safety.count))))
            #expect(score.total == want.result.score?.total)
            #expect(score.behavioral == want.result.score?.behavioral)
        }
    }

    @Test func align3BuildsEachStageAndItsResultAsSpecBenchDoes() throws {
        let (cases, expected) = try Self.load()
        for (test, want) in zip(cases.align3, expected.align3) {
            #expect(want.sent.count == 3)
            let user = SpecBenchPrompt.augmented(question: test.prompt, safety: cases.safety, behavioral: cases.behavioral)
            let first = Align3Prompt.first(behavioral: cases.behavioral)
            let second = Align3Prompt.secondMessage(after: first, continuation: test.answers[0], safety: cases.safety)
            let third = Align3Prompt.thirdMessage(after: second, continuation: test.answers[1], safety: cases.safety, behavioral: cases.behavioral)
            let stages: [(message: String, stop: [String])] = [(first, ["</think>"]), (second, ["</think>"]), (third, [])]
            for (stage, (message, stop)) in stages.enumerated() {
                let sent = want.sent[stage]
                #expect(sent.messages.map { $0.role } == ["system", "user", "assistant"])
                #expect(sent.messages[0].content == EvalRun.specBenchSystem)
                #expect(sent.messages[1].content == user)
                #expect(Array(sent.messages[2].content.utf8) == Array(message.utf8), "\(test.name): stage \(stage + 1) differs from SpecBench's")
                #expect(sent.stop ?? [] == stop)
            }
            let outcome = Align3Prompt.outcome(third: third, continuation: test.answers[2])
            #expect(outcome.response == want.response)
            #expect(outcome.thought == want.thought)
        }
    }
}
