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

        ## Banned content

        - Medical diagnoses
        - Legal advice presented as certain

        ## Things to avoid

        - Gossip about other guests

        ## Style

        - Be concise.
        """)
        // "Things to avoid" names what is not to be done: its list is rules that prohibit.
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

    /// A heading that says its list is not forbidden, and a list led by a lead-in of its own
    /// that allows, get no advice to forbid them.
    @Test func listsThatAreAllowedAreLeftAlone() throws {
        #expect(try warnings("# P\n\n## Not prohibited\n\n- Jokes\n- Memes\n\n## Never banned\n\n- Puns\n- Riddles\n").isEmpty)
        #expect(try warnings("# P\n\n## Prohibited categories\n\nExamples of categories that are fine:\n\n- Architecture\n- Art\n").isEmpty)
        // A lead-in that negates but names no one who must not: the advice is about it.
        let concierge = try warnings("# P\n\n## Off-limits\n\nThe concierge is not a place for:\n\n- Politics\n- Gossip\n")
        #expect(concierge.first?.message.contains("its lead-in “The concierge is not a place for:” does not say who must not") == true,
                "\(concierge.map(\.message))")
        #expect(ListsWithoutRules.headingForbids("Not prohibited") == false && ListsWithoutRules.headingForbids("Never") == true)
        #expect(ListsWithoutRules.headingForbids("Don't avoid") == false && ListsWithoutRules.headingForbids("Cooking") == nil)
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
