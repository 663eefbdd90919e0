import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension PairCommand {
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decide", abstract: "Record your decision on a pair: accept, reject, skip, flag or tie.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair's ID.") var id: String
        @Argument(help: "accept, reject, skip, flag or tie.") var decision: Decision
        @Option(help: "Why (a flag's reason, a note for others).") var note: String?
        @Option(name: .customLong("expect-rev"), parsing: .unconditional, help: "Refuse (exit 3) unless the pair is still at this revision.") var expectRev: Int?

        func validate() throws {
            try OptionRange.check(expectRev, "--expect-rev", OptionRange.revision)
        }

        func run() throws {
            let project = try store.open()
            let review = try storeCall { () throws(StoreError) in try project.decide(id, decision, note: note, expectedRevision: expectRev) }
            // Under `visibility own` the new status would tell how others decided.
            let status = (try? project.seesOthersVerdicts()) == true ? " · now \(review.stored.status)," : " ·"
            Output.write("\(id): \(decision.rawValue) by \(project.author)\(status) revision \(review.stored.revision)\n")
        }
    }
}
