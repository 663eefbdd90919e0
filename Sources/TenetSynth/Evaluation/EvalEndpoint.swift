import Foundation
import TenetSpec
import TenetStore

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
        let usage = Self.usage(answer.body)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        // Retried requests (an HTTP 500, a timeout) are requests the endpoint was sent: counted.
        let cost = StageCost(stage: stage, requests: answer.requests, promptTokens: usage.prompt, completionTokens: usage.completion, seconds: seconds)
        // A reply with no content was still asked for, and used tokens (often all of them).
        if let finish = Self.nullContent(answer.body) { throw NoContent(stage: stage, finishReason: finish, cost: cost) }
        var text = try OpenAIProvider.content(of: answer.body, purpose: "request for the \(stage) stage")
        if prefill != nil, let last = messages.last, last.role == "assistant", !last.content.isEmpty, text.hasPrefix(last.content) {
            text = String(text.dropFirst(last.content.count))
        }
        return Reply(text: text, cost: cost)
    }

    /// The endpoint answered with `content: null` — vLLM with a reasoning parser does when
    /// `max_tokens` ran out inside the reasoning. A failure of that prompt, not of the run.
    public struct NoContent: Error, Sendable {
        public var stage: String
        /// `finish_reason`, when the endpoint gave one (`length`: out of tokens).
        public var finishReason: String?
        /// What the request cost: counted in the run's figures as any other.
        public var cost: StageCost?

        public var message: String {
            "the endpoint answered the \(stage) stage with no content (null"
                + (finishReason.map { ", finish_reason \($0)" } ?? "") + ")"
                + (finishReason == "length" ? "; the model ran out of tokens — a larger --max-tokens may help" : "")
        }
    }

    /// `.some(finish_reason)` when `choices[0].message.content` is JSON null; `nil` otherwise.
    static func nullContent(_ body: Data) -> String?? {
        guard let object = EndpointJSON.object(body), let choice = EndpointJSON.firstChoice(object),
              case .object(let message)? = choice["message"],
              message["content"] == .null || (message["reasoning_content"] != nil && message["content"] == nil) else { return nil }
        return .some(choice["finish_reason"]?.stringValue)
    }

    /// `usage.prompt_tokens` and `usage.completion_tokens`, when the endpoint reported them
    /// as a count Tenet can add up (``tokenCount(_:)``).
    static func usage(_ body: Data) -> (prompt: Int?, completion: Int?) {
        guard let object = EndpointJSON.object(body), case .object(let usage)? = object["usage"] else { return (nil, nil) }
        return (tokenCount(usage["prompt_tokens"]), tokenCount(usage["completion_tokens"]))
    }

    /// The most tokens one request is taken to have used: far above any model's context,
    /// low enough that a run's sums cannot overflow.
    static let mostTokensPerRequest = 1_000_000_000

    /// A JSON value as a token count: a whole number from 0 to ``mostTokensPerRequest``,
    /// else unknown. The endpoint chooses it: `9223372036854775807` twice overflowed the
    /// run's sum and `1e300` trapped in `Int(…)` (SIGILL, the run stopped); `-5` made costs
    /// negative.
    static func tokenCount(_ value: JSONValue?) -> Int? {
        guard case .number(let double)? = value else { return nil }
        guard double.isFinite, double.rounded() == double, double >= 0, double <= Double(mostTokensPerRequest) else { return nil }
        return Int(double)
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
