/// Finds the pairs of rules, one old and one new, whose words overlap by at least a
/// threshold (Jaccard: shared words over all their words), for ``RuleMatcher``'s last step.
///
/// Exact up to a bound on work, and linear in the rules: each rule's words are numbered
/// rarest first (by how many rules use them), and two rules whose overlap reaches `t`
/// must share a word among the first `n − ⌈t·n⌉ + 1` of either's `n` words (prefix
/// filtering). Only those first words are indexed and looked up, so a word most rules use
/// is rarely looked at. A new rule then reads at most ``candidateBudget`` entries of the
/// index, rarest words first and, within a word, the old rules nearest its own place
/// first: rules that share only words common to thousands of rules
/// (`{a, b, xᵢ}` against `{a, b, yⱼ}`) cannot make the work grow with the square of the
/// spec.
struct SimilarWording {
    /// Index entries a new rule reads at most (the old rules it is compared with).
    static let candidateBudget = 256
    /// The best-scoring old rules kept for each new rule, for the matcher to choose from.
    static let keptPerRule = 8

    struct Pair: Sendable {
        var score: Double
        var old: Int
        var new: Int
    }

    /// Each rule's index and word numbers, sorted: lower numbers are rarer words.
    private let old: [(index: Int, words: [Int32])]
    private let new: [(index: Int, words: [Int32])]

    /// Numbers the words of the `old` and `new` rules given by index.
    init(old: [(index: Int, words: [String])], new: [(index: Int, words: [String])]) {
        var number: [String: Int32] = [:]
        var uses: [Int] = []
        func numbered(_ words: [String]) -> [Int32] {
            var seen = Set<Int32>()
            var result: [Int32] = []
            for word in words {
                let id: Int32
                if let known = number[word] { id = known } else {
                    id = Int32(uses.count)
                    number[word] = id
                    uses.append(0)
                }
                if seen.insert(id).inserted {
                    result.append(id)
                    uses[Int(id)] += 1
                }
            }
            return result
        }
        let oldNumbered = old.map { ($0.index, numbered($0.words)) }
        let newNumbered = new.map { ($0.index, numbered($0.words)) }
        // Rank words by how many rules use them, rarest first; ties by first appearance.
        let order = uses.indices.sorted { (uses[$0], $0) < (uses[$1], $1) }
        var rank = [Int32](repeating: 0, count: uses.count)
        for (position, word) in order.enumerated() { rank[word] = Int32(position) }
        func ranked(_ words: [Int32]) -> [Int32] { words.map { rank[Int($0)] }.sorted() }
        self.old = oldNumbered.map { (index: $0.0, words: ranked($0.1)) }
        self.new = newNumbered.map { (index: $0.0, words: ranked($0.1)) }
    }

    /// How many of a rule's first (rarest) words a match at `threshold` must share in.
    static func prefixLength(_ count: Int, threshold: Double) -> Int {
        count - Int((threshold * Double(count)).rounded(.up)) + 1
    }

    /// The old–new pairs whose overlap is at least `threshold`: for each new rule, the
    /// ``keptPerRule`` best among the ``candidateBudget`` old rules it is compared with (of
    /// equal scores, those nearest its own place among the rules).
    func pairs(threshold: Double) -> [Pair] {
        // The old rules (positions in `old`) by the words of their prefixes.
        var index: [Int32: [Int]] = [:]
        for (position, rule) in old.enumerated() {
            for word in rule.words.prefix(Self.prefixLength(rule.words.count, threshold: threshold)) {
                index[word, default: []].append(position)
            }
        }
        var pairs: [Pair] = []
        var lastSeenBy = [Int](repeating: -1, count: old.count)
        var mineScored: [(pair: Pair, distance: Int)] = []
        for (position, (newIndex, mine)) in new.enumerated() where !mine.isEmpty {
            var budget = Self.candidateBudget
            mineScored.removeAll(keepingCapacity: true)
            let target = position * old.count / new.count
            probe: for word in mine.prefix(Self.prefixLength(mine.count, threshold: threshold)) {
                guard let candidates = index[word] else { continue }
                for candidate in NearestFirst(candidates, to: target) {
                    if budget == 0 { break probe }
                    budget -= 1
                    guard lastSeenBy[candidate] != position else { continue }
                    lastSeenBy[candidate] = position
                    let theirs = old[candidate].words
                    // Too short or too long to overlap enough.
                    let (small, large) = (min(mine.count, theirs.count), max(mine.count, theirs.count))
                    guard Double(small) >= threshold * Double(large) else { continue }
                    let shared = Self.sharedCount(mine, theirs)
                    let score = Double(shared) / Double(mine.count + theirs.count - shared)
                    if score >= threshold {
                        mineScored.append((Pair(score: score, old: old[candidate].index, new: newIndex), abs(candidate - target)))
                    }
                }
            }
            if mineScored.count > Self.keptPerRule {
                // Best first; of equals, the nearest the new rule's place.
                mineScored.sort { ($0.pair.score, -$0.distance, -$0.pair.old) > ($1.pair.score, -$1.distance, -$1.pair.old) }
                mineScored.removeSubrange(Self.keptPerRule...)
            }
            pairs.append(contentsOf: mineScored.map(\.pair))
        }
        return pairs
    }

    /// The `positions` (sorted) from the one nearest `target` outwards, alternately after and
    /// before it: a rule most often keeps its place among the others, so when a common word
    /// gives more candidates than the budget, those read first are the likeliest.
    struct NearestFirst: Sequence, IteratorProtocol {
        let positions: [Int]
        let target: Int
        private var after: Int
        private var before: Int

        init(_ positions: [Int], to target: Int) {
            var (low, high) = (0, positions.count)
            while low < high {
                let middle = (low + high) / 2
                if positions[middle] < target { low = middle + 1 } else { high = middle }
            }
            (self.positions, self.target, after, before) = (positions, target, low, low - 1)
        }

        mutating func next() -> Int? {
            if after < positions.count && (before < 0 || positions[after] - target <= target - positions[before]) {
                after += 1
                return positions[after - 1]
            }
            guard before >= 0 else { return nil }
            before -= 1
            return positions[before + 1]
        }
    }

    /// Words two sorted, duplicate-free lists share.
    static func sharedCount(_ a: [Int32], _ b: [Int32]) -> Int {
        var (i, j, shared) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return shared
    }
}
