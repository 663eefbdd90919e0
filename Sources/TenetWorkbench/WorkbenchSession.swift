import Foundation
import TenetStore
import TenetUI

/// The one interpreter of the workbench's core: applies an action with ``reduce(_:_:)``
/// and runs the effects it returns with the ``EffectRunner``, feeding their results back,
/// until none is left. The terminal's event loop, the tests and the benchmarks all drive
/// the workbench through it, so what they exercise is what a person runs.
///
/// The session never changes the state itself: only the reducer does. It keeps its own
/// two facts: whether quitting was asked for, and the theme (a shell resource).
public final class WorkbenchSession {
    public private(set) var state: WorkbenchState
    public let runner: EffectRunner
    /// The reducer asked to leave the program.
    public private(set) var quitRequested = false
    /// Resolves a theme by name for `:theme`; `nil` when the session draws nothing.
    private let resolveTheme: ((String) -> (ResolvedTheme, String?))?
    /// The theme the screen is drawn in.
    public private(set) var theme: ResolvedTheme
    /// Called before an effect that may take a while runs (a save), so the shell can draw
    /// the state that says it is under way.
    public var beforeSlowEffect: (WorkbenchState) -> Void = { _ in }

    public init(state: WorkbenchState, runner: EffectRunner, theme: ResolvedTheme = ResolvedTheme.plain,
                resolveTheme: ((String) -> (ResolvedTheme, String?))? = nil) {
        self.state = state
        self.runner = runner
        self.theme = theme
        self.resolveTheme = resolveTheme
    }

    /// Applies an action and runs every effect it leads to.
    public func dispatch(_ action: Action) {
        perform(reduce(&state, action))
    }

    /// Runs effects (and the effects their results lead to), in order.
    public func perform(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .quit:
                quitRequested = true
            case .setTheme(let name):
                guard let resolveTheme else { queue += reduce(&state, .themeChanged(name)); continue }
                let (resolved, problem) = resolveTheme(name)
                if let problem {
                    queue += reduce(&state, .themeRefused(problem))
                } else {
                    theme = resolved
                    queue += reduce(&state, .themeChanged(name))
                }
            default:
                if state.busy { beforeSlowEffect(state) }
                for action in runner.run(effect) { queue += reduce(&state, action) }
            }
        }
    }

    /// Presses keys one after another, running what each leads to.
    public func press(_ keys: [Key]) {
        for key in keys { dispatch(.key(key)) }
    }

    /// Applies what background work (lint, details, counts, exports, generation) has sent
    /// since the last call.
    public func collect() {
        for action in runner.collect() { dispatch(action) }
    }

    /// Applies others' changes to the database since the last poll, if any.
    public func poll() {
        if let action = runner.poll() { dispatch(action) }
    }

    /// Waits until background work has ended (or `timeout` seconds passed), applying its
    /// results; whether it ended.
    @discardableResult
    public func settle(timeout: TimeInterval = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            collect()
            if !runner.hasPendingWork { collect(); return true }
            usleep(2_000)
        } while Date() < deadline
        return false
    }

    /// The screen as text, one line per row (for tests and diagnostics).
    public func screenText(size: Size? = nil) -> String {
        let shown = size ?? state.viewport
        return render(state, size: shown, theme: theme).text
    }
}
