import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

/// `tenet eval show RUN [--prompt ID] [--json]`.
struct EvalShowCommand: ParsableCommand {
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
        init(stored: StoredEvalRun, summary: EvalSummary) {
            run = stored.run
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
            Output.write("\njudge failures (unscored):\n")
            for result in failures {
                Output.write("  \(SafeText.visible(result.prompt)): \(SafeText.visible(result.failure?.message ?? "")) after \(result.failure?.attempts ?? 0) attempts\n")
            }
        }
    }
}

/// `tenet eval list [--json]`.
struct EvalListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The project's evaluation runs.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print as JSON.") var json = false

    func run() throws {
        let project = try store.open()
        let runs = try storeCall { () throws(StoreError) in try project.evalRuns() }
        var rows: [(StoredEvalRun, EvalSummary)] = []
        for stored in runs {
            let results = try storeCall { () throws(StoreError) in try project.evalResults(run: stored.name) }
            rows.append((stored, EvalSummary(run: stored.run, results: results)))
        }
        if json {
            struct Line: Encodable {
                var name: String, status: String, revision: Int, method: String, model: String, judge: String, `protocol`: String
                var instantiation: String, promptSet: String, promptSetRevision: Int, prompts: Int, answered: Int, scored: Int, judgeFailures: Int
                var sar: Double, safety: Double, behavioral: Double
            }
            Output.write(try JSONOutput.encode(rows.map { stored, summary in
                Line(name: stored.name, status: stored.run.status.rawValue, revision: stored.revision, method: stored.run.method.rawValue,
                     model: stored.run.model, judge: stored.run.judgeModel, protocol: stored.run.protocol.rawValue, instantiation: stored.run.instantiation,
                     promptSet: stored.run.promptSet, promptSetRevision: stored.run.promptSetRevision, prompts: summary.prompts, answered: summary.answered,
                     scored: summary.scored, judgeFailures: summary.judgeFailures, sar: summary.all.sar.mean, safety: summary.all.safety.mean,
                     behavioral: summary.all.behavioral.mean)
            }))
            return
        }
        if rows.isEmpty { Output.error("no evaluation runs; start one with tenet eval run") }
        for (stored, summary) in rows {
            let run = stored.run
            Output.write("\(SafeText.visible(run.name))  \(run.status.rawValue) \(summary.answered)/\(summary.prompts)  \(run.method.rawValue) \(SafeText.visible(run.model))"
                         + "  judge \(SafeText.visible(run.judgeModel)) (\(run.protocol.rawValue))  SAR \(EvalPrinter.number(summary.all.sar.mean))\n")
        }
    }
}

/// `tenet eval compare A B`.
struct EvalCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "B against A over the prompts both scored: SAR and per-rule deltas with a paired bootstrap, the responses that got worse first."
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The run compared against.") var a: String
    @Argument(help: "The run compared.") var b: String
    @Option(help: "How many responses that got worse to list.") var limit: Int = 10
    @Flag(help: "Print as JSON.") var json = false

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
