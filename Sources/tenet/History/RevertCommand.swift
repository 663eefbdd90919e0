import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// `tenet revert CHANGESET`.
struct RevertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revert", abstract: "Reverse any changeset, as a new changeset.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The changeset number (see tenet log).") var changeset: Int64

    func validate() throws {
        try OptionRange.check(changeset, "CHANGESET", 1...)
    }

    func run() throws {
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in try project.revert(changeset) }
        Reversal.report(result, verb: "reverted", project: project)
    }
}
