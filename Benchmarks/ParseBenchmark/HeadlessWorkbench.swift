import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TenetStore
import TenetTerminal
import TenetUI
import TenetWorkbench

/// The workbench's real parts in this process — the one interpreter (``WorkbenchSession``:
/// reducer and effect runner on the SQLite file), render, and the ncurses adapter drawing
/// into /dev/null — for timing keys.
final class HeadlessWorkbench {
    let session: WorkbenchSession
    var state: WorkbenchState { session.state }
    var runner: EffectRunner { session.runner }
    let size: Size
    private let terminal: Terminal
    private let theme: ResolvedTheme
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private let writeEnd: Int32

    init(store: ProjectStore, size: Size = Size(width: 200, height: 60)) throws {
        guard let output = fopen("/dev/null", "w") else { throw CocoaError(.fileNoSuchFile) }
        var pipeFDs: [Int32] = [0, 0]
        pipe(&pipeFDs)
        guard let input = fdopen(pipeFDs[0], "r") else { throw CocoaError(.fileReadUnknown) }
        self.output = output
        self.input = input
        writeEnd = pipeFDs[1]
        terminal = try Terminal(term: "xterm-256color", noColor: false, input: input, output: output)
        theme = WorkbenchSettings().theme(named: "dark", depth: .full).theme
        session = WorkbenchSession(state: WorkbenchState(user: store.author, database: "tenet.db"),
                                   runner: EffectRunner(store: store, samplesPath: nil, editor: ExternalEditor(configured: "true")))
        self.size = size
        dispatch(.resized(size))
    }

    deinit {
        terminal.stop()
        fclose(output)
        fclose(input)
        close(writeEnd)
    }

    /// Renders the state and draws it.
    func frame() {
        let buffer = render(state, size: size, theme: theme)
        terminal.draw(buffer, cursor: buffer.cursor.map { (x: $0.x, y: $0.y) })
    }

    /// Applies an action and runs every effect it leads to, as the event loop does.
    func dispatch(_ action: Action) { session.dispatch(action) }

    /// Runs one effect and applies what it returns.
    func perform(_ effect: Effect) { session.perform([effect]) }
}
