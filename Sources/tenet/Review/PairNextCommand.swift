import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension PairCommand {
    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "next",
            abstract: "Take the next pair to review and reserve it for you (a lease; see tenet project).",
            discussion: "When the queue is empty for you it says so on standard error (with --json, prints null) and exits 0.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this spec's.") var spec: String?
        @Option(help: "Only those targeting this rule.") var rule: String?
        @Option(help: "From this status (default: pending).") var status = "pending"
        @Option(help: "The next after this pair ID in queue order.") var after: String?
        @Flag(help: "As JSON.") var json = false

        /// An unknown status had found nothing, and said the queue was empty: a script's
        /// review loop stopped as if the work were done.
        func validate() throws {
            if let problem = PairStatus.problem(status) { throw ValidationError(problem) }
        }

        func run() throws {
            let project = try store.open()
            guard let next = try storeCall({ () throws(StoreError) in
                try project.checkFilters(spec: spec, rule: rule)
                // An unknown pair to start after was ignored: the queue's first came back.
                if let after { _ = try project.pairReview(after) }
                return try project.claimNext(QueueFilter(spec: spec, rule: rule, status: status), after: after)
            }) else {
                if !json { Output.error("nothing left to review for \(project.author)") } else { Output.write("null\n") }
                return
            }
            let review = try storeCall { () throws(StoreError) in try project.pairReview(next.id) }
            Output.write(json ? try JSONOutput.encode(PairJSON(review)) : PairPrinter.text(review))
        }
    }
}
