import Foundation
import Testing
@testable import TenetSynth
import TenetTestSupport

/// When a request goes with a key, without one, or not at all (``APIKeyRule``), and what
/// the last error says when no key went.
@Suite struct APIKeyTests {
    let local = URL(string: "http://127.0.0.1:8000/v1/chat/completions")!
    let remote = URL(string: "https://api.example.com/v1/chat/completions")!

    func message(_ rule: APIKeyRule, _ url: URL, _ environment: [String: String]) -> String? {
        do {
            _ = try rule.resolve(for: url, environment: environment)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func theRuleDecidesBeforeAnyRequest() throws {
        let standard = APIKeyRule()
        #expect(try standard.resolve(for: remote, environment: ["OPENAI_API_KEY": "sk-1"]).key == "sk-1")
        #expect(try standard.resolve(for: local, environment: [:]).key == nil, "a local endpoint is asked without a key")
        #expect(message(standard, remote, [:])?.hasPrefix("$OPENAI_API_KEY is not set, and api.example.com is not a local endpoint") == true)
        #expect(message(standard, local, ["OPENAI_API_KEY": ""]) == "$OPENAI_API_KEY is set but empty; set it to your key, or unset it for an endpoint that needs none")
        #expect(message(standard, remote, ["OPENAI_API_KEY": "  "])?.contains("is set but empty; set it to your key, or use --no-api-key") == true)
        #expect(message(standard, remote, ["OPENAI_API_KEY": "sk-1\r\nX-Evil: 1"])?.contains("control character") == true,
                "a key cannot add headers")

        let named = APIKeyRule.named("VLLM_KEY")
        #expect(message(named, local, [:])?.hasPrefix("$VLLM_KEY is not set (--api-key-env names it)") == true, "named: needed even locally")
        #expect(try named.resolve(for: local, environment: ["VLLM_KEY": "k"]).key == "k")

        #expect(try APIKeyRule.keyless.resolve(for: remote, environment: ["OPENAI_API_KEY": "sk-1"]).key == nil, "--no-api-key sends none")
    }

    @Test func localHostsAreTheMachineAndPrivateNetworks() {
        for host in ["127.0.0.1", "127.3.4.5", "localhost", "LOCALHOST", "gpu.localhost", "::1", "[::1]", "10.1.2.3", "172.16.0.9",
                     "172.31.255.1", "192.168.1.20", "169.254.3.3", "100.100.1.1", "0.0.0.0", "fd12:3456::1", "fe80::1%eth0",
                     "::ffff:192.168.0.1", "vllm", "gpu-box", "box.local", "llm.internal", "nas.lan", "ai.home.arpa"] {
            #expect(LocalHost.contains(host), "\(host)")
        }
        for host in ["api.openai.com", "8.8.8.8", "172.32.0.1", "192.169.0.1", "100.128.0.1", "2001:db8::1", "::ffff:8.8.8.8",
                     "localhost.example.com", "127.0.0.1.nip.io", "", "300.1.1.1"] {
            #expect(!LocalHost.contains(host), "\(host)")
        }
    }

    @Test func theLastErrorSaysNoKeyWasSentAndWhichVariableWouldSendOne() async throws {
        let refusing = try ScriptedServer([.status(401, #"{"error": "missing bearer token"}"#)])
        defer { refusing.stop() }
        let noKey = try OpenAIProvider(baseURL: refusing.baseURL, model: "m", timeout: 10, retries: 0, environment: [:])
        await #expect {
            _ = try await noKey.chat([ChatMessage(role: "user", content: "Hi")], role: .defender)
        } throws: { error in
            let message = (error as? SynthError)?.message ?? ""
            return message.contains("HTTP 401") && message.contains("missing bearer token")
                && message.contains("no API key was sent ($OPENAI_API_KEY is not set); if the endpoint needs one, export OPENAI_API_KEY=<your key>")
        }

        let failing = try ScriptedServer([.status(500, "a"), .status(500, "b")])
        defer { failing.stop() }
        let quiet = try OpenAIProvider(baseURL: failing.baseURL, model: "m", timeout: 10, retries: 1, backoff: 0.01, environment: [:])
        await #expect {
            _ = try await quiet.chat([ChatMessage(role: "user", content: "Hi")], role: .judge)
        } throws: { error in
            ((error as? SynthError)?.message ?? "").contains("gave up after 2 attempts; no API key was sent ($OPENAI_API_KEY is not set)")
        }

        let wrongKey = try ScriptedServer([.status(403, #"{"error": "bad key"}"#)])
        defer { wrongKey.stop() }
        let keyed = try OpenAIProvider(baseURL: wrongKey.baseURL, model: "m", apiKey: .named("TENET_K"), timeout: 10, retries: 0,
                                       environment: ["TENET_K": "sk-wrong"])
        await #expect {
            _ = try await keyed.chat([ChatMessage(role: "user", content: "Hi")], role: .judge)
        } throws: { error in
            let message = (error as? SynthError)?.message ?? ""
            return message.contains("the endpoint refused the key in $TENET_K") && !message.contains("sk-wrong")
        }
        #expect(wrongKey.requests.first?.lowercased().contains("authorization: bearer sk-wrong") == true)
    }
}
