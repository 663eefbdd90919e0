import Foundation
import TenetSpec
import TenetStore

/// One document out of the loop, and whether it passed the gates.
public struct GeneratedDocument: Sendable {
    /// Its number in the run (0-based): its seed comes from it.
    public var index: Int
    /// The plan item it was written for (``DocumentGenerator/plan``).
    public var item: Int
    public var document: MidtrainDocument
    public var passed: Bool
    public var checks: [DocumentCheck]
    /// Its MinHash signature, for the near-duplicate check.
    public var signature: [UInt64]

    public var failure: DocumentCheck.Gate? { checks.firstFailure?.gate }
    /// A document that is not text (a control character) is a failed generation, never
    /// stored, even by a run that keeps failed documents as flagged.
    public var storable: Bool { failure != .wellFormed }
}

/// Numbers handed out one at a time, thread-safe.
final class AttemptCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int
    private let end: Int
    init(start: Int, end: Int) {
        value = start
        self.end = end
    }
    func next() -> Int? {
        lock.withLock {
            guard value < end else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

/// A rule a document run leaves out, and why.
public struct SkippedDocumentRule: Sendable, Equatable {
    public enum Reason: String, Sendable, CaseIterable {
        /// The offline provider writes only the spec's words: without a rationale no
        /// document could state the reason.
        case noRationale = "no rationale"
        /// A bare behaviour whose direction is not annotated: nothing says whether it is
        /// required or forbidden.
        case noDirection = "no direction"

        public var remedy: String {
            switch self {
            case .noRationale: return "tenet rule set RULE --rationale \"…\", or generate with a model"
            case .noDirection: return "tenet rule set RULE --direction require|prohibit"
            }
        }
    }

    public var id: String
    public var reason: Reason

    /// `2 rules skipped — no rationale: a, b (…)`; `nil` when none was.
    public static func summary(_ skipped: [SkippedDocumentRule], shown: Int = 4) -> String? {
        guard !skipped.isEmpty else { return nil }
        let parts = Reason.allCases.compactMap { reason -> String? in
            let ids = skipped.filter { $0.reason == reason }.map(\.id)
            guard !ids.isEmpty else { return nil }
            return "\(reason.rawValue): " + ids.prefix(shown).joined(separator: ", ")
                + (ids.count > shown ? " and \(ids.count - shown) more" : "") + " (\(reason.remedy))"
        }
        return "\(skipped.count) rule\(skipped.count == 1 ? "" : "s") skipped — " + parts.joined(separator: "; ")
    }
}

/// The document loop: for each planned document (``DocumentPlan``) the idea writer
/// proposes an angle, the document writer writes it, Tenet's gates (``DocumentGates``)
/// read the text and, when they pass, the critic reads it against the rule
/// (``CriticReply``). Documents run concurrently up to a bound, each from its own seed
/// (``PairSeed``), so a run does not depend on the order they finish in.
public struct DocumentGenerator: Sendable {
    public let provider: any DocumentProvider
    public let spec: Spec
    public let specRevision: Int
    public let instantiation: String?
    public let seed: UInt64
    public let plan: [DocumentPlan.Item]
    public let skipped: [SkippedDocumentRule]
    let rules: [String: (rule: Rule, statement: String, gates: DocumentGates, values: [String: String])]
    let types: [String: DocumentType]
    let templates: [DocumentRole: String]
    let fingerprints: [String: String]

    /// `ruleIDs`: the rules to write about (an instantiation's), else every rule of the spec.
    public init(provider: any DocumentProvider, spec: Spec, specRevision: Int, ruleIDs: [String]? = nil, instantiation: String? = nil,
                types: [DocumentType], typesFingerprint: String, templates overrides: String?, count: Int, seed: UInt64) throws(SynthError) {
        self.provider = provider
        self.spec = spec
        self.specRevision = specRevision
        self.instantiation = instantiation
        self.seed = seed
        var texts: [DocumentRole: String] = [:]
        var fingerprints: [String: String] = ["doc-types": typesFingerprint]
        for role in DocumentRole.allCases {
            let file = try TemplateFile.load(role.template, overrides: overrides)
            texts[role] = file.text
            fingerprints[role.template] = TemplateFile.fingerprint(file.text, origin: file.origin)
        }
        templates = texts
        self.fingerprints = fingerprints
        self.types = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var usable: [String: (Rule, String, DocumentGates)] = [:]
        var candidates: [DocumentPlan.Candidate] = []
        var skipped: [SkippedDocumentRule] = []
        let wanted = ruleIDs.map(Set.init)
        for rule in spec.rules where wanted?.contains(rule.id) ?? true {
            // Links read as plain text, as in instance text: a pretraining document has no
            // spec around it for `#travel.entry-requirements` to point into.
            guard let statement = RuleStatement.stated(rule.text, direction: rule.direction, leadIn: rule.leadIn,
                                                       authored: spec.dialect != .prose).map(PlainLinks.plain) else {
                skipped.append(SkippedDocumentRule(id: rule.id, reason: .noDirection))
                continue
            }
            if provider.writesFromSpec && (rule.rationale ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                skipped.append(SkippedDocumentRule(id: rule.id, reason: .noRationale))
                continue
            }
            usable[rule.id] = (rule, statement, DocumentGates(rule: rule, statement: statement))
            candidates.append(DocumentPlan.Candidate(id: rule.id, priority: rule.priority))
        }
        // What every template may say of a rule is the same for all its documents: made once.
        rules = usable.mapValues { (rule: $0.0, statement: $0.1, gates: $0.2, values: Self.values($0.0, statement: $0.1)) }
        self.skipped = skipped
        plan = DocumentPlan.make(rules: candidates, types: types.map(\.name), count: count, seed: seed)
        guard !plan.isEmpty else {
            let reasons = Set(skipped.map(\.reason))
            throw SynthError(message: reasons.contains(.noRationale)
                ? "no rule can be written about by the \(provider.name) provider: it writes only the spec's own words, and a document must state why its rule matters; give rules a rationale (tenet midtrain check lists them with the command), or generate with a model (--provider openai)"
                : "no rule to write about: \(spec.rules.isEmpty ? "the spec has no rules" : "annotate the rules' directions (tenet rule set RULE --direction require|prohibit)")")
        }
    }

    /// Writes documents at most `concurrency` at a time, each for the plan item `next()`
    /// gives (`nil`: none now — the run ends when none is running either), numbered from 0
    /// up to `attempts`, handing each to `deliver`. A dropped document's item can come back
    /// from `next()`, so a rule keeps its place in the plan. Cancelling the task stops it
    /// without error; a provider error ends it and is thrown.
    public func run(attempts: Int, concurrency: Int, next: @escaping @Sendable () -> Int?,
                    deliver: @Sendable (GeneratedDocument) async -> Void) async throws {
        try await withThrowingTaskGroup(of: GeneratedDocument?.self) { group in
            var attempt = 0, running = 0
            func fill() {
                while running < max(1, concurrency), attempt < attempts, let item = next() {
                    let index = attempt
                    attempt += 1
                    running += 1
                    group.addTask { Task.isCancelled ? nil : try await self.document(index, item: item) }
                }
            }
            fill()
            while let result = try await group.next() {
                running -= 1
                if let result { await deliver(result) }
                if Task.isCancelled { group.cancelAll(); continue }
                fill()
            }
        }
    }

    /// Makes documents `range`, attempt `i` writing plan item `i % plan.count` (a benchmark's
    /// or a test's plain sequence).
    public func run(_ range: Range<Int>, concurrency: Int, deliver: @Sendable (GeneratedDocument) async -> Void) async throws {
        let counter = AttemptCounter(start: range.lowerBound, end: range.upperBound)
        let count = plan.count
        try await run(attempts: range.count, concurrency: concurrency, next: { counter.next().map { $0 % count } }, deliver: deliver)
    }

    /// Document number `index`.
    public func document(_ index: Int, item number: Int) async throws -> GeneratedDocument {
        let item = plan[number % plan.count]
        guard let entry = rules[item.rule], let type = types[item.type] else {
            throw SynthError(message: "the plan names \(item.rule) as \(item.type), which this run does not have")
        }
        let documentSeed = PairSeed.of(run: seed, index: index)
        var context = DocumentContext(rule: entry.rule, statement: entry.statement, type: type, seed: documentSeed)
        var exchanges: [Exchange] = []
        var values = entry.values
        values["type"] = type.name
        values["type_guidance"] = type.guidance

        let idea = try await ask(.ideator, values, context, &exchanges).trimmingCharacters(in: .whitespacesAndNewlines)
        context.idea = idea
        values["idea"] = idea
        let text = try await ask(.writer, values, context, &exchanges).trimmingCharacters(in: .whitespacesAndNewlines)
        context.document = text
        values["document"] = text

        var checks = entry.gates.check(text, idea: idea)
        if checks.firstFailure == nil {
            checks += CriticReply.checks(try await ask(.critic, values, context, &exchanges))
        }
        let document = MidtrainDocument(spec: spec.id, specRevision: specRevision, instantiation: instantiation, rules: [entry.rule.id],
                                        type: type.name, idea: idea, text: text,
                                        provenance: DocumentProvenance(generator: provider.name, model: provider.model, seed: "\(seed)#\(index)",
                                                                       createdAt: Timestamp.now(), templates: fingerprints, critic: checks.verdict,
                                                                       checks: checks, exchanges: exchanges.isEmpty ? nil : exchanges))
        return GeneratedDocument(index: index, item: number % plan.count, document: document, passed: checks.firstFailure == nil, checks: checks,
                                 signature: MinHash.signature(text))
    }

    private func ask(_ role: DocumentRole, _ values: [String: String], _ context: DocumentContext, _ exchanges: inout [Exchange]) async throws -> String {
        try Task.checkCancellation()
        let prompt = TemplateFile.fill(templates[role] ?? "", values)
        let (text, exchange) = try await provider.complete(prompt, role: role, context: context)
        if let exchange { exchanges.append(exchange) }
        return text
    }

    /// The `{{name}}` values of a rule every role's template may use (the type's are added per document).
    static func values(_ rule: Rule, statement: String) -> [String: String] {
        let examples = rule.examples.prefix(6).map { example in
            "\(example.verdict.rawValue): " + example.turns.map { "\($0.role): \(OfflineDocumentProvider.oneLine($0.content))" }.joined(separator: " / ")
                + (example.reason.map { " — " + OfflineDocumentProvider.oneLine($0) } ?? "")
        }.joined(separator: "\n")
        let direction: String
        switch rule.direction {
        case .prohibit?: direction = "This rule PROHIBITS a behaviour: the document must present it as something the assistant does not do."
        case .require?: direction = "This rule REQUIRES a behaviour: the document must present it as something the assistant does."
        case nil: direction = "This rule's direction is not annotated: its own words say what it requires or forbids."
        }
        return [
            "rule_id": rule.id, "rule_kind": rule.kind.rawValue,
            "rule_direction_word": rule.direction.map { $0 == .prohibit ? "prohibits" : "requires" } ?? "direction not annotated",
            "rule_text": statement, "rule_direction": direction, "rule_title": rule.title,
            "rationale": rule.rationale ?? "(none given)", "scope": rule.scope ?? "(not stated)",
            "exceptions": rule.exceptions.isEmpty ? "(none)" : rule.exceptions.joined(separator: "; "),
            "examples": examples.isEmpty ? "(none)" : examples, "length": "about 300 to 700 words",
        ]
    }
}
