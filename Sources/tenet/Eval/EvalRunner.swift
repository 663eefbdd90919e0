import ArgumentParser
import Dispatch
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

/// Runs a run to its end on the command line: a progress bar, Ctrl-C to stop (exit 130),
/// the summary when it ends.
enum EvalRunner {
    /// `keyWords`: the key options the command was given, for the commands it prints.
    static func execute(_ stored: StoredEvalRun, connection: EvalConnection, store: ProjectStore, json: Bool, keyWords: [String] = []) throws {
        let progress = RunProgress(total: stored.run.promptCount, verb: "evaluated", unit: " prompts")
        let (outcome, interrupted) = Interruptible.run { () -> Result<EvalService.Ending, Error> in
            do {
                return .success(try await EvalService.execute(stored, connection: connection, store: store) { done, _ in progress.show(done) })
            } catch {
                return .failure(error)
            }
        }
        progress.finish()
        let ending = try evalCall { try outcome.get() }
        let run = ending.run.run
        let results = try storeCall { () throws(StoreError) in try store.evalResults(run: run.name) }
        let summary = EvalSummary(run: run, results: results)
        if json {
            Output.write(try JSONOutput.encode(EvalCommand.Show.Shape(stored: ending.run, summary: summary)))
        } else {
            Output.write(EvalPrinter.summary(ending.run, summary))
        }
        let counts = "\(ending.done)/\(run.promptCount) prompts have a result (\(ending.saved) in this run)"
        // Ctrl-C is 130; an endpoint that kept failing is an error (1), even though the job
        // then cancelled the prompts still running.
        if let failure = ending.failure, !interrupted {
            // A run keeps the endpoint it was started with: "fix it" cannot mean a mistyped URL.
            Output.error("tenet: run \(SafeText.visible(run.name)) stopped: \(SafeText.visible(failure))\n\(counts); "
                         + "once the endpoint answers, tenet eval resume \(SafeText.visible(run.name)) goes on "
                         + "(a run keeps its endpoint and model: for others, start a new run)")
            throw ExitStatus.failure
        }
        if interrupted || ending.stopped {
            Output.error("stopped: \(counts); tenet eval resume \(SafeText.visible(run.name)) goes on")
            throw ExitStatus.interrupted
        }
        if let failures = EvalPrinter.failures(run, summary, latestPrompts: try? store.promptSet(run.promptSet).revision, keyWords: keyWords) {
            Output.error(failures)
        }
        // Nothing scored is no result: a script must not take the run for a measurement.
        if summary.scored == 0 && summary.prompts > 0 {
            Output.error("tenet: run \(SafeText.visible(run.name)) finished with nothing scored: \(counts)")
            throw ExitStatus.failure
        }
        Output.error("run \(SafeText.visible(run.name)) finished: \(counts)")
    }
}

/// Waits for short async work from a synchronous command. It leaves SIGINT alone: Ctrl-C
/// ends the program as usual, and ``Interruptible`` — whose signal source can be set up
/// only once per process — stays free for the run itself.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = Box<T>()
        Task.detached(executorPreference: BackgroundExecutor.shared) {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    private final class Box<T>: @unchecked Sendable {
        var result: Result<T, Error>?
    }
}
