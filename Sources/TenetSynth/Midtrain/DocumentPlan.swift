import Foundation
import TenetSpec

/// Which rule and which document type each document of a run is about: the planner.
///
/// Planning is done by Tenet, not by a model, because its promises must hold whatever a
/// model says: with `count` at least the number of rules, **every rule gets a document**;
/// the rest are shared out by priority (a rule's weight is 1 / priority, so priority 1
/// weighs twice priority 2; a rule with no priority weighs as priority 2), by largest
/// remainder; with fewer documents than rules, rules are drawn by the same weights without
/// replacement. Documents come in rounds — every planned rule once, then again — so a
/// stopped run has spread its documents over the rules. Each rule walks through the types
/// from its own starting point, so types spread over rules as well as within one. The seed
/// orders the rules; the same seed gives the same plan.
public enum DocumentPlan {
    /// One planned document.
    public struct Item: Sendable, Equatable {
        public var rule: String
        public var type: String
    }

    /// A rule as the planner weighs it.
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var priority: Int?
        public init(id: String, priority: Int?) {
            self.id = id
            self.priority = priority
        }
        var weight: Double { 1 / Double(max(1, priority ?? 2)) }
    }

    /// `count` items over `rules` and `types` (neither empty).
    public static func make(rules: [Candidate], types: [String], count: Int, seed: UInt64) -> [Item] {
        guard !rules.isEmpty, !types.isEmpty, count > 0 else { return [] }
        var random = SeededRandom(seed: seed ^ 0x6D69_6474_7261_696E)
        let order = random.shuffled(rules)
        var counts = [Int](repeating: 0, count: order.count)
        if count >= order.count {
            for i in counts.indices { counts[i] = 1 }
            let rest = count - order.count
            let total = order.reduce(0) { $0 + $1.weight }
            var remainders: [(Double, Int)] = []
            var given = 0
            for (i, rule) in order.enumerated() {
                let share = Double(rest) * rule.weight / total
                counts[i] += Int(share)
                given += Int(share)
                remainders.append((share - Double(Int(share)), i))
            }
            for (_, i) in remainders.sorted(by: { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }).prefix(rest - given) { counts[i] += 1 }
        } else {
            // Efraimidis–Spirakis: the `count` largest u^(1/w) are a weighted draw without replacement.
            let keys = order.map { rule -> Double in
                let u = max(Double(random.next() >> 11) / Double(1 << 53), 1e-12)
                return pow(u, 1 / rule.weight)
            }
            for i in keys.indices.sorted(by: { keys[$0] > keys[$1] }).prefix(count) { counts[i] = 1 }
        }
        var items: [Item] = []
        items.reserveCapacity(count)
        var round = 0
        while items.count < count {
            for (i, rule) in order.enumerated() where counts[i] > round {
                items.append(Item(rule: rule.id, type: types[(i + round) % types.count]))
            }
            round += 1
        }
        return items
    }
}

