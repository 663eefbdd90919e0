import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension RuleCommand.Example {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change an example added in Tenet.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The rule's ID, or SPEC/ID.") var rule: String
        @Argument(help: "The example's number, as tenet rule show lists it.") var number: Int
        @Option(help: "How the answer stands against the rule.") var verdict: Verdict?
        @Option(help: "A short title.") var title: String?
        @Option(help: "Why the answer is good or bad.") var reason: String?
        @OptionGroup var conversation: ConversationOptions
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "Refuse unless the rule is at this revision.") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(number, "NUMBER", OptionRange.number)
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
        }

        func run() throws {
            let turns = conversation.given ? try conversation.conversation() : nil
            let (verdict, title, reason) = (self.verdict, self.title, self.reason)
            let project = try store.open()
            EditReport.print(try storeCall { () throws(StoreError) in
                try project.editExample(rule, number: number, expectedRevision: expectRev) { example in
                    if let verdict { example.verdict = verdict }
                    if let title { example.title = title }
                    if let reason { example.reason = reason }
                    if let turns { example.turns = turns }
                }
            })
        }
    }
}
