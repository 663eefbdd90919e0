import Foundation
import TenetStore
import TenetTerminal
import TenetUI

/// The workbench's shell: draws the state, turns terminal events into actions, runs the
/// effects the reducer asks for, and polls the database for others' changes.
public final class EventLoop {
    private var state: WorkbenchState
    private let terminal: Terminal
    private let runner: EffectRunner
    private let settings: WorkbenchSettings
    private var theme: ResolvedTheme
    private let pollInterval: Int
    /// Frame timing for the benchmark (`TENET_TRACE_FRAMES=FILE`): milliseconds since start.
    private let trace: FrameTrace?

    public init(state: WorkbenchState, terminal: Terminal, runner: EffectRunner, settings: WorkbenchSettings,
                theme: ResolvedTheme, trace: FrameTrace?) {
        self.state = state
        self.terminal = terminal
        self.runner = runner
        self.settings = settings
        self.theme = theme
        self.trace = trace
        pollInterval = settings.config.pollMilliseconds ?? 400
        runner.suspend = { [terminal] body in terminal.suspend(body) }
    }

    /// Runs until the user quits, the terminal hangs up or a signal arrives. Returns the
    /// signal number when one ended it.
    public func run(initial: [Effect], notice: String?) -> Int32? {
        let size = terminal.size
        dispatch(.resized(Size(width: size.width, height: size.height)))
        for effect in initial { perform(effect) }
        // A config or theme problem: shown once the first screen is up (and again on exit).
        if let notice { dispatch(.failed(notice)) }
        draw()
        trace?.mark("first-frame")
        var lastPoll = Date()
        while !state.quitting {
            var wait = max(10, pollInterval - Int(Date().timeIntervalSince(lastPoll) * 1000))
            if runner.hasPendingWork { wait = min(wait, 25) }
            switch terminal.nextEvent(timeoutMilliseconds: wait) {
            case .key(let key):
                trace?.startKey()
                dispatch(.key(key))
            case .resize(let width, let height):
                dispatch(.resized(Size(width: width, height: height)))
            case .timeout:
                break
            case .hangup:
                giveBackShownPair()
                return nil
            case .signal(let number):
                giveBackShownPair()
                return number
            }
            for action in runner.collect() { dispatch(action) }
            if Date().timeIntervalSince(lastPoll) * 1000 >= Double(pollInterval) {
                lastPoll = Date()
                if let action = runner.poll() { dispatch(action) }
            }
            draw()
            trace?.endKey()
        }
        return nil
    }

    /// A dropped connection or a signal ends the session: the pair on the review screen
    /// goes back to the queue at once rather than when its lease runs out.
    private func giveBackShownPair() {
        if case .review = state.mode, let shown = state.review?.current?.stored.id { perform(.leaveReview(release: shown)) }
    }

    private func dispatch(_ action: Action) {
        for effect in reduce(&state, action) { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit:
            state.quitting = true
        case .setTheme(let name):
            let (resolved, problem) = settings.theme(named: name, depth: terminal.info.depth)
            if let problem {
                dispatch(.failed(problem))
            } else {
                theme = resolved
                dispatch(.themeChanged(name))
            }
        default:
            if case .annotate = effect { state.busy = true; draw() }
            for action in runner.run(effect, state: state) { dispatch(action) }
        }
    }

    private func draw() {
        let size = terminal.size
        let buffer = render(state, size: Size(width: size.width, height: size.height), theme: theme)
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
