import CNcursesw
import Foundation
import TenetUI

/// What the terminal reports to the input loop.
public enum TerminalEvent: Equatable, Sendable {
    /// A key press.
    case key(Key)
    /// The terminal changed size; redraw at the new size.
    case resize(width: Int, height: Int)
    /// Nothing arrived within the timeout.
    case timeout
    /// The input is gone (SSH connection dropped, stdin at end of file): leave cleanly.
    case hangup
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived: leave through the normal clean-up path.
    case signal(Int32)
}

/// What the adapter found out about the terminal when it started.
public struct TerminalInfo: Sendable {
    /// The terminfo entry actually in use.
    public var term: String
    /// `$TERM` when it was not usable (unknown, or cannot move the cursor, like `dumb`) and
    /// a fallback entry was used instead (`""` when `$TERM` was unset or empty); `nil` when
    /// `$TERM` worked.
    public var fellBackFrom: String?
    /// Whether the locale was not UTF-8 and `LC_CTYPE` was switched to `C.UTF-8`.
    public var localeFellBack: Bool
    /// The colours the workbench may use (`.none` under `NO_COLOR`).
    public var depth: ColorDepth
    /// The terminfo colour count (0 when the entry has none), whatever `NO_COLOR` says.
    public var colors: Int
}

/// Why the terminal could not start.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output (named) is not a terminal.
    case notATerminal(stream: String)
    /// Neither `$TERM` nor any fallback entry (xterm-256color, xterm, vt100) could be
    /// loaded. (An entry that cannot move the cursor, such as `dumb`, counts as unusable.)
    case noUsableEntry(term: String?)
    /// Another ``Terminal`` is running: curses has one global screen.
    case alreadyRunning

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            return "standard \(stream) is not a terminal; the workbench needs an interactive terminal"
        case .noUsableEntry(let term):
            return "no usable terminal description: TERM=\(term ?? "(unset)") is unknown and the fallbacks "
                + "xterm-256color, xterm and vt100 are not installed (install ncurses-term or set TERM)"
        case .alreadyRunning:
            return "a terminal session is already running in this process"
        }
    }
}

/// The ncurses adapter: the only place that talks to the terminal. It draws a
/// ``ScreenBuffer`` and reads keys; everything else is pure.
///
/// Not thread-safe (ncurses is not): create it, use it and stop it on the main thread.
/// Only one may run at a time. The caller **must call ``stop()`` on every exit path**
/// (including after ``TerminalEvent/signal(_:)`` and ``TerminalEvent/hangup``); `deinit`
/// and an `atexit` hook are last resorts only.
public final class Terminal {
    /// What was found out at start-up.
    public let info: TerminalInfo

    /// The running screen; `nil` once stopped.
    var screen: OpaquePointer?
    let window: UnsafeMutablePointer<WINDOW>
    let inputFD: Int32
    /// Where the screen is written.
    let outputStream: UnsafeMutablePointer<FILE>
    var pairs: ColorPairs
    /// Scratch space for one cell's characters, NUL-terminated, for `setcchar`.
    let scratch: UnsafeMutablePointer<wchar_t>
    /// The cursor visibility last set, to call `curs_set` only on change.
    var cursorVisible = false
    /// Reads that failed although `poll` said the input was readable, in a row.
    var failedReads = 0
    /// Events decoded while looking past an ESC, handed out before new input is read.
    var pending: [TerminalEvent] = []
    /// What clears the screen and homes the cursor when the terminal has no alternate
    /// screen (no `smcup`/`rmcup`, as on a vt100): written on leaving, so that the last
    /// frame does not stay under the shell's prompt. `nil` when the entry has one (leaving
    /// it brings back the screen as it was).
    let clearOnLeave: String?
    /// The characters that make an Alt chord with an ESC arriving just before them; ESC
    /// and any other key is Esc, then that key (see ``EscapeDecoder``). Set it from the
    /// keymap in use (``Keymap/altChords``).
    public var altChords: Set<Character> = Keymap().altChords

    /// Whether `NO_COLOR` is set to a non-empty value.
    public static var noColorRequested: Bool {
        !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Starts curses on the process's terminal (or on the given streams, for tests).
    ///
    /// - Parameters:
    ///   - term: the terminfo entry to try first; when it is unknown, xterm-256color,
    ///     xterm and vt100 are tried (see ``TerminalInfo/fellBackFrom``).
    ///   - noColor: no colours, attributes only (`NO_COLOR`).
    ///   - input, output: streams to use instead of stdin and stdout (not closed by the
    ///     terminal). Standard streams are checked to be terminals; given ones are not.
    ///   - inputFD: the descriptor to wait on; default: `input`'s, or 0.
    /// - Throws: ``TerminalError``.
    public init(
        term: String? = ProcessInfo.processInfo.environment["TERM"],
        noColor: Bool = Terminal.noColorRequested,
        input: UnsafeMutablePointer<FILE>? = nil,
        output: UnsafeMutablePointer<FILE>? = nil,
        inputFD: Int32? = nil
    ) throws {
        guard !SignalWatch.cursesRunning else { throw TerminalError.alreadyRunning }
        if input == nil, isatty(0) == 0 { throw TerminalError.notATerminal(stream: "input") }
        if output == nil, isatty(1) == 0 { throw TerminalError.notATerminal(stream: "output") }

        let localeFellBack = tenet_ensure_utf8_locale() == 1
        // Before newterm, so that ncurses keeps its own exit-on-signal handlers out.
        SignalWatch.installHandlers()
        // Before curses changes the terminal: the settings a crash should put back.
        SignalWatch.installCrashHandler(fd: output.map { fileno($0) } ?? 1)
        var fellBack: Int32 = 0
        var started: OpaquePointer?
        if let term {
            started = term.withCString { tenet_newterm($0, output, input, &fellBack) }
        } else {
            started = tenet_newterm(nil, output, input, &fellBack)
        }
        if let entry = started, !Self.canAddressCursor() {
            // An entry such as `dumb` loads but cannot draw a screen: use a fallback.
            endwin()
            delscreen(entry)
            started = tenet_newterm(nil, output, input, &fellBack)
        }
        guard let started, let window = tenet_stdscr() else {
            if let started { endwin(); delscreen(started) }
            SignalWatch.restoreHandlers()
            throw TerminalError.noUsableEntry(term: term)
        }
        SignalWatch.cursesStarted(true)
        screen = started
        self.window = window
        self.inputFD = inputFD ?? input.map { fileno($0) } ?? 0
        outputStream = output ?? fdopen(dup(1), "w") ?? fdopen(1, "w")!

        raw()
        noecho()
        nonl()
        keypad(window, true)
        meta(window, true)
        leaveok(window, false)
        scrollok(window, false)
        intrflush(window, false)
        // Long enough for an arrow key's bytes split across SSH packets, short enough that
        // a lone Esc feels immediate.
        set_escdelay(60)
        Self.bracketedPaste(true, to: outputStream)
        curs_set(0)
        Self.defineCursorKeys()

        let colors = max(0, Int(tigetnum("colors")))
        var depth = ColorDepth(colors: colors, noColor: noColor)
        var defaultColors = false
        if depth != .none {
            if has_colors() && start_color() == OK {
                defaultColors = use_default_colors() == OK
            } else {
                depth = .none
            }
        }
        pairs = ColorPairs(depth: depth, colors: colors, defaultColors: defaultColors)
        clearOnLeave = Self.hasAlternateScreen() ? nil : Self.clearScreen()
        scratch = .allocate(capacity: Int(CCHARW_MAX) + 1)
        info = TerminalInfo(
            term: termname().map { String(cString: $0) } ?? term ?? "",
            fellBackFrom: fellBack == 1 ? (term ?? "") : nil,
            localeFellBack: localeFellBack, depth: depth, colors: colors)
    }

    deinit {
        stop()
        scratch.deallocate()
    }

    /// The screen's size in cells.
    public var size: (width: Int, height: Int) {
        guard screen != nil else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Leaves curses: the terminal goes back to the state the shell expects, the signal
    /// dispositions are restored. Idempotent; after it, the terminal does nothing.
    public func stop() {
        guard let screen else { return }
        self.screen = nil
        bracketedPaste(false)
        endwin()
        clearIfNoAlternateScreen()
        delscreen(screen)
        SignalWatch.cursesStarted(false)
        SignalWatch.restoreHandlers()
    }

    /// Runs `body` (an editor, a pager, a shell) with the terminal in its normal state —
    /// cursor visible, cooked mode, main screen — then resumes curses. The next ``draw(_:cursor:)``
    /// repaints everything. SIGINT/SIGQUIT typed at the child program are forgotten.
    public func suspend<T>(_ body: () throws -> T) rethrows -> T {
        guard screen != nil else { return try body() }
        def_prog_mode()
        bracketedPaste(false)
        endwin()
        clearIfNoAlternateScreen()
        defer {
            SignalWatch.discardInteractive()
            reset_prog_mode()
            bracketedPaste(true)
            clearok(window, true)
            wrefresh(window)
            curs_set(cursorVisible ? 1 : 0)
        }
        return try body()
    }

    /// Whether the current entry can move the cursor (`cup`).
    private static func canAddressCursor() -> Bool { capability("cup") != nil }

    /// A string capability of the current entry; `nil` when it is absent or cancelled.
    private static func capability(_ name: String) -> String? {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return nil }
        return String(cString: value)
    }

    /// Whether the current entry switches to an alternate screen and back (`smcup`, `rmcup`).
    static func hasAlternateScreen() -> Bool { capability("smcup") != nil && capability("rmcup") != nil }

    /// The entry's `clear` (home the cursor and clear the screen) without its padding
    /// delays (`$<50>`), which only slow terminals needed; the ANSI form when it has none.
    static func clearScreen() -> String {
        let clear = capability("clear") ?? "\u{1B}[H\u{1B}[J"
        return clear.replacingOccurrences(of: #"\$<[0-9.]*[*/]*>"#, with: "", options: .regularExpression)
    }

    /// After `endwin`, on a terminal without an alternate screen: clears it and homes the
    /// cursor, so that the shell (or the editor) starts on an empty screen rather than
    /// under the workbench's last frame. Written to the terminal's own stream.
    private func clearIfNoAlternateScreen() {
        guard let clearOnLeave else { return }
        fputs(clearOnLeave, outputStream)
        fflush(outputStream)
    }

    /// Asks the terminal to mark pasted text (`ESC [ 200 ~` … `ESC [ 201 ~`), so that a
    /// paste is inserted as text and a newline in it never runs as Enter. Terminals that
    /// do not know the mode ignore it.
    /// Written to the terminal's own stream (putp would write to standard output, which
    /// is not the terminal when one was given).
    func bracketedPaste(_ on: Bool) { Self.bracketedPaste(on, to: outputStream) }

    static func bracketedPaste(_ on: Bool, to stream: UnsafeMutablePointer<FILE>) {
        fputs(on ? "\u{1B}[?2004h" : "\u{1B}[?2004l", stream)
        fflush(stream)
    }

    /// Cursor keys in the form terminals send outside keypad-transmit mode (`ESC [ A`…),
    /// for entries that only list the `ESC O A` form.
    private static func defineCursorKeys() {
        let keys: [(String, Int32)] = [
            ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
            ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[Z", KEY_BTAB),
        ]
        for (sequence, code) in keys where sequence.withCString({ key_defined($0) }) == 0 {
            _ = sequence.withCString { define_key($0, code) }
        }
    }
}
