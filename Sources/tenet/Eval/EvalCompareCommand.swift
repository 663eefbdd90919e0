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
        @Option(help: "How many responses that got worse to list.") var limit: Int = 10
        @Flag(help: "Print as JSON.") var json = false

        func validate() throws {
            try OptionRange.check(limit, "--limit", OptionRange.count)
        }

        func run() throws {
            let project = try store.open()
            let (runA, runB) = try storeCall { () throws(StoreError) in (try project.evalRun(a), try project.evalRun(b)) }
            let (resultsA, resultsB) = try storeCall { () throws(StoreError) in (try project.evalResults(run: a), try project.evalResults(run: b)) }
            if runA.run.promptSet != runB.run.promptSet {
                Output.error("note: the runs use different prompt sets (\(SafeText.visible(runA.run.promptSet)), \(SafeText.visible(runB.run.promptSet))); only prompts with the same ID are compared")
            }
            let comparison = EvalComparison(a: runA.run, resultsA, b: runB.run, resultsB)
            if json {
                Output.write(try JSONOutput.encode(comparison))
                return
            }
            Output.write(EvalPrinter.comparison(comparison, limit: limit))
        }
    }
}
