import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// `tenet redo`.
struct RedoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "redo", abstract: "Redo the change you undid last.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in try project.redo() }
        Reversal.report(result, verb: "redid", project: project)
    }
}
