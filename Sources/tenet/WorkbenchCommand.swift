import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth
import TenetTerminal
import TenetUI
import TenetWorkbench

/// `tenet` (no subcommand): the full-screen workbench on the project database.
struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Open the workbench (the default when no command is given).",
        discussion: """
        Browse a spec as a rule tree, classify and annotate rules, add boundary examples, \
        edit the spec in $EDITOR and see what changed, with history and undo. Press ? for \
        the keys. Settings: $XDG_CONFIG_HOME/tenet/config (see Themes/README.md).
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Theme: dark, light, high-contrast, mono, or one of yours (default: the config's, else dark).")
    var theme: String?
    @Option(help: "Open this spec, or the spec holding this rule, and select it.")
    var select: String?

    func validate() throws { try Workbench.validate(theme: theme) }

    func run() throws {
        try Workbench.open(store: store, theme: theme, initial: [.loadProject(select: select)])
    }
}
