import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth
import TenetUI

extension MidtrainCommand {
    /// `tenet midtrain edit ID --text-file F`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Replace a document's text with your edit (it becomes edited: accepted with changes; the original is kept).")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The document's ID (or a prefix naming one).") var id: String
        @Option(name: .customLong("text-file"), help: "The new text (- for standard input).", completion: .file()) var textFile: String
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "The revision you edited (refused with exit 3 if it changed since).") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
        }

        func run() throws {
            let text = try NamedText.read(textFile, limit: NamedText.defaultLimit)
            let project = try store.open()
            let stored = try storeCall { () throws(StoreError) in try DocumentEdit.save(project, id, text: text, expectedRevision: expectRev) }
            if stored.status == .pending {
                Output.error("\(stored.id): edited (rev \(stored.revision)); it was rejected, so it waits for a decision again: "
                             + "tenet midtrain decide \(stored.id) accept takes it into the export")
            } else {
                Output.error("\(stored.id): edited (rev \(stored.revision))")
            }
        }
    }
}
