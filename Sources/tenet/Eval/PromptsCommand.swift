import ArgumentParser
import TenetSpec
import TenetStore

/// `tenet prompts list [--json]`, `tenet prompts show SET`.
struct PromptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "List the project's prompt sets, and show what one asks.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )
}
