import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

extension EvalCommand {
    /// `tenet eval example RUN PROMPT --rule RULE`.
    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "example",
            abstract: "Make a failing response a BAD boundary example on the rule it broke (a versioned rule edit).",
            discussion: "The example is the conversation — the user's prompt and the response — with the judge's reason. Needs the author role."
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The run.", valueName: "run")) var runName: String
        @Argument(help: "The prompt's ID in the run's set.") var prompt: String
        @Option(help: "The rule the response was judged to break (NO).") var rule: String

        func run() throws {
            let project = try store.open(connections: .pool)
            let edit = try evalCall { try EvalFailureData.example(run: runName, prompt: prompt, rule: rule, store: project) }
            Output.write("added a BAD example to \(SafeText.visible(edit.id)) from eval run \(SafeText.visible(runName)), prompt \(SafeText.visible(prompt)): rule revision \(edit.revision)"
                         + (edit.changeset.map { ", changeset \($0)" } ?? "") + "\n")
        }
    }
}
