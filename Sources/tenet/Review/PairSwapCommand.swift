import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension PairCommand {
    struct Swap: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "swap", abstract: "Swap a pair's chosen and rejected answers (the original is kept).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "Refuse (exit 3) unless the pair is still at this revision.") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
        }

        func run() throws {
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.swap(id, expectedRevision: expectRev) }
            Output.write("\(id): swapped · revision \(review.stored.revision)\n")
        }
    }
}
