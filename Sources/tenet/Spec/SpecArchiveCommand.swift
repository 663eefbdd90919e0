import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension SpecCommand {
    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "archive",
            abstract: "Archive a spec: hidden from lists, the review queue and exports, its history kept.",
            discussion: """
            A changeset like any other: tenet log shows it, tenet undo (or tenet spec restore) \
            brings the spec back. Its rules and pairs stay as they are, and naming it still \
            reaches it (spec show, --spec). Needs the author role.
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The spec's ID (see tenet spec list).") var spec: String

        func run() throws { try SpecCommand.setArchived(spec, true, store: store) }
    }
}
