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
            draw(session.state)
            trace?.endKey()
        }
        return nil
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
public final class FrameTrace {
    private let handle: FileHandle
    private var keyStart: UInt64?

    public init?(path: String?) {
        guard let path, !path.isEmpty, FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { return nil }
        self.handle = handle
    }

    func mark(_ name: String) { write("\(name) \(Self.now())") }

    func startKey() { keyStart = Self.now() }

    func endKey() {
        guard let start = keyStart else { return }
        keyStart = nil
        write("key \(String(format: "%.3f", Double(Self.now() - start) / 1e6))")
    }

    private func write(_ line: String) { handle.write(Data((line + "\n").utf8)) }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
