import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet pair …`: list, show, and review pairs from the command line (for scripts and tests;
/// `tenet review` is the screen for people).
struct PairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "List, show and review preference pairs.",
        subcommands: [List.self, Show.self, Next.self, Decide.self, Swap.self, Edit.self, Reopen.self, Release.self]
    )
}

extension Decision: ChoiceArgument {}
