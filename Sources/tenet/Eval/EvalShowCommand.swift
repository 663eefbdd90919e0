import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension EvalCommand {
    /// `tenet eval show RUN [--prompt ID] [--json]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "A run's scores: SAR, safety and behavioral per label, per rule, with bootstrap intervals; cost per stage.",
            discussion: """
            Intervals are 95 % percentile intervals of 1,000 bootstrap resamples of the scored \
            responses, seeded with the run's seed. With --prompt, one prompt's response and every \
            verdict with the judge's reason.
            """
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The run.", valueName: "run")) var runName: String
        @Option(help: "Show this prompt's result.") var prompt: String?
        @Flag(help: "Print as JSON.") var json = false

        struct Shape: Encodable {
            var run: EvalRun
            var revision: Int
            var changeset: Int64
            var summary: EvalSummary
            /// Recorded as running, but no process runs it (killed): `tenet eval resume` goes on.
            var interrupted: Bool
            /// As `eval list` shows it: `running`, `stopped`, `finished`, or `interrupted`
            /// (`run.status` is what was recorded, `running` for a run killed while asking).
            var status: String
            init(stored: StoredEvalRun, summary: EvalSummary) {
                run = stored.run
                interrupted = stored.interrupted
                status = stored.shownStatus
                revision = stored.revision
                changeset = stored.changeset
                self.summary = summary
            }
        }

        func run() throws {
            let project = try store.open()
            let stored = try storeCall { () throws(StoreError) in try project.evalRun(runName) }
            if let prompt {
                let result = try storeCall { () throws(StoreError) in try project.evalResult(run: runName, prompt: prompt) }
                if json { Output.write(try JSONOutput.encode(result)) } else { Output.write(EvalPrinter.result(stored.run, result)) }
                return
            }
            let results = try storeCall { () throws(StoreError) in try project.evalResults(run: runName) }
            let summary = EvalSummary(run: stored.run, results: results)
            if json {
                Output.write(try JSONOutput.encode(Shape(stored: stored, summary: summary)))
                return
            }
            Output.write(EvalPrinter.summary(stored, summary))
            let failures = results.filter { $0.failure != nil }
            if !failures.isEmpty {
                Output.write(summary.judgeFailures > 0 ? "\njudge failures (unscored):\n" : "\nno answer (unscored):\n")
                for result in failures {
                    let failure = result.failure
                    Output.write("  \(SafeText.visible(result.prompt)): \(SafeText.visible(failure?.message ?? ""))"
                                 + (failure?.stage == "answer" ? " (no answer)" : " after \(failure?.attempts ?? 0) attempt\(failure?.attempts == 1 ? "" : "s")") + "\n")
                }
            }
        }
    }
}
