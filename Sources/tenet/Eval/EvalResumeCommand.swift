import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

extension EvalCommand {
    /// `tenet eval resume RUN`.
    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Go on with a stopped or killed run: only prompts without a result are asked.",
            discussion: "The run keeps its endpoints, models, method and judge; give the API key options again (keys are never stored)."
        )

        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The run.", valueName: "run")) var runName: String
        /// Not the model or endpoint: the run keeps its own.
        @OptionGroup var endpoint: ConnectionOptions
        /// Not offered; given anyway, refused with the reason.
        @Option(help: .hidden) var model: String?
        @Option(name: .customLong("base-url"), help: .hidden) var baseURL: String?
        @OptionGroup var judgeKey: JudgeKeyOptions
        @Flag(name: .customLong("redo-failures"), help: "Redo the run's failures as a new run: judge failures judged again on the stored answers, prompts with no answer asked again, scored results taken over.") var redoFailures = false
        @Option(help: "With --redo-failures: the new run's name (default: RUN-redo).") var name: String?
        @Flag(help: "Print the run's summary as JSON.") var json = false

        func validate() throws {
            if model != nil || baseURL != nil {
                throw ValidationError("a run keeps its model and endpoint; leave out --model and --base-url (start a new run for another)")
            }
            if name != nil && !redoFailures { throw ValidationError("--name names the new run of --redo-failures") }
            // As `eval run --name`: a bad name is bad usage (64), before any request.
            if let name, let problem = StoredName.problem(name, "run") { throw ValidationError(problem) }
        }

        func run() throws {
            let connection = EvalConnection(apiKey: try endpoint.apiKey(), judgeAPIKey: try judgeKey.rule(), timeout: endpoint.timeout, retries: endpoint.retries)
            let project = try store.open(connections: .pool)
            let stored = try storeCall { () throws(StoreError) in try project.evalRun(runName) }
            if redoFailures {
                let redo = try evalCall { try EvalService.redoFailures(of: stored, name: name, store: project) }
                Output.error("run \(SafeText.visible(redo.name)) redoes the failures of \(SafeText.visible(runName))")
                try EvalRunner.execute(redo, connection: connection, store: project, json: json, keyWords: endpoint.keyWords + judgeKey.words)
                return
            }
            if stored.run.status == .finished {
                Output.error("run \(SafeText.visible(runName)) is finished: every prompt has a result (tenet eval show \(SafeText.visible(runName)))")
                let results = try storeCall { () throws(StoreError) in try project.evalResults(run: stored.name) }
                // The run as it stands, in the shape eval run --json gives: a script gets
                // its answer whether or not there was anything left to do.
                if json { Output.write(try JSONOutput.encode(EvalCommand.Show.Shape(stored: stored, summary: EvalSummary(run: stored.run, results: results)))) }
                if let failures = EvalPrinter.failures(stored.run, EvalSummary(run: stored.run, results: results),
                                                       latestPrompts: try? project.promptSet(stored.run.promptSet).revision,
                                                       keyWords: endpoint.keyWords + judgeKey.words) { Output.error(failures) }
                return
            }
            try EvalRunner.execute(stored, connection: connection, store: project, json: json, keyWords: endpoint.keyWords + judgeKey.words)
        }
    }
}
