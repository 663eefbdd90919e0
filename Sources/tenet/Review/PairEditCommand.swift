import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension PairCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Replace a pair's chosen or rejected answer with a file's text (the original is kept).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Option(name: .customLong("chosen-file"), help: "The new chosen answer (- reads standard input).", completion: .file()) var chosenFile: String?
        @Option(name: .customLong("rejected-file"), help: "The new rejected answer (- reads standard input).", completion: .file()) var rejectedFile: String?
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "Refuse (exit 3) unless the pair is still at this revision.") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
            if chosenFile == nil && rejectedFile == nil { throw ValidationError("give --chosen-file or --rejected-file") }
            if chosenFile == "-" && rejectedFile == "-" { throw ValidationError("only one answer can come from standard input") }
        }

        func run() throws {
            let chosen = try chosenFile.map(Self.read)
            let rejected = try rejectedFile.map(Self.read)
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.editPair(id, chosen: chosen, rejected: rejected, expectedRevision: expectRev) }
            Output.write("\(id): edited · revision \(review.stored.revision)\n")
        }

        static func read(_ path: String) throws -> String {
            let text = try NamedText.read(path, limit: ProjectStore.longestAnswer,
                                          tooLarge: "an answer is at most \(ProjectStore.longestAnswer / 1024) KiB of text")
            // One trailing newline is the file's, not the answer's.
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
    }
}
