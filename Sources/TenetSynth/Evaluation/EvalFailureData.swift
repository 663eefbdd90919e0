import Foundation
import TenetSpec
import TenetStore

/// Turns a response an evaluation judged as breaking a rule into data: a BAD boundary
/// example on the rule (a versioned edit of the rule), or a pending preference pair for
/// the review queue. The command line (`tenet eval example`, `tenet eval pair`) and the
/// workbench call it alike.
public enum EvalFailureData {
    /// The failing response of `prompt` in `run` on `rule`, with its conversation. Refused
    /// when the judge did not say NO on that rule (a good or inapplicable answer is no
    /// counter-example), or when the rule is not one of the spec's.
    public struct Failure: Sendable {
        public var run: StoredEvalRun
        public var result: EvalResult
        public var judgement: Judgement
        /// The conversation the response answered: earlier turns, then the user's prompt.
        public var conversation: [Turn]
    }

    /// Finds the failure, or says why there is none to use.
    public static func failure(run name: String, prompt: String, rule: String, store: ProjectStore) throws -> Failure {
        let run = try store.evalRun(name)
        let result = try store.evalResult(run: name, prompt: prompt)
        guard run.run.rules.contains(where: { $0.id == rule }) else {
            throw SynthError(message: "rule \(rule) is not among the rules of run \(name): \(run.run.rules.map(\.id).joined(separator: ", "))")
        }
        guard rule != EvalService.helpfulnessRuleID else {
            throw SynthError(message: "\(rule) is SpecBench's general helpfulness rule, which Tenet adds to the instance; it is no rule of spec \(run.run.spec) to add an example to")
        }
        guard let judgement = result.judgements.first(where: { $0.rule == rule }) else {
            throw SynthError(message: "prompt \(prompt) of run \(name) has no verdict on \(rule)" + (result.failure.map { " (\($0.message))" } ?? ""))
        }
        guard judgement.verdict == .no else {
            throw SynthError(message: "the judge said \(judgement.verdict.rawValue) on \(rule) for prompt \(prompt) of run \(name): only a response judged NO is a failure to learn from")
        }
        let item = try? store.prompt(set: run.run.promptSet, revision: run.run.promptSetRevision, ordinal: result.ordinal)
        let conversation = (item?.context ?? []) + [Turn(role: "user", content: result.asked)]
        return Failure(run: run, result: result, judgement: judgement, conversation: conversation)
    }

    /// Refuses a response Tenet cut (``EvalJob/bounded(_:limit:)``): it is not what the model wrote.
    private static func requireWhole(_ failure: Failure, _ what: String, instead: String) throws {
        guard failure.result.response.contains(EvalJob.cutMarker) else { return }
        throw SynthError(message: "no \(what) from it: the response of prompt \(failure.result.prompt) in run \(failure.run.name) was cut at "
                                  + "\(QualityCheck.longestAnswer / 1024) KiB (the model wrote more), and \(what) holds an answer as it was written; \(instead)")
    }

    /// Adds the failing response as a BAD example on the rule: the conversation and the
    /// response, the judge's reason, and a title naming the run and the prompt.
    @discardableResult
    public static func example(run name: String, prompt: String, rule: String, store: ProjectStore) throws -> EditResult {
        let failure = try failure(run: name, prompt: prompt, rule: rule, store: store)
        // An example is read with the rule by people and models: no more text than an answer
        // may have, no control characters, and not the same one twice.
        if let problem = QualityCheck.textProblem(failure.result.response, "the response of prompt \(prompt) in run \(name)") {
            throw SynthError(message: "no example from it: \(problem)")
        }
        try requireWhole(failure, "an example", instead: "write a short one with tenet rule example add")
        let reference = "\(failure.run.run.spec)/\(rule)"
        let current = try store.rule(reference)
        let turns = failure.conversation + [Turn(role: "assistant", content: failure.result.response)]
        if let index = (current.record.source.examples + current.record.annotations.examples).firstIndex(where: { $0.verdict == .bad && $0.turns == turns }) {
            throw SynthError(message: "rule \(rule) already has this response as BAD example \(index + 1) (tenet rule show \(reference)); nothing added")
        }
        let example = Example(verdict: .bad, title: "Failed in eval run \(name), prompt \(prompt)",
                              turns: turns,
                              reason: failure.judgement.reason.isEmpty ? "judged NO on \(rule) in eval run \(name)" : failure.judgement.reason,
                              line: 0)
        return try store.addExample(reference, example, expectedRevision: current.revision)
    }

    /// A pair made from a failure: as stored, and whether this call added it (a pair with
    /// the same prompt and answers may be in the project already, with its own review).
    public struct Outcome: Sendable {
        public var stored: StoredPair
        public var added: Bool
    }

    /// Stores a pending pair: rejected = the failing response; chosen = `chosen`, or an
    /// answer written by `defender` (the run's target endpoint by default) with the
    /// defender role template under the run's instance. Its provenance names the run.
    public static func pair(run name: String, prompt: String, rule: String, chosen: String?, defender: OpenAIProvider?,
                            templates: String? = nil, store: ProjectStore) async throws -> Outcome {
        // Adding a pair needs the author role whether or not the project has it already
        // (an existing pair is not saved again, so the save alone would not ask).
        try store.authorize(.author("adding pairs"))
        let failure = try failure(run: name, prompt: prompt, rule: rule, store: store)
        try requireWhole(failure, "pair", instead: "write a short rejected answer and add the pair with tenet import pairs")
        let run = failure.run.run
        var exchanges: [Exchange]?
        var model: String?
        var templateNote: [String: String]?
        let answer: String
        if let chosen {
            guard !chosen.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw SynthError(message: "the chosen answer is empty") }
            answer = chosen
        } else {
            guard let defender else { throw SynthError(message: "give the chosen answer (--chosen-file F), or an endpoint to write one") }
            let roles = try RoleTemplates.load(overrides: templates)
            let instance = try store.instantiation(run.instantiation).instantiation
            let system = roles.render(.defender, ["spec": instance.rendered(.system)])
            let messages = [ChatMessage(role: "system", content: system)]
                + failure.conversation.map { ChatMessage(role: $0.role == "developer" ? "system" : $0.role, content: $0.content) }
            let (text, exchange) = try await defender.chat(messages, role: .defender, seed: PairSeed.of(run: run.seed, index: failure.result.ordinal))
            // The answer, as the run's responses are read: a reasoning model's thought
            // before its last `</think>` is not what it answered, and is no training text.
            let written = ReasoningSplit.split(text).answer.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !written.isEmpty else { throw SynthError(message: "the endpoint wrote an empty answer") }
            answer = written
            exchanges = [exchange]
            model = defender.model
            templateNote = ["defender": roles.fingerprints["defender"] ?? ""]
        }
        let pair = PreferencePair(spec: run.spec, specRevision: run.specRevision, instantiation: run.instantiation, rules: [rule],
                                  prompt: failure.conversation, chosen: answer,
                                  rejected: failure.result.response.trimmingCharacters(in: .whitespacesAndNewlines),
                                  provenance: Provenance(generator: "eval-failure", model: model, createdAt: ISO8601DateFormatter().string(from: Date()),
                                                         templates: templateNote,
                                                         judge: "FAIL: \(rule): \(failure.judgement.reason)", exchanges: exchanges,
                                                         source: "eval run \(name) (\(run.method.rawValue) \(run.model), judged by \(run.judgeModel)), prompt \(prompt)",
                                                         format: "eval"))
        // The gates every stored pair passes, as an imported or edited one does.
        if let failed = QualityCheck.textGates(prompt: pair.prompt, chosen: pair.chosen, rejected: pair.rejected).firstFailure {
            throw SynthError(message: "no pair from prompt \(prompt) of run \(name): \(failed.reason)")
        }
        let report = try store.savePairs([pair], message: "pair from eval run \(name), prompt \(prompt), rule \(rule)")
        return Outcome(stored: try store.pair(pair.id), added: report.added > 0)
    }
}
