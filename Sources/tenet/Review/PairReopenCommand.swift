import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension PairCommand {
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Send a reviewed pair back to its reviewers, with a reason.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Option(help: "Why it needs another look.") var reason: String
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "Refuse (exit 3) unless the pair is still at this revision.") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
        }

        func run() throws {
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.reopen(id, reason: reason, expectedRevision: expectRev) }
            Output.write("\(id): reopened for \(review.reopened?.reviewers.joined(separator: ", ") ?? "review") · revision \(review.stored.revision)\n")
        }
    }
}
