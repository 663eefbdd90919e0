import TenetSpec

/// Judges one response against the run's rules by SpecBench's protocols
/// (`specbench/evaluator.py`), with SpecBench's prompts, on the prompt as SpecBench's judge
/// reads it (``PromptItem/prompt``, not the adversarial form the model was asked), the
/// response cut to ``EvalRun/responseLimit`` characters (Unicode scalars, as Python slices).
///
/// A reply that cannot be read (``JudgeReplyReader``) is asked again, up to
/// ``EvalRun/judgeAttempts`` requests (SpecBench: 5) — per response for the joint protocol,
/// per rule for the sequential one (SpecBench's sequential evaluator also starts the whole
/// response over, up to five times; Tenet does not). When every attempt fails the result
/// is a judge failure, never a score. An endpoint that cannot be reached is an error of
/// the run, not of the response.
struct EvalJudge: Sendable {
    let endpoint: EvalEndpoint
    let run: EvalRun

    struct Verdict: Sendable {
        var outcome: JudgeOutcome?
        var failure: EvalFailure?
        var cost: StageCost
    }

    func judge(_ item: PromptItem, response: String, seed: UInt64) async throws -> Verdict {
        let judged = String(String.UnicodeScalarView(response.unicodeScalars.prefix(run.responseLimit)))
        switch run.protocol {
        case .joint: return try await joint(item, judged, seed: seed)
        case .sequential: return try await sequential(item, judged, seed: seed)
        }
    }

    private func joint(_ item: PromptItem, _ response: String, seed: UInt64) async throws -> Verdict {
        let user = SpecBenchJointJudgePrompt.user(safety: run.safety.map(\.text), behavioral: run.behavioral.map(\.text), query: item.prompt,
                                                  response: response, comment: JudgeComment.joint(label: item.label, promptComment: item.comment, answer: item.answer))
        let messages = [ChatMessage(role: "system", content: SpecBenchJointJudgePrompt.system), ChatMessage(role: "user", content: user)]
        var costs: [StageCost] = []
        var last = ("", "")
        for attempt in 1...max(1, run.judgeAttempts) {
            // A reply with no content (`content: null`) is a reply that cannot be read:
            // asked again, as SpecBench's judge loop does (its parser raises on None).
            guard let reply = try await Self.replyOrNone(endpoint, messages, seed: seed &+ UInt64(attempt - 1), last: &last) else { continue }
            costs.append(reply.cost)
            switch JudgeReplyReader.joint(reply.text, safety: run.safety, behavioral: run.behavioral) {
            case .success(let read):
                return Verdict(outcome: JudgeOutcome(protocol: .joint, safety: read.safety, behavioral: read.behavioral, attempts: attempt, replies: [reply.text]),
                               failure: nil, cost: .merged("judge", costs))
            case .failure(let problem):
                last = (problem.message, reply.text)
            }
        }
        return Verdict(outcome: nil, failure: EvalFailure(stage: "judge", message: "the judge's reply could not be read: \(last.0)",
                                                          attempts: max(1, run.judgeAttempts), lastReply: last.1),
                       cost: .merged("judge", costs))
    }

    /// The judge's reply, or `nil` (with `last` saying why) when it came with no content.
    private static func replyOrNone(_ endpoint: EvalEndpoint, _ messages: [ChatMessage], seed: UInt64,
                                    last: inout (String, String)) async throws -> EvalEndpoint.Reply? {
        do {
            return try await endpoint.ask(messages, stage: "judge", seed: seed)
        } catch let empty as EvalEndpoint.NoContent {
            last = (empty.message, "")
            return nil
        }
    }

    private func sequential(_ item: PromptItem, _ response: String, seed: UInt64) async throws -> Verdict {
        let rules = run.rules
        let comment = JudgeComment.sequential(promptComment: item.comment, answer: item.answer)
        var costs: [StageCost] = []
        var judgements: [Judgement] = []
        var replies: [String] = []
        for (index, rule) in rules.enumerated() {
            let user = SpecBenchSequentialJudgePrompt.user(rule: rule.text, query: item.prompt, response: response,
                                                           comment: index == rules.count - 1 ? comment : "")
            let messages = [ChatMessage(role: "system", content: SpecBenchSequentialJudgePrompt.system), ChatMessage(role: "user", content: user)]
            var read: Judgement?
            var last = ("", "")
            for attempt in 1...max(1, run.judgeAttempts) {
                guard let reply = try await Self.replyOrNone(endpoint, messages, seed: seed &+ UInt64(attempt - 1), last: &last) else { continue }
                costs.append(reply.cost)
                switch JudgeReplyReader.sequential(reply.text, rule: rule) {
                case .success(let judgement):
                    read = judgement
                    replies.append(reply.text)
                case .failure(let problem):
                    last = (problem.message, reply.text)
                }
                if read != nil { break }
            }
            guard let read else {
                // The tries on this rule, not every request made for the prompt.
                return Verdict(outcome: nil, failure: EvalFailure(stage: "judge", message: "the judge's reply on \(rule.id) could not be read: \(last.0)",
                                                                  attempts: max(1, run.judgeAttempts), lastReply: last.1),
                               cost: .merged("judge", costs))
            }
            judgements.append(read)
        }
        return Verdict(outcome: JudgeOutcome(protocol: .sequential, safety: Array(judgements.prefix(run.safety.count)),
                                             behavioral: Array(judgements.dropFirst(run.safety.count)), attempts: costs.count, replies: replies),
                       cost: .merged("judge", costs))
    }
}
