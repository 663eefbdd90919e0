import ArgumentParser
import Dispatch
import Foundation
import TenetSpec
import TenetStore
import TenetSynth

/// `tenet generate`: boundary-aware preference pairs from a saved instantiation.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate preference pairs from a saved instantiation.",
        discussion: """
        A planner picks a rule and a probing strategy (direct, role-play, hypothetical, \
        escalation, obfuscated, safe-looking), an attacker writes the probe, a defender the \
        compliant answer (chosen), a violator a violation or an over-cautious refusal \
        (rejected). Quality gates check every pair before it is stored: no empty, \
        identical or near-identical answers, no chosen answer that is the spec's own BAD \
        example or refuses an allowed request, no rejected answer that is a GOOD example \
        or a second refusal; then a judge reads both against the rule (chosen complies, \
        rejected violates, both answer the prompt). Pairs that fail are dropped (or kept \
        as flagged with --keep-failed, the reason in review); the run ends with what was \
        made, kept and dropped by reason, and the rules it could not probe. The offline \
        provider needs no network and is deterministic from --seed: it only rearranges \
        the spec's own examples (labelled offline-template) — a smoke test, not training \
        data. Each pair has its own seed, from --seed and its number. The openai \
        provider talks to any OpenAI-compatible chat-completions endpoint; the API key is \
        read from an environment variable, never stored. Pairs are saved as they come in \
        batches; Ctrl-C stops and keeps them. Role prompts are the files in \
        Sources/TenetSynth/Templates (installed: PREFIX/share/tenet/templates), or yours \
        (--templates DIR with ROLE.md files).
        """
    )


    @OptionGroup var store: StoreOptions
    @Option(help: "The saved instantiation (tenet instantiate SPEC --save NAME).") var instantiation: String
    @Option(parsing: .unconditional, help: "How many pairs to make.") var count: Int
    @OptionGroup var endpoint: ProviderOptions
    @Option(parsing: .unconditional, help: "Pairs made at once.") var concurrency: Int = 4
    @Option(parsing: .unconditional, help: "The run's seed.") var seed: UInt64 = 0
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Sampling temperature of the roles that write: planner, attacker, defender, violator (openai; default 0.7).",
        discussion: "The judge stays at 0 unless set with --role-option judge.temperature=T.",
        valueName: "T")) var temperature: String?
    @Option(help: "A folder of your own role templates (planner.md, attacker.md, …).") var templates: String?
    @Flag(name: .customLong("keep-failed"), help: "Keep pairs that fail a quality gate, as flagged, instead of dropping them.") var keepFailed = false

    func validate() throws {
        try OptionRange.check(count, "--count", OptionRange.count)
        try OptionRange.check(concurrency, "--concurrency", OptionRange.concurrency)
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        if let problem = try settings().problem() { throw ValidationError(problem) }
    }

    func settings() throws -> ProviderSettings {
        try endpoint.settings(roles: ModelRole.generation, temperature: temperature, command: "tenet generate")
    }

    func run() throws {
        let project = try store.open(connections: .pool)
        // Refused before any model is called, not when the pairs are saved.
        try storeCall { () throws(StoreError) in try project.authorize(.author("adding pairs")) }
        let saved = try storeCall { () throws(StoreError) in try project.instantiation(instantiation) }
        let (spec, _) = try storeCall { () throws(StoreError) in try project.effectiveSpec(saved.instantiation.spec) }
        let settings = try self.settings()
        let job: GenerationJob
        do {
            job = try GenerationJob(spec: spec, instantiation: saved.instantiation, name: saved.name, count: count, seed: seed,
                                    settings: settings, templates: templates, concurrency: concurrency, keepFailed: keepFailed)
        } catch {
            Output.error("tenet: \(error.message)")
            throw ExitStatus.failure
        }
        let progress = RunProgress(total: count, verb: "generated")
        let (result, interrupted) = GenerationRun.start(job, store: project, progress: progress)
        progress.finish()
        let report = result.tally
        if let problem = result.saveProblem {
            Output.error("tenet: could not save pairs: \(problem)")
            throw ExitStatus.failure
        }
        var line = result.summary
        // New pairs kept, against what was asked: a pair already in the project counts as
        // a duplicate, not as one of them ("3 kept; 197 duplicates; 42 of the 50" read as
        // a contradiction).
        if report.kept < count, !interrupted, result.failure == nil {
            line += "; \(report.kept) new of the \(count) asked for"
            if report.duplicates > 0 {
                // A model run is told what a model run can change: its sampling.
                line += " — this instantiation gives no more distinct pairs: widen it (more rules, --unclassified) or "
                    + (settings.kind == .offline ? "use a model provider" : "raise --temperature")
            }
        }
        if let skipped = SkippedRule.summary(result.skippedRules) { line += "\n" + skipped }
        if interrupted {
            Output.error("stopped: " + line)
            throw ExitStatus.interrupted
        }
        if let failure = result.failure {
            Output.error("tenet: generation stopped: \(SafeText.visible(failure))\n" + line)
            throw ExitStatus.failure
        }
        if report.kept == 0 && report.taken == 0 && report.made > report.duplicates {
            // Every pair failed a gate: nothing to review, and a script should know.
            Output.error("tenet: no pair passed the quality gates; \(line)\n"
                         + "Look at what failed with --keep-failed (tenet pair show ID gives each gate's reason).")
            throw ExitStatus.failure
        }
        Output.error(line)
    }
}

/// Shows a run's progress on standard error: a bar on a terminal, a plain line every
/// tenth otherwise (`generated 5/50`, `read 3/14 rules`).
final class RunProgress: @unchecked Sendable {
    private let total: Int
    private let verb: String
    private let unit: String
    private let tty = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var shown = -1
    private var shownNote = ""

    init(total: Int, verb: String, unit: String = "") {
        self.total = total
        self.verb = verb
        self.unit = unit
    }

    /// Clears the bar.
    func finish() {
        if tty { Output.send("\r\u{1B}[K", to: STDERR_FILENO) }
    }

    /// `done` of the total, and a note after it (`3 dropped`): on a terminal whenever
    /// either changes, otherwise on a line of its own at every tenth.
    func show(_ done: Int, note: String = "") {
        lock.withLock {
            if tty {
                guard done != shown || note != shownNote else { return }
                shown = done
                shownNote = note
                let width = 30
                let filled = total == 0 ? width : min(width, done * width / total)
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                Output.send("\r\(bar) \(done)/\(total)\(unit)\(note.isEmpty ? "" : " · " + note)\u{1B}[K", to: STDERR_FILENO)
                return
            }
            guard done != shown else { return }
            shown = done
            if done == total || done % max(1, total / 10) == 0 {
                Output.send("\(verb) \(done)/\(total)\(unit)\(note.isEmpty ? "" : " (" + note + ")")\n", to: STDERR_FILENO)
            }
        }
    }
}

/// Runs a generation job from a synchronous command: blocks until it is done, failed, or
/// interrupted by Ctrl-C (SIGINT), which cancels the run and keeps what was saved.
enum GenerationRun {
    static func start(_ job: GenerationJob, store: ProjectStore, progress: RunProgress) -> (GenerationJob.Result, interrupted: Bool) {
        let (result, interrupted) = Interruptible.run {
            await job.run(save: { pairs, flagged in
                let saved = try store.savePairs(pairs, status: flagged ? "flagged" : "pending", message: job.saveMessage(flagged: flagged))
                return (saved.added, saved.unchanged)
            }, progress: { progress.show($0.taken, note: $0.progressNote) })
        }
        return (result, interrupted || result.stopped)
    }
}
