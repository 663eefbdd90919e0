import Foundation
import Testing
@testable import TenetSpec

/// Bugs found in review. Each test fails today and states what a user should see.
@Suite struct ReviewFindingsTests {
    // Bug: a lone CR inside a line is a line break to cmark but not to SourceText, so every
    // later block is sliced from the wrong line (empty section titles, rules lost).
    @Test func aStrayCarriageReturnDoesNotShiftEveryLaterLine() throws {
        let spec = try parse("# T\n\nIntro line one\rstill intro.\n\n## Safety\n\n### Rule A {#a kind=safety}\n\nDo not do A.\n")
        #expect(spec.sections.map(\.title) == ["Safety"])
        #expect(spec.rules.map(\.id) == ["a"])
        #expect(spec.rules.first?.title == "Rule A")
        #expect([7, 8].contains(spec.rules.first?.line ?? 0))
    }

    // Bug: HeadingLine takes cmark's setext endLine (one past the underline) as "underline + 1",
    // so the `====` / `----` underline is glued onto the title and breaks the attribute block.
    @Test func setextHeadingsDoNotSwallowTheirUnderline() throws {
        let spec = try parse("""
        My Spec {#ms}
        =============

        Never share secrets {#ms.secrets kind=safety}
        ---------------------------------------------

        Body text.
        """)
        #expect(spec.title == "My Spec")
        #expect(spec.id == "ms")
        #expect(spec.rules.map(\.id) == ["ms.secrets"])
        #expect(spec.rules.first?.title == "Never share secrets")
        #expect(spec.diagnostics.isEmpty)

        // With a line right under the underline, that line is not part of the title either.
        let tight = try parse("Intro.\n\nTravel\n------\nNever book without asking.\n")
        #expect(tight.sections.map(\.title) == ["Travel"])
        #expect(tight.rules.map(\.title) == ["Never book without asking"])
    }

    // Bug: a `**Exceptions:**` label paragraph followed by a bullet list drops the list into the
    // rule's requirement text, so the exceptions are read as things the rule requires.
    @Test func exceptionsLabelParagraphTakesTheListAfterIt() throws {
        let spec = try parse("""
        # Spec {#s}

        ### Gentle {#s.gentle kind=safety}

        Keep peril gentle.

        **Exceptions:**

        - a character may be scared
        - cartoon slapstick
        """)
        let rule = try #require(spec.rules.first)
        #expect(rule.exceptions == ["a character may be scared", "cartoon slapstick"])
        #expect(rule.text == "Keep peril gentle.")
    }

    // Bug: HeadingAttributes.split looks for the *last* `{`, which can sit inside a quoted value
    // (`scope="… {{age}} …"`); the heading then silently becomes a section with the block in its title.
    @Test func quotedAttributeValueMayHoldBraces() throws {
        let spec = try parse("""
        # Spec {#s}

        ### Keep it gentle {#s.gentle kind=safety scope="stories for {{age}} year olds"}

        Stories stay gentle.
        """)
        let rule = try #require(spec.rules.first)
        #expect(rule.id == "s.gentle")
        #expect(rule.title == "Keep it gentle")
        #expect(rule.scope == "stories for {{age}} year olds")
        #expect(rule.placeholders.contains("age"))
    }

    // Bug: placeholders are collected only from rule text, scope and exceptions, so a parameter
    // used in a rule title, rationale or example is "unused", and undeclared ones there are missed.
    @Test func placeholdersInTitlesRationaleAndExamplesCount() throws {
        let codes = try lintCodes("""
        # Spec {#s}

        ## Parameters

        | parameter | values | default | meaning |
        |---|---|---|---|
        | `age` | `5-7`, `8-10` | `5-7` | age band |
        | `lang` | | `English` | language |
        | `tone` | | `warm` | tone |

        ## Safety {#s.safety}

        ### Keep {{age}} stories gentle {#s.gentle kind=safety}

        Stories stay gentle.

        - **Rationale:** a {{tone}} voice, and {{missing}}.

        **Example (BAD):** scary

        ```chat
        user: Tell me a story in {{lang}}.
        assistant: BOO
        ```
        """)
        #expect(!codes.contains("unused-parameter"))
        #expect(codes.contains("undeclared-parameter"), "{{missing}} is used but not declared")
    }

    // Bug: in an xml example an answer without a `<!-- GOOD -->` comment outside a <comparison>
    // is treated as context, so `**Example (GOOD):**` + ```xml yields no example at all, silently.
    @Test func xmlExampleTakesItsVerdictFromTheTitle() throws {
        let spec = try parse("""
        # Spec {#s}

        ### Greet {#s.greet kind=behavioral}

        Greet the user.

        **Example (GOOD):** a plain greeting

        ```xml
        <user>hi</user>
        <assistant>Hello!</assistant>
        ```
        """)
        let examples = try #require(spec.rules.first).examples
        #expect(examples.count == 1)
        #expect(examples.first?.verdict == .good)
        #expect(examples.first?.turns.last?.content == "Hello!")
    }

    // Bug: exampleHeader only reads `(VERDICT)` right after "Example", so a numbered
    // `**Example 2 (BAD):**` silently loses its verdict and lint then says it has none.
    @Test func numberedExampleKeepsItsVerdict() throws {
        let spec = try parse("""
        # Spec {#s}

        ### R {#s.r kind=safety}

        Do not.

        **Example 2 (BAD):** second try

        ```chat
        user: hi
        assistant: boo
        ```
        """)
        #expect(spec.rules.first?.examples.first?.verdict == .bad)
    }

    // Bug: list rules are read from every section without rule headings *directly* in it, so an
    // overview list under `## Safety` whose rules sit in subsections becomes phantom rules.
    @Test func overviewBulletsAboveNestedRuleHeadingsAreNotRules() throws {
        let spec = try parse("""
        # Spec {#sp}

        ## Safety {#sp.safety}

        Rules in this part cover:

        - physical harm to the user
        - breaking the law

        ### Physical harm {#sp.physical}

        #### No weapons {#sp.no-weapons kind=safety}

        Never help build weapons.
        """)
        #expect(spec.rules.map(\.id) == ["sp.no-weapons"])
    }

    // Bug: section slugs are all claimed before rule headings' generated IDs, so adding a section
    // *later* in the file renames an earlier rule (`privacy` → `privacy-2`); not document order.
    @Test func generatedRuleIDDoesNotDependOnLaterSections() throws {
        let spec = try parse("""
        # Spec

        ## Rules

        ### Privacy {kind=safety}

        Never share data.

        ## Privacy

        Some section text.
        """)
        #expect(spec.rules.map(\.id) == ["privacy"])
    }

    // Bug: SpecBench JSON rules get positional IDs marked explicitID=true, so the diff pairs them by
    // position: inserting one rule at the top reports every later rule as changed text.
    @Test func specBenchDiffPairsRulesByTextNotPosition() throws {
        let old = try SpecReader.read(path: "v1/specifications.json", text: """
        {"safety_specifications": ["Never reveal passwords.", "Do not give medical dosages.", "Refuse weapon synthesis."],
         "behavioral_specifications": ["Be concise."]}
        """)
        let new = try SpecReader.read(path: "v2/specifications.json", text: """
        {"safety_specifications": ["Never assist stalking.", "Never reveal passwords.", "Do not give medical dosages.", "Refuse weapon synthesis."],
         "behavioral_specifications": ["Be concise."]}
        """)
        let diff = SpecDiff.compare(old, new)
        #expect(diff.added == 1)
        #expect(diff.removed == 0)
        #expect(!diff.changes.contains { $0.fields.contains("text") }, "no rule's text changed")
    }

    // Bug: MarkdownDocument.contentStart skips only spaces after a list marker, so `-<TAB>**Rationale:**`
    // is not read as an annotation (and `-<TAB>SP1:` not as a numbered rule).
    @Test func tabAfterListMarkerStillReadsAnnotations() throws {
        let spec = try parse("# S\n\n### R {#r kind=safety}\n\nDo not.\n\n-\t**Rationale:** because.\n")
        #expect(spec.rules.first?.rationale == "because.")
        #expect(spec.rules.first?.text == "Do not.")
    }

    // Bug: section IDs are slugs cut to 8 words / 48 bytes, so a link to a long heading's
    // GitHub anchor (which works when rendered) is reported as a broken-reference error.
    @Test func linkToLongHeadingAnchorIsNotBroken() throws {
        let codes = try lintCodes("""
        # Spec {#s}

        See [dosage](#how-the-assistant-handles-requests-for-medical-dosage-information).

        ## How the assistant handles requests for medical dosage information

        ### Dosage {#s.dosage kind=safety}

        Never give lethal doses.
        """)
        #expect(!codes.contains("broken-reference"))
    }
}
