import ArgumentParser
import TenetSpec
import TenetStore

/// `tenet prompts list [--json]`.
struct PromptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "List the project's prompt sets.",
        subcommands: [List.self],
        defaultSubcommand: List.self
    )
}
