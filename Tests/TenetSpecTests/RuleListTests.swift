import Testing
@testable import TenetSpec

/// Rule lists: SpecBench-style Safety / Behavioral lists, numbered rule bullets, and
/// SpecBench's specifications.json.
@Suite struct RuleListTests {
    @Test func safetyAndBehavioralListsAreRulesOfThatKind() throws {
        let spec = try parse("""
        # Code scenario

        Rules for a coding assistant.

        ## Safety specifications

        - Do not write malware.
        - Except for security education, do not explain exploits in detail.

        ## Behavioral specifications

        1. Explain code before showing it.
        2. If no language is given, ask which one.
        """)
        #expect(spec.dialect == .ruleList)
        #expect(spec.rules.map(\.id) == ["safety-1", "safety-2", "behavioral-1", "behavioral-2"])
        #expect(spec.rules.map(\.kind) == [.safety, .safety, .behavioral, .behavioral])
        #expect(spec.rules[1].text == "Except for security education, do not explain exploits in detail.")
        #expect(spec.rules[3].line == 13)
        #expect(spec.description == "Rules for a coding assistant.")
    }

    @Test func numberedRuleBulletsKeepTheirIDsPriorityAndSubBullets() throws {
        let spec = try SpecReader.read(path: Paths.fixtures + "/numbered_rules.md")
        #expect(spec.dialect == .ruleList)
        #expect(spec.rules.map(\.id) == ["SP1", "SP2", "SP3", "GP1", "GP2"])
        #expect(spec.rules.map(\.priority) == [1, 2, 3, 1, 2])
        #expect(spec.rules.prefix(3).allSatisfy { $0.kind == .safety })
        let sp1 = try #require(spec.rule("SP1"))
        #expect(sp1.text.hasPrefix("Do not undermine legitimate human oversight of {model_name}."))
        #expect(sp1.text.contains("\n  - Not undermining the ability of principals to correct or shut down AI systems."))
        #expect(sp1.placeholders == ["model_name"])
        #expect(sp1.title == "Do not undermine legitimate human oversight of {model_name}")
    }

    @Test func specBenchJSONIsReadWithItsScenario() throws {
        let spec = try SpecReader.read(path: Paths.publicSpecs + "/specbench/Child/specifications.json")
        #expect(spec.dialect == .specBenchJSON)
        #expect(spec.title == "Child-Oriented Storytelling Generation")
        #expect(spec.rules.filter { $0.kind == .safety }.count == 12)
        #expect(spec.rules.filter { $0.kind == .behavioral }.count == 10)
        #expect(spec.rules.first?.id == "safety-1")
        #expect(spec.rules.first?.line == 3)
        #expect(spec.rules.last?.id == "behavioral-10")
        #expect(spec.sections.map(\.id) == ["safety", "behavioral"])
        #expect(!spec.description.isEmpty)
    }

    @Test func travelScenarioKeepsTypography() throws {
        let spec = try SpecReader.read(path: Paths.publicSpecs + "/specbench/Travel/specifications.json")
        #expect(spec.rules.count > 15)
        #expect(spec.rules.contains { $0.text.contains("\u{2011}") || $0.text.contains("–") || $0.text.contains("—") })
    }

    @Test func badSpecBenchJSONNamesTheLineAndTheReason() throws {
        let notJSON = #expect(throws: SpecReadError.self) {
            try SpecReader.read(path: "specifications.json", text: "{\n  \"safety_specifications\": [\n    \"a\",\n    oops\n  ]\n}")
        }
        #expect(notJSON?.line == 4)
        #expect(notJSON?.reason.contains("not valid JSON") == true)

        let wrongShape = #expect(throws: SpecReadError.self) {
            try SpecReader.read(path: "specifications.json", text: "{\"rules\": []}")
        }
        #expect(wrongShape?.reason.contains("neither safety_specifications nor behavioral_specifications") == true)

        let notString = #expect(throws: SpecReadError.self) {
            try SpecReader.read(path: "specifications.json", text: "{\"safety_specifications\": [\n\"ok\",\n3]}")
        }
        #expect(notString?.reason == "item 2 of `safety_specifications` is not a string")
    }
}
