import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet import spec FILE`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring specs, preference pairs and prompt sets into the project database.",
        subcommands: [Spec.self, ImportPairsCommand.self, ImportPromptsCommand.self]
    )
}
