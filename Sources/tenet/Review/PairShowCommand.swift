import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension PairCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One pair: prompt, chosen, rejected, rules, provenance and its review.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Flag(help: "As JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.pairReview(id) }
            if json {
                Output.write(try JSONOutput.encode(PairJSON(review)))
                return
            }
            Output.write(PairPrinter.text(review))
        }
    }
}
