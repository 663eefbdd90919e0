import Foundation
import TenetSpec
import TenetStore

/// What a new evaluation run is asked to do: `tenet eval run`'s options, and what the
/// workbench's evaluation screen will fill in.
public struct EvalRequest: Sendable, Equatable {
    public var instantiation: String
    public var promptSet: String
    public var model: String
    public var baseURL: String
    public var method: EvalMethod
    public var judgeModel: String
    /// `nil`: the target's endpoint.
    public var judgeBaseURL: String?
    public var `protocol`: JudgeProtocol = .joint
    public var concurrency = 4
    /// `nil`: `INSTANTIATION-METHOD-MODEL`, numbered when taken.
    public var name: String?
    public var seed: UInt64 = 0
    /// For align3: how the assistant's reasoning is continued; `nil` asks the endpoint
    /// (``ProviderProbe``) and uses the prefill form that worked, else the multi-turn variant.
    public var align3Variant: Align3Variant?
    public var prefillForm: PrefillForm?
    public var maxTokens = 4200
    public var temperature = 0.0
    public var judgeMaxTokens = 4200
    /// `false`: ask each prompt itself, not its adversarial wording (``EvalRun/adversarial``).
    public var adversarial = true

    public init(instantiation: String, promptSet: String, model: String, baseURL: String, method: EvalMethod, judgeModel: String) {
        self.instantiation = instantiation
        self.promptSet = promptSet
        self.model = model
        self.baseURL = baseURL
        self.method = method
        self.judgeModel = judgeModel
    }
}

/// How to reach the endpoints (never stored with the run): the key rule, timeout, retries.
public struct EvalConnection: Sendable {
    /// The key rule of the model under evaluation's endpoint.
    public var apiKey: APIKeyRule
    /// The judge's, when it differs (a hosted judge, a local model); `nil`: the same.
    public var judgeAPIKey: APIKeyRule?
    public var timeout: Double
    public var retries: Int

    public init(apiKey: APIKeyRule = APIKeyRule(), judgeAPIKey: APIKeyRule? = nil, timeout: Double = 60, retries: Int = 4) {
        self.apiKey = apiKey
        self.judgeAPIKey = judgeAPIKey
        self.timeout = timeout
        self.retries = retries
    }
}

/// The evaluation service the command line and the workbench share: starts a run (bound
/// to the instance, its spec revision and the prompt set's revision), runs or resumes it
/// saving each prompt's result as it finishes, and records how it ended.
public enum EvalService {
    /// The rules of a saved instance as the model and the judge are given them, with their IDs.
    public static func rules(of instance: Instantiation) -> (safety: [EvalRule], behavioral: [EvalRule]) {
        let safety = instance.safety.compactMap { rule in instance.statement(rule).map { EvalRule(id: rule.id, text: $0) } }
        var behavioral = instance.behavioral.compactMap { rule in instance.statement(rule).map { EvalRule(id: rule.id, text: $0) } }
        if instance.endsWithHelpfulnessRule {
            let own = behavioral.first { $0.text == RuleStatement.specBenchHelpfulness }
            behavioral = behavioral.filter { $0.text != RuleStatement.specBenchHelpfulness }
                + [own ?? EvalRule(id: helpfulnessRuleID, text: RuleStatement.specBenchHelpfulness)]
        }
        return (safety, behavioral)
    }

    /// The ID the helpfulness rule gets when Tenet adds it (it is no rule of the spec).
    public static let helpfulnessRuleID = "specbench.helpfulness"

    /// Makes the run a request describes and records it (status running). For align3
    /// without a chosen variant, asks the endpoint whether it continues an assistant message.
    public static func start(_ request: EvalRequest, connection: EvalConnection, store: ProjectStore) async throws -> StoredEvalRun {
        try store.authorize(.evaluate)
        let saved = try store.instantiation(request.instantiation)
        let instance = saved.instantiation
        let set = try store.promptSet(request.promptSet)
        let (safety, behavioral) = rules(of: instance)
        guard !behavioral.isEmpty else {
            throw SynthError(message: "instantiation \(saved.name) has no behavioral rule; SpecBench's score divides by their number — "
                                      + "save one with behavioral rules (tenet instantiate \(instance.spec) --helpfulness-rule --save NAME)")
        }
        var variant: Align3Variant?
        var form: PrefillForm?
        if request.method == .align3 {
            variant = request.align3Variant
            form = request.prefillForm
            if variant == nil {
                let settings = ProviderSettings(kind: .openai, model: request.model, baseURL: request.baseURL, apiKey: connection.apiKey,
                                                timeout: connection.timeout, retries: connection.retries)
                let (finding, found) = await ProviderProbe(settings: settings).prefill()
                variant = finding.supported == .yes && found != nil ? .prefill : .multiTurn
                form = found
            } else if variant == .prefill && form == nil {
                form = .continueFinalMessage
            }
        }
        var templates: [String: String] = [:]
        func note(_ name: String, _ text: String) { templates[name] = String(PreferencePair.sha256(text).prefix(12)) }
        if request.method != .raw { note("specbench-augmented", SpecBenchPrompt.augmented(question: "{prompt}", safety: [], behavioral: [])) }
        if request.method == .align3 {
            note("align3-first", Align3Prompt.firstStage)
            note("align3-second", Align3Prompt.secondStage)
            note("align3-third", Align3Prompt.thirdStage)
            if variant == .multiTurn { note("align3-continue", Align3Prompt.continueInstruction) }
        }
        switch request.protocol {
        case .joint: note("judge-joint", SpecBenchJointJudgePrompt.system + "\n" + SpecBenchJointJudgePrompt.template)
        case .sequential: note("judge-sequential", SpecBenchSequentialJudgePrompt.system + "\n" + SpecBenchSequentialJudgePrompt.template)
        }
        let name = try request.name ?? freeName("\(request.instantiation)-\(request.method.rawValue)-\(request.model)", store: store)
        var run = EvalRun(name: name, spec: instance.spec, specRevision: instance.specRevision, instantiation: saved.name,
                          instantiationRevision: saved.revision, promptSet: set.name, promptSetRevision: set.revision,
                          promptCount: set.record.count, model: request.model, baseURL: request.baseURL, method: request.method,
                          align3Variant: variant, prefillForm: form?.rawValue, judgeModel: request.judgeModel,
                          judgeBaseURL: request.judgeBaseURL ?? request.baseURL, protocol: request.protocol,
                          concurrency: max(1, request.concurrency), seed: request.seed, judgeAttempts: EvalRun.specBenchJudgeAttempts,
                          responseLimit: EvalRun.specBenchResponseLimit, system: EvalRun.specBenchSystem, safety: safety,
                          behavioral: behavioral, templates: templates, targetMaxTokens: request.maxTokens,
                          targetTemperature: request.temperature, judgeMaxTokens: request.judgeMaxTokens, judgeTemperature: 0,
                          status: .running)
        run.adversarial = request.adversarial ? nil : false
        _ = try endpoints(run, connection: connection)
        return try store.startEvalRun(run)
    }

    /// Records a new run (status running) that redoes `source`'s failures: the same
    /// instance, prompts, model, method and judge; see ``EvalRun/redoes``. Refused when
    /// `source` has no failure.
    public static func redoFailures(of source: StoredEvalRun, name: String?, store: ProjectStore) throws -> StoredEvalRun {
        try store.authorize(.evaluate)
        let failed = try store.evalResults(run: source.name).filter { $0.failure != nil }.count
        guard failed > 0 else {
            throw SynthError(message: "run \(source.name) has no failure to redo (tenet eval show \(source.name))")
        }
        var run = source.run
        run.name = try name ?? freeName(source.name + "-redo", store: store)
        run.status = .running
        run.note = nil
        run.redoes = source.name
        return try store.startEvalRun(run)
    }

    /// A run name not yet taken: `base`, else `base-2`, `base-3` …
    static func freeName(_ base: String, store: ProjectStore) throws -> String {
        let clean = String(base.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "-" })
        let taken = Set(try store.evalRuns().map(\.name))
        if !taken.contains(clean) { return clean }
        var n = 2
        while taken.contains("\(clean)-\(n)") { n += 1 }
        return "\(clean)-\(n)"
    }

    /// The target's and the judge's endpoints; fails before any request on a bad URL or a
    /// missing API key.
    static func endpoints(_ run: EvalRun, connection: EvalConnection) throws -> (target: EvalEndpoint, judge: EvalEndpoint) {
        let target = try OpenAIProvider(baseURL: run.baseURL, model: run.model, apiKey: connection.apiKey, seed: run.seed,
                                        timeout: connection.timeout, retries: connection.retries)
        let judge = try OpenAIProvider(baseURL: run.judgeBaseURL, model: run.judgeModel, apiKey: connection.judgeAPIKey ?? connection.apiKey, seed: run.seed,
                                       timeout: connection.timeout, retries: connection.retries)
        return (EvalEndpoint(provider: target, sampling: Sampling(maxTokens: run.targetMaxTokens, temperature: run.targetTemperature)),
                EvalEndpoint(provider: judge, sampling: Sampling(maxTokens: run.judgeMaxTokens, temperature: run.judgeTemperature)))
    }

    /// How a run (or a leg of it) ended.
    public struct Ending: Sendable {
        public var run: StoredEvalRun
        /// Results saved by this leg, and prompts with a result in all.
        public var saved: Int
        public var done: Int
        public var stopped: Bool
        public var failure: String?
    }

    /// Runs the prompts of `stored` that have no result yet, saving each as it finishes,
    /// then records the run as finished, or stopped (Ctrl-C — cancel the task — or an
    /// endpoint that failed). Marks a stopped or killed run running again first. Refused
    /// with ``EvalRunInProgress`` before any request while another process runs it.
    /// `progress` gets the number of prompts with a result, and the total.
    public static func execute(_ stored: StoredEvalRun, connection: EvalConnection, store: ProjectStore,
                               progress: @escaping @Sendable (Int, Int) -> Void) async throws -> Ending {
        let (target, judge) = try endpoints(stored.run, connection: connection)
        // One process at a time: a second would ask every prompt again, then collide.
        let hold = try store.lockEvalRun(stored.name)
        defer { hold.release() }
        // Read again under the lock: the process that held it may have moved the run on.
        var current = try store.evalRun(stored.name)
        if current.run.status != .running || current.run.note != nil {
            var run = current.run
            run.status = .running
            run.note = nil
            current = try store.updateEvalRun(run, expectedRevision: current.revision, message: "resume eval run \(run.name)")
        }
        let run = current.run
        let done = try store.evaluatedPrompts(run: run.name)
        let pending = try store.promptIDs(set: run.promptSet, revision: run.promptSetRevision).filter { !done.contains($0.id) }.map(\.ordinal)
        let changeset = current.changeset
        let already = done.count
        progress(already, run.promptCount)
        // A run that redoes another's failures starts from that run's results.
        var earlier: [Int: EvalResult] = [:]
        if let source = run.redoes {
            try store.forEachEvalResult(run: source) { earlier[$0.ordinal] = $0 }
        }
        let job = EvalJob(run: run, target: target, judge: judge, earlier: earlier)
        let outcome = await job.run(pending, load: { ordinal in
            try store.prompt(set: run.promptSet, revision: run.promptSetRevision, ordinal: ordinal)
        }, save: { results in
            try store.saveEvalResults(run: run.name, changeset: changeset, results)
        }, progress: { progress(already + $0, run.promptCount) })
        var ended = run
        let total = already + outcome.saved
        if total >= run.promptCount && outcome.failure == nil {
            ended.status = .finished
        } else {
            ended.status = .stopped
            ended.note = outcome.failure ?? (outcome.stopped ? "stopped by the user" : nil)
        }
        let message = "eval run \(run.name) \(ended.status.rawValue): \(total)/\(run.promptCount) prompts"
        let final = try store.updateEvalRun(ended, expectedRevision: current.revision, message: message)
        return Ending(run: final, saved: outcome.saved, done: total, stopped: outcome.stopped, failure: outcome.failure)
    }
}
