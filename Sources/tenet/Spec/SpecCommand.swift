import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet spec list|show|archive|restore`.
struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Read the specs in the project database, now or as they were; archive and restore them.",
        subcommands: [List.self, Show.self, Archive.self, Restore.self]
    )

    /// Archives or restores a spec and says what changed:
    /// `archived travel (Travel Planning Assistant): revision 2, changeset 4 · …`.
    static func setArchived(_ spec: String, _ archived: Bool, store: StoreOptions) throws {
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in try archived ? project.archiveSpec(spec) : project.restoreSpec(spec) }
        let id = SafeText.visible(result.spec)
        Output.write("\(archived ? "archived" : "restored") \(id) (\(SafeText.visible(result.title))): revision \(result.revision), changeset \(result.changeset)"
            + (archived ? CommandHint.naming(" · tenet spec restore \(id) or tenet undo brings it back") : "") + "\n")
    }
}
