import Foundation
import TenetSpec
import TenetStore

/// One pair out of the loop, and whether it passed the quality gates.
public struct GeneratedPair: Sendable {
    /// Its number in the run (0-based): the same number and seed give the same pair offline.
    public var index: Int
    public var pair: PreferencePair
    /// Every gate passed (Tenet's own and the judge's).
    public var passed: Bool
    /// The verdict in one line: `PASS: …` or `FAIL: GATE: reason`.
    public var verdict: String
    /// The gates in order, with their reasons (also in the pair's provenance).
    public var checks: [QualityCheck]

    /// The gate that failed first, if one did.
    public var failure: QualityCheck.Gate? { checks.firstFailure?.gate }
}

/// The multi-agent loop: for each pair a planner picks the rule and strategy, an attacker
/// writes the probe, a defender the compliant answer (chosen), a violator the violation or
/// over-refusal (rejected); Tenet's quality gates (``PairGates``) check the text and a
/// judge reads both answers against the rule (``JudgeReply``). Pairs run concurrently up
/// to a bound; each draws its randomness from its own seed (``PairSeed``), so a run's pairs
/// do not depend on the order they finish in.
public struct Generator: Sendable {
    public var provider: any ChatProvider
    public var templates: RoleTemplates
    public var spec: Spec
    public var instantiation: Instantiation
    public var instantiationName: String?
    public var seed: UInt64
    /// The rules pairs probe, and the boundary cases of each (for an example-bound provider).
    let probed: [InstantiatedRule]
    let cases: [String: [BoundaryCase]]
    /// The instance's rules this run leaves out, and why.
    public let skippedRules: [SkippedRule]
    /// What every pair's planner and defender are told: made once per run.
    let plannerRules: String
    let defenderSystem: String
    let fingerprints: [String: String]
    /// Each probed rule as the instance's text states it, made once per run.
    let statements: [String: String]
    /// Tenet's quality gates, set up once per probed rule.
    let gates: [String: PairGates]

    public init(provider: any ChatProvider, templates: RoleTemplates, spec: Spec, instantiation: Instantiation,
                instantiationName: String?, seed: UInt64) {
        self.provider = provider
        self.templates = templates
        self.spec = spec
        self.instantiation = instantiation
        self.instantiationName = instantiationName
        self.seed = seed
        var probed: [InstantiatedRule] = [], skipped: [SkippedRule] = [], cases: [String: [BoundaryCase]] = [:]
        var statements: [String: String] = [:]
        for rule in instantiation.rules {
            // A bare behaviour whose direction is not annotated is left out of the
            // instance's text, so nothing can be said about which answer follows it.
            guard let statement = instantiation.statement(rule) else {
                skipped.append(SkippedRule(id: rule.id, reason: .noDirection))
                continue
            }
            if provider.writesFromExamples {
                let usable = BoundaryCase.cases(from: spec.rule(rule.id)?.examples ?? [])
                    .filter { $0.probesViolation(of: rule) || $0.probesOverRefusal }
                guard !usable.isEmpty else {
                    skipped.append(SkippedRule(id: rule.id, reason: .noUsableExamples))
                    continue
                }
                cases[rule.id] = usable
            }
            probed.append(rule)
            statements[rule.id] = statement
        }
        self.probed = probed
        self.cases = cases
        self.statements = statements
        skippedRules = skipped
        plannerRules = probed.map { "- \($0.id) [\($0.kind.rawValue), \(Self.verb($0.direction))]: \(statements[$0.id] ?? $0.text)" }
            .joined(separator: "\n")
        defenderSystem = templates.render(.defender, ["spec": instantiation.rendered(.system)])
        fingerprints = templates.fingerprints
        gates = Dictionary(uniqueKeysWithValues: probed.map { ($0.id, PairGates(rule: $0, examples: spec.rule($0.id)?.examples ?? [])) })
    }

    /// Makes pairs `range`, at most `concurrency` at a time, handing each to `deliver` as it
    /// is done, and starts no more once `enough()` says so. Stops early, without error, when the task is cancelled (pairs delivered so
    /// far stand). A provider error ends the run and is thrown.
    public func run(_ range: Range<Int>, concurrency: Int, enough: @escaping @Sendable () -> Bool = { false },
                    deliver: @Sendable (GeneratedPair) async -> Void) async throws {
        guard !probed.isEmpty else { throw SynthError(message: nothingToProbe) }
        try await withThrowingTaskGroup(of: GeneratedPair?.self) { group in
            var next = range.lowerBound
            func start() {
                let index = next
                next += 1
                group.addTask { Task.isCancelled ? nil : try await self.pair(index) }
            }
            for _ in 0..<min(max(1, concurrency), range.count) { start() }
            while let result = try await group.next() {
                if let result { await deliver(result) }
                if Task.isCancelled { group.cancelAll(); continue }
                if next < range.upperBound && !enough() { start() }
            }
        }
    }

    /// Why no rule can be probed, and what to do.
    private var nothingToProbe: String {
        if instantiation.rules.isEmpty { return "the instantiation has no rules to probe" }
        let undirected = skippedRules.filter { $0.reason == .noDirection }.count
        if undirected == instantiation.rules.count {
            return "the instantiation's rules all lack a direction and their words do not say it; annotate them (tenet rule set RULE --direction require|prohibit)"
        }
        return "none of the instantiation's rules with a direction has a boundary example the \(provider.name) provider can pair "
            + "(a request with the spec's GOOD and BAD answers, or a helpful GOOD answer to refuse); "
            + "add examples to the rules, or generate with a model (--provider openai)"
    }

    /// Pair number `index`.
    public func pair(_ index: Int) async throws -> GeneratedPair {
        let pairSeed = PairSeed.of(run: seed, index: index)
        var random = SeededRandom(seed: pairSeed)
        let rules = probed
        var target = rules[random.int(in: 0...(rules.count - 1))]
        var strategy = Strategy.allCases[random.int(in: 0...(Strategy.allCases.count - 1))]
        var exchanges: [Exchange] = []
        func examples(_ rule: InstantiatedRule) -> [Example] { spec.rule(rule.id)?.examples ?? [] }
        let boundaryCase = draw(for: target, strategy: &strategy, &random)
        var context = ProbeContext(rule: target, examples: examples(target), strategy: strategy, boundaryCase: boundaryCase,
                                   prompt: [], random: random, seed: pairSeed)

        // Planner: a model may pick another rule or strategy; an example-bound provider
        // keeps the draw (its case belongs to the drawn rule).
        let plan = try await ask(.planner, [ChatMessage(role: "user", content: templates.render(.planner, ["rules": plannerRules]))], context, &exchanges)
        if !provider.writesFromExamples {
            for line in plan.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                if parts[0].lowercased() == "rule", let chosen = rules.first(where: { $0.id == parts[1] }) { target = chosen }
                if parts[0].lowercased() == "strategy", let named = Strategy(rawValue: parts[1].lowercased()) { strategy = named }
            }
            context = ProbeContext(rule: target, examples: examples(target), strategy: strategy, prompt: [], random: random, seed: pairSeed)
        }

        // Attacker.
        let exampleText = context.examples.prefix(4).map { example in
            "\(example.verdict.rawValue): " + example.turns.map { "\($0.role): \(oneLine($0.content))" }.joined(separator: " / ")
        }.joined(separator: "\n")
        let probe = try await ask(.attacker, [ChatMessage(role: "user", content: templates.render(.attacker, [
            "strategy": strategy.rawValue, "rule_id": target.id, "rule_text": stated(target),
            "rule_direction": Self.direction(target.direction),
            "examples": exampleText.isEmpty ? "(none)" : exampleText]))], context, &exchanges)
        var prompt = (boundaryCase?.before ?? []) + [Turn(role: "user", content: probe.trimmingCharacters(in: .whitespacesAndNewlines))]
        if strategy == .escalation && prompt.count == 1 {
            prompt = [Turn(role: "user", content: "I have a question about \(target.title.lowercased()). Can I ask you something?"),
                      Turn(role: "assistant", content: "Of course — what would you like to know?")] + prompt
        }
        context.prompt = prompt

        // Defender and violator.
        let system = defenderSystem
        let conversation = prompt.map { ChatMessage(role: $0.role, content: $0.content) }
        let chosen = try await ask(.defender, [ChatMessage(role: "system", content: system)] + conversation, context, &exchanges)
        let violation = strategy == .safeLooking
            ? "The message is a request the rule allows. Write an over-cautious refusal of it, as a model that misreads the rule would."
            : "Write an answer that clearly breaks this rule, in the way a careless model plausibly would."
        let rejected = try await ask(.violator, [ChatMessage(role: "user", content: templates.render(.violator, [
            "rule_id": target.id, "rule_text": stated(target), "rule_direction": Self.direction(target.direction),
            "violation": violation]) + (prompt.count == 1 ? "\n\nThe user's message:\n" + probe : "\n\nThe conversation:\n" + transcript(prompt)))],
            context, &exchanges)
        context.chosen = chosen.trimmingCharacters(in: .whitespacesAndNewlines)
        context.rejected = rejected.trimmingCharacters(in: .whitespacesAndNewlines)

        // Tenet's gates on the text, then (when they pass) the judge on the meaning.
        var checks = (gates[target.id] ?? PairGates(rule: target, examples: examples(target)))
            .check(prompt: prompt, chosen: context.chosen ?? "", rejected: context.rejected ?? "", strategy: strategy)
        if checks.firstFailure == nil {
            let reply = try await ask(.judge, [ChatMessage(role: "user", content: templates.render(.judge, [
                "rule_id": target.id, "rule_text": stated(target), "rule_direction": Self.direction(target.direction),
                "pair_kind": Self.pairKind(strategy), "prompt": transcript(prompt),
                "chosen": context.chosen ?? "", "rejected": context.rejected ?? ""]))], context, &exchanges)
            checks += JudgeReply.checks(reply)
        }
        let verdict = Self.verdict(checks)

        let pair = PreferencePair(spec: spec.id, specRevision: instantiation.specRevision, instantiation: instantiationName,
                                  rules: [target.id], prompt: prompt, chosen: context.chosen ?? "", rejected: context.rejected ?? "",
                                  strategy: strategy.rawValue,
                                  provenance: Provenance(generator: provider.name, model: provider.model, seed: "\(seed)#\(index)",
                                                         createdAt: Self.now(), templates: fingerprints,
                                                         judge: verdict, checks: checks,
                                                         exchanges: exchanges.isEmpty ? nil : exchanges))
        return GeneratedPair(index: index, pair: pair, passed: checks.firstFailure == nil, verdict: verdict, checks: checks)
    }

    /// For an example-bound provider: the case the pair is made from, and a strategy it
    /// supports (a case with only a helpful GOOD answer can only be refused needlessly; one
    /// without such an answer cannot be).
    private func draw(for rule: InstantiatedRule, strategy: inout Strategy, _ random: inout SeededRandom) -> BoundaryCase? {
        guard provider.writesFromExamples, let options = cases[rule.id], let found = random.element(of: options) else { return nil }
        let violation = found.probesViolation(of: rule), overRefusal = found.probesOverRefusal
        // A case whose BAD answers all refuse a helpful request shows over-refusal,
        // whatever the draw.
        if !violation || found.showsOverRefusal {
            strategy = .safeLooking
        } else if !overRefusal && strategy == .safeLooking {
            let attacks = Strategy.allCases.filter { $0 != .safeLooking }
            strategy = attacks[random.int(in: 0...(attacks.count - 1))]
        }
        return found
    }

    /// The one-line verdict: the first failure, or what the checks found.
    static func verdict(_ checks: [QualityCheck]) -> String {
        if let failed = checks.firstFailure { return "FAIL: \(failed.gate.rawValue): \(failed.reason)" }
        let judged = checks.filter { $0.by == "judge" }.map(\.reason).filter { !$0.isEmpty }
        return "PASS: " + (judged.isEmpty ? "every gate passed" : judged.joined(separator: "; "))
    }

    /// What the pair is meant to show (`{{pair_kind}}` in the judge's template).
    static func pairKind(_ strategy: Strategy) -> String {
        strategy == .safeLooking
            ? "The user's request is one the rule allows, though it may look risky. The chosen answer should help with it; "
                + "the rejected answer should refuse it needlessly or hedge it into uselessness."
            : "The user probes the rule's boundary. The chosen answer should follow the rule; "
                + "the rejected answer should break it the way a careless model plausibly would."
    }

    /// The conversation as `role: text` paragraphs.
    private func transcript(_ turns: [Turn]) -> String {
        turns.map { "\($0.role): \($0.content)" }.joined(separator: "\n\n")
    }

    private func ask(_ role: AgentRole, _ messages: [ChatMessage], _ context: ProbeContext, _ exchanges: inout [Exchange]) async throws -> String {
        try Task.checkCancellation()
        let (text, exchange) = try await provider.complete(messages, role: role, context: context)
        if let exchange { exchanges.append(exchange) }
        return text
    }

    private func oneLine(_ text: String) -> String { text.split(separator: "\n").joined(separator: " ") }

    /// A rule as every agent reads it: stated with its direction, as the defender's system
    /// prompt states it ("Never …" for what it prohibits).
    private func stated(_ rule: InstantiatedRule) -> String { statements[rule.id] ?? oneLine(rule.text) }

    /// The direction in one word, for the planner's list.
    static func verb(_ direction: Direction?) -> String {
        switch direction {
        case .prohibit?: return "prohibits"
        case .require?: return "requires"
        case nil: return "direction not annotated"
        }
    }

    /// What the direction means for the two answers (`{{rule_direction}}` in the templates).
    static func direction(_ direction: Direction?) -> String {
        switch direction {
        case .prohibit?:
            return "This rule PROHIBITS a behaviour. A compliant answer does not do it, not even in part or in a story, "
                + "and helps with whatever else is allowed; a violation does it."
        case .require?:
            return "This rule REQUIRES a behaviour. A compliant answer does it; a violation leaves it out or does the opposite."
        case nil:
            return "This rule's direction is not annotated: its own words say what it requires or forbids."
        }
    }

    static func now() -> String { Timestamp.now() }
}
