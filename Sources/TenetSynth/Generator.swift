import Foundation
import TenetSpec

/// One pair out of the loop, and whether the judge passed it.
public struct GeneratedPair: Sendable {
    /// Its number in the run (0-based): the same number and seed give the same pair offline.
    public var index: Int
    public var pair: PreferencePair
    public var passed: Bool
    /// The judge's line: `PASS: …` or `FAIL: …`.
    public var verdict: String
}

/// The multi-agent loop: for each pair a planner picks the rule and strategy, an attacker
/// writes the probe, a defender the compliant answer (chosen), a violator the violation or
/// over-refusal (rejected), and a judge checks both. Pairs run concurrently up to a bound;
/// each draws its randomness from the run's seed and its own number, so a run's pairs do
/// not depend on the order they finish in.
public struct Generator: Sendable {
    public var provider: any ChatProvider
    public var templates: RoleTemplates
    public var spec: Spec
    public var instantiation: Instantiation
    public var instantiationName: String?
    public var seed: UInt64

    public init(provider: any ChatProvider, templates: RoleTemplates, spec: Spec, instantiation: Instantiation,
                instantiationName: String?, seed: UInt64) {
        self.provider = provider
        self.templates = templates
        self.spec = spec
        self.instantiation = instantiation
        self.instantiationName = instantiationName
        self.seed = seed
    }

    /// Makes pairs `range`, at most `concurrency` at a time, handing each to `deliver` as it
    /// is done, and starts no more once `enough()` says so. Stops early, without error, when the task is cancelled (pairs delivered so
    /// far stand). A provider error ends the run and is thrown.
    public func run(_ range: Range<Int>, concurrency: Int, enough: @escaping @Sendable () -> Bool = { false },
                    deliver: @Sendable (GeneratedPair) async -> Void) async throws {
        guard !probed.isEmpty else {
            throw SynthError(message: instantiation.rules.isEmpty ? "the instantiation has no rules to probe"
                : "the instantiation's rules all lack a direction and their words do not say it; annotate them (tenet rule set RULE --direction require|prohibit)")
        }
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

    /// Pair number `index`.
    public func pair(_ index: Int) async throws -> GeneratedPair {
        let pairSeed = PairSeed.of(run: seed, index: index)
        var random = SeededRandom(seed: pairSeed)
        let rules = probed
        var target = rules[random.int(in: 0...(rules.count - 1))]
        var strategy = Strategy.allCases[random.int(in: 0...(Strategy.allCases.count - 1))]
        var exchanges: [Exchange] = []
        func examples(_ rule: InstantiatedRule) -> [Example] { spec.rule(rule.id)?.examples ?? [] }
        var context = ProbeContext(rule: target, examples: examples(target), strategy: strategy, prompt: [], random: random, seed: pairSeed)

        // Planner: a model may pick another rule or strategy; offline keeps the draw.
        let ruleList = rules.map { "- \($0.id) [\($0.kind.rawValue), \(Self.verb($0.direction))]: \(stated($0))" }.joined(separator: "\n")
        let plan = try await ask(.planner, [ChatMessage(role: "user", content: templates.render(.planner, ["rules": ruleList]))], context, &exchanges)
        for line in plan.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0].lowercased() == "rule", let chosen = rules.first(where: { $0.id == parts[1] }) { target = chosen }
            if parts[0].lowercased() == "strategy", let named = Strategy(rawValue: parts[1].lowercased()) { strategy = named }
        }
        context = ProbeContext(rule: target, examples: examples(target), strategy: strategy, prompt: [], random: random, seed: pairSeed)

        // Attacker.
        let exampleText = context.examples.prefix(4).map { example in
            "\(example.verdict.rawValue): " + example.turns.map { "\($0.role): \(oneLine($0.content))" }.joined(separator: " / ")
        }.joined(separator: "\n")
        let probe = try await ask(.attacker, [ChatMessage(role: "user", content: templates.render(.attacker, [
            "strategy": strategy.rawValue, "rule_id": target.id, "rule_text": stated(target),
            "rule_direction": Self.direction(target.direction),
            "examples": exampleText.isEmpty ? "(none)" : exampleText]))], context, &exchanges)
        var prompt = provider.turnsBefore(probe, context: context) + [Turn(role: "user", content: probe.trimmingCharacters(in: .whitespacesAndNewlines))]
        if strategy == .escalation && prompt.count == 1 {
            prompt = [Turn(role: "user", content: "I have a question about \(target.title.lowercased()). Can I ask you something?"),
                      Turn(role: "assistant", content: "Of course — what would you like to know?")] + prompt
        }
        context.prompt = prompt

        // Defender and violator.
        let system = templates.render(.defender, ["spec": instantiation.rendered(.system)])
        let conversation = prompt.map { ChatMessage(role: $0.role, content: $0.content) }
        let chosen = try await ask(.defender, [ChatMessage(role: "system", content: system)] + conversation, context, &exchanges)
        let violation = strategy == .safeLooking
            ? "The message is a request the rule allows. Write an over-cautious refusal of it, as a model that misreads the rule would."
            : "Write an answer that clearly breaks this rule, in the way a careless model plausibly would."
        let rejected = try await ask(.violator, [ChatMessage(role: "user", content: templates.render(.violator, [
            "rule_id": target.id, "rule_text": stated(target), "rule_direction": Self.direction(target.direction),
            "violation": violation]) + "\n\nThe user's message:\n" + probe)], context, &exchanges)
        context.chosen = chosen.trimmingCharacters(in: .whitespacesAndNewlines)
        context.rejected = rejected.trimmingCharacters(in: .whitespacesAndNewlines)

        // Judge.
        let verdict = try await ask(.judge, [ChatMessage(role: "user", content: templates.render(.judge, [
            "rule_id": target.id, "rule_text": stated(target), "rule_direction": Self.direction(target.direction), "prompt": probe,
            "chosen": context.chosen ?? "", "rejected": context.rejected ?? ""]))], context, &exchanges)
        let line = verdict.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let passed = line.uppercased().hasPrefix("PASS")

        let pair = PreferencePair(spec: spec.id, specRevision: instantiation.specRevision, instantiation: instantiationName,
                                  rules: [target.id], prompt: prompt, chosen: context.chosen ?? "", rejected: context.rejected ?? "",
                                  strategy: strategy.rawValue,
                                  provenance: Provenance(generator: provider.name, model: provider.model, seed: "\(seed)#\(index)",
                                                         createdAt: Self.now(), templates: templates.fingerprints,
                                                         judge: line.isEmpty ? "FAIL: the judge said nothing" : line,
                                                         exchanges: exchanges.isEmpty ? nil : exchanges))
        _ = random.next()
        return GeneratedPair(index: index, pair: pair, passed: passed, verdict: line)
    }

    private func ask(_ role: AgentRole, _ messages: [ChatMessage], _ context: ProbeContext, _ exchanges: inout [Exchange]) async throws -> String {
        try Task.checkCancellation()
        let (text, exchange) = try await provider.complete(messages, role: role, context: context)
        if let exchange { exchanges.append(exchange) }
        return text
    }

    private func oneLine(_ text: String) -> String { text.split(separator: "\n").joined(separator: " ") }

    /// The rules pairs probe: those the instance's text states. A bare behaviour whose
    /// direction is not annotated is left out of that text, so nothing can be said about
    /// which answer follows it.
    var probed: [InstantiatedRule] { instantiation.rules.filter { instantiation.statement($0) != nil } }

    /// A rule as every agent reads it: stated with its direction, as the defender's system
    /// prompt states it ("Never …" for what it prohibits).
    private func stated(_ rule: InstantiatedRule) -> String { instantiation.statement(rule) ?? oneLine(rule.text) }

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

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
