import Foundation
import TenetStore
import TenetTerminal
import TenetUI

/// The workbench's shell: draws the state, turns terminal events into actions, runs the
/// effects the reducer asks for, and polls the database for others' changes.
public final class EventLoop {
    private let session: WorkbenchSession
    private let terminal: Terminal
    private let pollInterval: Int
    /// Frame timing for the benchmark (`TENET_TRACE_FRAMES=FILE`): milliseconds since start.
    private let trace: FrameTrace?

    public init(state: WorkbenchState, terminal: Terminal, runner: EffectRunner, settings: WorkbenchSettings,
                theme: ResolvedTheme, trace: FrameTrace?) {
        self.terminal = terminal
        self.trace = trace
        pollInterval = settings.config.pollMilliseconds ?? 400
        session = WorkbenchSession(state: state, runner: runner, theme: theme) { [terminal] name in
            settings.theme(named: name, depth: terminal.info.depth)
        }
        runner.suspend = { [terminal] body in terminal.suspend(body) }
        session.beforeSlowEffect = { [weak self] state in self?.draw(state) }
    }

    /// Runs until the user quits, the terminal hangs up or a signal arrives. Returns the
    /// signal number when one ended it.
    public func run(initial: [Effect], notice: String?) -> Int32? {
        let size = terminal.size
        session.dispatch(.resized(Size(width: size.width, height: size.height)))
        session.perform(initial)
        // A config or theme problem: shown once the first screen is up (and again on exit).
        if let notice { session.dispatch(.failed(notice)) }
        dropKeysTypedBeforeANewSubject()
        draw(session.state)
        trace?.mark("first-frame")
        var lastPoll = Date()
        while !session.quitRequested {
            var wait = max(10, pollInterval - Int(Date().timeIntervalSince(lastPoll) * 1000))
            if session.runner.hasPendingWork { wait = min(wait, 25) }
            switch terminal.nextEvent(timeoutMilliseconds: wait) {
            case .key(let key):
                trace?.startKey()
                session.dispatch(.key(key))
            case .resize(let width, let height):
                session.dispatch(.resized(Size(width: width, height: height)))
            case .timeout:
                break
            case .hangup:
                giveBackShownPair()
                return nil
            case .signal(let number):
                giveBackShownPair()
                return number
            }
            session.collect()
            if Date().timeIntervalSince(lastPoll) * 1000 >= Double(pollInterval) {
                lastPoll = Date()
                session.poll()
            }
            dropKeysTypedBeforeANewSubject()
            draw(session.state)
            trace?.endKey()
        }
        return nil
    }

    /// What the screen last drawn asked to decide (``WorkbenchState/decisionSubject``).
    private var shownSubject: String?

    /// A new pair (or document) to decide is about to be drawn: the keys typed before it is
    /// on screen were not typed at it, and are dropped — before the frame, not after it, so
    /// that a key pressed at the new frame counts.
    private func dropKeysTypedBeforeANewSubject() {
        let subject = session.state.decisionSubject
        guard subject != shownSubject else { return }
        if subject != nil { terminal.discardTypeahead() }
        shownSubject = subject
    }

    /// A dropped connection or a signal ends the session: the pair on the review screen
    /// goes back to the queue at once rather than when its lease runs out.
    private func giveBackShownPair() {
        if session.state.screen == .review, let shown = session.state.review?.current?.stored.id {
            session.perform([.leaveReview(release: shown)])
        }
    }

    private func draw(_ state: WorkbenchState) {
        let size = terminal.size
        let buffer = render(state, size: Size(width: size.width, height: size.height), theme: session.theme)
        terminal.draw(buffer, cursor: buffer.cursor.map { (x: $0.x, y: $0.y) })
    }
}

/// Writes frame timings to a file for `tenet-bench tui`: when the first frame was drawn
/// (wall-clock nanoseconds, for the caller to subtract its spawn time), then one line per
/// key: milliseconds from key to drawn frame.
///
/// Only a regular file is written (made when missing, emptied when there): `createFile`
/// wrote a new file and renamed it over the path, so `TENET_TRACE_FRAMES=/dev/full` run as
/// root replaced the device with a regular file, and a FIFO or a symlink the same way.
public final class FrameTrace {
    private let descriptor: Int32
    private var keyStart: UInt64?

    public init?(path: String?) {
        guard let path, !path.isEmpty else { return nil }
        // O_NONBLOCK: opening a FIFO must not wait for a reader; O_NOFOLLOW: not through a symlink.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, ftruncate(descriptor, 0) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func mark(_ name: String) { append("\(name) \(Self.now())") }

    func startKey() { keyStart = Self.now() }

    func endKey() {
        guard let start = keyStart else { return }
        keyStart = nil
        append("key \(String(format: "%.3f", Double(Self.now() - start) / 1e6))")
    }

    /// A trace that cannot be written is left short: write(2), since `FileHandle.write`
    /// traps on an error.
    private func append(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
