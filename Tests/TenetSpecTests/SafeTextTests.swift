import Foundation
import Testing
@testable import TenetSpec

/// The one function that decides what may reach a terminal, for the command line and the
/// workbench alike.
@Suite struct SafeTextTests {
    static let hostile = "a\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}b\u{9B}31m\u{7F}\u{202E}evil\u{2066}x\u{2069}\r"

    static func acting(_ text: String) -> Bool {
        text.unicodeScalars.contains { v in
            (v.value < 0x20 && v != "\n" && v != "\t") || (0x7F...0x9F).contains(v.value)
                || (0x202A...0x202E).contains(v.value) || (0x2066...0x2069).contains(v.value)
        }
    }

    @Test func everythingATerminalActsOnBecomesAVisiblePlaceholder() {
        let shown = SafeText.visible(Self.hostile)
        #expect(!Self.acting(shown))
        #expect(shown == "a␛[2J␛]52;c;ZXZpbA==␇b<9B>31m␡<U+202E>evil<U+2066>x<U+2069>␍")
        // The rest passes untouched: scripts, emoji, combining marks, zero-width joiners.
        let plain = "Grüße 规则 👩‍💻 e\u{301} \u{200B}"
        #expect(SafeText.visible(plain) == plain)
        #expect(SafeText.visible(plain, lineBreaks: .kept) == plain)
    }

    @Test func lineBreaksAreShownOnALineAndKeptInABlock() {
        #expect(SafeText.visible("one\ntwo\tthree") == "one↵two  three")
        #expect(SafeText.visible("one\ntwo\tthree", lineBreaks: .kept) == "one\ntwo\tthree")
        // CR LF is a line end; a CR alone would return to the start of the line and let
        // the text after it cover the text before.
        #expect(SafeText.visible("a\r\nb\rc\r", lineBreaks: .kept) == "a\r\nb␍c␍")
        #expect(SafeText.visible("a\r\nb", lineBreaks: .shown) == "a␍↵b")
        #expect(!Self.acting(SafeText.visible(Self.hostile, lineBreaks: .kept)))
    }

    @Test func theWorkbenchsCellsFollowTheSameRule() {
        let cells = SafeText.clusters(Self.hostile).map(\.text).joined()
        #expect(cells == SafeText.visible(Self.hostile))
    }

    @Test func jsonPrintedToATerminalEscapesWhatJSONLetsThroughRaw() throws {
        let value = ["title": "x\u{202E}y\u{9B}z\u{7F}\u{2069} 规则 \n"]
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let safe = JSONString.terminalSafe(json)
        #expect(!Self.acting(safe))
        #expect(safe.contains(#"x\u202ey\u009bz\u007f\u2069 规则"#))
        let back = try JSONDecoder().decode([String: String].self, from: Data(safe.utf8))
        #expect(back == value, "the same value decodes")
        #expect(JSONString.terminalSafe("[\n  \"plain\"\n]") == "[\n  \"plain\"\n]")
    }
}
