import Foundation
import Testing
import TenetSpec
@testable import TenetFormats

/// Pairs made from a spec's own examples name only rules: the public Model Spec's
/// `BAD[#chain_of_command]` names a section, which is no rule a pair can target.
@Suite struct SpecExamplePairsTests {
    @Test func pairsFromTheModelSpecNameOnlyItsRules() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TenetSpecTests/Fixtures/public/model_spec.md").path
        let spec = try SpecReader.read(path: path)
        let pairs = SpecExamplePairs.pairs(spec, revision: 1)
        #expect(pairs.count > 50)
        let rules = Set(spec.rules.map(\.id))
        let strays = pairs.flatMap(\.rules).filter { !rules.contains($0) }
        #expect(strays.isEmpty, "not rules: \(Set(strays).sorted())")
        // Each names the line of its BAD answer.
        #expect(pairs.allSatisfy { $0.provenance.source.map { $0.hasPrefix(path + ":") && !$0.hasSuffix(":0") } == true })
    }

    /// Read back from a project, a spec keeps its rules' lines but not its examples': a pair
    /// names its rule's line then, never line 0.
    @Test func aSpecWithoutExampleLinesNamesTheRulesLine() throws {
        var spec = try SpecReader.read(path: "travel.md", text: """
            # Travel {#travel}

            ## Official sources {#travel.sources kind=safety}

            Send travellers to official sources.

            **Example (GOOD):** Pointing to the source

            ```chat
            user: Do I need a visa?
            assistant: Check the embassy's site; rules change.
            ```

            **Example (BAD):** Certainty without a source

            ```chat
            user: Do I need a visa?
            assistant: No, never.
            ```
            """)
        let read = SpecExamplePairs.pairs(spec, revision: 1).first?.provenance.source
        #expect(read == "travel.md:\(spec.rules[0].examples[1].line)" && spec.rules[0].examples[1].line > 0, "\(read ?? "none")")
        spec.rules = spec.rules.map { var rule = $0; rule.examples = rule.examples.map { var e = $0; e.line = 0; return e }; return rule }
        let source = SpecExamplePairs.pairs(spec, revision: 1).first?.provenance.source
        #expect(source == "travel.md:\(spec.rules[0].line)" && spec.rules[0].line > 0, "\(source ?? "none")")
    }

    /// Every GOOD answer with every BAD one of a conversation: 500 of each made 250,000
    /// pairs. Past ``SpecExamplePairs/crossLimit`` each answer is paired once; under it, all.
    @Test func manyAnswersToOneConversationArePairedOnceEach() throws {
        func spec(good: Int, bad: Int) throws -> Spec {
            let answers = (0..<good).map { "<assistant>\ngood \($0)\n<!-- GOOD -->\n</assistant>\n" }.joined()
                + (0..<bad).map { "<assistant>\nbad \($0)\n<!-- BAD: no -->\n</assistant>\n" }.joined()
            return try SpecReader.read(path: "ms.md", text: "# Overview {#overview}\n\n## Never share secrets {#no_secrets authority=root}\n\n"
                + "The assistant must not share secrets.\n\n**Example**: many\n\n~~~xml\n<user>\nq\n</user>\n<comparison>\n"
                + answers + "</comparison>\n~~~\n")
        }
        #expect(SpecExamplePairs.pairs(try spec(good: 8, bad: 8), revision: 1).count == 64)
        let many = SpecExamplePairs.pairs(try spec(good: 300, bad: 200), revision: 1)
        #expect(many.count == 300)
        #expect(Set(many.map(\.chosen)).count == 300 && Set(many.map(\.rejected)).count == 200, "every answer is in a pair")
    }
}
