import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension SpecCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A spec's revision, source file and rules; --text prints its source as stored.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "The spec's ID (see tenet spec list).") var spec: String
        @Flag(help: "Print the spec's source text exactly as it was imported (on a terminal or over ssh, control characters are shown as placeholders).") var text = false
        @Flag(help: "With --text: the exact bytes even to a terminal or over ssh (ssh HOST spec show SPEC --text --raw > spec.md).") var raw = false
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if raw && !text { throw ValidationError("--raw goes with --text: the source's exact bytes") }
        }

        func run() throws {
            let project = try store.open()
            let changeset = try asOf.changeset(in: project)
            let stored = try storeCall { () throws(StoreError) in try project.spec(spec, asOf: changeset) }
            if text {
                Output.exact(stored.record.text, raw: raw)
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
                + (record.removed ? " · REMOVED" : "") + (record.isArchived ? CommandHint.naming(" · ARCHIVED (tenet spec restore \(SafeText.visible(stored.id)))") : "") + "\n")
            if !record.description.isEmpty {
                Output.write("\n" + record.description.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  " + SafeText.visible(String($0)) }.joined(separator: "\n") + "\n")
            }
        }
    }
}
