import Foundation
import Testing
import TenetSpec
@testable import TenetSynth

/// The offline provider is honest about what it can make: every pair is one of the spec's
/// own requests with the spec's own answers to it, whole; rules it cannot pair are skipped
/// and counted, never filled with the rule's words.
@Suite struct HonestOfflineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func everyRule(_ path: String) throws -> (Spec, Instantiation) {
        let spec = try SpecReader.read(path: root.appendingPathComponent(path).path)
        let all = spec.rules.count
        return (spec, try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: all, maxRules: all, seed: 1)))
    }

    static func generate(_ spec: Spec, _ instance: Instantiation, count: Int, seed: UInt64 = 7) async throws -> (Generator, [GeneratedPair]) {
        let generator = Generator(provider: OfflineProvider(), templates: try RoleTemplates.load(), spec: spec, instantiation: instance,
                                  instantiationName: "all", seed: seed)
        return (generator, try await GenerationTests.generate(generator, count: count))
    }

    /// The Model Spec (multi-turn conversations, developer messages, comparisons whose
    /// answers are GOOD in one context and BAD in another) and every sample spec.
    static let specs = ["Tests/TenetSpecTests/Fixtures/public/model_spec.md", "SampleSpecs/travel-planning.md",
                        "SampleSpecs/biochem-lab-assistant.md", "SampleSpecs/child-storytelling.md",
                        "SampleSpecs/code-assistant.md", "SampleSpecs/health-education.md"]

    @Test(arguments: specs) func everyPairIsOneCaseOfTheSpecWholeAndNeverRewardsAViolation(path: String) async throws {
        let (spec, instance) = try Self.everyRule(path)
        let (generator, pairs) = try await Self.generate(spec, instance, count: 300)
        #expect(pairs.count == 300)
        var problems: [String] = []
        for generated in pairs {
            let pair = generated.pair
            let rule = try #require(instance.rules.first { $0.id == pair.rules.first })
            #expect(rule.direction != nil || instance.statement(rule) != nil, "a rule without direction is never probed")
            let cases = BoundaryCase.cases(from: spec.rule(rule.id)?.examples ?? [])
            // The case the pair came from: its conversation before the request, and a
            // request the probe was made from.
            let request = try #require(pair.prompt.last)
            let before = Array(pair.prompt.dropLast())
            let strategy = try #require(pair.strategy.flatMap(Strategy.init(rawValue:)))
            let matching = cases.filter { found in
                OfflineProvider.probe(found.request, strategy: strategy) == request.content
                    && (found.before == before || (found.before.isEmpty && strategy == .escalation && before.count == 2))
            }
            guard let found = matching.first(where: { $0.good.contains(pair.chosen) || $0.bad.contains(pair.rejected) }) ?? matching.first else {
                problems.append("\(pair.id) (\(rule.id), \(strategy.rawValue)): the prompt is no example's conversation: \(pair.prompt)")
                continue
            }
            // The chosen answer is the spec's GOOD answer to this very request, or a plain
            // refusal under a safety prohibition; never a BAD answer, never the rule's text.
            if !found.good.contains(pair.chosen) {
                #expect(pair.chosen == OfflineProvider.compliantRefusal && rule.kind == .safety && rule.direction == .prohibit,
                        "\(pair.id): chosen is not the spec's answer to this request: \(pair.chosen)")
            }
            #expect(!(found.bad.contains(pair.chosen) && !found.good.contains(pair.chosen)), "\(pair.id): chosen is a BAD answer")
            #expect(!pair.chosen.contains(rule.text.prefix(60)), "\(pair.id): chosen echoes the rule")
            // The rejected answer is the spec's BAD answer to it, or a refusal of a request
            // the spec answers helpfully.
            if !found.bad.contains(pair.rejected) {
                #expect(strategy == .safeLooking && pair.rejected == OfflineProvider.overRefusal && found.probesOverRefusal,
                        "\(pair.id): rejected is not the spec's violation for this request: \(pair.rejected)")
            }
            if pair.chosen == OfflineProvider.compliantRefusal { #expect(!Refusal.refuses(pair.rejected)) }
            #expect(generated.passed, "\(pair.id): \(generated.verdict)")
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        // What could not be probed is counted, with its reason.
        let probed = Set(pairs.flatMap(\.pair.rules))
        for skipped in generator.skippedRules { #expect(!probed.contains(skipped.id)) }
        #expect(generator.skippedRules.count + Set(generator.probed.map(\.id)).count == instance.rules.count)
    }

    @Test func aMultiTurnExampleKeepsEveryTurnWhateverTheStrategy() async throws {
        let (spec, instance) = try Self.everyRule("Tests/TenetSpecTests/Fixtures/public/model_spec.md")
        let (_, pairs) = try await Self.generate(spec, instance, count: 300, seed: 3)
        let long = pairs.filter { $0.pair.prompt.count >= 3 }
        #expect(!long.isEmpty, "the Model Spec has multi-turn examples")
        #expect(Set(long.compactMap(\.pair.strategy)).count >= 3, "kept under several strategies, obfuscated among them")
    }

    @Test func rulesWithoutDirectionOrExamplesAreSkippedAndCountedNotEchoed() async throws {
        let text = """
        # Shop {#shop}

        ## Rules {#shop.rules}

        ### Discounts {#shop.discounts}

        Discounts are described on the pricing page.

        ### No medical claims {#shop.claims kind=safety direction=prohibit}

        Never claim a product cures a disease.

        ### Cite prices {#shop.prices kind=behavioral direction=require}

        State the price with its currency.

        **Example (BAD):** No currency

        ```chat
        user: How much is the kettle?
        assistant: It's 40.
        ```

        **Example (GOOD):** With currency

        ```chat
        user: How much is the kettle?
        assistant: It costs 40 euros.
        ```
        """
        let spec = try SpecReader.read(path: "shop.md", text: text)
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 3, maxRules: 3, coverage: .none,
                                                                                          includeUnclassified: true))
        let (generator, pairs) = try await Self.generate(spec, instance, count: 20)
        #expect(Set(pairs.flatMap(\.pair.rules)) == ["shop.prices"])
        #expect(generator.skippedRules.contains(SkippedRule(id: "shop.claims", reason: .noUsableExamples)))
        #expect(pairs.allSatisfy { $0.pair.chosen == "It costs 40 euros." })
        #expect(pairs.allSatisfy { [OfflineProvider.overRefusal, "It's 40."].contains($0.pair.rejected) })
        #expect(generator.skippedRules.contains(SkippedRule(id: "shop.discounts", reason: .noDirection)) || !instance.rules.contains { $0.id == "shop.discounts" })
        let summary = try #require(SkippedRule.summary(generator.skippedRules))
        #expect(summary.contains("no usable examples: shop.claims"), "\(summary)")

        // Nothing the offline provider can pair: the run says so and what to do.
        let bare = try SpecReader.read(path: "bare.md", text: text.components(separatedBy: "**Example (BAD)")[0])
        let bareInstance = try Instantiator.instantiate(bare, controls: InstantiationControls(minRules: 3, maxRules: 3, coverage: .none))
        let nothing = Generator(provider: OfflineProvider(), templates: try RoleTemplates.load(), spec: bare, instantiation: bareInstance,
                                instantiationName: nil, seed: 1)
        await #expect { try await nothing.run(0..<5, concurrency: 1) { _ in } } throws: { error in
            "\(error)".contains("add examples to the rules, or generate with a model (--provider openai)")
        }
    }
}
