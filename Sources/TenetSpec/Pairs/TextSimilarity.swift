/// How alike two answers are, for the gates that catch degenerate pairs.
///
/// Texts are compared as words: split on ASCII spaces and punctuation, ASCII letters
/// lower-cased (so case, spacing and punctuation never count; letters outside ASCII are
/// kept as they are, inside their words). Each word is kept as a 64-bit FNV-1a hash of its
/// bytes. The similarity is one minus the word-level edit distance over the longer text's
/// length; two answers are *near-identical* at or above ``nearIdenticalThreshold`` (0.95:
/// at most one word in twenty inserted, removed or changed). A minimal pair — the same
/// helpful answer, once with a harmful paragraph added — stays well below it, and is good
/// training data.
///
/// Cost is bounded whatever the length: only distances up to the threshold's are computed
/// (a band around the diagonal), so two 10,000-word answers cost about a million steps.
public enum TextSimilarity {
    /// At or above this similarity two answers are near-identical.
    public static let nearIdenticalThreshold = 0.95

    /// A text's words, normalised and hashed.
    public static func words(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        for byte in text.utf8 {
            let lower: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): lower = byte | 0x20
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: lower = byte
            default:
                if inWord { out.append(hash) }
                inWord = false
                hash = 0xcbf2_9ce4_8422_2325
                continue
            }
            inWord = true
            hash = (hash ^ UInt64(lower)) &* 0x0000_0100_0000_01B3
        }
        if inWord { out.append(hash) }
        return out
    }

    /// The texts are the same words in the same order. Compares the words' bytes as it
    /// goes, without splitting either text first: every imported line asks this.
    public static func sameWords(_ a: String, _ b: String) -> Bool {
        var x = WordBytes(a.utf8.makeIterator()), y = WordBytes(b.utf8.makeIterator())
        while true {
            let p = x.next()
            guard p == y.next() else { return false }
            if p == nil { return true }
        }
    }

    /// A text's words as ``words(_:)`` splits them, as bytes: letters lower-cased, one
    /// space between words, none before the first or after the last.
    private struct WordBytes {
        var base: String.UTF8View.Iterator
        var started = false, gap = false
        var pending: UInt8?

        init(_ base: String.UTF8View.Iterator) { self.base = base }

        mutating func next() -> UInt8? {
            if let byte = pending { pending = nil; return byte }
            while let byte = base.next() {
                let lower: UInt8
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): lower = byte | 0x20
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: lower = byte
                default: gap = true; continue
                }
                defer { gap = false; started = true }
                if gap && started { pending = lower; return 0x20 }
                return lower
            }
            return nil
        }
    }

    /// The similarity (0…1) when it is at least `floor`; `nil` below it (not computed
    /// exactly, which is what keeps the cost bounded).
    public static func similarity(_ a: String, _ b: String, atLeast floor: Double = nearIdenticalThreshold) -> Double? {
        similarity(words(a), words(b), atLeast: floor)
    }

    /// The same, on texts already split into words.
    public static func similarity(_ x: [UInt64], _ y: [UInt64], atLeast floor: Double = nearIdenticalThreshold) -> Double? {
        let longest = max(x.count, y.count)
        guard longest > 0 else { return 1 }
        let limit = Int((1 - floor) * Double(longest))
        guard let distance = boundedDistance(x, y, limit: limit) else { return nil }
        return 1 - Double(distance) / Double(longest)
    }

    /// Answers this alike are near-identical.
    public static func nearIdentical(_ a: String, _ b: String) -> Bool { similarity(a, b) != nil }

    /// The edit distance between two word lists when it is at most `limit`, else `nil`:
    /// only cells within `limit` of the diagonal are filled.
    static func boundedDistance<Word: Equatable>(_ x: [Word], _ y: [Word], limit: Int) -> Int? {
        guard abs(x.count - y.count) <= limit else { return nil }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        let outside = limit + 1
        var previous = [Int](repeating: outside, count: y.count + 2)
        var current = previous
        for j in 0...min(y.count, limit) { previous[j] = j }
        for i in 1...x.count {
            // Row i's band: columns within `limit` of the diagonal. The cells just outside
            // it on either side read as "too far".
            let low = max(1, i - limit), high = min(y.count, i + limit)
            current[low - 1] = low == 1 && i <= limit ? i : outside
            current[high + 1] = outside
            var best = current[low - 1]
            for j in low...high {
                let substitute = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(substitute, previous[j] + 1, current[j - 1] + 1, outside)
                best = min(best, current[j])
            }
            guard best <= limit else { return nil }
            swap(&previous, &current)
        }
        return previous[y.count] <= limit ? previous[y.count] : nil
    }
}
