import Foundation
import TenetSpec

/// Answers and judges a run's prompts, `concurrency` at a time, handing each finished
/// prompt's result to `save` as soon as it is ready (several at once when they finish
/// together): a killed run loses only the prompts in flight. Cancelling the task (Ctrl-C)
/// stops it, keeping what was saved. An endpoint that keeps failing stops it too, with
/// the reason (``Outcome/failure``); the run can be resumed.
public struct EvalJob: Sendable {
    public let run: EvalRun
    let target: EvalTarget
    let judge: EvalJudge
    /// By prompt number, the results of the run this one redoes (``EvalRun/redoes``).
    let earlier: [Int: EvalResult]

    public init(run: EvalRun, target: EvalEndpoint, judge: EvalEndpoint, earlier: [Int: EvalResult] = [:]) {
        self.run = run
        self.target = EvalTarget(endpoint: target, run: run)
        self.judge = EvalJudge(endpoint: judge, run: run)
        self.earlier = earlier
    }

    /// How a job ended.
    public struct Outcome: Sendable {
        /// Results saved by this job.
        public var saved: Int
        /// Cancelled (Ctrl-C) before every prompt was done — not when the job cancelled the
        /// prompts still running itself, after a ``failure``.
        public var stopped: Bool
        /// Why it stopped early: an endpoint error, or a save that failed.
        public var failure: String?
    }

    /// Asks the prompts at `pending` places of the set (those without a result yet), each
    /// read with `load` when its turn comes, so that memory does not grow with the set.
    public func run(_ pending: [Int], load: @escaping @Sendable (Int) throws -> PromptItem,
                    save: @escaping @Sendable ([EvalResult]) throws -> Void,
                    progress: @escaping @Sendable (Int) -> Void) async -> Outcome {
        let saver = ResultSaver(save: save, progress: progress)
        var failure: String?
        var cancelled = false
        await withTaskGroup(of: Result<EvalResult, Error>.self) { group in
            var next = 0
            func feed() {
                guard next < pending.count else { return }
                let ordinal = pending[next]
                next += 1
                group.addTask { await Result(catching: { try await self.evaluate(try load(ordinal), ordinal: ordinal) }) }
            }
            for _ in 0..<max(1, run.concurrency) { feed() }
            while let finished = await group.next() {
                switch finished {
                case .success(let result):
                    saver.add(result)
                    if let problem = saver.problem, failure == nil {
                        failure = "could not save results: \(problem)"
                        group.cancelAll()
                    }
                case .failure(let error):
                    // A cancellation after a failure is the job cancelling the other prompts
                    // (cancelAll below), not Ctrl-C: the run stopped because of the failure.
                    if error is CancellationError || Task.isCancelled {
                        if failure == nil { cancelled = true }
                    } else if failure == nil {
                        failure = (error as? SynthError)?.message ?? "\(error)"
                    }
                    group.cancelAll()
                }
                if failure == nil && !Task.isCancelled { feed() }
            }
        }
        saver.finish()
        if let problem = saver.problem, failure == nil { failure = "could not save results: \(problem)" }
        return Outcome(saved: saver.saved, stopped: cancelled || Task.isCancelled, failure: failure)
    }

    /// One prompt: the model's answer, the judge's verdicts, the scores. An answer with no
    /// content (``EvalEndpoint/NoContent``) is that prompt's failure, never scored; the run goes on.
    func evaluate(_ item: PromptItem, ordinal: Int) async throws -> EvalResult {
        let seed = PairSeed.of(run: run.seed, index: ordinal)
        let before = earlier[ordinal]
        if let before, before.failure == nil { return before }
        var answer: EvalTarget.Answer
        do {
            if let before, before.failure?.stage == "judge" {
                // Judged again on the answer the model gave.
                answer = EvalTarget.Answer(response: before.response, thought: before.thought, stages: before.stages.filter { $0.stage != "judge" })
            } else {
                answer = try await target.answer(item, seed: seed)
            }
        } catch let empty as EvalEndpoint.NoContent {
            // Its request counts in the run's cost: a null answer is often one that used every token.
            return EvalResult(prompt: item.id, ordinal: ordinal, label: item.label, asked: run.question(item), response: "", thought: nil,
                              stages: empty.cost.map { [$0] } ?? [], judge: nil, score: nil,
                              failure: EvalFailure(stage: "answer", message: empty.message, attempts: 1, lastReply: nil))
        }
        answer.response = Self.bounded(answer.response)
        answer.thought = answer.thought.map { Self.bounded($0) }
        let verdict: EvalJudge.Verdict
        do {
            verdict = try await judge.judge(item, response: answer.response, seed: seed)
        } catch let empty as EvalEndpoint.NoContent {
            verdict = EvalJudge.Verdict(outcome: nil, failure: EvalFailure(stage: "judge", message: empty.message, attempts: 1, lastReply: nil),
                                        cost: empty.cost ?? StageCost(stage: "judge", promptTokens: nil, completionTokens: nil, seconds: 0))
        }
        let score = verdict.outcome.flatMap { outcome in
            ResponseScore(safety: outcome.safety.map(\.verdict), behavioral: outcome.behavioral.map(\.verdict))
        }
        return EvalResult(prompt: item.id, ordinal: ordinal, label: item.label, asked: run.question(item), response: answer.response,
                          thought: answer.thought, stages: answer.stages + [verdict.cost], judge: verdict.outcome, score: score,
                          failure: verdict.failure)
    }
}

extension EvalJob {
    /// How the line that ends a cut answer begins.
    static let cutMarker = "\n[… cut by Tenet: "

    /// An answer (or thought) longer than a pair's answer may be (``QualityCheck/longestAnswer``)
    /// is stored cut there, ending with a line that says so: memory, the database and the
    /// workbench stay bounded. The score does not change — the judge reads only the first
    /// ``EvalRun/responseLimit`` characters, far fewer.
    static func bounded(_ text: String, limit: Int = QualityCheck.longestAnswer) -> String {
        guard text.utf8.count > limit else { return text }
        let marker = cutMarker + "the answer was \(text.utf8.count / 1024) KiB; its first \(limit / 1024) KiB are kept]"
        var bytes = 0
        let kept = text.unicodeScalars.prefix { scalar in
            bytes += scalar.utf8.count
            return bytes <= limit - marker.utf8.count
        }
        return String(String.UnicodeScalarView(kept)) + marker
    }
}

/// Saves results on a queue of its own as they come: each save takes every result that
/// finished while the one before was being written, so under load commits are batched
/// and when idle a result is committed at once.
final class ResultSaver: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [EvalResult] = []
    private var scheduled = false
    private var _saved = 0
    private var _problem: String?
    private let queue = DispatchQueue(label: "tenet.eval.save")
    private let save: @Sendable ([EvalResult]) throws -> Void
    private let progress: @Sendable (Int) -> Void

    init(save: @escaping @Sendable ([EvalResult]) throws -> Void, progress: @escaping @Sendable (Int) -> Void) {
        self.save = save
        self.progress = progress
    }

    var saved: Int { lock.withLock { _saved } }
    var problem: String? { lock.withLock { _problem } }

    func add(_ result: EvalResult) {
        let start: Bool = lock.withLock {
            pending.append(result)
            if scheduled { return false }
            scheduled = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    private func drain() {
        while true {
            let batch: [EvalResult]? = lock.withLock {
                if pending.isEmpty || _problem != nil { scheduled = false; pending = []; return nil }
                defer { pending = [] }
                return pending
            }
            guard let batch else { return }
            do {
                try save(batch)
                let done = lock.withLock { _saved += batch.count; return _saved }
                progress(done)
            } catch {
                lock.withLock { _problem = "\(error)" }
            }
        }
    }

    /// Waits until everything handed in is saved (or a save failed).
    func finish() { queue.sync {} }
}

private extension Result where Failure == Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
