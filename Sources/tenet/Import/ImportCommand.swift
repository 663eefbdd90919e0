import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet import spec|pairs|prompts`: bringing outside files into the project.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring specs, preference pairs and prompt sets into the project database.",
        subcommands: [Spec.self, Pairs.self, Prompts.self]
    )
}
