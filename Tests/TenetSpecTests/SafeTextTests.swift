import Foundation
import Testing
@testable import TenetSpec

/// The one function that decides what may reach a terminal, for the command line and the
/// workbench alike.
@Suite struct SafeTextTests {
    static let hostile = "a\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}b\u{9B}31m\u{7F}\u{202E}evil\u{2066}x\u{2069}\r"
        + "\u{200F}l\u{200E}m\u{61C}n\u{2028}o\u{2029}"

    static func acting(_ text: String) -> Bool {
        text.unicodeScalars.contains { v in
            (v.value < 0x20 && v != "\n" && v != "\t") || (0x7F...0x9F).contains(v.value)
                || (0x2028...0x202E).contains(v.value) || (0x2066...0x2069).contains(v.value)
                || v.value == 0x200E || v.value == 0x200F || v.value == 0x61C
        }
    }

    @Test func everythingATerminalActsOnBecomesAVisiblePlaceholder() {
        let shown = SafeText.visible(Self.hostile)
        #expect(!Self.acting(shown))
        #expect(shown == "a␛[2J␛]52;c;ZXZpbA==␇b<9B>31m␡<U+202E>evil<U+2066>x<U+2069>␍<U+200F>l<U+200E>m<U+61C>n<U+2028>o<U+2029>")
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

    /// The byte-level fast path lays text out exactly as character by character does,
    /// around the places where ASCII meets what follows it (a combining mark after `e`,
    /// CR LF, an escape), in random mixes.
    @Test func cellsAreTheSameWithTheASCIIFastPath() {
        let pieces = ["e", "\u{301}", "\r", "\n", "\r\n", "\u{1B}[2J", "—", "👍🏽", "\u{202E}", "a", " ", "规", "\u{200D}", "\t", "\u{7F}", "~",
                      "\u{200F}", "\u{61C}", "\u{2028}", "ب"]
        var random = SeededRandom(seed: 21)
        for _ in 0..<500 {
            let text = (0..<Int(random.next() % 24)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let byCharacter = text.flatMap { SafeText.clusters(String($0)) }
            #expect(SafeText.clusters(text) == byCharacter, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func jsonPrintedToATerminalEscapesWhatJSONLetsThroughRaw() throws {
        let value = ["title": "x\u{202E}y\u{9B}z\u{7F}\u{2069} 规则 \n\u{200F}\u{61C}\u{2028}", "hidden": "ok.\u{E0069}\u{E01EF} 🏴\u{E01F0}"]
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let safe = JSONString.terminalSafe(json)
        #expect(!Self.acting(safe))
        #expect(safe.contains(#"x\u202ey\u009bz\u007f\u2069 规则"#))
        #expect(safe.contains(#"\u200f\u061c\u2028"#))
        // Tags and the selectors that carry data as surrogate pairs; a code point past them is left.
        #expect(safe.contains(#""ok.\udb40\udc69\udb40\uddef 🏴\#u{E01F0}""#))
        let back = try JSONDecoder().decode([String: String].self, from: Data(safe.utf8))
        #expect(back == value, "the same value decodes")
        #expect(JSONString.terminalSafe("[\n  \"plain\"\n]") == "[\n  \"plain\"\n]")
    }
}

/// The byte-level check that lets most text through unchanged agrees with the rule it
/// shortcuts, on random text mixing every kind of character it must tell apart.
@Suite struct SafeTextFastPathTests {
    /// The rule itself, scalar by scalar, as ``SafeText/visible(_:lineBreaks:)`` states it.
    static func reference(_ text: String, keep: Bool) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if keep && (scalar == "\n" || scalar == "\t") { out.unicodeScalars.append(scalar) }
            else if keep && scalar == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { out += "\r\n"; i += 1 }
            else if let shown = SafeText.placeholder(for: scalar) { out += shown }
            else { out.unicodeScalars.append(scalar) }
            i += 1
        }
        return out
    }

    @Test func randomTextIsShownExactlyAsTheRuleSays() {
        let palette: [String] = ["a", "Z", " ", "—", "é", "€", "😀", "\u{301}", "\n", "\t", "\r", "\r\n", "\u{1B}", "\u{07}", "\u{7F}",
                                 "\u{85}", "\u{9B}", "\u{A0}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2066}", "\u{2069}", "\u{206A}",
                                 "\u{2029}", "\u{2400}", "ꙮ", "\u{200D}", "\u{200E}", "\u{200F}", "\u{2027}", "\u{2028}",
                                 "\u{61B}", "\u{61C}", "\u{61D}", "ب"]
        var random = SeededRandom(seed: 7)
        for _ in 0..<3000 {
            let text = (0..<random.int(in: 0...12)).map { _ in palette[random.int(in: 0...(palette.count - 1))] }.joined()
            for keep in [false, true] {
                let shown = SafeText.visible(text, lineBreaks: keep ? .kept : .shown)
                #expect(shown == Self.reference(text, keep: keep), "\(Array(text.unicodeScalars.map(\.value))) keep \(keep)")
            }
        }
    }
}
