import Testing
@testable import TenetSpec

/// XML-style tags on lines of their own (``TagLines``): the rules under `<rules>` are read,
/// what an example's tags enclose is not, and code and raw HTML stay as they were.
@Suite struct TagLinesTests {
    static func rules(_ text: String) throws -> [Rule] {
        try SpecReader.read(path: "policy.md", text: text).rules
    }

    /// System prompts group their rules in tags: CommonMark read `<rules>` and everything
    /// up to the next blank line as raw HTML, and the rules were silently not there.
    @Test func rulesRightUnderATagAreRead() throws {
        let rules = try Self.rules("""
        # Bank assistant

        The assistant helps customers of a bank.

        <rules>
        - Never share account numbers.
        - Always confirm the customer's identity before discussing a balance.
        </rules>

        <style>
        Keep answers short.
        </style>

        The assistant must not give investment advice.
        """)
        #expect(rules.map(\.title) == ["Never share account numbers", "Always confirm the customer's identity before discussing a balance",
                                       "Keep answers short", "The assistant must not give investment advice"])
        #expect(rules.map(\.line) == [6, 7, 11, 14])
        #expect(rules.map(\.direction) == [.prohibit, .require, .require, .prohibit])
        #expect(!rules.contains { $0.text.contains("<") })
    }

    /// An example is not a rule: from its opening tag to its closing one nothing is read,
    /// blank lines inside included (before, only the part up to the first blank line was
    /// hidden, by accident).
    @Test func examplesInTagsAreNotRules() throws {
        let rules = try Self.rules("""
        # Search

        <search_instructions>
        Never search for things you already know.

        <example>
        <user>What is the capital of France?</user>

        Always answer: Paris.
        Do not search.
        </example>
        <good_examples>
        - Never mind the weather.
        </good_examples>
        Cite every source you use.
        </search_instructions>
        """)
        #expect(rules.map(\.title) == ["Never search for things you already know", "Cite every source you use"])
        #expect(rules.map(\.line) == [4, 15])
    }

    /// A tag between two lists ends the first: with a blank line between them they were
    /// one list, and the second took the first's lead-in ("Do not call search for:").
    @Test func aTagEndsTheListAboveIt() throws {
        let rules = try Self.rules("""
        # Search

        Do not call search for:
        - Greetings
        </triggering>
        <execution>
        - Call the tool at once.
        </execution>
        """)
        #expect(rules.map(\.title) == ["Greetings", "Call the tool at once"])
        #expect(rules.map(\.direction) == [.prohibit, .require])
    }

    /// What a tag encloses is indented as XML nests: four spaces in are not a code block.
    @Test func indentationUnderATagIsNotCode() throws {
        let rules = try Self.rules("""
        # Style

        Intro.
        <communication_style>
            Be concise and avoid verbosity.
            <formatting>
                - Never use tables.
                  Not even small ones.
            </formatting>
        </communication_style>
        """)
        #expect(rules.map(\.title) == ["Be concise and avoid verbosity", "Never use tables"])
        #expect(rules.map(\.line) == [5, 7])
        #expect(rules.last?.text == "Never use tables.\nNot even small ones.")
    }

    /// A tag that opens after a section's own text begins a part of its own: the heading
    /// does not lead it. One right under the heading is the heading's.
    @Test func aTagAfterTheSectionsTextIsAPartOfItsOwn() throws {
        let rules = try Self.rules("""
        # Concierge

        ## Things to avoid

        - Share another guest's room number

        <booking_rules>
        - Confirm the dates with the guest
        </booking_rules>

        ## Don't

        <rules>
        <upsells>
        - Promise upgrades
        </upsells>
        </rules>
        """)
        #expect(rules.map(\.title) == ["Share another guest's room number", "Confirm the dates with the guest", "Promise upgrades"])
        #expect(rules.map(\.direction) == [.prohibit, .require, .prohibit])
    }

    /// An example left open hides only its own line; a closing tag may end a line of text.
    @Test func anUnclosedExampleHidesOnlyItsLine() throws {
        let open = try Self.rules("# P\n\n<example>\nNever share passwords.\n\nAlways log out.\n")
        #expect(open.map(\.title) == ["Never share passwords", "Always log out"])
        let closedAtTheEnd = try Self.rules("# P\n\n<example>\nUser: hi\n\nAssistant: Never mind.</example>\n\nAlways log out.\n")
        #expect(closedAtTheEnd.map(\.title) == ["Always log out"])
    }

    /// Left as they were: fenced code, raw-text elements, void and self-closing elements, a
    /// tag with text after it on its line, and a quoted one.
    @Test func codeAndRawHTMLAreLeftAlone() throws {
        let source: [UInt8] = Array("""
        ```xml
        <rules>
        ```
        <pre>
        <br>
        <img src="x.png">
        <note/>
        <b>Bold</b> text
        > <rules>

        """.utf8)
        #expect(TagLines.apply(source) == nil)
        // Within three spaces of the margin a tag becomes a separator; further in, an empty line.
        let tagged = Array("<Rules lang=\"en\" note='a > b'>\n- x\n  <note>\n      <b>\n</RULES>\n".utf8)
        #expect(TagLines.apply(tagged) == Array("<!-- <> -->\n- x\n<!-- <> -->\n\n<!-- -->\n".utf8))
        let closing = Array("</Search_Instructions>  \r".utf8).withUnsafeBufferPointer { TagLines.tag(alone: $0) }
        #expect(closing == TagLines.Tag(name: "search_instructions", closing: true))
    }
}
