import Foundation
import TenetSpec

/// One model of an evaluation — the one answering or the judge — on an OpenAI-compatible
/// endpoint: sends a request and returns the answer's text with the tokens the endpoint
/// counted (`usage`) and the seconds it took. Retries and the API key rule are
/// ``OpenAIProvider``'s.
public struct EvalEndpoint: Sendable {
    public let provider: OpenAIProvider
    public let sampling: Sampling

    public init(provider: OpenAIProvider, sampling: Sampling) {
        self.provider = provider
        self.sampling = sampling
    }

    /// What one request gave.
    public struct Reply: Sendable {
        public var text: String
        public var cost: StageCost
    }

    /// Asks once. `stop` replaces the sampling's stop sequences when given; `prefill`
    /// marks the last assistant message as one to continue. A continuation that repeats
    /// the prefill first (some servers do) is returned without it.
    public func ask(_ messages: [ChatMessage], stage: String, seed: UInt64, stop: [String]? = nil, prefill: PrefillForm? = nil) async throws -> Reply {
        var sampling = self.sampling
        if let stop { sampling.stop = stop }
        let request = ChatRequest(model: provider.modelName, messages: messages, sampling: sampling, seed: PairSeed.request(seed), prefill: prefill)
        let started = DispatchTime.now().uptimeNanoseconds
        let answer = try await provider.post(request, purpose: stage)
        guard answer.status == 200 else { throw SynthError(message: provider.refusal(answer)) }
        var text = try OpenAIProvider.content(of: answer.body, purpose: stage)
        if prefill != nil, let last = messages.last, last.role == "assistant", !last.content.isEmpty, text.hasPrefix(last.content) {
            text = String(text.dropFirst(last.content.count))
        }
        let usage = Self.usage(answer.body)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Reply(text: text, cost: StageCost(stage: stage, promptTokens: usage.prompt, completionTokens: usage.completion, seconds: seconds))
    }

    /// `usage.prompt_tokens` and `usage.completion_tokens`, when the endpoint reported them.
    static func usage(_ body: Data) -> (prompt: Int?, completion: Int?) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let usage = object["usage"] as? [String: Any] else { return (nil, nil) }
        return ((usage["prompt_tokens"] as? NSNumber)?.intValue, (usage["completion_tokens"] as? NSNumber)?.intValue)
    }
}

extension StageCost {
    /// Several requests of one stage as one cost.
    static func merged(_ stage: String, _ costs: [StageCost]) -> StageCost {
        func sum(_ values: [Int?]) -> Int? { values.contains { $0 == nil } ? nil : values.reduce(0) { $0 + ($1 ?? 0) } }
        return StageCost(stage: stage, requests: costs.reduce(0) { $0 + $1.requests }, promptTokens: sum(costs.map(\.promptTokens)),
                         completionTokens: sum(costs.map(\.completionTokens)), seconds: costs.reduce(0) { $0 + $1.seconds })
    }
}
