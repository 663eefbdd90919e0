import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

/// `tenet undo`.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo your last change, as a new changeset.",
        discussion: "Undo is per user and survives restarts. It is refused when someone else changed the same fields since."
    )
    @OptionGroup var store: StoreOptions

    func run() throws {
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in try project.undo() }
        Reversal.report(result, verb: "undid", project: project)
    }
}
