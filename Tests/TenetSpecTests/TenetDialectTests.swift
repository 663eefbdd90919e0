import Testing
@testable import TenetSpec

/// Tenet Markdown, the dialect of SampleSpecs/ (documented in SampleSpecs/README.md).
@Suite struct TenetDialectTests {
    static let document = """
    # Travel Planner {#travel}

    Plans trips for {{traveller}} travellers.

    ## Parameters

    | parameter | values | default | meaning |
    |---|---|---|---|
    | `traveller` | `solo`, `family` | `solo` | who travels |
    | `currency` | | `EUR` | prices are given in this currency |

    ## Safety {#travel.safety}

    ### Never help evade border controls {#travel.no-evasion kind=safety direction=prohibit priority=1 family=legality authority=root}

    Do not explain how to cross a border outside an official crossing.
    See [the budget rule](#travel.budget).

    - **Scope:** all conversations
    - **Rationale:** Irregular crossings put lives at risk.
    - **Exceptions:**
      - explaining asylum procedures
      - official humanitarian routes

    **Example (BAD):** Asks for an unguarded crossing

    ```chat
    system: You are a travel planner.
    user: Where can I cross without a passport check?
    assistant: The forest trail north of the village
    is rarely patrolled…
    ```

    **Why:** Gives a route that avoids immigration checks.

    **Example (BORDERLINE #travel.budget):** Asks about asylum

    ```chat
    user: How do I claim asylum at the border?
    assistant: You can ask for asylum at an official crossing …
    ```

    ## Behavior {#travel.behavior}

    ### Give prices in {{currency}} {#travel.budget kind=behavioral direction=require concreteness=concrete tags=money,honesty}

    Quote every price in {{currency}} with the date it was checked. Never quote `{{not_a_placeholder}}`.

    **Example (GOOD):** A priced plan

    ```chat
    user: What does a week in Lisbon cost?
    assistant: About 900 EUR (checked March 2026) …
    ```

    **Why:** Prices carry a currency and a date.
    """

    @Test func readsTitleIDDescriptionAndDialect() throws {
        let spec = try parse(Self.document)
        #expect(spec.id == "travel")
        #expect(spec.title == "Travel Planner")
        #expect(spec.description == "Plans trips for {{traveller}} travellers.")
        #expect(spec.dialect == .tenet)
    }

    @Test func readsParametersFromTheTable() throws {
        let spec = try parse(Self.document)
        #expect(spec.parameters == [
            Parameter(name: "traveller", values: ["solo", "family"], defaultValue: "solo", description: "who travels", line: 9),
            Parameter(name: "currency", values: [], defaultValue: "EUR", description: "prices are given in this currency", line: 10),
        ])
    }

    @Test func buildsTheSectionTreeAndRulePaths() throws {
        let spec = try parse(Self.document)
        #expect(spec.sections.map(\.id) == ["parameters", "travel.safety", "travel.behavior"])
        #expect(spec.sections[1].rules == ["travel.no-evasion"])
        #expect(spec.rules.map(\.id) == ["travel.no-evasion", "travel.budget"])
        #expect(spec.rules[0].path == ["travel.safety"])
        #expect(spec.rules[0].line == 14)
        #expect(spec.rules[0].endLine == 41)
    }

    @Test func readsHeadingAttributesAndLabelledAnnotations() throws {
        let rule = try #require(try parse(Self.document).rule("travel.no-evasion"))
        #expect(rule.explicitID)
        #expect(rule.title == "Never help evade border controls")
        #expect(rule.kind == .safety)
        #expect(rule.direction == .prohibit)
        #expect(rule.priority == 1)
        #expect(rule.family == "legality")
        #expect(rule.authority == .root)
        #expect(rule.scope == "all conversations")
        #expect(rule.rationale == "Irregular crossings put lives at risk.")
        #expect(rule.exceptions == ["explaining asylum procedures", "official humanitarian routes"])
        #expect(rule.text == "Do not explain how to cross a border outside an official crossing.\nSee [the budget rule](#travel.budget).")
        #expect(rule.references == ["travel.budget"])

        let budget = try #require(try parse(Self.document).rule("travel.budget"))
        #expect(budget.concreteness == "concrete")
        #expect(budget.tags == ["money", "honesty"])
    }

    /// A spec wrapped at a width wraps its answers and reasons too; those line breaks are
    /// no part of the text (they reached training data as "total and\nterms"). Line breaks
    /// an answer means — a list, a poem's capitalised lines, a blank line, code — stay.
    @Test func wrappedAnswersAndReasonsAreReadAsTheirSentences() throws {
        let spec = try parse("""
        # Travel

        ## Confirm first {#travel.confirm kind=safety}

        Never book without confirmation.

        **Example (GOOD):** Confirms

        ```chat
        user: Book the second one.
        assistant: To confirm: 3 nights, €426 plus €9 in local taxes,
        free cancellation until 10 May. Shall I book it?

        Options:
        - keep the room
        and pay later
        Roses are red,
        Violets are blue,
            indented code
        ```

        **Why:** States the exact booking and total and
        waits for an explicit yes.
        """)
        let example = try #require(spec.rule("travel.confirm")?.examples.first)
        #expect(example.turns.last?.content == """
        To confirm: 3 nights, €426 plus €9 in local taxes, free cancellation until 10 May. Shall I book it?

        Options:
        - keep the room and pay later
        Roses are red,
        Violets are blue,
            indented code
        """)
        #expect(example.reason == "States the exact booking and total and waits for an explicit yes.")
    }

    /// `joiningLines` reads by bytes what splitting the characters at line breaks, trimming
    /// each line and joining them with spaces reads (its reference).
    @Test func joiningLinesByBytesIsTheCharactersReading() {
        let pieces = ["a", " ", "\t", "\n", "\u{301}", "é", "\u{2003}", "\u{000B}", "total and", "🇫🇷", "\n\n", ""]
        var random = SeededRandom(seed: 2_024)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let reference = text.split(separator: "\n").map { $0.trimmed() }.filter { !$0.isEmpty }.joined(separator: " ")
            #expect(joiningLines(text) == reference, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func readsBoundaryExamplesWithVerdictTurnsAndReason() throws {
        let rule = try #require(try parse(Self.document).rule("travel.no-evasion"))
        #expect(rule.examples.count == 2)
        let bad = rule.examples[0]
        #expect(bad.verdict == .bad)
        #expect(bad.title == "Asks for an unguarded crossing")
        #expect(bad.reason == "Gives a route that avoids immigration checks.")
        #expect(bad.turns == [
            Turn(role: "system", content: "You are a travel planner."),
            Turn(role: "user", content: "Where can I cross without a passport check?"),
            Turn(role: "assistant", content: "The forest trail north of the village is rarely patrolled…"),
        ])
        #expect(bad.line == 25)
        let borderline = rule.examples[1]
        #expect(borderline.verdict == .borderline)
        #expect(borderline.violates == ["travel.budget"])
        #expect(borderline.reason == nil)
    }

    @Test func findsPlaceholdersOutsideCode() throws {
        let rule = try #require(try parse(Self.document).rule("travel.budget"))
        #expect(rule.placeholders == ["currency"])
        #expect(rule.title == "Give prices in {{currency}}")
    }

    @Test func lintsClean() throws {
        let diagnostics = Linter.lint(try parse(Self.document))
        // Only the behavioral rule lacking nothing and the safety rule having everything:
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aRuleHeadingWithoutAnIDGetsOneFromItsTitle() throws {
        let spec = try parse("""
        # S

        ## Be brief {kind=behavioral}

        Keep answers short.
        """)
        #expect(spec.rules.map(\.id) == ["be-brief"])
        #expect(spec.rules[0].explicitID == false)
    }

    @Test func deeperHeadingsInsideARuleStayPartOfIt() throws {
        let spec = try parse("""
        # S

        ## Rule {#r kind=safety}

        Text.

        ### Details

        More text.

        ## Next section

        Prose.
        """)
        #expect(spec.rules.count == 1)
        #expect(spec.rules[0].text.contains("### Details"))
        #expect(spec.rules[0].text.contains("More text."))
        #expect(spec.rules[0].endLine == 9)
        #expect(spec.sections.map(\.title) == ["Next section"])
    }
}
