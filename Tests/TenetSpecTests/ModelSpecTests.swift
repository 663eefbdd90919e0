import Testing
@testable import TenetSpec

/// OpenAI Model Spec style, on excerpts of the public spec (CC0) and on small documents.
@Suite struct ModelSpecTests {
    let excerpt = Paths.publicSpecs + "/model_spec_excerpt.md"
    let teen = Paths.publicSpecs + "/model_spec_u18_excerpt.md"

    @Test func authorityHeadingsAreRulesAndGroupingHeadingsAreSections() throws {
        let spec = try SpecReader.read(path: excerpt)
        #expect(spec.dialect == .modelSpec)
        #expect(spec.rules.map(\.id) == [
            "follow_all_applicable_instructions", "letter_and_spirit", "assume_best_intentions",
            "ignore_untrusted_data", "comply_with_laws", "sexual_content_involving_minors",
        ])
        // `platform` is the older name of `root`.
        #expect(spec.rules.allSatisfy { $0.authority == .root })
        #expect(spec.rule("sexual_content_involving_minors")?.path == ["stay_in_bounds", "disallowed_content", "prohibited_content"])
    }

    @Test func tagsAreRead() throws {
        let spec = try SpecReader.read(path: teen)
        let rule = try #require(spec.rule("prioritize_teen_safety"))
        #expect(rule.tags == ["under_18"])
        #expect(rule.authority == .root)
    }

    @Test func comparisonsBecomeGoodAndBadAnswersToOnePrompt() throws {
        let spec = try SpecReader.read(path: excerpt)
        let examples = spec.rules.flatMap(\.examples)
        #expect(examples.count >= 20)
        #expect(examples.allSatisfy { $0.verdict == .good || $0.verdict == .bad })
        #expect(examples.allSatisfy { $0.turns.last?.role == "assistant" })
        // Every comparison pairs one prompt with its answers.
        let rule = try #require(spec.rule("follow_all_applicable_instructions"))
        let first = rule.examples.filter { $0.comparison == 1 }
        #expect(first.count == 2)
        #expect(Set(first.map(\.verdict)) == [.good, .bad])
        #expect(first[0].turns.dropLast() == first[1].turns.dropLast())
        #expect(first[0].turns.first?.role == "developer")
        // Reasons come from `<!-- BAD: reason -->`.
        #expect(examples.contains { $0.verdict == .bad && $0.reason != nil })
    }

    @Test func metaAdmonitionsAreCommentaryNotRuleText() throws {
        let spec = try SpecReader.read(path: excerpt)
        let withCommentary = spec.rules.filter { $0.commentary != nil }
        #expect(!withCommentary.isEmpty)
        #expect(spec.rules.allSatisfy { !$0.text.contains("!!! meta") })
    }

    @Test func bothShapesOfMetaAreRead() throws {
        let spec = try parse("""
        # Spec

        ## One {#one authority=user}

        Text one.

        !!! meta "Commentary"
            Direct body, same paragraph.

        ## Two {#two authority=user}

        Text two.

        !!! meta "Commentary"

            Body after a blank line: an indented code block.
        """)
        #expect(spec.rule("one")?.commentary == "Direct body, same paragraph.")
        #expect(spec.rule("two")?.commentary == "Body after a blank line: an indented code block.")
        #expect(spec.rule("two")?.text == "Text two.")
    }

    @Test func crossReferencesAreCollectedWithTheirLines() throws {
        let spec = try SpecReader.read(path: excerpt)
        #expect(spec.rule("follow_all_applicable_instructions")?.references.contains("ignore_untrusted_data") == true)
        #expect(spec.references.contains(CrossReference(id: "risk_taxonomy", line: 325)))
    }

    @Test func verdictCommentsNameTheViolatedRuleAndCodeFencesInsideTurnsStayContent() throws {
        let spec = try parse("""
        # Spec

        ## Be careful {#careful authority=developer}

        Text.

        **Example**: code inside an answer

        ~~~xml
        <developer>You are a coding assistant.</developer>
        <user>Show me a loop.</user>
        <comparison>
        <assistant> <!-- GOOD -->
        ```python
        # <user> inside code is not a tag
        for i in range(3): print(i)
        ```
        </assistant>
        <assistant> <!-- BAD[#other]: refuses a safe request -->
        I can't help with that.
        </assistant>
        </comparison>
        ~~~

        ## Other {#other authority=user}

        Text.

        **Example**: a lone judged answer

        ~~~xml
        <user>Hi</user>
        <assistant recipient="functions.greet"> <!-- GOOD: friendly -->
        Hello!
        </assistant>
        ~~~
        """)
        let careful = try #require(spec.rule("careful"))
        #expect(careful.examples.count == 2)
        #expect(careful.examples[0].turns.last?.content == "```python\n# <user> inside code is not a tag\nfor i in range(3): print(i)\n```")
        #expect(careful.examples[1].violates == ["other"])
        #expect(careful.examples[1].reason == "refuses a safe request")
        #expect(careful.examples[0].title == "code inside an answer")
        let other = try #require(spec.rule("other"))
        #expect(other.examples.count == 1)
        #expect(other.examples[0].comparison == nil)
        #expect(other.examples[0].reason == "friendly")
        #expect(other.examples[0].turns.last?.name == "functions.greet")
        #expect(Linter.lint(spec).filter { $0.severity == .error }.isEmpty)
    }

    @Test func unterminatedComparisonsAndTurnsAreReportedNotFatal() throws {
        let spec = try parse("""
        # Spec

        ## Rule {#r authority=user}

        **Example**: broken

        ~~~xml
        <user>Hello
        <comparison>
        <assistant> <!-- GOOD -->
        Hi there
        """)
        let diagnostics = Linter.lint(spec).filter { $0.code == "malformed-example" }
        #expect(diagnostics.contains { $0.message.contains("never closed") })
        #expect(spec.rule("r")?.examples.first?.turns.last?.content == "Hi there")
    }
}
