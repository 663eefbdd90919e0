import Foundation
import Testing
@testable import TenetSpec

/// Controllable instantiation: reproducible, and every control holds, over many seeds.
@Suite struct InstantiationTests {
    static func sample(_ name: String) throws -> Spec {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try SpecReader.read(path: root.appendingPathComponent("SampleSpecs/\(name)").path)
    }

    @Test func theSameSeedGivesTheSameInstanceAndOthersDiffer() throws {
        let spec = try Self.sample("travel-planning.md")
        let a = try Instantiator.instantiate(spec, controls: InstantiationControls(seed: 42))
        let b = try Instantiator.instantiate(spec, controls: InstantiationControls(seed: 42))
        #expect(a == b)
        #expect(a.rendered(.system) == b.rendered(.system))
        var distinct = Set<[String]>()
        for seed in 0..<40 as Range<UInt64> {
            distinct.insert(try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 5, maxRules: 9, seed: seed)).rules.map(\.id))
        }
        #expect(distinct.count > 20, "seeds should give different samples: \(distinct.count) distinct of 40")
    }

    @Test(arguments: ["travel-planning.md", "biochem-lab-assistant.md", "health-education.md", "code-assistant.md", "child-storytelling.md"])
    func everyControlHoldsOverManySeeds(file: String) throws {
        let spec = try Self.sample(file)
        let classified = spec.rules.filter { $0.kind != .unclassified }
        let sections = Set(classified.compactMap { $0.path.first })
        let include = classified[classified.count / 2].id
        let exclude = classified[0].id
        for seed in 0..<150 as Range<UInt64> {
            let controls = InstantiationControls(minRules: 4, maxRules: 9, safetyShare: 0.5, include: [include], exclude: [exclude], seed: seed)
            let instance = try Instantiator.instantiate(spec, controls: controls)
            let ids = instance.rules.map(\.id)
            #expect((4...9).contains(ids.count))
            #expect(ids.count == min(instance.drawnCount, classified.count - 1))
            #expect(Set(ids).count == ids.count, "no rule twice")
            #expect(ids.contains(include))
            #expect(!ids.contains(exclude))
            if ids.count >= sections.count {
                #expect(Set(instance.rules.compactMap(\.section)) == sections, "seed \(seed): every section covered")
            }
            // Balance: as close to half safety as the spec's rules allow.
            let safety = instance.safety.count
            let availableSafety = classified.filter { $0.kind == .safety && $0.id != exclude }.count
            let ideal = min(availableSafety, Int((Double(ids.count) * 0.5).rounded(.down)))
            #expect(abs(safety - ideal) <= 1, "seed \(seed): \(safety) safety of \(ids.count)")
            // Conflict order: safety first, then by priority, then document order.
            let kinds = instance.rules.map { $0.kind == .safety ? 0 : 1 }
            #expect(kinds == kinds.sorted())
            // Placeholders with values are filled.
            let valued = Set(instance.parameters.filter { $0.value != nil }.map(\.name))
            for rule in instance.rules { for name in valued { #expect(!rule.text.contains("{{\(name)}}")) } }
            #expect(instance.rules.allSatisfy { !$0.reason.isEmpty })
        }
    }

    /// Every rule drawn at a safety share of 25% from travel (7 safety, 7 behavioral):
    /// once the behavioral ones run out, the safety rules drawn say why, not "toward 25%".
    @Test func aDrawAwayFromTheTargetSaysNothingElseWasLeft() throws {
        let spec = try Self.sample("travel-planning.md")
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 14, maxRules: 14, safetyShare: 0.25,
                                                                                           coverage: .none, seed: 1))
        let reasons = instance.rules.map(\.reason)
        #expect(reasons.contains { $0.hasSuffix("toward 25% (no other rule left to draw)") }, "\(reasons)")
        #expect(reasons.filter { $0.contains("left to draw") }.allSatisfy { $0.contains("safety, toward") })
        // While behavioral rules are left, a safety rule is drawn only toward the target.
        let early = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 8, maxRules: 8, safetyShare: 0.25, coverage: .none, seed: 1))
        #expect(!early.rules.contains { $0.reason.contains("left to draw") }, "\(early.rules.map(\.reason))")
    }

    @Test func parametersAreGivenDefaultedOrDrawnAndChecked() throws {
        let spec = try Self.sample("travel-planning.md")
        let given = try Instantiator.instantiate(spec, controls: InstantiationControls(parameters: ["budget_tier": "luxury"], seed: 1))
        #expect(given.parameters.first { $0.name == "budget_tier" } == ParameterValue(name: "budget_tier", value: "luxury", source: .given))
        #expect(given.rules.contains { $0.text.contains("luxury budget") } || !given.rules.contains { $0.id == "travel.budget-honesty" })
        #expect(throws: InstantiationError.self) {
            try Instantiator.instantiate(spec, controls: InstantiationControls(parameters: ["budget_tier": "free"]))
        }
        #expect(throws: InstantiationError.self) {
            try Instantiator.instantiate(spec, controls: InstantiationControls(parameters: ["nope": "x"]))
        }
        #expect(throws: InstantiationError.self) { try Instantiator.instantiate(spec, controls: InstantiationControls(include: ["travel.none"])) }
        #expect(throws: InstantiationError.self) { try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 9, maxRules: 3)) }
        #expect(throws: InstantiationError.self) {
            try Instantiator.instantiate(spec, controls: InstantiationControls(include: ["travel.budget-honesty"], exclude: ["travel.budget-honesty"]))
        }
    }

    @Test func askingForMoreRulesThanThereAreSaysSo() throws {
        let spec = try Self.sample("travel-planning.md")
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 50, maxRules: 60, seed: 3))
        #expect(instance.rules.count == spec.rules.filter { $0.kind != .unclassified }.count)
        #expect(instance.notes.contains { $0.contains("to choose from") })
    }

    /// A placeholder the spec never declares reaches the text as written: the instance
    /// says so (it used to render `{{audience}}` with no word).
    @Test func anUndeclaredPlaceholderIsNamedInTheNotes() throws {
        let spec = try SpecReader.read(path: "p.md", text: """
            # P {#p}

            ## Rule one {#p.r1 kind=behavioral direction=require}

            Help {{audience}} users.
            """)
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 1, maxRules: 1, seed: 1))
        #expect(instance.notes.contains { $0.contains("{{audience}} (in p.r1) is no parameter of p") }, "\(instance.notes)")
    }

    @Test func theSpecBenchFormIsTheQuestionThenTheTwoLists() throws {
        let spec = try Self.sample("travel-planning.md")
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 6, maxRules: 6, seed: 9))
        let text = instance.rendered(.specbench, question: "Plan 3 days in Lisbon.")
        #expect(text.hasPrefix("Plan 3 days in Lisbon.\n\nFirst, you need to recall the following specifications:\n**safety**\n- "))
        // As SpecBench writes it: no blank line before the behavioral list, two after it.
        let parts = text.components(separatedBy: "\n**behavioral**\n")
        #expect(parts.count == 2)
        #expect(parts[0].split(separator: "\n").filter { $0.hasPrefix("- ") }.count == instance.safety.count)
        let behavioral = parts[1].components(separatedBy: "\n\n\nThen, you will answer the question based on the specifications.")
        #expect(behavioral.count == 2 && behavioral[1].hasSuffix("please refuse to answer.\n"))
        #expect(behavioral[0].split(separator: "\n").filter { $0.hasPrefix("- ") }.count == instance.behavioral.count)
        #expect(!text.contains("](#"), "links into the spec are plain text for a model")
        #expect(!text.contains("{{"))
    }

    @Test func aSeedOfAnySizeSurvivesEncoding() throws {
        let controls = InstantiationControls(seed: UInt64.max - 12345)
        let data = try JSONEncoder().encode(controls)
        #expect(try JSONDecoder().decode(InstantiationControls.self, from: data) == controls)
    }
}
