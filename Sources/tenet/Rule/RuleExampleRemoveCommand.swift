import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension RuleCommand.Example {
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an example added in Tenet.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The rule's ID, or SPEC/ID.") var rule: String
        @Argument(help: "The example's number, as tenet rule show lists it.") var number: Int
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "Refuse unless the rule is at this revision.") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(number, "NUMBER", OptionRange.number)
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
        }

        func run() throws {
            let project = try store.open()
            EditReport.print(try storeCall { () throws(StoreError) in try project.removeExample(rule, number: number, expectedRevision: expectRev) })
        }
    }
}
