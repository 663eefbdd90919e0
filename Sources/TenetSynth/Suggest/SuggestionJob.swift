import Foundation
import TenetSpec
import TenetStore

/// One run of annotation suggestions, the one service both `tenet annotate --suggest` and
/// the workbench's `:suggest` start: the rules of a spec that lack a suggestion for their
/// current text are read by the advisor (a model, or the built-in heuristics) at most
/// `concurrency` at a time, and what comes back is saved in batches as it comes. A run
/// that is stopped (its task cancelled) keeps what was saved; the next run asks only for
/// what is still missing.
public struct SuggestionJob: Sendable {
    /// What happened so far.
    public struct Tally: Sendable, Equatable {
        /// Rules to ask about, and how many have been answered (or could not be read).
        public var rules = 0
        public var asked = 0
        /// Suggestions saved (one per field).
        public var saved = 0
        /// Rules whose answer could not be read.
        public var unreadable = 0
        /// Rules that already had a suggestion for every field of their current text.
        public var complete = 0
        public init() {}
    }

    /// How a run ended.
    public struct Result: Sendable, Equatable {
        public var tally: Tally
        /// Who made the suggestions, as messages name it.
        public var source: String
        /// The task was cancelled before the end (what was saved stands).
        public var stopped: Bool
        /// Why the provider ended the run, if it did.
        public var failure: String?
        /// Why saving failed, if it did.
        public var saveProblem: String?
        /// Answers or fields that could not be read, one line each (`RULE: why`).
        public var problems: [String]
    }

    public let store: ProjectStore
    public let spec: String
    public let advisor: any AnnotationAdvisor
    /// The rules to ask about, each with its missing fields.
    public let requests: [SuggestionRequest]
    public let concurrency: Int
    /// Rules that need nothing.
    public let complete: Int
    /// Answers saved per changeset.
    let batchSize: Int

    /// Sets a run up: checks that this person may (authors), finds what is missing and
    /// makes the advisor. `rules` limits it to some rules of the spec. Throws a
    /// ``StoreError`` or a ``SynthError`` worded for the user.
    public init(store: ProjectStore, spec: String, rules: [String] = [], settings: ProviderSettings, templates: String? = nil,
                concurrency: Int = 4, batchSize: Int = 8) throws {
        try store.authorize(.author("asking for annotation suggestions"))
        let advisor = try settings.advisor(templates: templates)
        // What this reader has not read yet: another's suggestions do not count.
        let all = try store.suggestionRequests(spec: spec, rules: rules, from: advisor.source)
        self.store = store
        self.spec = spec
        self.advisor = advisor
        requests = all.filter { !$0.missing.isEmpty }
        complete = all.count - requests.count
        self.concurrency = max(1, concurrency)
        self.batchSize = max(1, batchSize)
    }

    /// Runs to the end, or until the task is cancelled; `progress` hears the tally after
    /// every rule.
    public func run(progress: @escaping @Sendable (Tally) -> Void = { _ in }) async -> Result {
        let saver = Saver(store: store, spec: spec, source: advisor.source, batchSize: batchSize, rules: requests.count, complete: complete)
        let ending = await RunEnding.of {
            try await withThrowingTaskGroup(of: RuleAnswer?.self) { group in
                var next = 0
                func start() {
                    let request = requests[next]
                    next += 1
                    group.addTask { Task.isCancelled ? nil : try await self.ask(request) }
                }
                for _ in 0..<min(concurrency, requests.count) { start() }
                while let answer = try await group.next() {
                    if let answer { progress(saver.take(answer)) }
                    if Task.isCancelled || saver.problem != nil { group.cancelAll(); continue }
                    if next < requests.count { start() }
                }
            }
        }
        let tally = saver.finish()
        return Result(tally: tally, source: advisor.source.label, stopped: ending.stopped, failure: ending.failure,
                      saveProblem: saver.problem, problems: saver.problems)
    }

    /// One rule's answer: its suggestions for the fields it was missing, or why none.
    struct RuleAnswer: Sendable {
        var suggestions: [Suggestion]
        var problems: [String]
    }

    private func ask(_ request: SuggestionRequest) async throws -> RuleAnswer {
        try Task.checkCancellation()
        let answer: SuggestionAnswer
        do {
            answer = try await advisor.read(request)
        } catch let problem as SuggestionProblem {
            return RuleAnswer(suggestions: [], problems: ["\(request.id): \(problem.message)"])
        }
        let suggestions = answer.readings.filter { request.missing.contains($0.field) }.map { reading in
            Suggestion(rule: request.key, ruleID: request.id, field: reading.field, value: reading.value, reason: reading.reason,
                       source: advisor.source, ruleRevision: request.revision, textDigest: request.digest)
        }
        return RuleAnswer(suggestions: suggestions, problems: answer.problems.map { "\(request.id): \($0)" })
    }

    /// Keeps a run's answers and saves them in batches. Thread-safe.
    final class Saver: @unchecked Sendable {
        private let store: ProjectStore
        private let spec: String
        private let source: SuggestionSource
        private let batchSize: Int
        private let lock = NSLock()
        private var tally = Tally()
        private var waiting: [RuleAnswer] = []
        private var saveProblem: String?
        private var unread: [String] = []

        init(store: ProjectStore, spec: String, source: SuggestionSource, batchSize: Int, rules: Int, complete: Int) {
            self.store = store
            self.spec = spec
            self.source = source
            self.batchSize = batchSize
            tally.rules = rules
            tally.complete = complete
        }

        var problem: String? { lock.withLock { saveProblem } }

        /// Answers or fields that could not be read, so far.
        var problems: [String] { lock.withLock { unread } }

        /// Takes one rule's answer; returns the tally after it.
        func take(_ answer: RuleAnswer) -> Tally {
            lock.withLock {
                tally.asked += 1
                if answer.suggestions.isEmpty && !answer.problems.isEmpty { tally.unreadable += 1 }
                unread += answer.problems
                if !answer.suggestions.isEmpty { waiting.append(answer) }
                if waiting.count >= batchSize { flush() }
                return tally
            }
        }

        /// Saves what is left; the final tally.
        func finish() -> Tally {
            lock.withLock {
                flush()
                return tally
            }
        }

        private func flush() {
            guard saveProblem == nil, !waiting.isEmpty else { return }
            let suggestions = waiting.flatMap(\.suggestions)
            var ids: [String] = []
            for suggestion in suggestions where !ids.contains(suggestion.ruleID) { ids.append(suggestion.ruleID) }
            waiting = []
            let named = ids.prefix(3).joined(separator: ", ") + (ids.count > 3 ? " and \(ids.count - 3) more" : "")
            do {
                let report = try store.saveSuggestions(suggestions, message: "suggest annotations for \(named) (\(source.label))")
                tally.saved += report.saved
            } catch {
                saveProblem = "\(error)"
            }
        }
    }
}
