import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension SpecCommand {
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
            if specs.isEmpty {
                // On standard error: standard output stays the list, empty, for a script.
                let hidden = ids.count > specs.count && !archived ? " (archived ones are listed with --archived)" : ""
                Output.error("no specs\(hidden); tenet import spec FILE adds one")
            }
            for spec in specs {
                Output.write("\(SafeText.visible(spec.id))  \(SafeText.visible(spec.record.title))  revision \(spec.revision)  \(spec.record.dialect.rawValue)  \(SafeText.visible(spec.record.file))"
                    + (spec.record.isArchived ? "  archived" : "") + "\n")
            }
        }
    }
}
