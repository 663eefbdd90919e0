import Foundation
@testable import TenetTerminal
import TenetUI
import Testing

/// Leaving curses (quitting, or running an editor) on a terminal without an alternate
/// screen clears it: the last frame does not stay under the shell's prompt.
extension TerminalShimTests.Adapter {
    /// What the terminal writes from start to `stop`, with a `suspend` in between.
    static func written(term: String) throws -> String {
        let path = NSTemporaryDirectory() + "tenet-leave-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0, let input = fdopen(fds[0], "r"), let output = fopen(path, "w") else { throw POSIXError(.EIO) }
        defer { fclose(input); fclose(output); close(fds[1]) }
        let terminal = try Terminal(term: term, noColor: true, input: input, output: output)
        var buffer = ScreenBuffer(width: 80, height: 24)
        buffer.write("THE LAST FRAME", x: 0, y: 3, style: .plain)
        terminal.draw(buffer, cursor: nil)
        terminal.suspend { fputs("EDITOR RUNS", output); fflush(output) }
        terminal.draw(buffer, cursor: nil)
        terminal.stop()
        fflush(output)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func withoutAnAlternateScreenLeavingClearsTheScreenAndHomesTheCursor() throws {
        let vt100 = try Self.written(term: "vt100")
        #expect(vt100.hasSuffix("\u{1B}[H\u{1B}[J"), "the last thing written clears the screen: \(vt100.debugDescription.suffix(40))")
        #expect(vt100.contains("\u{1B}[H\u{1B}[JEDITOR RUNS"), "and before an editor runs")
        #expect(!vt100.contains("$<"), "no padding markers written as text")
        // With an alternate screen, leaving it brings back what was there: nothing more is written.
        let xterm = try Self.written(term: "xterm-256color")
        #expect(!xterm.hasSuffix("\u{1B}[H\u{1B}[J") && !xterm.contains("\u{1B}[H\u{1B}[JEDITOR RUNS"))
    }
}
