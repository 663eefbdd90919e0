import Foundation
import Testing
@testable import TenetSynth
import TenetTestSupport

/// ``ProviderProbe`` against a real HTTP server on loopback, answering as llama.cpp's
/// server would: a prefill continued as it stands, and answers that never vary.
@Suite struct ProviderProbeTests {
    @Test func aPlainPrefillIsFoundAndASeedThatCannotBeToldIsUnknown() async throws {
        let server = try ScriptedServer([
            .json(#"{"object": "list", "data": [{"id": "first"}, {"id": "second"}]}"#),
            .json(ScriptedServer.completion("ready")),
            .json(ScriptedServer.completion("a zebra with 3 stripes")),
            .json(ScriptedServer.completion("a zebra with 3 stripes")),
            .json(ScriptedServer.completion("a zebra with 3 stripes")),
            .json(ScriptedServer.completion("0, 11, 12")),
            .json(ScriptedServer.completion(#"  {"animal": "cat", "legs": 4}"#)),
        ])
        defer { server.stop() }
        let settings = ProviderSettings(baseURL: server.baseURL, apiKey: .keyless, timeout: 10, retries: 0)
        let found = try await ProviderProbe(settings: settings).run()

        #expect(found.model == "first", "with no model named, the first listed is asked")
        #expect(found.listedModels == ["first", "second"])
        #expect(found.modelListed == nil)
        #expect(found.seed.supported == .unknown, "\(found.seed.evidence)")
        #expect(found.seed.evidence.contains("its answers do not vary"))
        #expect(found.prefill.supported == .yes)
        #expect(found.prefillForm == .plain)
        #expect(found.jsonMode.supported == .yes)
        #expect(!found.keySent && found.keyVariable == nil)

        let requests = server.requests
        #expect(requests.count == 7, "the plain prefill worked: the vLLM form was not asked")
        #expect(requests[0].hasPrefix("GET /v1/models HTTP/1.1"))
        #expect(requests[1].contains(#""model":"first""#))
        #expect(requests[2].contains(#""seed":4242"#) && requests[2].contains(#""temperature":1"#))
        #expect(requests[5].contains(#"{"content":"1, 2, 3, 4, 5, 6, 7, 8, 9, 1","role":"assistant"}]"#))
        #expect(!requests[5].contains("continue_final_message"))
        #expect(requests[6].contains(#""response_format":{"type":"json_object"}"#))
    }

    @Test func aChatThatFailsEndsTheProbeSayingSo() async throws {
        let server = try ScriptedServer([.status(404, #"{"error": "no such route"}"#),
                                         .status(404, #"{"error": "model `m` does not exist"}"#)])
        defer { server.stop() }
        let settings = ProviderSettings(model: "m", baseURL: server.baseURL, apiKey: .keyless, timeout: 10, retries: 0)
        await #expect {
            _ = try await ProviderProbe(settings: settings).run()
        } throws: { error in
            let message = (error as? SynthError)?.message ?? ""
            return message.hasPrefix("the endpoint does not answer a chat request: HTTP 404") && message.contains("model `m` does not exist")
        }
    }
}
