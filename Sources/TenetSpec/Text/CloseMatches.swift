/// Words that look like a misspelling of another: for "did you mean …?" hints, in the
/// workbench's config files and in the checks of what people type (an example's roles and
/// rule IDs).
public enum CloseMatches {
    /// The `candidates` that look like a misspelling of `word`, best first: those at the
    /// smallest edit distance (at most a third of the word), or else those it is a prefix of.
    public static func of(_ word: String, in candidates: [String]) -> [String] {
        let word = word.lowercased()
        guard !word.isEmpty, word.count <= 64 else { return [] }
        let scored = candidates.map { (distance: editDistance(word, $0.lowercased()), name: $0) }
        let best = scored.map(\.distance).min() ?? Int.max
        if best <= max(1, word.count / 3) {
            return scored.filter { $0.distance == best }.map(\.name).sorted().prefix(3).map { $0 }
        }
        guard word.count >= 3 else { return [] }
        return scored.filter { $0.name.lowercased().hasPrefix(word) }.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .prefix(3).map(\.name)
    }

    /// Edit distance between two strings, by characters: insertions, deletions,
    /// substitutions and swaps of neighbours (`blod` → `bold`) each count 1.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], twoBack[j - 2] + 1)
                }
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count]
    }
}
