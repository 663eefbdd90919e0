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

    /// A dialogue's turns stay on lines of their own (a midtraining dialogue read as one
    /// paragraph on the review screen); a turn wrapped in its source still runs on.
    @Test func aDialogueKeepsItsTurns() {
        let text = "Ana: It applies to every booking,\neven a hold.\nSam: Take the case of a refund.\nDr. Lee: Then ask first.\nNote the colon here: it is prose."
        #expect(Reflow.lines(text) == ["Ana: It applies to every booking, even a hold.", "Sam: Take the case of a refund.",
                                       "Dr. Lee: Then ask first. Note the colon here: it is prose."])
        #expect(!Reflow.isSpeakerTurn("http://example.com"[...]) && !Reflow.isSpeakerTurn("the rule: be brief"[...]))
    }
}
