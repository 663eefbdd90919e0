extension ParallelMap {
    /// `items.map(transform)`, spread over the cores in contiguous slices of about equal
    /// total `weight` (an item's expected cost, e.g. its lines), when there is at least
    /// `minimumWeightPerSlice` of it per slice; light inputs run on the calling thread.
    ///
    /// For work whose items differ greatly in size: a spec of a hundred rules with four
    /// hundred examples each is as much work as one of forty thousand small rules, and a
    /// count of items alone would leave it on one core.
    static func map<T: Sendable, R: Sendable>(_ items: [T], weight: (T) -> Int, minimumWeightPerSlice: Int,
                                              _ transform: @Sendable (T) -> R) -> [R] {
        guard cores > 1 else { return items.map(transform) }
        let bounds = sliceBounds(items.map { max(1, weight($0)) }, slices: cores * slicesPerCore,
                                 minimumWeightPerSlice: minimumWeightPerSlice)
        guard bounds.count > 2 else { return items.map(transform) }
        return map(items, bounds: bounds, transform)
    }

    /// As ``map(_:weight:minimumWeightPerSlice:_:)``, for a `transform` that returns a pair:
    /// its halves in two arrays, each moved (not copied) into its array.
    static func map<T: Sendable, R: Sendable, S: Sendable>(_ items: [T], weight: (T) -> Int, minimumWeightPerSlice: Int,
                                                          _ transform: @Sendable (T) -> (R, S)) -> ([R], [S]) {
        let bounds = cores > 1 ? sliceBounds(items.map { max(1, weight($0)) }, slices: cores * slicesPerCore,
                                             minimumWeightPerSlice: minimumWeightPerSlice) : []
        guard bounds.count > 2 else {
            var first: [R] = [], second: [S] = []
            first.reserveCapacity(items.count)
            second.reserveCapacity(items.count)
            for item in items {
                let (r, s) = transform(item)
                first.append(r)
                second.append(s)
            }
            return (first, second)
        }
        return map(items, bounds: bounds, transform)
    }

    /// Cut points `0 = b[0] < b[1] < … < b[n] = weights.count` of at most `slices` slices,
    /// each cut where the running total first reaches its share of the whole; fewer slices
    /// when the whole is light. Empty slices are dropped.
    static func sliceBounds(_ weights: [Int], slices: Int, minimumWeightPerSlice: Int) -> [Int] {
        let total = weights.reduce(0, +)
        let count = min(slices, weights.count, total / max(1, minimumWeightPerSlice))
        guard count > 1 else { return [0, weights.count] }
        var bounds = [0]
        var running = 0
        for (k, w) in weights.enumerated() {
            running += w
            let share = total * bounds.count / count
            if running >= share, k + 1 < weights.count, bounds.count < count { bounds.append(k + 1) }
        }
        bounds.append(weights.count)
        return bounds
    }
}
