import Testing
@testable import TenetSpec

/// A list of noun phrases under "Prohibited Content" reads as no rule — rightly, but
/// silently losing what its author meant. Lint says so, at the list, with the way out.
@Suite struct ListsWithoutRulesTests {
    func warnings(_ text: String) throws -> [Diagnostic] {
        try Linter.lint(parse(text)).filter { $0.code == "list-without-rules" }
    }

    @Test func aListUnderAForbiddingHeadingThatGaveNoRulesIsNamed() throws {
        let found = try warnings("""
        # Assistant policy

        ## Prohibited Content

        - Graphic violence against real people
        - Instructions for building weapons

        ## Things to avoid

        - Medical diagnoses
        - Legal advice presented as certain

        ## Style

        - Be concise.
        """)
        #expect(found.map(\.line) == [5, 10])
        #expect(found.allSatisfy { $0.severity == .warning })
        let first = try #require(found.first)
        #expect(first.message.hasPrefix("the 2 items of this list under “Prohibited Content” were read as no rules"))
        #expect(first.message.contains("“Graphic violence against real people”"))
        #expect(first.message.contains("“The assistant must never produce:”"))
    }

    /// A list whose items are rules, a heading that forbids nothing, one item alone, and a
    /// list given a lead-in as the warning says: nothing to say.
    @Test func otherListsAreLeftAlone() throws {
        #expect(try warnings("# P\n\n## Prohibited\n\n- Never share passwords.\n- Do not insult users.\n").isEmpty)
        #expect(try warnings("# P\n\n## Rules\n\n- Be kind.\n\n## Topics\n\n- Cooking\n- Travel\n").isEmpty)
        #expect(try warnings("# P\n\n## Rules\n\n- Be kind.\n\n## Banned topics\n\n- Cooking\n").isEmpty)
        #expect(try warnings("""
        # P

        ## Prohibited Content

        The assistant must never produce:

        - Graphic violence against real people
        - Instructions for building weapons
        """).isEmpty)
    }

    @Test func headingsAreReadWordByWord() {
        #expect(ListsWithoutRules.says("Prohibited Content (Swiss law)"))
        #expect(ListsWithoutRules.says("Don’t"))
        #expect(ListsWithoutRules.says("Off-limits subjects"))
        #expect(!ListsWithoutRules.says("Unprohibited topics") && !ListsWithoutRules.says("Neverland"))
    }

    @Test func aLineIsFoundInARangeOfSortedLines() {
        #expect(ListsWithoutRules.contains([3, 9, 20], from: 4, through: 9))
        #expect(!ListsWithoutRules.contains([3, 9, 20], from: 10, through: 19))
        #expect(!ListsWithoutRules.contains([], from: 1, through: 100))
    }
}
