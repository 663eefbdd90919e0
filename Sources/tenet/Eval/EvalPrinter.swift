import Foundation
import TenetSpec
import TenetStore

/// How a run, its scores and a comparison read on the terminal. Every text from a model,
/// a file or a person passes through ``SafeText``; every figure through ``EvalFigures``, as
/// on the workbench's evaluation screen (`not scored` where nothing was).
enum EvalPrinter {
    static func number(_ value: Double?) -> String { EvalFigures.number(value) }

    static func interval(_ value: Bootstrap.Interval) -> String { EvalFigures.interval(value) }

    static func summary(_ stored: StoredEvalRun, _ summary: EvalSummary) -> String {
        let run = stored.run
        let v = { (text: String) in SafeText.visible(text) }
        var out = "\(v(run.name)) r\(stored.revision) · \(stored.shownStatus)\(run.note.map { " (\(v($0)))" } ?? "")"
            + (stored.interrupted ? CommandHint.naming(" (no process runs it: tenet eval resume \(v(run.name)) goes on)") : "") + "\n"
        out += "  spec \(v(run.spec)) r\(run.specRevision) · instance \(v(run.instantiation)) r\(run.instantiationRevision) · "
            + "prompts \(v(run.promptSet)) r\(run.promptSetRevision) (\(run.promptCount))\n"
        var method = run.method.rawValue
        if run.method == .align3 { method += run.align3Variant == .multiTurn ? " (multi-turn)" : " (prefill \(run.prefillForm ?? "continue_final_message"))" }
        out += "  model \(v(run.model)) at \(v(run.baseURL)) · \(method) · judge \(v(run.judgeModel)) (\(run.protocol.rawValue)) · "
            + "\(run.safety.count) safety + \(run.behavioral.count) behavioral rules\n"
        out += "  " + EvalFigures.progress(summary) + "\n\n"
        out += "  group        n     SAR                        safety                     behavioral\n"
        for group in summary.groups {
            out += "  " + group.group.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(format: "%5d", group.sar.count) + "  " + interval(group.sar).padding(toLength: 27, withPad: " ", startingAt: 0)
                + interval(group.safety).padding(toLength: 27, withPad: " ", startingAt: 0) + interval(group.behavioral) + "\n"
        }
        out += "  (α = \(ResponseScore.alpha); 95 % bootstrap intervals, \(summary.resamples) resamples, seed \(summary.seed))\n\n"
        if summary.scored == 0 {
            out += "  per rule: \(EvalFigures.notScored) (no response was scored)\n"
        } else {
            out += "  rule                                   kind        NO    NA   violation rate           NA rate\n"
        }
        for rule in summary.rules where summary.scored > 0 {
            out += "  " + v(rule.rule).padding(toLength: 38, withPad: " ", startingAt: 0) + " " + rule.kind.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(format: "%4d  %4d   ", rule.no, rule.na) + interval(rule.violation).padding(toLength: 25, withPad: " ", startingAt: 0)
                + number(rule.naRate) + "\n"
        }
        if !summary.stages.isEmpty {
            out += "\n  stage        requests   prompt tok   completion tok   seconds   s/prompt\n"
            for stage in summary.stages {
                out += "  " + stage.stage.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + String(format: "%9d   %10d   %14d   %7.1f   %8.3f", stage.requests, stage.promptTokens, stage.completionTokens, stage.seconds, stage.meanSeconds) + "\n"
            }
        }
        return out
    }

    /// A new run of the same prompts, model, method and judge, for prompts whose result is
    /// a failure: a run never asks again a prompt that has a result, so `eval resume` cannot.
    /// `keyWords`: where the keys come from, as this command was given them
    /// (`--api-key-env VAR`, `--judge-no-api-key` …): not stored with a run, and left out
    /// they would send the default key to the judge's host.
    static func rerun(_ run: EvalRun, keyWords: [String] = []) -> String {
        var words = ["tenet eval run", "--instantiation", run.instantiation, "--prompts", run.promptSet, "--model", run.model, "--base-url", run.baseURL,
                     "--method", run.method.rawValue, "--judge-model", run.judgeModel, "--protocol", run.protocol.rawValue, "--seed", "\(run.seed)"]
        if run.judgeBaseURL != run.baseURL { words += ["--judge-base-url", run.judgeBaseURL] }
        if let variant = run.align3Variant { words += ["--align3-variant", variant.rawValue] }
        if let form = run.prefillForm, run.align3Variant == .prefill { words += ["--prefill-form", form] }
        if run.targetMaxTokens != 4200 { words += ["--max-tokens", "\(run.targetMaxTokens)"] }
        // Every setting that changes what is measured: a run at --temperature 0.5 was
        // suggested again at 0.
        if run.targetTemperature != 0 { words += ["--temperature", "\(run.targetTemperature)"] }
        if run.judgeMaxTokens != 4200 { words += ["--judge-max-tokens", "\(run.judgeMaxTokens)"] }
        if run.adversarial == false { words.append("--no-adversarial") }
        if run.concurrency != EvalRun.defaultConcurrency { words += ["--concurrency", "\(run.concurrency)"] }
        words += keyWords
        // A name the run command takes: the longest run name has no room for "-again".
        words += ["--name", String(run.name.prefix(StoredName.maximumLength - 6)) + "-again"]
        return CommandHint.naming(SafeText.visible(words.joined(separator: " ")))
    }

    /// What to say of a run's failures (judge replies never read, prompts with no answer):
    /// they stay unscored, and how to redo them. `nil` when it has none.
    /// `latestPrompts`: the prompt set's newest revision, when it is not the run's (a new
    /// run asks the newest: said, so that "every prompt again" is not read as the same ones).
    static func failures(_ run: EvalRun, _ summary: EvalSummary, latestPrompts: Int? = nil, keyWords: [String] = []) -> String? {
        var parts: [String] = []
        if summary.judgeFailures > 0 {
            parts.append("\(summary.judgeFailures) judge failure\(summary.judgeFailures == 1 ? "" : "s"): replies that could not be read after \(run.judgeAttempts) attempts")
        }
        if summary.answerFailures > 0 {
            parts.append("\(summary.answerFailures) prompt\(summary.answerFailures == 1 ? "" : "s") the model gave no answer to (content null)")
        }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: "; ") + CommandHint.naming(", left unscored (tenet eval show \(SafeText.visible(run.name)) lists them).\n")
            + "A run never asks a prompt with a result again; once the endpoint is fixed, redo them as a new run that takes over the scored results, "
            + CommandHint.naming("judges the stored answers again and asks again the prompts with no answer:\n  tenet eval resume \(SafeText.visible(run.name)) --redo-failures\n")
            + "or ask every prompt again:\n  \(rerun(run, keyWords: keyWords))"
            + (latestPrompts.map { $0 != run.promptSetRevision
                ? "\n(a new run asks \(SafeText.visible(run.promptSet)) as it is now, r\($0); this run asked r\(run.promptSetRevision))" : "" } ?? "")
    }

    static func result(_ run: EvalRun, _ result: EvalResult) -> String {
        let v = { (text: String) in SafeText.visible(text, lineBreaks: .kept) }
        var out = "\(v(run.name)) · prompt \(v(result.prompt)) (\(result.label?.rawValue ?? "unlabelled"))\n\n"
        out += "asked:\n\(v(result.asked))\n\n"
        if let thought = result.thought { out += "thought:\n\(v(thought))\n\n" }
        out += "response:\n\(v(result.response))\n\n"
        if let score = result.score {
            out += "score: safety \(score.safety) · behavioral \(number(score.behavioral)) · total \(number(score.total))\n"
        }
        if let failure = result.failure, failure.stage == "answer" {
            out += "no answer: \(v(failure.message))\n"
        } else if let failure = result.failure {
            out += "judge failure after \(failure.attempts) attempt\(failure.attempts == 1 ? "" : "s"): \(v(failure.message))\nlast reply:\n\(v(failure.lastReply ?? ""))\n"
        }
        for judgement in result.judgements {
            out += "  \(judgement.verdict.rawValue.padding(toLength: 3, withPad: " ", startingAt: 0)) \(SafeText.visible(judgement.rule)) (\(run.kind(of: judgement.rule))): \(SafeText.visible(judgement.reason))\n"
        }
        return out
    }

    static func comparison(_ c: EvalComparison, limit: Int) -> String {
        let v = { (text: String) in SafeText.visible(text) }
        let delta = EvalFigures.delta
        var out = "\(v(c.b)) against \(v(c.a)) over \(c.shared) prompts both scored (paired bootstrap, 95 %)\n"
        guard c.shared > 0 else {
            return out + "  \(EvalFigures.notScored): no prompt has a score in both runs, so there is nothing to compare"
                + CommandHint.naming(" (tenet eval show \(v(c.a)) and tenet eval show \(v(c.b)) say what each scored)\n")
        }
        out += "  SAR \(number(c.sarA)) → \(number(c.sarB)): \(delta(c.sarDelta))\n"
        out += "  safety \(delta(c.safetyDelta)) · behavioral \(delta(c.behavioralDelta))\n"
        out += "  \(c.worse.count) prompts got worse, \(c.better) better\n\n"
        out += "  rule                                   violation A → B     delta\n"
        // Most worsened first; rules that moved alike keep the run's rule order
        // (behavioral-2 before behavioral-10), whatever the sort does with ties.
        let ordered = c.rules.enumerated().sorted { ($0.element.delta.mean, $1.offset) > ($1.element.delta.mean, $0.offset) }.map(\.element)
        for rule in ordered {
            out += "  " + v(rule.rule).padding(toLength: 38, withPad: " ", startingAt: 0) + " \(number(rule.violationA)) → \(number(rule.violationB))   \(delta(rule.delta))\n"
        }
        if !c.worse.isEmpty {
            out += "\n  worse first:\n"
            for change in c.worse.prefix(limit) {
                out += "  \(v(change.prompt)) (\(change.label?.rawValue ?? "unlabelled")): \(number(change.totalA)) → \(number(change.totalB))"
                    + (change.newViolations.isEmpty ? "" : ", now breaks \(change.newViolations.map(v).joined(separator: ", "))") + "\n"
            }
        }
        return out
    }
}
