import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth
import TenetUI

extension MidtrainCommand {
    /// `tenet midtrain list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List midtraining documents, oldest first.")

        @OptionGroup var store: StoreOptions
        @Option(help: "Only this spec's documents.") var spec: String?
        @Option(help: "Only documents about this rule.") var rule: String?
        @Option(help: "pending, accepted, rejected, edited or flagged.") var status: DocumentStatus?
        @Option(help: "Only documents of this type.") var type: String?
        @Option(parsing: .unconditional, help: "At most this many.") var limit: Int?
        @Flag(help: "As JSON.") var json = false

        func validate() throws {
            try OptionRange.check(limit, "--limit", OptionRange.count)
        }

        func run() throws {
            let project = try store.open()
            let documents = try storeCall { () throws(StoreError) in
                try project.checkFilters(spec: spec, rule: rule)
                return try project.documents(spec: spec, rule: rule, status: status, type: type, limit: limit)
            }
            if let type, documents.isEmpty { try Self.checkType(type, in: project) }
            if json {
                Output.write(try JSONOutput.encode(documents.map(DocumentJSON.init)))
                return
            }
            guard !documents.isEmpty else {
                Output.error("no documents\(status.map { " " + $0.rawValue } ?? ""); tenet midtrain generate SPEC --count N makes some")
                return
            }
            var out = ""
            for stored in documents {
                let words = stored.document.wordCount
                out += "\(stored.id)  \(stored.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  "
                    + "\(SafeText.visible(stored.document.rules.joined(separator: ",")))  \(SafeText.visible(stored.document.type))  \(words) words"
                    + "  \(SafeText.visible(stored.document.provenance.generator))\n"
            }
            Output.write(out)
        }

        /// Refuses a `--type` that is neither a built-in document type nor the type of a
        /// stored document (a typo would otherwise read as "no documents"), with the types.
        static func checkType(_ type: String, in project: ProjectStore) throws {
            var known = (try? DocumentTypes.load().all.map(\.name)) ?? []
            for stored in try storeCall({ () throws(StoreError) in try project.documents() }) where !known.contains(stored.document.type) {
                known.append(stored.document.type)
            }
            guard !known.contains(type) else { return }
            let message = "no document type `\(SafeText.visible(type))`; the types are: \(known.map { SafeText.visible($0) }.joined(separator: ", "))"
            try storeCall { () throws(StoreError) in throw StoreError.notFound(message) }
        }
    }
}
