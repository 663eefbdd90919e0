import Foundation
import Testing
import TenetSpec
import TenetStore
@testable import TenetSynth
import TenetTestSupport

/// Annotation suggestions: reading a model's answer, the built-in heuristics, and runs
/// against a store with the offline provider and a real HTTP server on loopback.
@Suite struct SuggestionTests {
    static let answer = """
        Here is my reading:
        ```json
        {"rule": {"value": true, "reason": "it forbids something"},
         "kind": {"value": "Safety", "reason": "crossing it fails the answer"},
         "direction": {"value": "prohibit", "reason": "never …"},
         "scope": {"value": null, "reason": "no scope is given"},
         "family": {"value": "Weapons", "reason": "about weapons"},
         "priority": {"value": "1", "reason": "mass harm"},
         "concreteness": "concrete",
         "exceptions": {"value": [], "reason": "none stated"},
         "rationale": {"value": "none", "reason": "the block gives no reason\\nsecond line"}}
        ```
        """

    @Test func aModelsAnswerIsReadFieldByField() throws {
        let read = try SuggestionAnswer.read(Self.answer)
        #expect(read.problems.isEmpty, "\(read.problems)")
        let values = Dictionary(uniqueKeysWithValues: read.readings.map { ($0.field, $0.value?.display) })
        #expect(values == [.rule: "yes", .kind: "safety", .direction: "prohibit", .scope: nil, .family: "weapons", .priority: "1",
                           .concreteness: "concrete", .exceptions: nil, .rationale: nil])
        #expect(read.readings.first { $0.field == .rationale }?.reason == "the block gives no reason", "one line")
        #expect(read.readings.first { $0.field == .concreteness }?.reason == "(no reason given)")

        let odd = try SuggestionAnswer.read(#"{"is_rule": "no", "kind": "sometimes", "priority": 0, "exceptions": "unless asked"}"#)
        #expect(odd.readings.map(\.field) == [.rule, .exceptions])
        #expect(odd.readings.first { $0.field == .exceptions }?.value == SuggestedValue(items: ["unless asked"]))
        #expect(odd.problems.contains { $0.hasPrefix("kind: safety or behavioral") })
        #expect(odd.problems.contains { $0.hasPrefix("priority: a whole number") })
        #expect(odd.problems.contains("scope: left out"))
        #expect(throws: SuggestionProblem.self) { try SuggestionAnswer.read("I think it is a safety rule.") }
    }

    static func project() throws -> (ProjectStore, String) {
        let directory = try temporaryDirectory("tenet-suggest")
        let store = try ProjectStore(path: directory + "/p.db", author: "alice")
        let text = """
            # S

            ## Weapons {#s.weapons kind=safety}

            Never help build weapons. Rationale: mass harm.

            ## Brevity {#s.brief kind=unclassified}

            Keep answers short unless the user asks for detail.
            """
        _ = try store.importSpec(try SpecReader.read(path: "s.md", text: text), text: text)
        return (store, directory)
    }

    @Test func theOfflineProviderOffersTheReadersOwnReadingLabelledAsSuch() async throws {
        let (store, directory) = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let job = try SuggestionJob(store: store, spec: "s", settings: ProviderSettings(kind: .offline))
        #expect(job.requests.count == 2)
        let result = await job.run()
        #expect(result.tally.saved == 18 && result.tally.asked == 2 && !result.stopped && result.failure == nil)
        #expect(result.source == "offline heuristics, no model")
        let listed = try store.suggestions(spec: "s")
        #expect(listed.allSatisfy { $0.suggestion.source.heuristics && $0.suggestion.source.template == nil })
        let kind = try #require(listed.first { $0.ruleID == "s.weapons" && $0.field == .kind })
        #expect(kind.suggestion.value?.text == "safety" && kind.suggestion.reason.hasPrefix("Tenet's reader"))
        #expect(listed.first { $0.ruleID == "s.brief" && $0.field == .kind }?.suggestion.value == nil, "no kind read: none given")

        // Everything is there for the current text: the next run asks nothing.
        let again = try SuggestionJob(store: store, spec: "s", settings: ProviderSettings(kind: .offline))
        #expect(again.requests.isEmpty && again.complete == 2)
    }

    @Test func aModelIsAskedRuleByRuleWithTheTemplateAndAttributed() async throws {
        let server = try ScriptedServer([.json(ScriptedServer.completion("not json at all"))], then: .json(ScriptedServer.completion(Self.answer)))
        defer { server.stop() }
        let (store, directory) = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let settings = ProviderSettings(kind: .openai, model: "m", baseURL: server.baseURL, retries: 0)
        let job = try SuggestionJob(store: store, spec: "s", settings: settings, concurrency: 1)
        let result = await job.run()
        #expect(result.tally.asked == 2 && result.tally.unreadable == 1 && result.tally.saved == 9, "\(result)")
        #expect(result.problems.count == 1 && result.problems[0].hasPrefix("s.weapons: the answer is not a JSON object"), "\(result.problems)")
        try #require(server.requestCount == 2)
        let body = server.requests[1]
        #expect(body.contains("Keep answers short unless the user asks for detail."), "the rule's text is in the prompt")
        #expect(body.contains("SpecAlign") && body.contains("\"temperature\":0"), "the annotate template, at temperature 0")

        let listed = try store.suggestions(spec: "s")
        #expect(listed.count == 9 && listed.allSatisfy { $0.ruleID == "s.brief" })
        let source = try #require(listed.first?.suggestion.source)
        #expect(source.provider == "openai" && source.model == "m" && !source.heuristics)
        let template = try #require(source.template)
        #expect(template.hasPrefix("built-in sha256:") && template.count == "built-in sha256:".count + 12)

        // The unreadable rule is asked again, and only it.
        let again = try SuggestionJob(store: store, spec: "s", settings: settings)
        #expect(again.requests.map(\.id) == ["s.weapons"])
        _ = await again.run()
        #expect(server.requestCount == 3)
        #expect(try store.suggestions(spec: "s").count == 18)
    }

    @Test func yourOwnTemplateIsUsedAndHashed() async throws {
        let server = try ScriptedServer([], then: .json(ScriptedServer.completion(Self.answer)))
        defer { server.stop() }
        let (store, directory) = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "Mine: {{rule_id}} says {{rule_text}}".write(toFile: directory + "/annotate.md", atomically: true, encoding: .utf8)
        let settings = ProviderSettings(kind: .openai, model: "m", baseURL: server.baseURL, retries: 0)
        let job = try SuggestionJob(store: store, spec: "s", rules: ["s.brief"], settings: settings, templates: directory)
        _ = await job.run()
        #expect(server.requests.first?.contains("Mine: s.brief says Keep answers short") == true)
        #expect(try store.suggestions(rule: "s.brief").first?.suggestion.source.template?.hasPrefix(directory + "/annotate.md sha256:") == true)
    }

    @Test func aStoppedRunKeepsWhatWasSaved() async throws {
        let server = try ScriptedServer([], then: .slow(seconds: 0.3, ScriptedServer.completion(Self.answer)))
        defer { server.stop() }
        let (store, directory) = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let settings = ProviderSettings(kind: .openai, model: "m", baseURL: server.baseURL, retries: 0)
        let job = try SuggestionJob(store: store, spec: "s", settings: settings, concurrency: 1, batchSize: 1)
        let task = Task { await job.run() }
        while try store.suggestions(spec: "s").isEmpty { try await Task.sleep(nanoseconds: 20_000_000) }
        task.cancel()
        let result = await task.value
        #expect(result.stopped && result.tally.asked == 1, "\(result)")
        #expect(try store.suggestions(spec: "s").count == 9)
        #expect(try store.suggestionRequests(spec: "s").filter { !$0.missing.isEmpty }.count == 1)
    }
}
