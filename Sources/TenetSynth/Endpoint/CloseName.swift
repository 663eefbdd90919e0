/// The known name a mistyped one most likely meant, for "did you mean …?" in messages.
enum CloseName {
    /// `" (did you mean defender?)"`, or nothing when no name is close: within an edit
    /// distance of a third of the word (at least 1), or starting with it (3 letters or more).
    static func hint(_ word: String, in names: [String]) -> String {
        guard let match = closest(word, in: names) else { return "" }
        return " (did you mean \(match)?)"
    }

    static func closest(_ word: String, in names: [String]) -> String? {
        let word = word.lowercased()
        guard !word.isEmpty, word.count <= 64 else { return nil }
        let scored = names.map { (name: $0, distance: distance(word, $0.lowercased())) }
        if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= max(1, word.count / 3) {
            return best.name
        }
        guard word.count >= 3 else { return nil }
        return names.first { $0.lowercased().hasPrefix(word) }
    }

    /// Levenshtein distance by characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
