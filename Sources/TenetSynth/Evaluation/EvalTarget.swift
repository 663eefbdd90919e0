import TenetSpec

/// Asks the model under evaluation one prompt, by the run's method, as SpecBench's
/// methods do (`specbench/ttd.py`): every request starts with SpecBench's system message;
/// `raw` sends the prompt, `vanilla` the prompt followed by the rules
/// (``SpecBenchPrompt/augmented(question:safety:behavioral:)``), `align3` the vanilla turn
/// and then three stages of reasoning in an assistant message (``Align3Prompt``):
///
/// 1. the assistant message is stage 1's text (`<think>Okey, my task is … So`); the model
///    continues it until `</think>` (a stop sequence);
/// 2. the message becomes stage 1's text, the continuation with trailing blanks removed,
///    a blank line and stage 2's text (the safety rules); continued until `</think>`;
/// 3. likewise with stage 3's text (both lists); continued with no stop: the model ends
///    its reasoning with `</think>` and answers.
///
/// The response is what follows the last `</think>` of stage 3's continuation; the thought
/// is stage 3's whole assistant message followed by the continuation's reasoning. A
/// reasoning model's own `</think>` is split the same way for `raw` and `vanilla`.
struct EvalTarget: Sendable {
    let endpoint: EvalEndpoint
    let run: EvalRun

    struct Answer: Sendable {
        var response: String
        var thought: String?
        var stages: [StageCost]
    }

    func answer(_ item: PromptItem, seed: UInt64) async throws -> Answer {
        let safety = run.safety.map(\.text), behavioral = run.behavioral.map(\.text)
        var base = [ChatMessage(role: "system", content: run.system)]
        base += (item.context ?? []).map { ChatMessage(role: $0.role == "developer" ? "system" : $0.role, content: $0.content) }
        switch run.method {
        case .raw, .vanilla:
            let user = run.method == .raw ? run.question(item) : SpecBenchPrompt.augmented(question: run.question(item), safety: safety, behavioral: behavioral)
            let reply = try await endpoint.ask(base + [ChatMessage(role: "user", content: user)], stage: "answer", seed: seed)
            let (thought, response) = ReasoningSplit.split(reply.text)
            return Answer(response: response, thought: thought.isEmpty ? nil : thought, stages: [reply.cost])
        case .align3:
            let messages = base + [ChatMessage(role: "user", content: SpecBenchPrompt.augmented(question: run.question(item), safety: safety, behavioral: behavioral))]
            var prefix = Align3Prompt.first(behavioral: behavioral)
            var costs: [StageCost] = []
            let first = try await stage(messages, prefix, "behavioral", seed: seed, stop: [ReasoningSplit.endOfThinking])
            costs.append(first.cost)
            prefix = Align3Prompt.secondMessage(after: prefix, continuation: separator(before: first.text) + first.text, safety: safety)
            let second = try await stage(messages, prefix, "safety", seed: seed, stop: [ReasoningSplit.endOfThinking])
            costs.append(second.cost)
            prefix = Align3Prompt.thirdMessage(after: prefix, continuation: separator(before: second.text) + second.text, safety: safety, behavioral: behavioral)
            let third = try await stage(messages, prefix, "final", seed: seed, stop: [])
            costs.append(third.cost)
            let (thought, response) = Align3Prompt.outcome(third: prefix + separator(before: third.text), continuation: third.text)
            return Answer(response: response, thought: thought, stages: costs)
        }
    }

    /// Multi-turn: a reply is a new message, not the next tokens after the stage's closing
    /// `So`, so it is put after a space (unless it begins with a blank) — the thought reads
    /// "So I can help", not "SoI can help". A prefilled continuation is joined as it came.
    private func separator(before reply: String) -> String {
        guard run.align3Variant == .multiTurn, let first = reply.unicodeScalars.first, !first.properties.isWhitespace else { return "" }
        return " "
    }

    /// One Align3 stage: the reasoning so far continued — as a prefilled assistant message,
    /// or (multi-turn) as a finished assistant turn followed by a user turn asking to go on.
    private func stage(_ messages: [ChatMessage], _ prefix: String, _ name: String, seed: UInt64, stop: [String]) async throws -> EvalEndpoint.Reply {
        if run.align3Variant == .multiTurn {
            return try await endpoint.ask(messages + [ChatMessage(role: "assistant", content: prefix),
                                                      ChatMessage(role: "user", content: Align3Prompt.continueInstruction)],
                                          stage: name, seed: seed, stop: stop)
        }
        let form = run.prefillForm.flatMap(PrefillForm.init(rawValue:)) ?? .continueFinalMessage
        return try await endpoint.ask(messages + [ChatMessage(role: "assistant", content: prefix)], stage: name, seed: seed, stop: stop, prefill: form)
    }
}
