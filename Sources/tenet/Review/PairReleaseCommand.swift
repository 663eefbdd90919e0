import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension PairCommand {
    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Give back your reservation of a pair without deciding.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String

        func run() throws {
            let project = try store.open()
            let released = try storeCall { () throws(StoreError) in try project.release(id) }
            let shown = SafeText.visible(id)
            Output.error(released ? "\(shown): released" : "\(shown) was not reserved by \(project.author); nothing to release")
        }
    }
}
