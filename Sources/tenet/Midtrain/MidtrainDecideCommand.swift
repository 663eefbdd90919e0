import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetUI

extension MidtrainCommand {
    /// `tenet midtrain decide ID accept|reject|flag|pending`.
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "Accept, reject or flag a document (or send it back to pending).",
            discussion: "Annotators may decide; changing a decision someone else made needs an adjudicator. Each decision is a revision (tenet log, tenet undo)."
        )

        enum Verdict: String, ChoiceArgument {
            case accept, reject, flag, pending
            var status: DocumentStatus {
                switch self {
                case .accept: return .accepted
                case .reject: return .rejected
                case .flag: return .flagged
                case .pending: return .pending
                }
            }
        }

        @OptionGroup var store: StoreOptions
        @Argument(help: "The document's ID (or a prefix naming one).") var id: String
        @Argument(help: "accept, reject, flag or pending.") var verdict: Verdict
        @Option(help: "A note (a flag's reason).") var note: String?
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "The revision you reviewed (refused with exit 3 if it changed since).") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
        }

        func run() throws {
            let project = try store.open()
            let stored = try storeCall { () throws(StoreError) in
                try project.decideDocument(id, verdict.status, note: note, expectedRevision: expectRev)
            }
            Output.error("\(stored.id): \(stored.status.rawValue) (rev \(stored.revision))")
        }
    }
}
