import CNcursesw
import Foundation
@testable import TenetTerminal
import TenetUI
import Testing

/// What an ESC stands for with the bytes that arrived with it (``EscapeDecoder``): Esc
/// and a key stay Esc and a key, unless they are a sequence or an Alt chord the
/// workbench acts on.
@Suite struct EscapeDecodingTests {
    /// The keys for the bytes after an ESC, all of them already arrived (as in one SSH
    /// packet), read the way the terminal reads them: a wait of 0 sees only what is there.
    static func decode(_ after: String, altChords: Set<Character> = Keymap().altChords, keyCodes: [Int32] = []) -> (keys: [Key], left: String) {
        var input: [(code: UInt32, isKeyCode: Bool)] = after.unicodeScalars.map { ($0.value, false) }
            + keyCodes.map { (UInt32($0), true) }
        let keys = EscapeDecoder(altChords: altChords).keys { _ in input.isEmpty ? nil : input.removeFirst() }
        return (keys, String(String.UnicodeScalarView(input.compactMap { Unicode.Scalar($0.code) })))
    }

    @Test func escAndAKeyArrivingTogetherAreEscThenTheKey() {
        for (after, second) in [("a", Key.char("a")), ("q", .char("q")), ("x", .char("x")), ("B", .char("B")),
                                ("F", .char("F")), ("1", .char("1")), (" ", .char(" ")), ("é", .char("é")),
                                ("\r", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{12}", .ctrl("r")),
                                ("\u{1B}", .escape)] {
            #expect(Self.decode(after).keys == [.escape, second], "ESC \(Array(after.unicodeScalars.map(\.value)))")
        }
        // A key curses decoded (an arrow after a lone Esc) counts too.
        #expect(Self.decode("", keyCodes: [KEY_DOWN]).keys == [.escape, .down])
        // Only the first byte after the ESC belongs to it: the rest are read as keys again.
        #expect(Self.decode("ab") == ([.escape, .char("a")], "b"))
        #expect(Self.decode("").keys == [.escape])
    }

    @Test func theAltChordsTheEditorsActOnStayAltChords() {
        for c in Keymap.editorAltChords {
            #expect(Self.decode(String(c)).keys == [.alt(c)], "ESC \(c)")
        }
        // The set comes from whoever starts the terminal: a chord not in it is Esc and the key.
        #expect(Self.decode("b", altChords: []).keys == [.escape, .char("b")])
        #expect(Self.decode("z", altChords: ["z"]).keys == [.alt("z")])
    }

    @Test func csiAndSs3AreAlwaysSequences() {
        // A key curses did not know, a terminal's reply, a mouse report: swallowed whole.
        #expect(Self.decode("[1;5P") == ([], ""))
        #expect(Self.decode("[?2004;1$y") == ([], ""))
        #expect(Self.decode("OP") == ([], ""))
        #expect(Self.decode("[1;5Pj") == ([], "j"), "the key after the sequence is left to read")
        // A bracketed paste is text, line breaks and all.
        #expect(Self.decode("[200~one\ntwo\u{1B}[201~") == ([.paste("one\ntwo")], ""))
        // `[` or `O` with nothing after them were typed: Esc, then the key.
        #expect(Self.decode("[").keys == [.escape, .char("[")])
        #expect(Self.decode("O").keys == [.escape, .char("O")])
        // A runaway sequence ends the swallowing after 32 bytes.
        #expect(Self.decode("[" + String(repeating: "1", count: 40)).keys == [])
    }

    @Test func theKeymapsAltChordsAreTheOnesTheEditorsActOn() {
        // Every Alt chord a text field acts on, and no other, is in the set the terminal
        // reads as a chord: a new one in an editor without it here would be lost over SSH.
        var acting = Set<Character>()
        for value in 0x21...0x7E {
            let c = Character(Unicode.Scalar(UInt8(value)))
            var area = TextArea("one two\nthree four")
            _ = area.handle(.down, width: 40, height: 10)
            _ = area.handle(.end, width: 40, height: 10)
            _ = area.handle(.left, width: 40, height: 10)
            if area.handle(.alt(c), width: 40, height: 10) != .ignored { acting.insert(c) }
            var line = LineEditor("one two three")
            _ = line.handle(.left)
            _ = line.handle(.left)
            if line.handle(.alt(c)) != .ignored { acting.insert(c) }
        }
        #expect(acting == Keymap.editorAltChords)
        #expect(Keymap().altChords == Keymap.editorAltChords)
    }
}

extension TerminalShimTests.Adapter {
    @Test func escAndAKeyInOneWriteThroughRealCurses() throws {
        try withHeadless { h in
            h.send("\u{1B}x")
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.escape))
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("x")))
            h.send("\u{1B}b")
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.alt("b")))
            h.send("\u{1B}\u{1B}j")
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.escape))
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.escape))
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("j")))
            h.send("\u{1B}[200~pasted\u{1B}[201~k")
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.paste("pasted")))
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("k")))
            // The set is the terminal's to change.
            h.terminal.altChords = []
            h.send("\u{1B}b")
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.escape))
            #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("b")))
        }
    }
}
