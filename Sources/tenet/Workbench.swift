import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth
import TenetTerminal
import TenetUI
import TenetWorkbench

/// Starting and stopping the workbench around the event loop, with the terminal restored
/// on every way out.
enum Workbench {
    /// `--theme` is checked before the terminal opens: a name that is not a theme name, or
    /// that names no theme, is a usage error that lists the themes there are.
    static func validate(theme: String?) throws {
        guard let theme, let problem = WorkbenchSettings().themeOptionProblem(theme) else { return }
        throw ValidationError(problem)
    }

    /// Opens the workbench on the project and runs it until the user quits.
    ///
    /// `served`: a session of `tenet serve` (an SSH forced command): no external program is
    /// started (the effect runner gets no external editor at all), answers, examples and
    /// the rationale are edited in the built-in editor, and the workbench neither reads nor
    /// writes files on the host (`e` on the spec file, `:open`, `:import-samples` and
    /// writing an export are refused, saying what to do instead).
    /// `existing`: the screen needs a project (the review screen): with no database yet it
    /// says so instead of opening. The workbench itself opens on an empty project (its
    /// welcome screen imports the samples, which creates the database).
    /// `spec`, `rule`: the screen's `--spec` and `--rule` filters, refused before the screen
    /// opens when the project has no such spec or rule (``ProjectStore/checkFilters(spec:rule:asOf:)``).
    static func open(store options: StoreOptions, theme themeOption: String?, existing: Bool = false,
                     spec: String? = nil, rule: String? = nil, initial: [Effect],
                     served: Bool = ServedSession.current != nil) throws {
        var settings = WorkbenchSettings()
        let project = try existing ? options.openExisting(connections: .pool) : options.open(connections: .pool)
        try storeCall { () throws(StoreError) in try project.checkFilters(spec: spec, rule: rule) }
        let terminal: Terminal
        do {
            terminal = try Terminal()
        } catch {
            Output.error("tenet: \(error)\nUse the commands instead (tenet --help), or run tenet in a terminal.")
            throw ExitStatus.failure
        }
        defer { terminal.stop() }

        var keymap = Keymap()
        settings.problems += keymap.rebind(settings.config.keys)
        terminal.altChords = keymap.altChords
        // A served person sees the project's name, not where it lives on the host.
        let shownDatabase = served ? (options.resolvedPath as NSString).lastPathComponent : options.resolvedPath
        var state = WorkbenchState(user: project.author, database: shownDatabase, keymap: keymap)
        state.served = served
        // Not served: the editor the user chose, else the built-in one (and vi for the spec file).
        let editor: ExternalEditor? = served ? nil : ExternalEditor(configured: settings.config.editor)
        state.externalEditor = editor.flatMap { $0.isChosen ? $0.command : nil }
        state.samplesPath = settings.samples
        state.configPath = settings.configPath
        if let width = settings.config.treeWidth { state.treeWidthPercent = width }
        if let filter = settings.config.filter.flatMap(RuleFilter.init(rawValue:)) { state.filter = filter }
        let themeName = themeOption ?? settings.config.theme ?? "dark"
        let (theme, themeProblem) = settings.theme(named: themeName, depth: terminal.info.depth)
        state.themeName = themeProblem == nil ? themeName : "dark"
        if let themeProblem {
            // The config's theme is reported at its line, as the config's other problems are.
            let place = themeOption == nil ? settings.config.themeLine.map { "\(settings.configPath):\($0): " } ?? "" : ""
            settings.problems.append(place + themeProblem + " · using the default theme")
        }
        if let from = terminal.info.fellBackFrom {
            settings.problems.append("TERM=\(from.isEmpty ? "(unset)" : from) is unknown here; using \(terminal.info.term)")
        }

        let generation = settings.generation
        state.generator = generation.label
        let runner = EffectRunner(store: project, samplesPath: served ? nil : settings.samples, editor: editor,
                                  generation: generation, generationSource: settings.configPath)
        defer { runner.removeDrafts() }
        let loop = EventLoop(state: state, terminal: terminal, runner: runner, settings: settings, theme: theme,
                             trace: FrameTrace(path: Environment.value("TENET_TRACE_FRAMES")))
        let notice = settings.problems.first.map {
            $0 + (settings.problems.count > 1 ? " (+\(settings.problems.count - 1) more, listed on exit)" : "")
        }
        let signal = loop.run(initial: initial, notice: notice)
        terminal.stop()
        // A generation still running is stopped; the pairs it made are saved first.
        if let summary = runner.stopBackgroundWork(), summary.hasPrefix("Generation stopped") { Output.error("tenet: " + summary) }
        if let person = runner.endedBecause {
            Output.error("tenet: \(person) no longer has access to this project; the session was closed")
            throw ExitStatus.refused
        }
        if !settings.problems.isEmpty {
            for problem in settings.problems { Output.error("tenet: \(problem)") }
        }
        if let signal { throw ExitCode(128 + signal) }
    }
}
