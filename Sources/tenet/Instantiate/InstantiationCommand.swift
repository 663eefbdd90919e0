import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet instantiation list|show`: saved instances.
struct InstantiationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instantiation",
        abstract: "List or show saved instantiations.",
        subcommands: [List.self, Show.self]
    )
}
