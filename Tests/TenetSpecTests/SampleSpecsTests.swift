import Testing
@testable import TenetSpec

/// The sample specs are the first thing a new user sees: they must be complete and clean.
@Suite struct SampleSpecsTests {
    @Test func thereIsOneSampleSpecPerSpecBenchScenario() {
        let names = Paths.sampleFiles.map { $0.split(separator: "/").last.map(String.init) ?? "" }
        #expect(names == ["biochem-lab-assistant.md", "child-storytelling.md", "code-assistant.md",
                          "health-education.md", "travel-planning.md"])
    }

    @Test(arguments: Paths.sampleFiles)
    func sampleSpecIsCompleteAndLintsClean(_ path: String) throws {
        let spec = try SpecReader.read(path: path)
        #expect(spec.dialect == .tenet)
        #expect(spec.rules.count >= 12)
        #expect(spec.rules.contains { $0.kind == .safety })
        #expect(spec.rules.contains { $0.kind == .behavioral })
        #expect(spec.parameters.count >= 2)
        let examples = spec.rules.flatMap(\.examples)
        #expect(Set(examples.map(\.verdict)) == [.good, .bad, .borderline])
        #expect(spec.rules.filter { !$0.examples.isEmpty }.count * 10 >= spec.rules.count * 8, "most rules have examples")
        for rule in spec.rules where rule.kind == .safety {
            #expect(rule.rationale != nil, "safety rule \(rule.id) has a rationale")
            #expect(rule.examples.contains { $0.verdict == .bad }, "safety rule \(rule.id) has a BAD example")
        }
        #expect(spec.rules.contains { !$0.exceptions.isEmpty }, "exceptions are written as boundaries")
        let diagnostics = Linter.lint(spec)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }
}
