/// Items numbered 0, 1, 2… that finish in any order, handed on in number order: what
/// makes a run's kept pairs and documents the same whatever the concurrency. Not
/// thread-safe; its owner holds a lock.
struct InOrderQueue<Element> {
    private var early: [Int: Element] = [:]
    private var next = 0

    /// Takes item `index`; returns the items now ready, in number order.
    mutating func add(_ element: Element, at index: Int) -> [Element] {
        early[index] = element
        var ready: [Element] = []
        while let item = early.removeValue(forKey: next) {
            next += 1
            ready.append(item)
        }
        return ready
    }

    /// The items still waiting for an earlier one that never came (a stopped or failed
    /// run), in number order; the queue is empty after.
    mutating func drain() -> [Element] {
        defer { early = [:] }
        return early.keys.sorted().compactMap { early[$0] }
    }
}
