import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth
import TenetTerminal
import TenetUI
import TenetWorkbench

/// `tenet open FILE`: import (or refresh) a spec, then open the workbench on it.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Import or refresh a spec, then open it in the workbench.",
        discussion: "Re-opening an edited file shows what changed: rules added, changed, removed and moved."
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Theme: dark, light, high-contrast, mono, or one of yours.") var theme: String?
    @Option(help: "Select this rule once the spec is open.") var select: String?
    @Argument(help: "The spec file (Markdown or SpecBench specifications.json).", completion: .file()) var file: String

    func validate() throws { try Workbench.validate(theme: theme) }

    func run() throws {
        // A file that cannot be imported is an error here, exit 1, as `tenet import spec`
        // gives it — not a workbench opened on nothing with the reason on its status line
        // and exit 0 on q. (The workbench reads the file again to import it: `open` is
        // interactive, and a spec is read in milliseconds.)
        do {
            if let problem = ProjectStore.importProblem(try SpecReader.read(path: file)) {
                Output.error(problem)
                throw ExitStatus.failure
            }
        } catch let error as SpecReadError {
            Output.error(error.description)
            throw ExitStatus.failure
        }
        var initial: [Effect] = [.loadProject(select: nil), .importFile(file)]
        if let select { initial.append(.goTo(select)) }
        try Workbench.open(store: store, theme: theme, initial: initial)
    }
}
