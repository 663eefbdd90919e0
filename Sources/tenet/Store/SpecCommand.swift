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

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the imported specs (archived ones with --archived).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var asOf: AsOfOption
        @Flag(help: "Include the archived specs (marked archived).") var archived = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let changeset = try asOf.changeset(in: project)
            let ids = try storeCall { () throws(StoreError) in try project.specIDs(includingArchived: true) }
            var specs: [StoredSpec] = []
            for id in ids {
                // Archived or not as of the changeset read.
                if let spec = try? project.spec(id, asOf: changeset), archived || !spec.record.isArchived { specs.append(spec) }
            }
            if json {
                struct Shape: Encodable {
                    var id: String, title: String, file: String, dialect: String, revision: Int, changeset: Int64, archived: Bool
                }
                Output.write(try JSONOutput.encode(specs.map {
                    Shape(id: $0.id, title: $0.record.title, file: $0.record.file, dialect: $0.record.dialect.rawValue,
                          revision: $0.revision, changeset: $0.changeset, archived: $0.record.isArchived)
                }))
                return
            }
            for spec in specs {
                Output.write("\(SafeText.visible(spec.id))  \(SafeText.visible(spec.record.title))  revision \(spec.revision)  \(spec.record.dialect.rawValue)  \(SafeText.visible(spec.record.file))"
                    + (spec.record.isArchived ? "  archived" : "") + "\n")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A spec's revision, source file and rules; --text prints its source as stored.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "The spec's ID (see tenet spec list).") var spec: String
        @Flag(help: "Print the spec's source text exactly as it was imported (on a terminal, control characters are shown as placeholders).") var text = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let changeset = try asOf.changeset(in: project)
            let stored = try storeCall { () throws(StoreError) in try project.spec(spec, asOf: changeset) }
            if text {
                Output.exact(stored.record.text)
                return
            }
            if json {
                struct Shape: Encodable { var id: String, revision: Int, changeset: Int64, spec: SpecRecord }
                Output.write(try JSONOutput.encode(Shape(id: stored.id, revision: stored.revision, changeset: stored.changeset, spec: stored.record)))
                return
            }
            let record = stored.record
            Output.write("\(SafeText.visible(record.title))  (\(stored.id), revision \(stored.revision), changeset \(stored.changeset))\n")
            Output.write("  \(record.dialect.rawValue) · imported from \(SafeText.visible(record.file)) · \(record.ruleLines.count) rules · \(record.parameters.count) parameters"
                + (record.removed ? " · REMOVED" : "") + (record.isArchived ? " · ARCHIVED (tenet spec restore \(SafeText.visible(stored.id)))" : "") + "\n")
            if !record.description.isEmpty {
                Output.write("\n" + record.description.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  " + SafeText.visible(String($0)) }.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "Archive a spec: hidden from lists, the review queue and exports, its history kept.",
            discussion: """
            A changeset like any other: tenet log shows it, tenet undo (or tenet spec restore) \
            brings the spec back. Its rules and pairs stay as they are, and naming it still \
            reaches it (spec show, --spec). Needs the author role.
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The spec's ID (see tenet spec list).") var spec: String

        func run() throws { try SpecCommand.setArchived(spec, true, store: store) }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restore", abstract: "Bring an archived spec back (see tenet spec list --archived).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The archived spec's ID.") var spec: String

        func run() throws { try SpecCommand.setArchived(spec, false, store: store) }
    }

    /// Archives or restores a spec and says what changed:
    /// `archived travel (Travel Planning Assistant): revision 2, changeset 4 · …`.
    static func setArchived(_ spec: String, _ archived: Bool, store: StoreOptions) throws {
        let project = try store.open()
        let result = try storeCall { () throws(StoreError) in try archived ? project.archiveSpec(spec) : project.restoreSpec(spec) }
        let id = SafeText.visible(result.spec)
        Output.write("\(archived ? "archived" : "restored") \(id) (\(SafeText.visible(result.title))): revision \(result.revision), changeset \(result.changeset)"
            + (archived ? " · tenet spec restore \(id) or tenet undo brings it back" : "") + "\n")
    }
}
