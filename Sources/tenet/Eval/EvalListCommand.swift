import ArgumentParser
import Foundation
import TenetSpec
import TenetStore

extension EvalCommand {
    /// `tenet eval list [--json]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The project's evaluation runs, newest first.")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print as JSON.") var json = false

        func run() throws {
            let project = try store.open()
            // Newest first, as the workbench's evaluation screen and `tenet log` list.
            let runs = try storeCall { () throws(StoreError) in try project.evalRuns() }.reversed()
            var rows: [(StoredEvalRun, EvalSummary)] = []
            for stored in runs {
                let results = try storeCall { () throws(StoreError) in try project.evalResults(run: stored.name) }
                rows.append((stored, EvalSummary(run: stored.run, results: results)))
            }
            if json {
                struct Line: Encodable {
                    var name: String, status: String, revision: Int, method: String, model: String, judge: String, `protocol`: String
                    var instantiation: String, promptSet: String, promptSetRevision: Int, prompts: Int, answered: Int, scored: Int, judgeFailures: Int
                    /// `null` when nothing was scored.
                    @JSONNullable var sar: Double?
                    @JSONNullable var safety: Double?
                    @JSONNullable var behavioral: Double?
                }
                Output.write(try JSONOutput.encode(rows.map { stored, summary in
                    Line(name: stored.name, status: stored.shownStatus, revision: stored.revision, method: stored.run.method.rawValue,
                         model: stored.run.model, judge: stored.run.judgeModel, protocol: stored.run.protocol.rawValue, instantiation: stored.run.instantiation,
                         promptSet: stored.run.promptSet, promptSetRevision: stored.run.promptSetRevision, prompts: summary.prompts, answered: summary.answered,
                         scored: summary.scored, judgeFailures: summary.judgeFailures, sar: summary.all.sar.definedMean, safety: summary.all.safety.definedMean,
                         behavioral: summary.all.behavioral.definedMean)
                }))
                return
            }
            if rows.isEmpty { Output.error("no evaluation runs; start one with tenet eval run") }
            for (stored, summary) in rows {
                let run = stored.run
                // The SAR is over the scored responses: how many they are is said beside it.
                Output.write("\(SafeText.visible(run.name))  \(stored.shownStatus) \(summary.answered)/\(summary.prompts), \(summary.scored) scored  \(run.method.rawValue) \(SafeText.visible(run.model))"
                             + "  judge \(SafeText.visible(run.judgeModel)) (\(run.protocol.rawValue))  SAR \(EvalPrinter.number(summary.all.sar.definedMean))"
                             + (stored.interrupted ? CommandHint.naming("  (tenet eval resume \(SafeText.visible(run.name)) goes on)") : "") + "\n")
            }
        }
    }
}
