import ArgumentParser
import TenetSpec
import TenetStore

extension PromptsCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the prompt sets: name, revision, size and labels.")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the list as JSON.") var json = false

        func run() throws {
            let project = try store.open()
            let sets = try storeCall { () throws(StoreError) in try project.promptSets() }
            if json {
                struct Shape: Encodable {
                    var name: String, revision: Int, changeset: Int64, count: Int, safe: Int, unsafe: Int, unlabelled: Int, source: String, format: String, digest: String
                }
                Output.write(try JSONOutput.encode(sets.map { Shape(name: $0.name, revision: $0.revision, changeset: $0.changeset, count: $0.record.count,
                                                                    safe: $0.record.safe, unsafe: $0.record.unsafe, unlabelled: $0.record.unlabelled,
                                                                    source: $0.record.source, format: $0.record.format, digest: $0.record.digest) }))
                return
            }
            if sets.isEmpty { Output.error("no prompt sets; import one with tenet import prompts FILE") }
            for set in sets {
                Output.write("\(SafeText.visible(set.name)) r\(set.revision)  \(counted(set.record.count, "prompt")) (\(set.record.unsafe) unsafe, \(set.record.safe) safe, \(set.record.unlabelled) unlabelled)  \(set.record.format) · \(SafeText.visible(set.record.source))\n")
            }
        }
    }
}
