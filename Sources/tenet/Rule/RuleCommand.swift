import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet rule list|show|set|example`.
struct RuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule",
        abstract: "Read and annotate the rules in the project database.",
        subcommands: [List.self, Show.self, Set.self, Example.self]
    )
}

extension RuleKind: ChoiceArgument {}
extension Direction: ChoiceArgument {}
extension Authority: ChoiceArgument {}
extension Verdict: ExpressibleByArgument {
    public init?(argument: String) { self.init(label: argument) }
    public static var allValueStrings: [String] { ["GOOD", "BAD", "BORDERLINE"] }
}
