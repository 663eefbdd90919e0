import CNcursesw
import Foundation
import Testing

/// Checks that the ncurses system library and its shim build, link and behave on this
/// machine: the install step put the right packages in place, and the fallbacks the
/// workbench relies on (unknown TERM, wide characters) work with real ncurses.
/// ncurses has one global screen, so this suite runs serially.
@Suite(.serialized)
struct TerminalShimTests {
    @Test func unknownTermFallsBackToAKnownEntry() throws {
        guard let out = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
            Issue.record("cannot open /dev/null"); return
        }
        defer { fclose(out); fclose(input) }
        var fellBack: Int32 = 0
        let screen = tenet_newterm("no-such-terminal-type", out, input, &fellBack)
        #expect(screen != nil)
        #expect(fellBack == 1)
        if let screen {
            endwin()
            delscreen(screen)
        }
    }

    @Test func wideCharactersRoundTripThroughARealScreen() throws {
        _ = tenet_ensure_utf8_locale()
        guard let out = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
            Issue.record("cannot open /dev/null"); return
        }
        defer { fclose(out); fclose(input) }
        var fellBack: Int32 = 0
        guard let screen = tenet_newterm("xterm-256color", out, input, &fellBack) else {
            Issue.record("newterm failed for xterm-256color"); return
        }
        defer { endwin(); delscreen(screen) }
        let window = tenet_stdscr()!
        let text = "规则 ok"
        var wide = Array(text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }) + [0]
        #expect(mvwaddnwstr(window, 0, 0, &wide, Int32(wide.count - 1)) == OK)
        var back = [wchar_t](repeating: 0, count: 16)
        let n = mvwinnwstr(window, 0, 0, &back, 6)
        #expect(n > 0)
        let scalars = back.prefix(while: { $0 != 0 }).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        let read = String(String.UnicodeScalarView(scalars))
        #expect(read.hasPrefix("规则 ok"))
    }
}
