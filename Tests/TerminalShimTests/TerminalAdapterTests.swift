import CNcursesw
import Foundation
@testable import TenetTerminal
import TenetUI
import Testing

/// The adapter on a real, headless ncurses screen: input from a pipe, output to /dev/null.
/// Nested in ``TerminalShimTests`` so that it shares that suite's serialization: ncurses
/// has one global screen.
extension TerminalShimTests {
    @Suite struct Adapter {
        // MARK: Drawing

        @Test func wideCombiningAndStyledTextReadBack() throws {
            try withHeadless { h in
                let (width, height) = h.terminal.size
                #expect(width == 80 && height == 24)
                var buffer = ScreenBuffer(width: width, height: height)
                let red = Style(foreground: .index(1), attributes: [.bold])
                buffer.write("规则 ok ✓ e\u{301}", x: 0, y: 0, style: .plain)
                buffer.write("bold red", x: 2, y: 1, style: red)
                buffer.write("规则", x: 0, y: 2, style: .plain)
                buffer.write("X", x: 4, y: 2, style: .plain)
                buffer.write("末", x: 78, y: 3, style: .plain)
                h.terminal.draw(buffer, cursor: nil)

                let row0 = h.terminal.readRow(0)
                #expect(Array(row0.unicodeScalars) == Array("规则 ok ✓ e\u{301}".unicodeScalars))
                #expect(h.terminal.readRow(1) == "  bold red")
                #expect(h.terminal.readRow(2) == "规则X")
                #expect(h.terminal.readRow(3).hasSuffix("末"))
                #expect(h.terminal.readRow(5) == "")

                // Cell by cell: the text after a wide character sits at the right column,
                // and the styled row carries its attributes and colour pair.
                #expect(cellText(x: 4, y: 2) == "X")
                #expect(cellText(x: 5, y: 0) == "o")
                let (attributes, pair) = cellStyle(x: 2, y: 1)
                #expect(attributes & tenet_a_bold() != 0)
                var fg: Int32 = 0, bg: Int32 = 0
                #expect(extended_pair_content(pair, &fg, &bg) == OK)
                #expect(fg == 1 && bg == -1)
            }
        }

        @Test func noColorKeepsAttributesAndDropsColours() throws {
            try withHeadless(noColor: true) { h in
                var buffer = ScreenBuffer(width: 80, height: 24)
                buffer.write("loud", x: 0, y: 0, style: Style(foreground: .index(9), attributes: [.reverse, .underline]))
                h.terminal.draw(buffer, cursor: (x: 1, y: 0))
                #expect(h.terminal.readRow(0) == "loud")
                let (attributes, pair) = cellStyle(x: 0, y: 0)
                #expect(attributes & tenet_a_reverse() != 0 && attributes & tenet_a_underline() != 0)
                #expect(pair == 0)
            }
        }

        @Test func drawsABufferLargerThanTheScreenWithoutWrapping() throws {
            try withHeadless { h in
                var buffer = ScreenBuffer(width: 100, height: 30)
                buffer.write(String(repeating: "a", count: 79) + "宽b", x: 0, y: 0, style: .plain)
                buffer.write("bottom", x: 0, y: 29, style: .plain)
                h.terminal.draw(buffer, cursor: (x: 200, y: 200))
                #expect(h.terminal.readRow(0) == String(repeating: "a", count: 79))
                #expect(h.terminal.readRow(1) == "")
                // A smaller buffer (a resize in flight) leaves no stale cells behind.
                var small = ScreenBuffer(width: 4, height: 2)
                small.write("tiny", x: 0, y: 0, style: .plain)
                h.terminal.draw(small, cursor: nil)
                #expect(h.terminal.readRow(0) == "tiny")
            }
        }

        // MARK: Input

        @Test func keysArriveDecodedThroughRealCurses() throws {
            try withHeadless { h in
                let cases: [(String, Key)] = [
                    ("j", .char("j")), ("\u{1B}[A", .up), ("\u{1B}OB", .down), ("\u{12}", .ctrl("r")),
                    ("\u{7F}", .backspace), ("\r", .enter), ("é", .char("é")), ("规", .char("规")),
                    ("\t", .tab), ("\u{1B}[Z", .backTab), ("\u{1B}[15~", .function(5)), ("\u{1B}[3~", .delete),
                    ("\u{1B}[5~", .pageUp), ("\u{1B}[H", .home), ("\u{03}", .ctrl("c")), ("\u{1A}", .ctrl("z")),
                    ("\u{1B}", .escape), (" ", .char(" ")),
                ]
                for (bytes, key) in cases {
                    h.send(bytes)
                    #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(key), "bytes \(Array(bytes.utf8))")
                }
                // Several keys written at once come out one by one, buffered keys first.
                h.send("abc")
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("a")))
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("b")))
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("c")))
                // Bytes still in the pipe when it closes are read before the hang-up.
                h.send("q")
                h.closeInput()
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("q")))
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 5000) == .hangup)
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 5000) == .hangup)
            }
        }

        @Test func timeoutWhenNothingArrives() throws {
            try withHeadless { h in
                let start = ContinuousClock.now
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 50) == .timeout)
                #expect(ContinuousClock.now - start >= .milliseconds(40))
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 0) == .timeout)
            }
        }

        @Test func garbageInputNeverCrashes() throws {
            try withHeadless { h in
                var generator = SystemRandomNumberGenerator()
                let bytes = (0..<3000).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    + Array("\u{1B}[1;5A\u{1B}[200~\u{1B}[M !!\u{1B}]0;x\u{07}\u{00}\u{1C}".utf8)
                h.send(bytes)
                var events = 0
                while events < 10_000, h.terminal.nextEvent(timeoutMilliseconds: 100) != .timeout { events += 1 }
                #expect(events > 0)
                h.send("z")
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 1000) == .key(.char("z")))
            }
        }

        @Test func signalsBecomeEvents() throws {
            var before = sigaction()
            sigaction(SIGPIPE, nil, &before)
            // kill(), not raise(): test threads are dispatch workers, which block these
            // signals; the process-directed signal reaches a thread that takes it.
            try withHeadless { h in
                kill(getpid(), SIGTERM)
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 200) == .signal(SIGTERM))
                kill(getpid(), SIGHUP)
                usleep(50_000)
                h.send("k")
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 200) == .signal(SIGHUP))
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 200) == .key(.char("k")))
                kill(getpid(), SIGPIPE)  // ignored while the terminal runs
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 50) == .timeout)
            }
            // Restored afterwards.
            var after = sigaction()
            sigaction(SIGPIPE, nil, &after)
            #expect(unsafeBitCast(after.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self))
        }

        // MARK: Life cycle

        @Test func colourDepthFollowsTheEntryAndNoColor() throws {
            try withHeadless(term: "xterm-256color") { h in
                #expect(h.terminal.info.depth == .full)
                #expect(h.terminal.info.colors == 256)
                #expect(h.terminal.info.fellBackFrom == nil)
                #expect(h.terminal.info.term == "xterm-256color")
            }
            try withHeadless(term: "xterm-256color", noColor: true) { h in
                #expect(h.terminal.info.depth == .none)
            }
            try withHeadless(term: "vt100") { h in
                #expect(h.terminal.info.depth == .none)
            }
            try withHeadless(term: "xterm") { h in
                #expect(h.terminal.info.depth == .eight)
            }
        }

        @Test func unknownTermFallsBack() throws {
            try withHeadless(term: "no-such-terminal-xyz") { h in
                #expect(h.terminal.info.fellBackFrom == "no-such-terminal-xyz")
                #expect(h.terminal.info.term == "xterm-256color")
            }
            try withHeadless(term: "dumb") { h in
                #expect(h.terminal.info.fellBackFrom == "dumb")
                #expect(h.terminal.info.term == "xterm-256color")
            }
        }

        @Test func onlyOneTerminalAtATimeAndStopIsIdempotent() throws {
            try withHeadless { h in
                #expect(throws: TerminalError.alreadyRunning) {
                    _ = try Terminal(term: "xterm", noColor: false, input: h.input, output: h.output)
                }
                h.terminal.stop()
                h.terminal.stop()
                #expect(h.terminal.nextEvent(timeoutMilliseconds: 10) == .hangup)
                h.terminal.draw(ScreenBuffer(width: 3, height: 3), cursor: nil)
                #expect(h.terminal.readRow(0) == "")
            }
            // And a new one starts afterwards.
            try withHeadless { h in #expect(h.terminal.size.width == 80) }
        }

        @Test func suspendLeavesCursesAndComesBack() throws {
            try withHeadless { h in
                var buffer = ScreenBuffer(width: 80, height: 24)
                buffer.write("before", x: 0, y: 0, style: .plain)
                h.terminal.draw(buffer, cursor: nil)
                let inside = h.terminal.suspend { isendwin() }
                #expect(inside)
                #expect(!isendwin())
                buffer.write("after ", x: 0, y: 0, style: .plain)
                h.terminal.draw(buffer, cursor: nil)
                #expect(h.terminal.readRow(0) == "after")
            }
        }

        // MARK: Pure decoding

        @Test func keyDecodingWithoutAScreen() {
            #expect(KeyDecoding.key(code: 13, isKeyCode: false) == .enter)
            #expect(KeyDecoding.key(code: 10, isKeyCode: false) == .enter)
            #expect(KeyDecoding.key(code: 27, isKeyCode: false) == .escape)
            #expect(KeyDecoding.key(code: 8, isKeyCode: false) == .backspace)
            #expect(KeyDecoding.key(code: 127, isKeyCode: false) == .backspace)
            #expect(KeyDecoding.key(code: 9, isKeyCode: false) == .tab)
            #expect(KeyDecoding.key(code: 1, isKeyCode: false) == .ctrl("a"))
            #expect(KeyDecoding.key(code: 19, isKeyCode: false) == .ctrl("s"))
            #expect(KeyDecoding.key(code: 26, isKeyCode: false) == .ctrl("z"))
            #expect(KeyDecoding.key(code: 0, isKeyCode: false) == nil)
            #expect(KeyDecoding.key(code: 28, isKeyCode: false) == nil)
            #expect(KeyDecoding.key(code: 0x85, isKeyCode: false) == nil)
            #expect(KeyDecoding.key(code: 0xD800, isKeyCode: false) == nil)
            #expect(KeyDecoding.key(code: 0x11_0000, isKeyCode: false) == nil)
            #expect(KeyDecoding.key(code: 0x20, isKeyCode: false) == .char(" "))
            #expect(KeyDecoding.key(code: 0x1F600, isKeyCode: false) == .char("😀"))
            let codes: [(Int32, Key)] = [
                (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
                (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
                (KEY_A1, .home), (KEY_C1, .end), (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace),
                (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BTAB, .backTab), (KEY_F0 + 1, .function(1)),
                (KEY_F0 + 12, .function(12)),
            ]
            for (code, key) in codes {
                #expect(KeyDecoding.key(code: UInt32(code), isKeyCode: true) == key)
            }
            #expect(KeyDecoding.key(code: UInt32(KEY_MOUSE), isKeyCode: true) == nil)
            #expect(KeyDecoding.key(code: UInt32(KEY_F0), isKeyCode: true) == nil)
        }

        // MARK: Speed (reported, not asserted)

        @Test func drawingALargeScreenIsFast() throws {
            try withHeadless { h in
                resizeterm(60, 200)
                #expect(h.terminal.size.width == 200 && h.terminal.size.height == 60)
                let styles = [
                    Style.plain, Style(foreground: .index(4), attributes: [.bold]),
                    Style(foreground: .index(250), background: .index(236)), Style(attributes: [.reverse]),
                ]
                func frame(_ n: Int) -> ScreenBuffer {
                    var buffer = ScreenBuffer(width: 200, height: 60)
                    for y in 0..<60 {
                        var x = 0
                        var k = y + n
                        while x < 200 {
                            let word = k % 5 == 0 ? "规则检查 " : "rule-\(k) text "
                            x += buffer.write(word, x: x, y: y, style: styles[k % styles.count])
                            k += 1
                        }
                    }
                    return buffer
                }
                let frames = (0..<20).map(frame)
                let clock = ContinuousClock()
                let first = clock.measure { h.terminal.draw(frames[0], cursor: nil) }
                let same = clock.measure { for _ in 0..<20 { h.terminal.draw(frames[0], cursor: nil) } }
                let changing = clock.measure { for f in frames { h.terminal.draw(f, cursor: (x: 3, y: 3)) } }
                print("draw 200×60: first frame \(first), unchanged frame \(same / 20), changed frame \(changing / 20)")
            }
        }
    }
}

// MARK: - Helpers

/// A running ``Terminal`` on a pipe (input) and /dev/null (output).
final class Headless {
    let terminal: Terminal
    let input: UnsafeMutablePointer<FILE>
    let output: UnsafeMutablePointer<FILE>
    private var writeEnd: Int32

    init(term: String, noColor: Bool) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0, let input = fdopen(fds[0], "r"), let output = fopen("/dev/null", "w") else {
            throw POSIXError(.EIO)
        }
        self.input = input
        self.output = output
        writeEnd = fds[1]
        do {
            terminal = try Terminal(term: term, noColor: noColor, input: input, output: output)
        } catch {
            fclose(input); fclose(output); close(fds[1])
            throw error
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            offset += n
        }
    }

    func closeInput() {
        if writeEnd >= 0 { close(writeEnd) }
        writeEnd = -1
    }

    func finish() {
        terminal.stop()
        closeInput()
        fclose(input)
        fclose(output)
    }
}

func withHeadless(term: String = "xterm-256color", noColor: Bool = false, _ body: (Headless) throws -> Void) throws {
    let headless = try Headless(term: term, noColor: noColor)
    defer { headless.finish() }
    try body(headless)
}

/// The characters curses holds at one cell of the current screen.
func cellText(x: Int, y: Int) -> String {
    var cell = cchar_t()
    guard mvwin_wch(tenet_stdscr(), Int32(y), Int32(x), &cell) == OK else { return "" }
    var characters = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
    var attributes: attr_t = 0
    var pair: Int16 = 0
    guard getcchar(&cell, &characters, &attributes, &pair, nil) != ERR else { return "" }
    let scalars = characters.prefix(while: { $0 != 0 }).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
    return String(String.UnicodeScalarView(scalars))
}

/// The attributes and colour pair curses holds at one cell of the current screen.
func cellStyle(x: Int, y: Int) -> (attr_t, Int32) {
    var cell = cchar_t()
    guard mvwin_wch(tenet_stdscr(), Int32(y), Int32(x), &cell) == OK else { return (0, -1) }
    var characters = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
    var attributes: attr_t = 0
    var shortPair: Int16 = 0
    var pair: Int32 = 0
    guard getcchar(&cell, &characters, &attributes, &shortPair, &pair) != ERR else { return (0, -1) }
    return (attributes, pair)
}
