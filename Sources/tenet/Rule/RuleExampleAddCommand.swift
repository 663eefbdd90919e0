import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension RuleCommand.Example {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a boundary example to a rule.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The rule's ID, or SPEC/ID.") var rule: String
        @Option(help: "How the answer stands against the rule.") var verdict: Verdict
        @Option(help: "A short title.") var title: String
        @Option(help: "Why the answer is good or bad.") var reason: String?
        @Option(help: "A rule the answer breaks (repeat for several, or separate them with commas).") var violates: [String] = []
        @OptionGroup var conversation: ConversationOptions
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "Refuse unless the rule is at this revision.") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
        }

        func run() throws {
            let example = TenetSpec.Example(verdict: verdict, title: title, turns: try conversation.conversation(), reason: reason,
                                  violates: Self.ruleIDs(violates), line: 0)
            let project = try store.open()
            EditReport.print(try storeCall { () throws(StoreError) in try project.addExample(rule, example, expectedRevision: expectRev) })
        }

        /// `--violates a,b` as an example file's `violates:` line reads it (a message said to
        /// separate several with commas, and then refused them), a `#` before an ID dropped.
        static func ruleIDs(_ given: [String]) -> [String] {
            given.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
        }
    }
}
