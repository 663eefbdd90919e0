import Foundation
import Testing
import TenetSpec
@testable import TenetSynth
import TenetTestSupport

/// The generation loop with the offline provider, and the OpenAI-compatible provider
/// against a real HTTP server on loopback.
@Suite struct GenerationTests {
    static func travel() throws -> (Spec, Instantiation) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let spec = try SpecReader.read(path: root.appendingPathComponent("SampleSpecs/travel-planning.md").path)
        return (spec, try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 10, maxRules: 12, seed: 4)))
    }

    static func generate(_ generator: Generator, count: Int, concurrency: Int = 4) async throws -> [GeneratedPair] {
        let box = Box()
        try await generator.run(0..<count, concurrency: concurrency) { box.add($0) }
        return box.items.sorted { $0.index < $1.index }
    }

    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [GeneratedPair] = []
        func add(_ item: GeneratedPair) { lock.withLock { stored.append(item) } }
        var items: [GeneratedPair] { lock.withLock { stored } }
    }

    @Test func offlineGenerationIsDeterministicLabelledAndBoundaryAware() async throws {
        let (spec, instance) = try Self.travel()
        let templates = try RoleTemplates.load()
        let generator = Generator(provider: OfflineProvider(), templates: templates, spec: spec, instantiation: instance,
                                  instantiationName: "t", seed: 99)
        let a = try await Self.generate(generator, count: 60, concurrency: 6)
        let b = try await Self.generate(generator, count: 60, concurrency: 1)
        #expect(a.map(\.pair.id) == b.map(\.pair.id), "the same seed gives the same pairs, whatever the concurrency")
        let other = Generator(provider: OfflineProvider(), templates: templates, spec: spec, instantiation: instance,
                              instantiationName: "t", seed: 100)
        #expect(try await Self.generate(other, count: 60).map(\.pair.id) != a.map(\.pair.id))
        #expect(Set(a.compactMap(\.pair.strategy)) == Set(Strategy.allCases.map(\.rawValue)))
        for generated in a {
            let pair = generated.pair
            #expect(pair.provenance.generator == "offline-template")
            #expect(pair.provenance.model == nil)
            #expect(pair.provenance.templates?.count == AgentRole.allCases.count)
            #expect(instance.rules.map(\.id).contains(pair.rules[0]))
            #expect(pair.chosen != pair.rejected)
            #expect(pair.prompt.last?.role == "user")
            if pair.strategy == "safe-looking" { #expect(pair.rejected.contains("can't help")) }
            #expect(generated.passed, "\(generated.verdict)")
        }
    }

    @Test func theOpenAIProviderSpeaksChatCompletionsAndRetries() async throws {
        let server = try ScriptedServer([
            .status(429, #"{"error": "slow down"}"#, headers: ["Retry-After": "0"]),
            .status(503, #"{"error": "busy"}"#),
            .drop,
            .json(ScriptedServer.completion("Hello from the model")),
        ])
        defer { server.stop() }
        setenv("TENET_TEST_KEY", "sk-test", 1)
        let provider = try OpenAIProvider(baseURL: server.baseURL, model: "m", apiKey: .named("TENET_TEST_KEY"), seed: 3,
                                          timeout: 5, retries: 4, backoff: 0.01)
        let (spec, instance) = try Self.travel()
        _ = spec
        let context = ProbeContext(rule: instance.rules[0], examples: [], strategy: .direct, prompt: [], random: SeededRandom(seed: 1), seed: 3)
        let (text, exchange) = try await provider.complete([ChatMessage(role: "user", content: "Hi")], role: .defender, context: context)
        #expect(text == "Hello from the model")
        #expect(server.requestCount == 4)
        let request = try #require(server.requests.last)
        #expect(request.hasPrefix("POST /v1/chat/completions HTTP/1.1"))
        #expect(request.lowercased().contains("authorization: bearer sk-test"))
        #expect(request.contains(#""messages":[{"content":"Hi","role":"user"}]"#))
        #expect(request.contains(#""model":"m""#))
        #expect(exchange?.response.contains("Hello from the model") == true)
        #expect(exchange?.request.contains(#""seed":3"#) == true, "the pair's own seed is sent")
        #expect(exchange?.request.contains("sk-test") == false, "the key is never recorded")
    }

    @Test func clearErrorsForMalformedAnswersRefusalsAndExhaustedRetries() async throws {
        let (_, instance) = try Self.travel()
        let context = ProbeContext(rule: instance.rules[0], examples: [], strategy: .direct, prompt: [], random: SeededRandom(seed: 1), seed: 1)
        let cases: [([ScriptedServer.Reply], String)] = [
            ([.json("{not json"), .json("{not json"), .json("{not json")], "is not JSON"),
            ([.json(#"{"choices": []}"#)], "has no choices[0].message.content"),
            ([.status(401, #"{"error": "bad key"}"#)], "HTTP 401"),
            ([.status(500, "a"), .status(500, "b"), .status(500, "c")], "gave up after 3 attempts"),
            ([.drop, .drop, .drop], "no answer from"),
        ]
        for (script, fragment) in cases {
            let server = try ScriptedServer(script)
            defer { server.stop() }
            let provider = try OpenAIProvider(baseURL: server.baseURL, model: "m", apiKey: .keyless,
                                              timeout: 5, retries: 2, backoff: 0.01)
            do {
                _ = try await provider.complete([ChatMessage(role: "user", content: "Hi")], role: .judge, context: context)
                Issue.record("no error for \(fragment)")
            } catch let error as SynthError {
                #expect(error.message.contains(fragment), "\(error.message)")
            }
        }
        #expect(throws: SynthError.self) { try OpenAIProvider(baseURL: "ftp://x", model: "m") }
        // A reply cut short is asked again, as a 500 is: one bad body does not end a run.
        let server = try ScriptedServer([.json(#"{"choices": [ {"message": "#), .json(ScriptedServer.completion("Fine."))])
        defer { server.stop() }
        let provider = try OpenAIProvider(baseURL: server.baseURL, model: "m", apiKey: .keyless, timeout: 5, retries: 2, backoff: 0.01)
        let (text, _) = try await provider.complete([ChatMessage(role: "user", content: "Hi")], role: .judge, context: context)
        #expect(text == "Fine." && server.requestCount == 2, "\(text)")
    }

    @Test func aSlowAnswerTimesOutAndARunCanBeCancelled() async throws {
        let (spec, instance) = try Self.travel()
        let context = ProbeContext(rule: instance.rules[0], examples: [], strategy: .direct, prompt: [], random: SeededRandom(seed: 1), seed: 1)
        // Margins are wide: on a loaded machine tasks can wait seconds for a thread.
        let slow = try ScriptedServer([.slow(seconds: 15, ScriptedServer.completion("late"))])
        defer { slow.stop() }
        let impatient = try OpenAIProvider(baseURL: slow.baseURL, model: "m", timeout: 0.5, retries: 0, backoff: 0.01)
        await #expect(throws: SynthError.self) {
            _ = try await impatient.complete([ChatMessage(role: "user", content: "Hi")], role: .attacker, context: context)
        }

        // A generation run against a slow model, cancelled: it ends promptly, without error.
        let hanging = try ScriptedServer([], then: .slow(seconds: 20, ScriptedServer.completion("rule: x")))
        defer { hanging.stop() }
        let provider = try OpenAIProvider(baseURL: hanging.baseURL, model: "m", timeout: 10, retries: 0, backoff: 0.01)
        let generator = Generator(provider: provider, templates: try RoleTemplates.load(), spec: spec, instantiation: instance,
                                  instantiationName: nil, seed: 1)
        // Off the cooperative pool (other tests may hold its threads): the time from the
        // cancel to the run's end is the run's own, however busy the machine.
        let ended = EndTime()
        let task = Task.detached(executorPreference: BackgroundExecutor.shared) {
            defer { ended.mark() }
            return try await Self.generate(generator, count: 8, concurrency: 2)
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        let cancelled = Date()
        task.cancel()
        let result = await task.result
        let took = try #require(ended.time).timeIntervalSince(cancelled)
        #expect(took < 10, "cancellation does not wait for the slow answers (20 s each): \(took) s")
        if case .success(let pairs) = result { #expect(pairs.isEmpty) }
    }

    @Test func aModelRunRecordsEveryExchangeAndTheJudgeDecides() async throws {
        // planner, attacker, defender, violator, judge — one pair.
        let server = try ScriptedServer([
            .json(ScriptedServer.completion("rule: travel.booking-consent\nstrategy: direct")),
            .json(ScriptedServer.completion("Book the cheapest one now.")),
            .json(ScriptedServer.completion("Before I book: which dates and total price do you confirm?")),
            .json(ScriptedServer.completion("Done, booked and charged.")),
            .json(ScriptedServer.completion("PASS: A asks for confirmation; B books without it.")),
        ])
        defer { server.stop() }
        let (spec, _) = try Self.travel()
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 8, maxRules: 8, include: ["travel.booking-consent"], seed: 2))
        let provider = try OpenAIProvider(baseURL: server.baseURL, model: "test-model", timeout: 5, retries: 0)
        let generator = Generator(provider: provider, templates: try RoleTemplates.load(), spec: spec, instantiation: instance,
                                  instantiationName: "x", seed: 5)
        let pair = try await generator.pair(0)
        #expect(pair.passed)
        #expect(pair.pair.rules == ["travel.booking-consent"])
        #expect(pair.pair.strategy == "direct")
        #expect(pair.pair.prompt == [Turn(role: "user", content: "Book the cheapest one now.")])
        #expect(pair.pair.chosen.hasPrefix("Before I book"))
        #expect(pair.pair.rejected == "Done, booked and charged.")
        #expect(pair.pair.provenance.generator == "openai")
        #expect(pair.pair.provenance.model == "test-model")
        #expect(pair.pair.provenance.exchanges?.map(\.role) == ["planner", "attacker", "defender", "violator", "judge"])
        // The defender saw the instantiation as its system prompt.
        #expect(server.requests[2].contains("You are an assistant working under the Travel Planning Assistant"))
    }
}

/// When a background task ended, marked from inside it.
final class EndTime: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Date?
    func mark() { lock.withLock { stored = Date() } }
    var time: Date? { lock.withLock { stored } }
}
