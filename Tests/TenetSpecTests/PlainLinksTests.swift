import Testing
@testable import TenetSpec

/// Markdown links become the text a model reads outside the document.
@Suite struct PlainLinksTests {
    @Test func everyKindOfLinkBecomesItsText() {
        #expect(PlainLinks.plain("create [biological weapons](https://example.org/bio), as [the citing rule](#lab.cite) explains")
                == "create biological weapons, as the citing rule explains")
        #expect(PlainLinks.plain(#"see [our guide](https://example.org/guide "Guide") and <https://example.org/raw>."#)
                == "see our guide and https://example.org/raw.")
        #expect(PlainLinks.plain("![a chart](chart.png) of [a [nested] label](<https://x.org/a b>)") == "a chart of a [nested] label", "brackets inside a label are text")
        #expect(PlainLinks.plain("[wiki](https://en.wikipedia.org/wiki/Foo_(bar)) page") == "wiki page", "balanced parentheses in the address")
        #expect(PlainLinks.plain("mail <team@example.org>") == "mail team@example.org")
        #expect(PlainLinks.plain("under the [?](#chain_of_command) and [?](#x)") == "under the rule “chain_of_command” and the rule “x”")
    }

    @Test func whatIsNotALinkIsKeptAsWritten() {
        for text in ["a [x] (y) b", "[x] alone", "a < b > c", "<b>bold</b>", "[unclosed](https://x", "1 < 2", "brackets [] and ()", "[a]\n\n(b)"] {
            #expect(PlainLinks.plain(text) == text, "\(text)")
        }
    }
}
