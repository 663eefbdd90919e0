import ArgumentParser
import Foundation
import TenetStore

/// `tenet spec list|show`.
struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Read the specs in the project database, now or as they were.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the imported specs.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var asOf: AsOfOption
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let changeset = try asOf.changeset(in: project)
            let ids = try storeCall { () throws(StoreError) in try project.specIDs() }
            var specs: [StoredSpec] = []
            for id in ids {
                if let spec = try? project.spec(id, asOf: changeset) { specs.append(spec) }
            }
            if json {
                struct Shape: Encodable { var id: String, title: String, file: String, dialect: String, revision: Int, changeset: Int64 }
                Output.write(try JSONOutput.encode(specs.map {
                    Shape(id: $0.id, title: $0.record.title, file: $0.record.file, dialect: $0.record.dialect.rawValue,
                          revision: $0.revision, changeset: $0.changeset)
                }))
                return
            }
            for spec in specs {
                Output.write("\(TreePrinter.clean(spec.id))  \(TreePrinter.clean(spec.record.title))  revision \(spec.revision)  \(spec.record.dialect.rawValue)  \(TreePrinter.clean(spec.record.file))\n")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A spec's revision, source file and rules; --text prints its source as stored.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "The spec's ID (see tenet spec list).") var spec: String
        @Flag(help: "Print the spec's source text exactly as it was imported.") var text = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let changeset = try asOf.changeset(in: project)
            let stored = try storeCall { () throws(StoreError) in try project.spec(spec, asOf: changeset) }
            if text {
                Output.write(stored.record.text)
                return
            }
            if json {
                struct Shape: Encodable { var id: String, revision: Int, changeset: Int64, spec: SpecRecord }
                Output.write(try JSONOutput.encode(Shape(id: stored.id, revision: stored.revision, changeset: stored.changeset, spec: stored.record)))
                return
            }
            let record = stored.record
            Output.write("\(TreePrinter.clean(record.title))  (\(stored.id), revision \(stored.revision), changeset \(stored.changeset))\n")
            Output.write("  \(record.dialect.rawValue) · imported from \(TreePrinter.clean(record.file)) · \(record.ruleLines.count) rules · \(record.parameters.count) parameters"
                + (record.removed ? " · REMOVED" : "") + "\n")
            if !record.description.isEmpty {
                Output.write("\n" + record.description.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  " + TreePrinter.clean(String($0)) }.joined(separator: "\n") + "\n")
            }
        }
    }
}
