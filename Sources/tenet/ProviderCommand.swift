import ArgumentParser
import Foundation
import TenetSpec
import TenetSynth
import TenetWorkbench

/// `tenet provider check`: what an OpenAI-compatible endpoint supports.
struct ProviderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider",
        abstract: "Check an OpenAI-compatible endpoint.",
        subcommands: [Check.self]
    )
}
