import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension EvalCommand {
    /// `tenet eval compare A B`.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "B against A over the prompts both scored: SAR and per-rule deltas with a paired bootstrap, the responses that got worse first."
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: "The run compared against.") var a: String
        @Argument(help: "The run compared.") var b: String
        @Option(parsing: .unconditional, help: "How many responses that got worse to list.") var limit: Int = 10
        @Flag(help: "Print as JSON.") var json = false

        func validate() throws {
            try OptionRange.check(limit, "--limit", OptionRange.count)
        }

        func run() throws {
            let project = try store.open()
            let (runA, runB) = try storeCall { () throws(StoreError) in (try project.evalRun(a), try project.evalRun(b)) }
            let (resultsA, resultsB) = try storeCall { () throws(StoreError) in (try project.evalResults(run: a), try project.evalResults(run: b)) }
            let comparison = EvalComparison(a: runA.run, resultsA, b: runB.run, resultsB)
            let sets = "\(SafeText.visible(runA.run.promptSet)) r\(runA.run.promptSetRevision) and \(SafeText.visible(runB.run.promptSet)) r\(runB.run.promptSetRevision)"
            if comparison.matching == 0 && !resultsA.isEmpty && !resultsB.isEmpty {
                Output.error("tenet: runs \(SafeText.visible(a)) and \(SafeText.visible(b)) share no prompt (the same ID and text) — prompt sets \(sets)"
                             + (comparison.differentText > 0 ? "; \(comparison.differentText) prompt IDs are in both with different text" : "")
                             + "; compare runs over the same prompts")
                throw ExitStatus.failure
            }
            if comparison.differentText > 0 {
                Output.error("note: \(comparison.differentText) prompt\(comparison.differentText == 1 ? "" : "s") with the same ID but different text in \(sets) left out; "
                             + "only prompts whose ID and text are the same in both runs are compared")
            }
            if json {
                Output.write(try JSONOutput.encode(comparison))
                return
            }
            Output.write(EvalPrinter.comparison(comparison, limit: limit))
        }
    }
}
