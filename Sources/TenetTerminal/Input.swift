import CNcursesw
import Foundation
import TenetUI

extension Terminal {
    /// Waits up to `timeoutMilliseconds` (forever when negative) for the next event.
    ///
    /// Keys curses has already buffered come first; then the input descriptor is polled.
    /// A hung-up or closed input gives ``TerminalEvent/hangup``, a watched signal
    /// ``TerminalEvent/signal(_:)``, a window-size change ``TerminalEvent/resize(width:height:)``.
    /// A signal that arrives just before the wait is seen at the end of it (at most one timeout late).
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent {
        guard screen != nil else { return .hangup }
        if !pending.isEmpty { return pending.removeFirst() }
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            if let signal = SignalWatch.take() { return .signal(signal) }
            // Whatever curses already holds (bytes read ahead, a pending resize).
            while true {
                switch readInput(waitMilliseconds: 0) {
                case .event(let event): return event
                case .ignored: continue
                case .nothing: break
                }
                break
            }
            var remaining: Int32 = -1
            if timeoutMilliseconds >= 0 {
                let elapsed = start.duration(to: clock.now).components
                let elapsedMs = Int(elapsed.seconds) * 1000 + Int(elapsed.attoseconds / 1_000_000_000_000_000)
                remaining = Int32(clamping: max(0, timeoutMilliseconds - elapsedMs))
            }
            var descriptor = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, remaining)
            if ready < 0 {
                if errno == EINTR || errno == EAGAIN { continue }  // signal or SIGWINCH: look again
                return .hangup
            }
            if ready == 0 { return SignalWatch.take().map { .signal($0) } ?? .timeout }
            let revents = Int32(descriptor.revents)
            if revents & Int32(POLLERR | POLLNVAL) != 0 { return .hangup }
            if revents & Int32(POLLIN) != 0 {
                // Readable: read what is there (a hung-up pipe still gives its last bytes).
                switch readInput(waitMilliseconds: 100) {
                case .event(let event):
                    failedReads = 0
                    return event
                case .ignored:
                    failedReads = 0
                case .nothing:
                    // Readable but nothing to read, again and again: end of file.
                    failedReads += 1
                    if failedReads >= 3 { return .hangup }
                }
                continue
            }
            if revents & Int32(POLLHUP) != 0 { return .hangup }
        }
    }

    /// Drops the keys typed but not yet read, and any decoded ahead: what was typed before
    /// the screen showed something new to decide was not typed at it. (A window-size change
    /// is not a key: curses still reports it.)
    public func discardTypeahead() {
        guard screen != nil else { return }
        flushinp()
        pending.removeAll { if case .key = $0 { true } else { false } }
    }

    enum ReadResult {
        case event(TerminalEvent)
        /// Input arrived but means nothing to the workbench (NUL, mouse, unknown keys).
        case ignored
        /// `wget_wch` returned `ERR`: nothing within the wait, or end of file.
        case nothing
    }

    /// One `wget_wch` with the given wait.
    func readInput(waitMilliseconds: Int32) -> ReadResult {
        wtimeout(window, waitMilliseconds)
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        switch status {
        case KEY_CODE_YES:
            if Int32(truncatingIfNeeded: code) == KEY_RESIZE {
                return .event(.resize(width: size.width, height: size.height))
            }
            return KeyDecoding.key(code: code, isKeyCode: true).map { .event(.key($0)) } ?? .ignored
        case OK:
            if code == 27 { return escapeSequence() }
            return KeyDecoding.key(code: code, isKeyCode: false).map { .event(.key($0)) } ?? .ignored
        default:
            return .nothing
        }
    }

    /// One read of a character or key code, `nil` when nothing arrives within the wait.
    private func rawRead(waitMilliseconds: Int32) -> (code: UInt32, isKeyCode: Bool)? {
        wtimeout(window, waitMilliseconds)
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        if status == KEY_CODE_YES { return (code, true) }
        if status == OK { return (code, false) }
        return nil
    }

    /// What follows an ESC that curses did not recognise as a key, decoded by
    /// ``EscapeDecoder`` (see there for the rule): the first key is the event, the rest
    /// wait in ``pending``; nothing at all for a sequence that is swallowed.
    private func escapeSequence() -> ReadResult {
        let keys = EscapeDecoder(altChords: altChords).keys { rawRead(waitMilliseconds: $0) }
        guard let first = keys.first else { return .ignored }
        pending.append(contentsOf: keys.dropFirst().map { .key($0) })
        return .event(.key(first))
    }
}
