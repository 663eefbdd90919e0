import TenetSpec

/// One request from a rule's boundary examples with the spec's own answers to it: what the
/// offline provider builds a pair from, so that a pair never mixes two examples and keeps
/// the whole conversation.
///
/// Examples are grouped by their `<comparison>` when they come from one (the Model Spec's
/// GOOD and BAD answers to one prompt), else by the conversation before the answer, so
/// that GOOD and BAD answers to the same request meet in one case.
public struct BoundaryCase: Sendable, Equatable {
    /// The conversation before the request (system turns, earlier exchanges), kept whole.
    public var before: [Turn]
    /// The user's request the answers respond to.
    public var request: String
    /// The spec's compliant answers to it (GOOD examples).
    public var good: [String]
    /// The spec's violating answers to it (BAD examples).
    public var bad: [String]
    /// The source lines of the examples it came from.
    public var lines: [Int]

    /// A pair that probes a violation can be made: the spec gives a violating answer and
    /// a compliant one — its own, or, for a safety rule that prohibits, a plain refusal
    /// (which does none of what the rule forbids) against a BAD answer that does not
    /// itself refuse.
    public func probesViolation(of rule: InstantiatedRule) -> Bool {
        !bad.isEmpty && (!good.isEmpty || (Self.refusalComplies(with: rule) && !performing.isEmpty))
    }

    /// The BAD answers that do something rather than refuse.
    public var performing: [String] { bad.filter { !Refusal.refuses($0) } }

    /// The case is about over-refusal: its BAD answers all refuse a request it answers
    /// helpfully.
    public var showsOverRefusal: Bool { probesOverRefusal && !bad.isEmpty && performing.isEmpty }

    /// A pair against over-refusal can be made: the spec answers the request helpfully
    /// (a GOOD answer that is not itself a refusal), so refusing it is over-cautious.
    public var probesOverRefusal: Bool { good.contains { !Refusal.refuses($0) } }

    /// A refusal follows a safety rule that prohibits: it does none of the behaviour.
    static func refusalComplies(with rule: InstantiatedRule) -> Bool { rule.direction == .prohibit && rule.kind == .safety }

    /// The cases a rule's examples give, in source order; examples without a user request
    /// before their answer, or without a GOOD or BAD verdict, give none.
    public static func cases(from examples: [Example]) -> [BoundaryCase] {
        var cases: [BoundaryCase] = []
        var index: [String: Int] = [:]
        for example in examples where example.verdict == .good || example.verdict == .bad {
            guard let answer = example.turns.lastIndex(where: { $0.role == "assistant" }),
                  let request = example.turns[..<answer].lastIndex(where: { $0.role == "user" }) else { continue }
            let before = Array(example.turns[..<request])
            let key = example.comparison.map { "comparison \($0)" }
                ?? (before + [example.turns[request]]).map { "\($0.role)\u{1F}\($0.content)" }.joined(separator: "\u{1E}")
            let position: Int
            if let known = index[key] {
                position = known
            } else {
                position = cases.count
                index[key] = position
                cases.append(BoundaryCase(before: before, request: example.turns[request].content, good: [], bad: [], lines: []))
            }
            let text = example.turns[answer].content
            if example.verdict == .good { cases[position].good.append(text) } else { cases[position].bad.append(text) }
            cases[position].lines.append(example.line)
        }
        return cases
    }
}
