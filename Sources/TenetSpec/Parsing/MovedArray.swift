/// Arrays made in the prose reader's hot paths without `Array(unsafeUninitializedCapacity:)`.
/// That initializer allocates through a standard-library function that is not specialized
/// for the element type: it looks the array's storage type up at run time on every call
/// (about 700 instructions, more than moving the words of a sentence), and the prose reader
/// made three such arrays for each sentence. Reserving the capacity and appending is
/// specialized, and its storage type is looked up once.
enum MovedArray {
    /// The `count` elements at `source` moved into a new array, in order; `source` is left
    /// uninitialized. Moved, not copied: no retain and no release of an element.
    @inline(__always)
    static func moving<Element>(from source: UnsafeMutablePointer<Element>, count: Int) -> [Element] {
        var array: [Element] = []
        array.reserveCapacity(count)
        for k in 0..<count { array.append((source + k).move()) }
        return array
    }
}
