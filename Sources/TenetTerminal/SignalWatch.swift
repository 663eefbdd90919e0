import CNcursesw
import CTerminalSignals

/// The process-wide signal and exit hooks, over the C target `CTerminalSignals`, which holds
/// their state (one definition, in `terminal_signals.c`).
///
/// SIGTERM, SIGHUP, SIGINT and SIGQUIT only set a flag, which ``Terminal/nextEvent(timeoutMilliseconds:)``
/// reports as ``TerminalEvent/signal(_:)``; SIGPIPE is ignored. An `atexit` hook calls
/// `endwin()` if the process exits while curses is running — a last resort only: callers
/// must still call ``Terminal/stop()`` on every exit path.
enum SignalWatch {
    /// Installs the flag-setting handlers and ignores SIGPIPE.
    static func installHandlers() { tenet_install_signal_handlers() }

    /// Restores the terminal on `fd` if the process crashes while curses runs.
    static func installCrashHandler(fd: Int32) { tenet_install_crash_handler(fd) }

    /// Puts back the dispositions that were in place before ``installHandlers()``.
    static func restoreHandlers() { tenet_restore_signal_handlers() }

    /// Records whether curses is running, for the `atexit` hook and ``cursesRunning``.
    static func cursesStarted(_ running: Bool) { tenet_set_curses_active(running ? 1 : 0) }

    /// Whether a ``Terminal`` is running in this process.
    static var cursesRunning: Bool { tenet_curses_active() != 0 }

    /// The first pending signal, clearing it; `nil` when none arrived.
    static func take() -> Int32? {
        let signal = tenet_take_signal()
        return signal == 0 ? nil : signal
    }

    /// Forgets pending SIGINT and SIGQUIT: what a user typed at a child program (shell,
    /// editor) while the terminal was suspended was meant for that program.
    static func discardInteractive() {
        tenet_discard_signal(SIGINT)
        tenet_discard_signal(SIGQUIT)
    }
}
