/// A line-by-line difference between two texts: the standard library's
/// `difference(from:)` (Myers's algorithm, a shortest edit script) on the lines that differ.
public enum LineDiff {
    public enum Line: Sendable, Equatable {
        case same(String), removed(String), added(String)
    }

    /// The most edits (lines removed plus lines added) a comparison may need: Myers's
    /// algorithm takes time in (lines × edits) and memory in edits², so two texts that
    /// share almost nothing are shown without a diff instead.
    static let editLimit = 1_000

    /// The lines of `new` against `old`, removed lines before added ones within a change;
    /// `nil` when more than ``editLimit`` lines would have to change.
    public static func lines(_ old: String, _ new: String) -> [Line]? {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Common first and last lines need no search: most edits touch a few lines.
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let oldMiddle = a[head..<(a.count - tail)], newMiddle = b[head..<(b.count - tail)]
        guard editsNeeded(oldMiddle, newMiddle) <= editLimit else { return nil }

        var removed = Set<Int>(), inserted = Set<Int>()
        for change in newMiddle.difference(from: oldMiddle) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var out = a[..<head].map(Line.same)
        var i = 0, j = 0
        while i < oldMiddle.count || j < newMiddle.count {
            if removed.contains(i) {
                out.append(.removed(a[head + i])); i += 1
            } else if inserted.contains(j) {
                out.append(.added(b[head + j])); j += 1
            } else {
                out.append(.same(a[head + i])); i += 1; j += 1
            }
        }
        out += a[(a.count - tail)...].map(Line.same)
        return out
    }

    /// An upper bound on the edits between `a` and `b`, in linear time: what is left after
    /// keeping the lines a greedy in-order match finds common (the better of both directions,
    /// the second only when the first is over the limit). It is exact for a run of changed
    /// lines. When the lengths alone differ by more than ``editLimit``, that difference.
    static func editsNeeded(_ a: ArraySlice<String>, _ b: ArraySlice<String>) -> Int {
        if a.count + b.count <= editLimit { return a.count + b.count }
        if abs(a.count - b.count) > editLimit { return abs(a.count - b.count) }
        let forward = a.count + b.count - 2 * greedyCommon(a, b)
        if forward <= editLimit { return forward }
        return min(forward, a.count + b.count - 2 * greedyCommon(b, a))
    }

    /// The length of a common subsequence found by matching each line of `a`, in order, to
    /// its next occurrence in `b`.
    private static func greedyCommon(_ a: ArraySlice<String>, _ b: ArraySlice<String>) -> Int {
        var positions: [String: [Int]] = [:]
        for (k, line) in b.enumerated() { positions[line, default: []].append(k) }
        var next: [String: Int] = [:]   // per line: index into its positions not yet passed
        var j = 0, common = 0
        for line in a {
            guard let places = positions[line] else { continue }
            var p = next[line] ?? 0
            while p < places.count, places[p] < j { p += 1 }
            next[line] = p
            guard p < places.count else { continue }
            common += 1
            j = places[p] + 1
            next[line] = p + 1
        }
        return common
    }
}
