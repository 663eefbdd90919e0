import Foundation
import Testing
@testable import TenetSpec

/// `--format specbench` gives a model exactly what SpecBench's own code gives it for the
/// same rules. The expected bytes were written by SpecBench's code (how: Fixtures/public/
/// SOURCE.txt, specbench/expected/make_expected.py), not by hand.
@Suite struct SpecBenchParityTests {
    struct Case: Decodable {
        var name: String
        var scenario: String
        var question: String
        var safety: [String]
        var behavioral: [String]
        var helpfulness: Bool
    }

    static let folder = Paths.publicSpecs + "/specbench"

    static var cases: [Case] {
        let data = FileManager.default.contents(atPath: folder + "/expected/cases.json") ?? Data()
        return (try? JSONDecoder().decode([Case].self, from: data)) ?? []
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: cases.map(\.name))
    func theUserTurnIsSpecBenchsByteForByte(name: String) throws {
        let test = try #require(Self.cases.first { $0.name == name })
        let spec = try SpecReader.read(path: Self.folder + "/\(test.scenario)/specifications.json")
        let ids = test.safety + test.behavioral
        let controls = InstantiationControls(minRules: ids.count, maxRules: ids.count, coverage: .none, include: ids,
                                             helpfulnessRule: test.helpfulness ? nil : false, seed: 1)
        let instance = try Instantiator.instantiate(spec, controls: controls)
        #expect(instance.rules.map(\.id) == ids)
        let question = test.question == "{question}" ? nil : test.question
        let expected = try #require(FileManager.default.contents(atPath: Self.folder + "/expected/\(name).txt"))
        let rendered = instance.rendered(.specbench, question: question)
        #expect(Array(rendered.utf8) == [UInt8](expected), "\(name): Tenet's rendering differs from SpecBench's")
    }

    @Test func everyScenarioEndsWithTheHelpfulnessRuleTenetAdds() throws {
        for scenario in ["Child", "Travel"] {
            let spec = try SpecReader.read(path: Self.folder + "/\(scenario)/specifications.json")
            #expect(spec.rules.last?.text == RuleStatement.specBenchHelpfulness)
        }
    }

    @Test func theHelpfulnessRuleIsOnByDefaultForSpecBenchSpecsOnlyAndNeverTwice() throws {
        let bench = try SpecReader.read(path: Self.folder + "/Travel/specifications.json")
        let all = try Instantiator.instantiate(bench, controls: InstantiationControls(minRules: 30, maxRules: 30))
        #expect(all.endsWithHelpfulnessRule)
        #expect(all.statedLists.behavioral.filter { $0 == RuleStatement.specBenchHelpfulness }.count == 1)
        #expect(all.statedLists.behavioral.last == RuleStatement.specBenchHelpfulness)

        let off = try Instantiator.instantiate(bench, controls: InstantiationControls(minRules: 3, maxRules: 3, coverage: .none,
                                                                                      include: ["behavioral-1", "behavioral-2", "safety-1"],
                                                                                      helpfulnessRule: false))
        #expect(!off.rendered(.specbench).contains(RuleStatement.specBenchHelpfulness))

        let tenet = try InstantiationTests.sample("travel-planning.md")
        let plain = try Instantiator.instantiate(tenet, controls: InstantiationControls(seed: 3))
        #expect(!plain.endsWithHelpfulnessRule)
        #expect(!plain.rendered(.system).contains(RuleStatement.specBenchHelpfulness))
        let asked = try Instantiator.instantiate(tenet, controls: InstantiationControls(helpfulnessRule: true, seed: 3))
        #expect(asked.rendered(.specbench).hasSuffix("- \(RuleStatement.specBenchHelpfulness)\n\n\n" + SpecBenchPrompt.closing + "\n"))
        #expect(asked.rendered(.system).hasSuffix(". \(RuleStatement.specBenchHelpfulness)\n"))
    }

    @Test func theChoiceIsKeptWithTheControls() throws {
        let controls = InstantiationControls(helpfulnessRule: false, seed: 4)
        let decoded = try JSONDecoder().decode(InstantiationControls.self, from: JSONEncoder().encode(controls))
        #expect(decoded.helpfulnessRule == false)
        let unset = try JSONDecoder().decode(InstantiationControls.self, from: JSONEncoder().encode(InstantiationControls(seed: 4)))
        #expect(unset.helpfulnessRule == nil)
    }
}
