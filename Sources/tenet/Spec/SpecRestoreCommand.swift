import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension SpecCommand {
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restore", abstract: "Bring an archived spec back (see tenet spec list --archived).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The archived spec's ID.") var spec: String

        func run() throws { try SpecCommand.setArchived(spec, false, store: store) }
    }
}
