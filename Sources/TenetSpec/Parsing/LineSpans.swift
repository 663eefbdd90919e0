/// Whether a line falls in any of a set of line spans (`first...last`), answered by a
/// binary search: a set of every line of every span was as large as the document when
/// its rules span all of it.
struct LineSpans {
    /// Span starts in order, and the furthest end among the spans that start at or before each.
    private let starts: [Int]
    private let reach: [Int]

    init(_ spans: [(first: Int, last: Int)]) {
        let sorted = spans.filter { $0.first <= $0.last }.sorted { $0.first < $1.first }
        starts = sorted.map(\.first)
        var furthest = Int.min
        reach = sorted.map { furthest = max(furthest, $0.last); return furthest }
    }

    func contains(_ line: Int) -> Bool {
        // The last span starting at or before `line`.
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= line { low = mid + 1 } else { high = mid }
        }
        return low > 0 && reach[low - 1] >= line
    }
}
