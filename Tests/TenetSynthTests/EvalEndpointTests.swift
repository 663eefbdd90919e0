import Foundation
import Testing
import TenetSpec
@testable import TenetSynth
import TenetTestSupport

/// What an evaluation request makes of a malformed answer: a message that names the stage
/// it was for, and `content: null` as its own error (that prompt's failure, not the run's).
@Suite struct EvalEndpointTests {
    func ask(_ reply: ScriptedServer.Reply) async throws -> EvalEndpoint.Reply {
        let server = try ScriptedServer([reply])
        defer { server.stop() }
        let provider = try OpenAIProvider(baseURL: server.baseURL, model: "m", apiKey: .keyless, timeout: 5, retries: 0, backoff: 0.01)
        let endpoint = EvalEndpoint(provider: provider, sampling: Sampling(maxTokens: 10, temperature: 0))
        return try await endpoint.ask([ChatMessage(role: "user", content: "Hi")], stage: "answer", seed: 1)
    }

    @Test func aBodyThatIsNotJSONNamesTheStageItAnswered() async throws {
        do {
            _ = try await ask(.json("{not json"))
            Issue.record("no error")
        } catch let error as SynthError {
            #expect(error.message.hasPrefix("the endpoint's answer to the request for the answer stage is not JSON"), "\(error.message)")
        }
    }

    @Test func nullContentIsItsOwnErrorWithTheFinishReason() async throws {
        do {
            _ = try await ask(.json(#"{"choices": [{"message": {"role": "assistant", "content": null}, "finish_reason": "length"}]}"#))
            Issue.record("no error")
        } catch let error as EvalEndpoint.NoContent {
            #expect(error.finishReason == "length")
            #expect(error.message.contains("a larger --max-tokens may help"), "\(error.message)")
        }
    }

    /// An HTTP 500 or a dropped connection retried behind the scenes is a request the
    /// endpoint was sent: the stage's cost counts it (the cost table said 21 requests where
    /// the server had 23).
    @Test func retriedRequestsAreCountedInTheStagesCost() async throws {
        let server = try ScriptedServer([.status(500, "busy"), .drop,
                                         .json(#"{"choices": [{"message": {"role": "assistant", "content": "Hello"}}]}"#)])
        defer { server.stop() }
        let provider = try OpenAIProvider(baseURL: server.baseURL, model: "m", apiKey: .keyless, timeout: 5, retries: 3, backoff: 0.01)
        let endpoint = EvalEndpoint(provider: provider, sampling: Sampling(maxTokens: 10, temperature: 0))
        let reply = try await endpoint.ask([ChatMessage(role: "user", content: "Hi")], stage: "answer", seed: 1)
        #expect(reply.text == "Hello" && reply.cost.requests == 3, "\(reply.cost)")
    }

    @Test func anAnswerOverTheLimitIsCutWithAMarkerOnACharacterBoundary() {
        let text = String(repeating: "é", count: 100)
        let cut = EvalJob.bounded(text, limit: 120)
        #expect(cut.utf8.count <= 120 && cut.hasPrefix("éé") && cut.contains(EvalJob.cutMarker), "\(cut)")
        #expect(EvalJob.bounded("short", limit: 120) == "short")
    }
}
