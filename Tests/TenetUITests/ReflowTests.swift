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

    /// A break after a short line was made on purpose: an answer on three lines (what the
    /// pair may be about) is shown on three lines, not as one that reads like the rejected
    /// "Jane Doe, 12 Main Street, Springfield". Tabs go to the next tab stop.
    @Test func shortLinesAndTabsStayAsWritten() {
        #expect(Reflow.lines("Jane Doe\n12 Main Street\nSpringfield") == ["Jane Doe", "12 Main Street", "Springfield"])
        #expect(Reflow.lines("Roses are red,\nviolets are blue.") == ["Roses are red,", "violets are blue."])
        #expect(Reflow.lines("Col\tA\tB\n1\t2\t3") == ["Col     A       B", "1       2       3"])
        #expect(Reflow.expandingTabs("規則\tx") == "規則    x", "a wide character takes two columns")
    }

    /// On screen, an answer's lines keep their indentation, wrapped lines hang under it,
    /// and aligned columns keep every space.
    @Test func linesKeepTheirIndentationAndColumnsOnScreen() {
        func shown(_ line: String, width: Int) -> [String] {
            Wrap.textLine(line, role: .text, width: width).map { $0.map(\.text).joined() }
        }
        #expect(shown("def f():", width: 20) == ["def f():"])
        #expect(shown("    return 1", width: 20) == ["    return 1"])
        #expect(shown("  - a nested item that runs on past the width", width: 20) == ["  - a nested item", "    that runs on", "    past the width"])
        #expect(shown("Col     A       B", width: 40) == ["Col     A       B"])
        #expect(shown("Col     A       B", width: 10) == ["Col     A ", "      B"])
        #expect(shown("End.  Next sentence here", width: 12) == ["End. Next", "sentence", "here"])
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
