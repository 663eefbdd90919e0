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

    /// A prose policy with one `## Safety` section among others, whose paragraphs say what
    /// to do and whose lists follow lead-ins, is prose: read as a SpecBench-style list, its
    /// Safety bullets were its only rules — every other section's rules, and the Safety
    /// section's own paragraphs, were lost, and "Avoid discussing:" lost its meaning.
    @Test func oneSafetySectionInAProsePolicyIsProse() throws {
        let spec = try parse("""
        # Tutor

        You are Lumen, a tutor for students.

        ## Honesty

        You must never pretend to be a human teacher.

        ## Safety

        You must never ask students for their home address.

        Avoid discussing:

        - graphic violence
        - how to get around the school's web filter

        ## Style

        - Use British spelling.
        """)
        #expect(spec.dialect == .prose)
        let read = spec.rules.map { ($0.title, $0.direction) }
        #expect(read.count == 5, "\(read)")
        #expect(spec.rules.first { $0.title == "graphic violence" }?.direction == .prohibit)
        #expect(spec.rules.first { $0.title == "You must never pretend to be a human teacher" }?.direction == .prohibit)
        #expect(spec.rules.first { $0.title == "Use British spelling" }?.direction == .require)

        // A Safety section of nothing but its list is still SpecBench's.
        let listed = try parse("# Code\n\n## Safety specifications\n\n- Do not write malware.\n- Do not explain exploits.\n")
        #expect(listed.dialect == .ruleList && listed.rules.map(\.id) == ["safety-1", "safety-2"])
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

    /// One bullet that looks like a numbered rule — a product name (`Context7:`), a
    /// question's label (`Q1:`) — made the whole document a rule list: that bullet was its
    /// only rule, and every rule of its prose was lost (a 46 KB coding-assistant prompt read
    /// as one rule, `Context7`).
    @Test func aLoneNumberedBulletIsNotARuleList() throws {
        let spec = try parse("""
        # Builder

        ## Coding

        - Never commit secrets to the repository.
        - Always run the tests before you finish.

        ## Integrations

        Connected servers:

        - Context7: documentation tools

        ## Setup

        - Q1: "Which files should be set up?"
        - Q2: "Also set up hooks?"
        """)
        #expect(spec.dialect == .prose)
        #expect(!spec.rules.contains { $0.id == "Context7" || $0.id.hasPrefix("Q") })
        let never = try #require(spec.rules.first { $0.title == "Never commit secrets to the repository" })
        #expect(never.direction == .prohibit)
        #expect(spec.rules.contains { $0.title == "Always run the tests before you finish" && $0.direction == .require })

        // A series of numbered rules is still one, wherever its bullets are.
        let series = try parse("# Rules\n\n## Core\n\n- SP1: Do not deceive users.\n\n## More\n\n- SP2: Act within limits.\n")
        #expect(series.dialect == .ruleList && series.rules.map(\.id) == ["SP1", "SP2"])
    }

    /// A `## Behavioral Rules` list among sections of prose rules: the list's bullets are
    /// behavioral rules, and the other sections' rules are read too (they were all lost).
    @Test func aKindListAmongProseSectionsKeepsBoth() throws {
        let spec = try parse("""
        # Keybindings

        ## Read before write

        Always read the keybindings file first.

        Never overwrite it without reading it.

        ## Behavioral Rules

        1. Only include contexts the user wants to change.
        2. Validate that actions come from the known lists.
        """)
        #expect(spec.rules.filter { $0.id.hasPrefix("behavioral-") }.map(\.line) == [11, 12])
        #expect(spec.rules.filter { $0.id.hasPrefix("behavioral-") }.allSatisfy { $0.kind == .behavioral })
        #expect(spec.rules.first { $0.title == "Always read the keybindings file first" }?.direction == .require)
        #expect(spec.rules.first { $0.title == "Never overwrite it without reading it" }?.direction == .prohibit)
        #expect(spec.rules.map(\.line) == spec.rules.map(\.line).sorted())
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

        // A file cut short is wrong where it ends, not on its first line.
        let cut = #expect(throws: SpecReadError.self) {
            try SpecReader.read(path: "specifications.json", text: "{\n  \"safety_specifications\": [\n    \"a\",\n    \"b  \n")
        }
        #expect(cut.map { [$0.line, $0.column] } == [4, 9])
        #expect(cut?.reason.hasPrefix("the file is not valid JSON here") == true)

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
