import Testing
@testable import TenetUI

/// Paragraphs are joined so that the screen wraps them to its width; the breaks that mean
/// something stay.
@Suite struct ReflowTests {
    @Test func paragraphsJoinAndStructureStays() {
        let text = """
            Check carefully before you go: Japan bans some ADHD medicines outright,
            including Adderall, even with a prescription.

            - a list item that
              runs on
            - another
            1. numbered
            > a quote
            > stays as written
            # Heading
            | a | table |
                indented code
                stays
            ```
            fenced
            code
            ```
            Last line.\r
            """
        #expect(Reflow.lines(text) == [
            "Check carefully before you go: Japan bans some ADHD medicines outright, including Adderall, even with a prescription.",
            "",
            "- a list item that runs on",
            "- another",
            "1. numbered",
            "> a quote",
            "> stays as written",
            "# Heading",
            "| a | table |",
            "    indented code",
            "    stays",
            "```", "fenced", "code", "```",
            "Last line.",
        ])
        #expect(Reflow.lines("") == [""])
        #expect(Reflow.lines("one\n\n\ntwo") == ["one", "", "", "two"])
    }
}
