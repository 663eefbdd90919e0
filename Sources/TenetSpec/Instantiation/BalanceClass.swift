/// What the instance's balance asks of a rule: whether it is a safety rule, and its
/// direction. Every rule of a class costs the balance the same.
struct BalanceClass: Hashable {
    var safety: Bool
    var direction: Direction?

    static let all: [BalanceClass] = [false, true].flatMap { safety in
        [nil, Direction.require, .prohibit].map { BalanceClass(safety: safety, direction: $0) }
    }

    init(safety: Bool, direction: Direction?) {
        self.safety = safety
        self.direction = direction
    }

    init(_ rule: Rule) { self.init(safety: rule.kind == .safety, direction: rule.direction) }

    var index: Int { (safety ? 3 : 0) + (direction == nil ? 0 : direction == .require ? 1 : 2) }

    /// The rules of a pool not yet picked, by class, in pool order: counted, removed and
    /// the k-th of several classes found in logarithmic time (a Fenwick tree per class).
    struct Availability {
        private let pool: [Rule]
        private var trees: [[Int]]
        private var counts: [Int]
        private var positions: [String: [Int]] = [:]
        private var removed: [Bool]

        init(_ pool: [Rule]) {
            self.pool = pool
            trees = Array(repeating: Array(repeating: 0, count: pool.count + 1), count: 6)
            counts = Array(repeating: 0, count: 6)
            removed = Array(repeating: false, count: pool.count)
            for (k, rule) in pool.enumerated() {
                positions[rule.id, default: []].append(k)
                let c = BalanceClass(rule).index
                counts[c] += 1
                var i = k + 1
                while i <= pool.count { trees[c][i] += 1; i += i & -i }
            }
        }

        /// The rules not yet picked.
        var count: Int { counts.reduce(0, +) }

        func count(of kind: BalanceClass) -> Int { counts[kind.index] }

        /// Takes out every rule of the pool with this ID (one picked is every one picked).
        mutating func remove(id: String) {
            for k in positions[id] ?? [] where !removed[k] {
                removed[k] = true
                let c = BalanceClass(pool[k]).index
                counts[c] -= 1
                var i = k + 1
                while i <= pool.count { trees[c][i] -= 1; i += i & -i }
            }
        }

        /// The `k`-th (from 0) rule not yet picked of the `classes`, in pool order.
        func rule(at k: Int, among classes: [BalanceClass]) -> Rule {
            let chosen = classes.map(\.index)
            var position = 0, remaining = k + 1
            var step = 1
            while step * 2 <= pool.count { step *= 2 }
            while step > 0 {
                let next = position + step
                if next <= pool.count {
                    let here = chosen.reduce(0) { $0 + trees[$1][next] }
                    if here < remaining {
                        position = next
                        remaining -= here
                    }
                }
                step /= 2
            }
            return pool[position]
        }
    }
}
