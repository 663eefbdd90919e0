import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

extension Align3Variant: ExpressibleByArgument {}
extension PrefillForm: ExpressibleByArgument {}

/// `tenet eval run`: a new run.
struct EvalRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Start an evaluation run and run it to the end (Ctrl-C stops it; tenet eval resume goes on).",
        discussion: """
        raw sends the prompt alone; vanilla SpecBench's augmented prompt (the prompt, then the \
        instance's safety and behavioral rules); align3 SpecBench's three reasoning stages \
        (behavioral, safety, final review) continuing an assistant message — when the endpoint \
        cannot continue one (asked first, as tenet provider check does), a multi-turn variant \
        is used, and the run records which. The judge reads the prompt as SpecBench's does \
        (the original, not the adversarial wording the model was asked) and the response cut \
        to 8,000 characters; a reply with the wrong number of verdicts is asked again, five \
        times in all, then recorded as a judge failure, never scored.
        """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "The saved instantiation whose rules the model and the judge are given.") var instantiation: String
    @Option(name: .customLong("prompts"), help: "The prompt set (tenet import prompts).") var promptSet: String
    @OptionGroup var endpoint: EndpointOptions
    @Option(help: "raw, vanilla or align3.") var method: EvalMethod
    @Option(name: .customLong("judge-model"), help: "The judge's model.") var judgeModel: String
    @Option(name: .customLong("judge-base-url"), help: "The judge's endpoint (default: --base-url).") var judgeBaseURL: String?
    @OptionGroup var judgeKey: JudgeKeyOptions
    @Option(name: .customLong("protocol"), help: "joint (every rule in one request) or sequential (one rule per request).") var judgeProtocol: JudgeProtocol = .joint
    @Option(help: "Prompts evaluated at once.") var concurrency: Int = 4
    @Option(help: "The run's name (default: INSTANTIATION-METHOD-MODEL).") var name: String?
    @Option(help: "The run's seed: each prompt's requests carry a seed made from it; it also seeds the bootstrap.") var seed: UInt64 = 0
    @Option(name: .customLong("align3-variant"), help: "align3: prefill or multi-turn (default: ask the endpoint).") var align3Variant: Align3Variant?
    @Option(name: .customLong("prefill-form"), help: "align3 with prefill: plain or continue_final_message (default: what the endpoint answered to, else continue_final_message).") var prefillForm: PrefillForm?
    @Option(name: .customLong("max-tokens"), help: "The most tokens of the model's answer (each align3 stage). SpecBench's configs: 4200.") var maxTokens: Int = 4200
    @Option(help: "The model's sampling temperature.") var temperature: Double = 0
    @Option(name: .customLong("judge-max-tokens"), help: "The most tokens of a judge reply (the judge samples at temperature 0).") var judgeMaxTokens: Int = 4200
    @Flag(help: "Print the run's summary as JSON.") var json = false

    func validate() throws {
        guard let model = endpoint.model, !model.isEmpty else { throw ValidationError("name the model under evaluation with --model") }
        guard let base = endpoint.baseURL, !base.isEmpty else { throw ValidationError("name its endpoint with --base-url (e.g. http://localhost:8000/v1)") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        guard maxTokens > 0, judgeMaxTokens > 0 else { throw ValidationError("--max-tokens and --judge-max-tokens must be at least 1") }
        guard RoleSampling.temperatures.contains(temperature) else { throw ValidationError("--temperature must be from 0 to 2") }
        if method != .align3 && (align3Variant != nil || prefillForm != nil) { throw ValidationError("--align3-variant and --prefill-form are for --method align3") }
        if align3Variant == .multiTurn && prefillForm != nil { throw ValidationError("--prefill-form goes with the prefill variant, not multi-turn") }
    }

    func run() throws {
        let project = try store.open()
        var request = EvalRequest(instantiation: instantiation, promptSet: promptSet, model: endpoint.model ?? "", baseURL: endpoint.baseURL ?? "",
                                  method: method, judgeModel: judgeModel)
        request.judgeBaseURL = judgeBaseURL
        request.protocol = judgeProtocol
        request.concurrency = concurrency
        request.name = name
        request.seed = seed
        request.align3Variant = align3Variant ?? (prefillForm != nil ? .prefill : nil)
        request.prefillForm = prefillForm
        request.maxTokens = maxTokens
        request.temperature = temperature
        request.judgeMaxTokens = judgeMaxTokens
        let connection = EvalConnection(apiKey: try endpoint.apiKey(), judgeAPIKey: try judgeKey.rule(), timeout: endpoint.timeout, retries: endpoint.retries)
        let asked = request
        let started = try evalCall {
            try Blocking.run { try await EvalService.start(asked, connection: connection, store: project) }
        }
        let run = started.run
        if run.method == .align3 {
            Output.error("align3: \(run.align3Variant == .multiTurn ? "multi-turn (the endpoint does not continue an assistant message)" : "prefill (\(run.prefillForm ?? "continue_final_message"))")")
        }
        try EvalRunner.execute(started, connection: connection, store: project, json: json)
    }
}

/// `tenet eval resume RUN`.
struct EvalResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Go on with a stopped or killed run: only prompts without a result are asked.",
        discussion: "The run keeps its endpoints, models, method and judge; give the API key options again (keys are never stored)."
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The run.", valueName: "run")) var runName: String
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var judgeKey: JudgeKeyOptions
    @Flag(help: "Print the run's summary as JSON.") var json = false

    func validate() throws {
        if endpoint.model != nil || endpoint.baseURL != nil {
            throw ValidationError("a run keeps its model and endpoint; leave out --model and --base-url (start a new run for another)")
        }
    }

    func run() throws {
        let connection = EvalConnection(apiKey: try endpoint.apiKey(), judgeAPIKey: try judgeKey.rule(), timeout: endpoint.timeout, retries: endpoint.retries)
        let project = try store.open()
        let stored = try storeCall { () throws(StoreError) in try project.evalRun(runName) }
        if stored.run.status == .finished {
            Output.error("run \(SafeText.visible(runName)) is finished: every prompt has a result (tenet eval show \(SafeText.visible(runName)))")
            return
        }
        try EvalRunner.execute(stored, connection: connection, store: project, json: json)
    }
}

/// Where the judge's API key comes from, when not from the model's (a hosted judge beside a
/// local model): the same rule as `--api-key-env` / `--no-api-key`.
struct JudgeKeyOptions: ParsableArguments {
    @Option(name: .customLong("judge-api-key-env"), help: ArgumentHelp("The environment variable holding the judge's API key (default: as for the model).", valueName: "VAR"))
    var variable: String?
    @Flag(name: .customLong("judge-no-api-key"), help: "Send the judge no API key.") var none = false

    /// `nil`: the judge's key comes as the model's does.
    func rule() throws -> APIKeyRule? {
        guard variable != nil || none else { return nil }
        return try EndpointOptions.keyRule(variable: variable, none: none, option: "--judge-api-key-env", noneOption: "--judge-no-api-key")
    }
}

/// Runs a run to its end on the command line: a progress bar, Ctrl-C to stop (exit 130),
/// the summary when it ends.
enum EvalRunner {
    static func execute(_ stored: StoredEvalRun, connection: EvalConnection, store: ProjectStore, json: Bool) throws {
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
            Output.write(try JSONOutput.encode(EvalShowCommand.Shape(stored: ending.run, summary: summary)))
        } else {
            Output.write(EvalPrinter.summary(ending.run, summary))
        }
        let counts = "\(ending.done)/\(run.promptCount) prompts have a result (\(ending.saved) in this run)"
        if interrupted || ending.stopped {
            Output.error("stopped: \(counts); tenet eval resume \(SafeText.visible(run.name)) goes on")
            throw ExitCode(130)
        }
        if let failure = ending.failure {
            Output.error("tenet: run \(SafeText.visible(run.name)) stopped: \(SafeText.visible(failure))\n\(counts); fix it and tenet eval resume \(SafeText.visible(run.name))")
            throw ExitCode.failure
        }
        if summary.judgeFailures > 0 {
            Output.error("\(summary.judgeFailures) judge failure\(summary.judgeFailures == 1 ? "" : "s"): replies that could not be read after \(run.judgeAttempts) attempts, left unscored (tenet eval show \(SafeText.visible(run.name)) lists them)")
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
