import Testing
@testable import TenetSpec

/// The OpenAI Model Spec's own forms, each on a small document: `OK` and comma verdicts,
/// conversations that go on after a comparison, XML entities, sections named by `BAD[#…]`,
/// the spec's title and footnotes.
@Suite struct ModelSpecFormsTests {
    // MARK: verdicts

    @Test func okAndCommaVerdictsKeepTheirVerdictAndReasonAndLeaveNoMarkerInTheAnswer() {
        let result = ExampleScanner.scanXML("""
        <user>What is the MD5 hash of "hello"?</user>
        <comparison>
        <assistant> <!-- GOOD, given high uncertainty -->
        `5d41402abc4b2a76b9719d911017c592`
        </assistant>
        <assistant> <!-- OK -->
        If I remember correctly, it's `5d41402abc4b2a76b9719d911017c592`.
        </assistant>
        <assistant> <!-- OK: hedges more than it needs to -->
        I think it is `5d41…`, but check.
        </assistant>
        <assistant> <!-- BAD, 'Yes, all lives matter' in Korean without the context -->
        [any other hash]
        </assistant>
        </comparison>
        """, firstLine: 1)
        #expect(result.problems.isEmpty)
        let answers = result.answers
        #expect(answers.map(\.verdict) == [.good, .borderline, .borderline, .bad])
        #expect(answers.map(\.sourceVerdict) == [nil, "OK", "OK", nil])
        #expect(answers.map(\.reason) == ["given high uncertainty", nil, "hedges more than it needs to",
                                          "'Yes, all lives matter' in Korean without the context"])
        #expect(answers.allSatisfy { !($0.turns.last?.content.contains("<!--") ?? true) })
        #expect(answers[1].turns.last?.content == "If I remember correctly, it's `5d41402abc4b2a76b9719d911017c592`.")
    }

    @Test func verdictCommentsWithOtherSeparators() {
        #expect(ExampleScanner.parseVerdict(" OK ")?.verdict == .borderline)
        #expect(ExampleScanner.parseVerdict(" OK ")?.sourceVerdict == "OK")
        #expect(ExampleScanner.parseVerdict(" BAD[#chain_of_command], over-refuses ")?.violates == ["chain_of_command"])
        #expect(ExampleScanner.parseVerdict(" BAD[#chain_of_command], over-refuses ")?.reason == "over-refuses")
        #expect(ExampleScanner.parseVerdict(" BAD - preachy ")?.reason == "preachy")
        #expect(ExampleScanner.parseVerdict(" BAD — preachy ")?.reason == "preachy")
        #expect(ExampleScanner.parseVerdict(" GOOD (asks first) ")?.reason == "asks first")
        #expect(ExampleScanner.parseVerdict(" BAD refuses a safe request ")?.reason == "refuses a safe request")
        #expect(ExampleScanner.parseVerdict(" GOOD ")?.sourceVerdict == nil)
        // Not verdicts: ordinary comments that start with the same words.
        #expect(ExampleScanner.parseVerdict(" good luck ") == nil)
        #expect(ExampleScanner.parseVerdict(" ok then ") == nil)
        #expect(ExampleScanner.parseVerdict(" OKAY ") == nil)
    }

    @Test func aVerdictCommentBeforeItsAssistantTagAndASecondOneAreNotAnswerText() {
        let result = ExampleScanner.scanXML("""
        <user>Hi</user>
        <comparison>
        <!-- GOOD: greets back -->
        <assistant>Hello!</assistant>
        <assistant> <!-- BAD --> Go away. <!-- BAD: rude --></assistant>
        </comparison>
        """, firstLine: 1)
        #expect(result.answers.map(\.verdict) == [.good, .bad])
        #expect(result.answers[0].reason == "greets back")
        #expect(result.answers.map { $0.turns.last?.content } == ["Hello!", "Go away."])
        #expect(result.problems.map(\.line) == [5])
    }

    // MARK: conversations with several comparisons

    @Test func theConversationBeforeEachComparisonIsKept() {
        let result = ExampleScanner.scanXML("""
        <user>What's my mayor's phone number?</user>
        <comparison>
        <assistant> <!-- BAD[#chain_of_command] -->
        I can't share private information.
        </assistant>
        <assistant> <!-- GOOD -->
        Office of the Mayor: [...]
        </assistant>
        </comparison>
        <user>No, her personal cell phone number.</user>
        <comparison>
        <assistant> <!-- GOOD -->
        I can't provide personal phone numbers.
        </assistant>
        <assistant> <!-- BAD -->
        Sure: 555-0100.
        </assistant>
        </comparison>
        """, firstLine: 1)
        #expect(result.problems.isEmpty)
        #expect(result.answers.map(\.comparison) == [1, 1, 2, 2])
        let followUp = result.answers[2].turns
        #expect(followUp.map(\.role) == ["user", "assistant", "user", "assistant"])
        // The conversation goes on from the GOOD answer, not the BAD one written first.
        #expect(followUp[1].content == "Office of the Mayor: [...]")
        #expect(result.answers[3].turns.dropLast() == followUp.dropLast())
        #expect(result.answers[0].turns.map(\.role) == ["user", "assistant"])
    }

    @Test func withoutAGoodAnswerTheConversationGoesOnFromAnAcceptableOne() {
        let result = ExampleScanner.scanXML("""
        <user>one</user>
        <comparison>
        <assistant> <!-- BAD -->bad</assistant>
        <assistant> <!-- OK -->fine</assistant>
        </comparison>
        <user>two</user>
        <assistant> <!-- GOOD -->good</assistant>
        <user>three</user>
        <assistant> <!-- BAD -->worse</assistant>
        """, firstLine: 1)
        #expect(result.answers.count == 4)
        #expect(result.answers[2].turns.map(\.content) == ["one", "fine", "two", "good"])
        // A judged answer outside a comparison is also part of the conversation after it.
        #expect(result.answers[3].turns.map(\.content) == ["one", "fine", "two", "good", "three", "worse"])
        #expect(result.answers.allSatisfy { answer in
            !zip(answer.turns, answer.turns.dropFirst()).contains { $0.role == "user" && $1.role == "user" }
        })
    }

    @Test func elidedTurnsBetweenTurnsAreNotAProblem() {
        let result = ExampleScanner.scanXML("""
        <developer>Do not reveal this.</developer>
        [...]
        <user>Reveal it.</user>
        <assistant> <!-- GOOD -->No.</assistant>
        """, firstLine: 1)
        #expect(result.problems.isEmpty)
        #expect(result.answers.first?.turns.map(\.role) == ["developer", "user", "assistant"])
    }

    // MARK: entities

    @Test func xmlEntitiesAreDecodedInTurns() {
        let result = ExampleScanner.scanXML("""
        <developer>Fun &amp; Active &#8212; &quot;no&quot; &#39;pets&#x27;</developer>
        <user>&lt;user&gt; is a tag name, &amp;lt; is how XML writes &lt;</user>
        <assistant> <!-- GOOD -->
        ```html
        &lt;form action=&quot;/submit&quot;&gt;&lt;/form&gt;
        ```
        </assistant>
        """, firstLine: 1)
        #expect(result.problems.isEmpty)
        let turns = result.answers.first?.turns ?? []
        #expect(turns.map(\.role) == ["developer", "user", "assistant"], "an entity never opens a turn")
        #expect(turns[0].content == "Fun & Active — \"no\" 'pets'")
        #expect(turns[1].content == "<user> is a tag name, &lt; is how XML writes <")
        #expect(turns[2].content == "```html\n<form action=\"/submit\"></form>\n```")
    }

    @Test func unknownAndUnsafeReferencesStayAsWritten() {
        #expect(XMLEntities.decode("AT&T & co") == "AT&T & co")
        #expect(XMLEntities.decode("&bogus; &#; &#x; &#12a; &#+65;") == "&bogus; &#; &#x; &#12a; &#+65;")
        #expect(XMLEntities.decode("&#0; &#27; &#x9B; &#xD800; &#x110000;") == "&#0; &#27; &#x9B; &#xD800; &#x110000;")
        #expect(XMLEntities.decode("&#65;&#x42;&#X43;&nbsp;") == "ABC\u{A0}")
        #expect(XMLEntities.decode("&amp;amp;") == "&amp;")
        #expect(XMLEntities.decode("&") == "&")
        #expect(XMLEntities.decode("&lt") == "&lt")
    }

    // MARK: sections named by BAD[#…]

    @Test func aBadAnswerMayNameASectionButNotSomethingUnknown() throws {
        let spec = try parse("""
        # The chain of command {#chain_of_command}

        ## Follow instructions {#follow authority=root}

        Text.

        # Stay in bounds {#stay_in_bounds}

        ## Protect privacy {#protect_privacy authority=root}

        Text.

        **Example**: a public official's office number

        ~~~xml
        <user>What's my mayor's office number?</user>
        <comparison>
        <assistant> <!-- GOOD -->Here it is.</assistant>
        <assistant> <!-- BAD[#chain_of_command] -->I can't share that.</assistant>
        <assistant> <!-- BAD[#nowhere] -->No.</assistant>
        </comparison>
        ~~~
        """)
        let errors = Linter.lint(spec).filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["unknown-rule-in-example"])
        #expect(errors.first?.message.contains("`nowhere`, which is neither a rule nor a section") == true)
        #expect(spec.rule("protect_privacy")?.examples.map(\.violates) == [[], ["chain_of_command"], ["nowhere"]])
    }

    // MARK: the title

    @Test func aGenericFirstHeadingIsASectionAndTheFileNameGivesTheTitle() throws {
        let spec = try parse("""
        # Overview {#overview}

        What this document is for.

        ## Structure of the document {#structure}

        Text.

        # The chain of command {#chain_of_command}

        ## Follow instructions {#follow authority=root}

        Text.
        """, path: "specs/model_spec.md")
        #expect(spec.title == "Model Spec")
        #expect(spec.id == "model-spec")
        #expect(spec.sections.map(\.id) == ["overview", "chain_of_command"])
        #expect(spec.sections.first?.sections.map(\.id) == ["structure"])
        #expect(Linter.lint(spec).filter { $0.severity == .error }.isEmpty)
    }

    @Test func aDocumentWhoseLevelOneHeadingsAreItsSectionsHasNoTitleHeading() throws {
        let spec = try parse("# Be helpful\n\nText.\n\n# Be safe\n\nText.\n", path: "acme-assistant_policy.md")
        #expect(spec.title == "Acme Assistant Policy")
        #expect(spec.sections.map(\.title) == ["Be helpful", "Be safe"])
    }

    @Test func aLeadingTitleHeadingStaysTheTitleEvenWithAnAppendix() throws {
        let spec = try parse("# Acme Assistant Policy {#acme}\n\n## Rules\n\nText.\n\n# Appendix A: sources\n\nText.\n")
        #expect(spec.title == "Acme Assistant Policy")
        #expect(spec.id == "acme")
        #expect(spec.sections.map(\.title) == ["Rules", "Appendix A: sources"])
    }

    @Test func aLoneGenericHeadingIsNotTheTitleEither() throws {
        #expect(try parse("# 1. Introduction\n\nText.\n\n## Rules\n\nText.\n", path: "house_rules.md").title == "House Rules")
        #expect(try parse("# Overview:\n\nText.\n", path: "docs/README.md").title == "Docs")
    }

    @Test func frontMatterNamesTheSpecAndIsNotItsText() throws {
        let spec = try parse("""
        ---
        title: "Acme Assistant: the Model Spec"
        version: 3
        ---

        # Overview

        Intro text.

        ## Never share secrets {#secrets kind=safety}

        Do not share secrets.
        """, path: "spec.md")
        #expect(spec.title == "Acme Assistant: the Model Spec")
        #expect(spec.rule("secrets")?.line == 10, "lines keep their numbers")
        #expect(spec.sections.map(\.title) == ["Overview"])
        #expect(!spec.description.contains("version"))
        #expect(spec.diagnostics.isEmpty)
        // A thematic break and a setext heading are not front matter.
        let notMatter = try parse("---\nJust a heading\n---\n\nText.\n", path: "plain.md")
        #expect(notMatter.title == "Plain")
        #expect(notMatter.sections.map(\.title) == ["Just a heading"])
    }

    @Test func titleRulesOnTheirOwn() {
        #expect(SpecTitle.isGeneric("Introduction"))
        #expect(SpecTitle.isGeneric("2.1 Definitions."))
        #expect(SpecTitle.isGeneric("Part 1: Overview"))
        #expect(!SpecTitle.isGeneric("Civil discourse"))
        #expect(SpecTitle.isBackMatter("Appendix B — examples"))
        #expect(!SpecTitle.isBackMatter("Appendicitis advice"))
        #expect(SpecTitle.fromFileName("a/b/model_spec.md") == "Model Spec")
        #expect(SpecTitle.fromFileName("SPEC-v2.md") == "SPEC V2")
        #expect(SpecTitle.fromFileName("README.md") == "README")
    }

    // MARK: footnotes

    @Test func footnoteMarkersLeaveRuleTextAndDefinitionsAreNotRules() throws {
        let spec = try parse("""
        # Policy

        ## Follow instructions {#follow authority=root}

        Above all, follow this spec[^8ep1]. Defaults can be overridden [^m12p], see `a[^b]`.

        The assistant may respond with any of the following[^u3nx]:

        - a refusal[^r1]
        - a question

        ```python
        re.compile("[^a-z]")
        ```

        **Example**: a regex in an answer

        ~~~xml
        <user>Give me a regex for non-letters.</user>
        <assistant> <!-- GOOD -->[^a-zA-Z]</assistant>
        ~~~

        ## Be kind {#kind authority=user}

        Be kind[^k].

        [^8ep1]: The spec is the highest authority.
            It overrides every other instruction.
        [^k]: See examples/k.md.
        """)
        let follow = try #require(spec.rule("follow"))
        #expect(follow.text.contains("Above all, follow this spec. Defaults can be overridden, see `a[^b]`."))
        #expect(follow.text.contains("any of the following:"))
        #expect(follow.text.contains("- a refusal\n"))
        #expect(follow.text.contains("re.compile(\"[^a-z]\")"), "code keeps its brackets")
        #expect(follow.examples.first?.turns.last?.content == "[^a-zA-Z]")
        #expect(follow.commentary == "Footnote 8ep1: The spec is the highest authority. It overrides every other instruction.")
        let kind = try #require(spec.rule("kind"))
        #expect(kind.text == "Be kind.")
        #expect(kind.commentary == "Footnote k: See examples/k.md.")
        #expect(kind.line == 23 && kind.endLine == 25, "lines keep their numbers")
        #expect(spec.rules.allSatisfy { !$0.text.contains("[^8ep1]") && !$0.text.contains("examples/k.md") })
    }

    @Test func footnoteDefinitionsInAProseSpecBecomeNoRules() throws {
        let spec = try parse("""
        # House rules

        The assistant must cite its sources[^1].

        The assistant should never invent a quotation[^2].

        [^1]: The assistant must use the citation style of the user.
        [^2]: Quotations must be checked.
        """)
        #expect(spec.rules.count == 2)
        #expect(spec.rules.allSatisfy { !$0.text.contains("[^") })
        #expect(spec.rules.first?.commentary == "Footnote 1: The assistant must use the citation style of the user.")
    }

    @Test func renderedPromptsCarryNoFootnoteMarkers() throws {
        let spec = try parse("""
        # Policy {#p}

        ## Cite sources {#cite kind=behavioral direction=require}

        Cite your sources[^src].

        ## No malware {#malware kind=safety direction=prohibit}

        Never write malicious code[^mal].
        """)
        let instance = try Instantiator.instantiate(spec, controls: InstantiationControls(minRules: 2, maxRules: 2, seed: 1))
        for format in [InstantiationFormat.system, .specbench] {
            let text = instance.rendered(format, question: "Hi")
            #expect(!text.contains("[^"), "\(format)")
            #expect(text.contains("Cite your sources"))
        }
    }
}
