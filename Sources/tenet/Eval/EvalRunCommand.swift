import ArgumentParser
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

extension Align3Variant: ExpressibleByArgument {}
extension PrefillForm: ChoiceArgument {}

extension EvalCommand {
    /// `tenet eval run`: a new run.
    struct Run: ParsableCommand {
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
        @Option(parsing: .unconditional, help: "Prompts evaluated at once.") var concurrency: Int = EvalRun.defaultConcurrency
        @Option(help: "The run's name (default: INSTANTIATION-METHOD-MODEL).") var name: String?
        @Option(parsing: .unconditional, help: "The run's seed: each prompt's requests carry a seed made from it; it also seeds the bootstrap.") var seed: UInt64 = 0
        @Option(name: .customLong("align3-variant"), help: "align3: prefill or multi-turn (default: ask the endpoint).") var align3Variant: Align3Variant?
        @Option(name: .customLong("prefill-form"), help: "align3 with prefill: plain or continue_final_message (default: what the endpoint answered to, else continue_final_message).") var prefillForm: PrefillForm?
        @Option(name: .customLong("max-tokens"), parsing: .unconditional, help: "The most tokens of the model's answer (each align3 stage). SpecBench's configs: 4200.") var maxTokens: Int = 4200
        @Option(parsing: .unconditional, help: "The model's sampling temperature.") var temperature: Double = 0
        @Option(name: .customLong("judge-max-tokens"), parsing: .unconditional, help: "The most tokens of a judge reply (the judge samples at temperature 0).") var judgeMaxTokens: Int = 4200
        @Flag(name: .customLong("no-adversarial"), help: "Ask each prompt itself, not its adversarial wording (SpecBench's --adversarial 0).") var plain = false
        @Flag(help: "Print the run's summary as JSON.") var json = false

        func validate() throws {
            if let name, let problem = StoredName.problem(name, "run") { throw ValidationError(problem) }
            try OptionRange.check(concurrency, "--concurrency", OptionRange.concurrency)
            try OptionRange.check(maxTokens, "--max-tokens", OptionRange.count)
            try OptionRange.check(judgeMaxTokens, "--judge-max-tokens", OptionRange.count)
            try EndpointOptions.checkModelName(judgeModel, "--judge-model")
            guard let model = endpoint.model, !model.isEmpty else { throw ValidationError("name the model under evaluation with --model") }
            guard let base = endpoint.baseURL, !base.isEmpty else { throw ValidationError("name its endpoint with --base-url (e.g. http://localhost:8000/v1)") }
            // Bad usage (64), said before a run is recorded: not an endpoint's failure.
            if let problem = OpenAIProvider.baseURLProblem(base) { throw ValidationError("--base-url " + problem) }
            if let judge = judgeBaseURL, let problem = OpenAIProvider.baseURLProblem(judge) { throw ValidationError("--judge-base-url " + problem) }
            guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
            guard maxTokens > 0, judgeMaxTokens > 0 else { throw ValidationError("--max-tokens and --judge-max-tokens must be at least 1") }
            guard RoleSampling.temperatures.contains(temperature) else { throw ValidationError("--temperature must be from 0 to 2") }
            if method != .align3 && (align3Variant != nil || prefillForm != nil) { throw ValidationError("--align3-variant and --prefill-form are for --method align3") }
            if align3Variant == .multiTurn && prefillForm != nil { throw ValidationError("--prefill-form goes with the prefill variant, not multi-turn") }
        }

        func run() throws {
            let project = try store.open(connections: .pool)
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
            request.adversarial = !plain
            let connection = EvalConnection(apiKey: try endpoint.apiKey(), judgeAPIKey: try judgeKey.rule(), timeout: endpoint.timeout, retries: endpoint.retries)
            let asked = request
            let started = try evalCall {
                try Blocking.run { try await EvalService.start(asked, connection: connection, store: project) }
            }
            let run = started.run
            if run.method == .align3 {
                Output.error("align3: \(run.align3Variant == .multiTurn ? "multi-turn (the endpoint does not continue an assistant message)" : "prefill (\(run.prefillForm ?? "continue_final_message"))")")
            }
            try EvalRunner.execute(started, connection: connection, store: project, json: json, keyWords: endpoint.keyWords + judgeKey.words)
        }
    }
}
