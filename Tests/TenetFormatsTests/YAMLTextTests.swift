import Testing
@testable import TenetFormats

/// Text in a dataset card's front matter stays the same text for any YAML reader.
@Suite struct YAMLTextTests {
    @Test func whatYAMLWouldReadOtherwiseIsEscaped() {
        #expect(YAMLText.quoted("Travel: pairs # v2") == #""Travel: pairs # v2""#, "`: ` and `#` are plain inside quotes")
        #expect(YAMLText.quoted("say \"hi\" \\ there") == #""say \"hi\" \\ there""#)
        #expect(YAMLText.quoted("one\ntwo\r\tthree") == #""one\ntwo\r\tthree""#)
        #expect(YAMLText.quoted("esc\u{1B}[2J bell\u{07} del\u{7F} c1\u{9B}") == #""esc\x1B[2J bell\x07 del\x7F c1\x9B""#)
        #expect(YAMLText.quoted("nel\u{85} ls\u{2028} ps\u{2029} bom\u{FEFF}") == #""nel\N ls\L ps\P bom\uFEFF""#, "line breaks YAML would fold")
        #expect(YAMLText.quoted("東京 — café 🙂") == "\"東京 — café 🙂\"", "everything printable as it is")
        #expect(YAMLText.quoted("") == "\"\"")
    }
}
